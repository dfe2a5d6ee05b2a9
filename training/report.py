"""Readable reports of the figures from :mod:`training.metrics`: markdown and a PNG."""

from __future__ import annotations

from pathlib import Path


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _classes(title: str, block: dict) -> list[str]:
    rows = [
        [label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", m["support"]]
        for label, m in block["per_class"].items()
    ]
    lines = [f"### {title}", "", f"macro-F1 **{block['macro_f1']:.3f}**, accuracy **{block['accuracy']:.3f}**", ""]
    lines += _table(["label", "precision", "recall", "F1", "support"], rows)
    labels = block["labels"]
    lines += ["", "Confusion matrix (rows gold, columns predicted):", ""]
    lines += _table(["gold \\ pred"] + labels, [[g] + row for g, row in zip(labels, block["confusion"])])
    return lines + [""]


def _reliability(title: str, outcome: str, cal: dict) -> list[str]:
    lines = [f"### {title}", "", f"Expected calibration error **{cal['ece']:.3f}**", ""]
    return lines + _table(
        ["probability bin", "texts", "mean probability", outcome],
        [[b["bin"], b["count"], f"{b['confidence']:.3f}", f"{b['accuracy']:.3f}"] for b in cal["table"]],
    )


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _by_domain(rows: list[dict]) -> list[str]:
    columns = [
        ("category accuracy", "category accuracy"),
        ("among gold + secondary", "predicted among gold + secondary"),
        ("anger macro-F1", "anger macro-F1"),
        ("furious recall", "recall of furious"),
        ("`none` flagged", "none flagged"),
        ("complaints flagged", "complaints flagged"),
    ]
    lines = ["### Figures by domain", "", "The largest domains, then the others together; n/a: no such text.", ""]
    return (
        lines
        + _table(
            ["domain", "texts", "complaints", "furious", "`none`"] + [title for title, _ in columns],
            [
                [row["domain"], row["texts"], row["complaints"], row["furious"], row["none"]]
                + [_figure(row["figures"][key]) for _, key in columns]
                for row in rows
            ],
        )
        + [""]
    )


def render_markdown(title: str, figures: dict) -> str:
    """The whole report as markdown."""
    review = figures["review"]
    lines = [f"# {title}", "", f"{figures['n']} texts, {figures['n_complaints']} complaints.", ""]
    if figures.get("headline"):
        lines += ["### Headline figures", "", "95 % interval: texts resampled with replacement (bootstrap).", ""]
        lines += _table(
            ["figure", "value", "95 % interval"],
            [
                [name, f"{h['value']:.3f}", f"{h['interval'][0]:.3f}-{h['interval'][1]:.3f}"]
                for name, h in figures["headline"].items()
            ],
        )
        lines += [""]
    if figures.get("known_ngrams"):
        shares = ", ".join(f"{block} n-grams {_figure(share)}" for block, share in figures["known_ngrams"].items())
        lines += [
            "### Vocabulary",
            "",
            f"Share of the texts' n-grams the model has a weight for: {shares}. On texts written like the corpus "
            "it is near the cross-validation report's share; far below it, the texts use words the corpus lacks.",
            "",
        ]
    if figures.get("by_domain"):
        lines += _by_domain(figures["by_domain"])
    lines += _classes("Category (complaints only)", figures["category"])
    lines += [f"Predicted category among gold category + secondary: **{_figure(figures['category_acceptable'])}**", ""]
    lines += _classes("Anger", figures["anger"])
    lines += [f"Recall of furious: **{figures['furious_recall']:.3f}**", "", "### Review flag", ""]
    lines += [
        f"Flagged when complaint probability < {review['complaint_threshold']:.2f} or "
        f"confidence < {review['review_threshold']:.2f}: `none` texts flagged {_figure(review['none_flagged'])}, "
        f"complaints flagged {_figure(review['complaints_flagged'])}",
        "",
    ]
    lines += _reliability(
        "Calibration of confidence (complaints: is the category right?)", "accuracy", figures["calibration"]
    )
    lines += [""] + _reliability(
        "Calibration of complaint probability (all texts: is it a complaint?)",
        "share of complaints",
        figures["complaint_calibration"],
    )
    errors = figures["confident_errors"]
    if errors:
        lines += ["", "### Most confident category errors (ids and labels only)", ""]
        lines += _table(
            ["id", "gold", "also", "predicted", "confidence"],
            [[e["id"], e["gold"], ",".join(e["also"]), e["predicted"], f"{e['confidence']:.3f}"] for e in errors],
        )
    return "\n".join(lines) + "\n"


def plot_confusion(figures: dict, path: Path) -> None:
    """Draw the category and anger confusion matrices side by side into a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    for ax, key in zip(axes, ("category", "anger")):
        block = figures[key]
        matrix, labels = block["confusion"], block["labels"]
        ax.imshow(matrix, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels, rotation=30)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(f"{key} (macro-F1 {block['macro_f1']:.3f})")
        peak = max(max(row) for row in matrix) or 1
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                ax.text(j, i, value, ha="center", va="center", color="white" if value > peak / 2 else "black")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(title: str, figures: dict, directory: Path, stem: str) -> tuple[Path, Path]:
    """Write ``<stem>.md`` and ``<stem>-confusion.png`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown, png = directory / f"{stem}.md", directory / f"{stem}-confusion.png"
    markdown.write_text(render_markdown(title, figures), encoding="utf-8")
    plot_confusion(figures, png)
    return markdown, png
