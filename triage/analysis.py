"""留档分析: the complaint mix over a time range, a Pareto chart of causes and a trend."""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime

from triage.labels import ANGER_LABELS


def summarize(rows: list[dict]) -> dict:
    """Counts by category, department, anger and day, and the Pareto table of categories."""
    by_category = Counter(r["category"] for r in rows)
    total = len(rows)
    pareto, running = [], 0
    for category, count in by_category.most_common():
        running += count
        pareto.append({"category": category, "count": count, "share": count / total, "cumulative": running / total})
    days = sorted({r["created_at"].date().isoformat() for r in rows})
    trend = {day: Counter(r["category"] for r in rows if r["created_at"].date().isoformat() == day) for day in days}
    return {
        "total": total,
        "by_category": dict(by_category),
        "by_department": dict(Counter(r["department"] for r in rows)),
        "by_anger": {ANGER_LABELS[k]: v for k, v in sorted(Counter(r["anger"] for r in rows).items())},
        "needs_review": sum(bool(r["needs_review"]) for r in rows),
        "pareto": pareto,
        "trend": {day: dict(counts) for day, counts in trend.items()},
    }


def _figure_bytes(fig, fmt: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def pareto_chart(summary: dict, fmt: str = "svg") -> bytes:
    """排列图: bars of complaint counts by category, largest first, with the cumulative share line."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    labels = [p["category"] for p in summary["pareto"]]
    ax.bar(labels, [p["count"] for p in summary["pareto"]], color="#3b7ddd")
    ax.set_ylabel("complaints")
    ax.set_title(f"Pareto of complaint categories (n={summary['total']})")
    line = ax.twinx()
    line.plot(labels, [100 * p["cumulative"] for p in summary["pareto"]], color="#d2342c", marker="o")
    line.axhline(80, color="#999", linestyle="--", linewidth=0.8)
    line.set_ylim(0, 105)
    line.set_ylabel("cumulative %")
    return _figure_bytes(fig, fmt)


def trend_chart(summary: dict, fmt: str = "svg") -> bytes:
    """Complaints per day and category."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    days = list(summary["trend"])
    for category in summary["by_category"]:
        ax.plot(days, [summary["trend"][d].get(category, 0) for d in days], marker="o", label=category)
    ax.set_ylabel("complaints per day")
    ax.set_title("Trend by category")
    ax.legend()
    fig.autofmt_xdate()
    return _figure_bytes(fig, fmt)


def markdown_table(summary: dict, since: datetime | None, until: datetime | None) -> str:
    """The summary as markdown tables."""
    span = f"{since.isoformat() if since else 'start'} to {until.isoformat() if until else 'now'}"
    lines = [
        f"# Complaint mix, {span}",
        "",
        f"{summary['total']} complaints, {summary['needs_review']} flagged for review.",
        "",
        "## Pareto of categories",
        "",
        "| category | count | share | cumulative |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {p['category']} | {p['count']} | {p['share']:.1%} | {p['cumulative']:.1%} |" for p in summary["pareto"]
    ]
    for title, key in (("Departments", "by_department"), ("Anger", "by_anger")):
        lines += ["", f"## {title}", "", "| | count |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in summary[key].items()]
    return "\n".join(lines) + "\n"
