"""Check the corpus: reject bad rows, describe its make-up, and list near-duplicates.

python -m training.validate                 # data/corpus
python -m training.validate some.jsonl --near 0.85
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from triage.corpus import CorpusError, Example, read_corpus
from triage.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent


def near_duplicates(examples: list[Example], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs whose character 2-4-gram TF-IDF cosine, with digits masked, reaches ``threshold``."""
    texts = [re.sub(r"\d+", "0", normalize(e.text)) for e in examples]
    matrix = TfidfVectorizer(analyzer="char", ngram_range=(2, 4)).fit_transform(texts)
    similarity = (matrix @ matrix.T).tocoo()
    pairs = [
        (int(i), int(j), float(s))
        for i, j, s in zip(similarity.row, similarity.col, similarity.data)
        if i < j and s >= threshold
    ]
    return sorted(pairs, key=lambda p: -p[2])


def is_traditional(text: str) -> bool:
    """True when some CJK character of ``text`` has a different simplified form."""
    return any(normalize(ch) != ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def describe(examples: list[Example]) -> list[str]:
    """Counts by label, anger, domain, length, script and multi-issue share."""
    n = len(examples)
    complaints = [e for e in examples if e.category != "none"]
    lengths = np.array([len(e.text) for e in examples])
    lines = [f"{n} examples, {len(complaints)} complaints"]
    lines.append("category: " + ", ".join(f"{k} {v}" for k, v in Counter(e.category for e in examples).most_common()))
    anger = Counter(e.anger for e in complaints)
    lines.append(
        "anger of complaints: " + ", ".join(f"{k}: {v} ({v / len(complaints):.0%})" for k, v in sorted(anger.items()))
    )
    lines.append(f"with secondary labels: {sum(bool(e.also) for e in complaints) / len(complaints):.0%} of complaints")
    lines.append(f"traditional script: {sum(is_traditional(e.text) for e in examples) / n:.1%}")
    lines.append(
        "length percentiles (10/50/90): " + "/".join(str(int(np.percentile(lengths, q))) for q in (10, 50, 90))
    )
    domains = Counter(e.domain.split("/")[0] if e.domain.startswith(("shop", "b2b")) else e.domain for e in examples)
    lines.append(
        f"{len(set(e.domain for e in examples))} domains; groups: "
        + ", ".join(f"{k} {v}" for k, v in domains.most_common(20))
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "corpus")])
    parser.add_argument("--near", type=float, default=0.9, help="cosine similarity reported as near-duplicate")
    args = parser.parse_args(argv)
    try:
        examples = read_corpus(args.paths)
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\n".join(describe(examples)))
    pairs = near_duplicates(examples, args.near)
    print(f"near-duplicate pairs (cosine >= {args.near}): {len(pairs)}")
    for i, j, s in pairs[:30]:
        print(f"  {s:.2f}  {examples[i].text[:40]!r}  ~  {examples[j].text[:40]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
