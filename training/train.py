"""Train the triage model from the corpus, cross-validate it, and write model + card.

python -m training.train                      # data/corpus -> models/triage.pkl
python -m training.train --extra corrections.jsonl --out models/triage-v2.pkl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from collections import Counter
from dataclasses import replace
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from training.metrics import macro_f1, score
from training.report import render_markdown, write_report
from triage.corpus import Example, corpus_files, corpus_hash, read_corpus
from triage.cues import lexicon_files, read_lexicons
from triage.labels import ANGER_LABELS, CATEGORIES, CORPUS_CATEGORIES
from triage.linear import LinearModel
from triage.model import TriageModel
from triage.modelfile import DEFAULT_MODEL, card_path_for, save_model
from triage.routing import RoutingTable
from triage.tokenize import read_user_dict
from triage.triager import Triager

ROOT = Path(__file__).resolve().parent.parent
# Both probabilities are calibrated, so the thresholds are the plain decision rule: flag a text that is
# more likely not a complaint than a complaint, or whose kind is more likely wrong than right. (A cut chosen
# on cross-validation overfits our corpus, where complaints and non-complaints separate almost perfectly.)
REVIEW_THRESHOLD = 0.5
COMPLAINT_THRESHOLD = 0.5
# A complaint's secondary kinds are extra category rows at this weight (primary 1): measured in the README.
SECONDARY_WEIGHT = 0.2
MIN_FURIOUS_RECALL = 0.85  # an unescalated furious customer is the costliest mistake
# The modules that turn a text into features: a change to them changes what a model computes, so its version.
FEATURE_CODE = [
    ROOT / "triage" / f"{module}.py" for module in ("normalize", "docs", "tokenize", "wordmatch", "cues", "features")
]


def fit_model(examples: list[Example], seed: int) -> TriageModel:
    """Fit the four heads on ``examples`` with the project's dictionary and lexicons."""
    mentions = np.array([[int(c == e.category or c in e.also) for c in CATEGORIES] for e in examples])
    return TriageModel.fit(
        [e.text for e in examples],
        [e.category for e in examples],
        mentions,
        [e.anger for e in examples],
        user_words=read_user_dict(),
        lexicons=read_lexicons(),
        secondary_weight=SECONDARY_WEIGHT,
        seed=seed,
    )


def served(model: TriageModel, version: str, anger_cuts: tuple[float, float] | None = None) -> LinearModel:
    """The fitted model as it is saved and served, with the project's review and complaint thresholds."""
    return LinearModel.from_fitted(
        model,
        review_threshold=REVIEW_THRESHOLD,
        complaint_threshold=COMPLAINT_THRESHOLD,
        version=version,
        anger_cuts=anger_cuts,
    )


def cross_validate(examples: list[Example], folds: int, seed: int) -> tuple[list, dict[str, float]]:
    """Out-of-fold triage results for every example, from models that never saw it, and the mean share of the
    held-out texts' n-grams that their fold's model knows (per n-gram block)."""
    results: list = [None] * len(examples)
    known: list[dict] = []
    routing = RoutingTable.load()
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    strata = [f"{e.category}{e.anger}" for e in examples]
    for number, (train_idx, test_idx) in enumerate(splitter.split(examples, strata), 1):
        started = time.perf_counter()
        triager = Triager(served(fit_model([examples[i] for i in train_idx], seed), "cv"), routing)
        held_out = [examples[i].text for i in test_idx]
        fold_results = triager.triage_many(held_out)
        known.append(triager.model.features.known_share(triager.model.docs(held_out)))
        for i, result in zip(test_idx, fold_results):
            results[i] = result
        print(f"  fold {number}/{folds}: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return results, {block: float(np.mean([fold[block] for fold in known])) for block in known[0]}


def relevel_anger(results: list, cuts: tuple[float, float]) -> list:
    """The out-of-fold results with anger levels re-decided by ``cuts`` (as the final model will)."""
    relevelled = []
    for result in results:
        level = sum(result.anger.score >= cut for cut in cuts)
        anger = replace(result.anger, level=level, label=ANGER_LABELS[level])
        relevelled.append(replace(result, anger=anger))
    return relevelled


def model_version(
    model: TriageModel, anger_cuts: tuple[float, float] | None, data_hash: str, code_hash: str, seed: int
) -> str:
    """A version that changes when the data (corpus and lexicons), the feature code, the seed, the settings or the
    libraries change."""
    heads = (model.complaint, model.category, model.mentions, model.anger)
    settings = [repr(head.named_steps["clf"].get_params()) for head in heads]
    basis = json.dumps(
        [data_hash, code_hash, seed, COMPLAINT_THRESHOLD, anger_cuts, SECONDARY_WEIGHT, settings, library_versions()],
        default=str,
    )
    return "tm-" + hashlib.sha256(basis.encode()).hexdigest()[:10]


def choose_anger_cuts(examples: list[Example], results: list, min_furious_recall: float) -> tuple[float, float]:
    """Cuts on the anger score (expected level / 2) that maximise macro-F1 on out-of-fold results,
    among those that recall at least ``min_furious_recall`` of furious customers."""
    scores = np.array([r.anger.score for r in results])
    gold = np.array([e.anger for e in examples])
    best, best_f1 = (0.25, 0.75), -1.0
    grid = np.round(np.arange(0.05, 1.0, 0.025), 3)
    for low in grid:
        for high in grid[grid > low]:
            levels = (scores >= low).astype(int) + (scores >= high)
            if (levels[gold == 2] == 2).mean() < min_furious_recall:
                continue
            f1 = macro_f1(gold, levels, len(ANGER_LABELS))
            if f1 > best_f1 + 1e-9:
                best, best_f1 = (float(low), float(high)), f1
    return best


def display_path(path: Path) -> str:
    """A path relative to the repository when it lies inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def library_versions() -> dict:
    names = ("scikit-learn", "jieba", "numpy", "scipy", "joblib", "zhconv")
    return {"python": platform.python_version(), **{n: package_version(n) for n in names}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data",
        nargs="+",
        default=[str(ROOT / "data" / "corpus")],
        help="corpus JSONL files or folders (default: data/corpus)",
    )
    parser.add_argument("--extra", nargs="*", default=[], help="more JSONL files, e.g. exported corrections")
    parser.add_argument("--out", default=str(DEFAULT_MODEL), help="model file to write (card goes beside it)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 skips CV)")
    parser.add_argument("--reports", default=str(ROOT / "reports"), help="folder for the CV report")
    args = parser.parse_args(argv)

    sources = args.data + args.extra
    examples = read_corpus(sources)
    data_hash = corpus_hash(sources)
    lexicons = lexicon_files()
    lexicon_hash = corpus_hash(lexicons)
    code_hash = corpus_hash(FEATURE_CODE)
    print(f"corpus: {len(examples)} examples from {len(corpus_files(sources))} files, sha256 {data_hash[:12]}")
    print(f"lexicons: {len(lexicons)} files, sha256 {lexicon_hash[:12]}")
    out = Path(args.out)

    figures, anger_cuts = None, None
    if args.folds:
        print(f"cross-validating ({args.folds} folds, seed {args.seed})...", file=sys.stderr)
        results, known_ngrams = cross_validate(examples, args.folds, args.seed)
        anger_cuts = choose_anger_cuts(examples, results, MIN_FURIOUS_RECALL)
        results = relevel_anger(results, anger_cuts)
        thresholds = {"review_threshold": REVIEW_THRESHOLD, "complaint_threshold": COMPLAINT_THRESHOLD}
        figures = score(examples, results, thresholds) | {"known_ngrams": known_ngrams}
        title = f"Cross-validation ({args.folds} folds) of {out.stem}"
        print(render_markdown(title, figures))
        md, png = write_report(title, figures, Path(args.reports), f"{out.stem}-cv")
        print(f"report: {md} {png}")

    fitted = fit_model(examples, args.seed)
    model = served(
        fitted, model_version(fitted, anger_cuts, data_hash + lexicon_hash, code_hash, args.seed), anger_cuts
    )
    checksum = save_model(model, out)
    card = {
        "name": out.stem,
        "version": model.version,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "labels": {"category": list(CORPUS_CATEGORIES), "anger": list(ANGER_LABELS)},
        "training_data": {
            "files": [display_path(p) for p in corpus_files(sources)],
            "sha256": data_hash,
            "examples": len(examples),
            "per_category": dict(Counter(e.category for e in examples)),
            "per_anger": {ANGER_LABELS[k]: v for k, v in sorted(Counter(e.anger for e in examples).items())},
        },
        "lexicons": {"files": [display_path(p) for p in lexicons], "sha256": lexicon_hash},
        "feature_code": {"files": [display_path(p) for p in FEATURE_CODE], "sha256": code_hash},
        "seed": args.seed,
        "review_threshold": REVIEW_THRESHOLD,
        "complaint_threshold": COMPLAINT_THRESHOLD,
        "secondary_weight": SECONDARY_WEIGHT,
        "anger_cuts": anger_cuts,
        "cross_validation": figures,
        "library_versions": library_versions(),
        "file": out.name,
        "file_sha256": checksum,
    }
    card_path_for(out).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"model {model.version} -> {out} (sha256 {checksum[:12]}), card {card_path_for(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
