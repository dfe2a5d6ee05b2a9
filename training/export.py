"""Export agent-reviewed complaints as corpus JSONL, ready for ``training.train --extra``.

    python -m training.export --out data/feedback/corrections.jsonl
    python -m training.export --database-url postgresql+psycopg://... --only-corrected --out corrections.jsonl

Each record's latest feedback gives the labels: an accepted suggestion confirms the
prediction, a correction replaces it. Rows are in the corpus format (see README).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from triage.corpus import parse_row
from triage.store import default_database_url, open_store


def corpus_rows(store, only_corrected: bool) -> list[dict]:
    """One corpus row per reviewed record, labelled by its latest feedback."""
    rows = []
    for record in store.latest_feedback():
        if only_corrected and record.verdict != "correct":
            continue
        secondary = [c for c in record.fb_secondary if c not in (record.fb_category, "none")]
        row = {
            "text": record.text,
            "category": record.fb_category,
            "also": secondary,
            "anger": record.fb_anger,
            "domain": f"feedback/{record.channel or 'unknown'}",
            "id": record.id,
        }
        parse_row(row)  # the same checks as the corpus
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None, help="default: $TRIAGE_DATABASE_URL or instance/triage.db")
    parser.add_argument("--out", required=True, help="JSONL file to write")
    parser.add_argument("--only-corrected", action="store_true", help="leave out accepted suggestions")
    args = parser.parse_args(argv)
    rows = corpus_rows(open_store(args.database_url or default_database_url()), args.only_corrected)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} reviewed complaints -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
