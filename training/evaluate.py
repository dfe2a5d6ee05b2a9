"""Score a trained model on any labelled JSONL file in the corpus format.

python -m training.evaluate --model models/triage.pkl --data ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from training.metrics import score
from training.report import render_markdown, write_report
from triage.corpus import read_corpus
from triage.modelfile import DEFAULT_MODEL
from triage.triager import Triager

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(DEFAULT_MODEL), help="model file (its card must be beside it)")
    parser.add_argument("--data", required=True, help="labelled JSONL file (corpus format, optional 'id')")
    parser.add_argument("--reports", default=str(ROOT / "reports"), help="folder for the markdown + PNG report")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of markdown")
    args = parser.parse_args(argv)

    model_path = Path(args.model)
    triager = Triager.load(model_path, models_dir=model_path.resolve().parent)
    examples = read_corpus([args.data], allow_duplicates=True)
    texts = [e.text for e in examples]
    results = triager.triage_many(texts)
    thresholds = {"review_threshold": triager.review_threshold, "complaint_threshold": triager.complaint_threshold}
    figures = score(examples, results, thresholds)
    figures["model_version"] = triager.version
    figures["known_ngrams"] = triager.model.features.known_share(triager.model.docs(texts))
    title = f"Evaluation of {triager.version} on {Path(args.data).name}"
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else render_markdown(title, figures))
    md, png = write_report(title, figures, Path(args.reports), f"eval-{Path(args.data).stem}")
    print(f"report: {md} {png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
