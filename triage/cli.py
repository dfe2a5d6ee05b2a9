"""The ``triage`` command line for inbox pipelines.

    triage classify complaints.jsonl > results.jsonl
    cat complaints.jsonl | triage classify - --routing my-routing.toml
    triage report --since 2026-11-01 --out reports/november

Input: one JSON object per line, ``{"id": ..., "text": "..."}``. Output: one JSON
object per input line, in input order, with the ``id`` echoed and either the
triage result or an ``error`` object; a bad line never stops the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO

from tqdm import tqdm

from triage.modelfile import ModelFileError
from triage.routing import RoutingError
from triage.triager import MAX_TEXT_CHARS, TextError, Triager, check_text

CHUNK = 256


def _parse(line: str, number: int, max_chars: int) -> tuple[object, str | None, dict | None]:
    """Return (id, text, None) for a good line or (id, None, error) for a bad one."""
    try:
        row = json.loads(line)
    except ValueError as exc:
        return None, None, {"type": "bad_json", "detail": f"line {number}: not valid JSON ({exc.msg})"}
    if not isinstance(row, dict):
        return None, None, {"type": "bad_json", "detail": f"line {number}: expected a JSON object"}
    try:
        return row.get("id"), check_text(row.get("text"), max_chars), None
    except TextError as exc:
        return row.get("id"), None, {"type": "bad_text", "detail": f"line {number}: {exc}"}


def classify_lines(triager: Triager, lines: Iterable[str]) -> Iterator[dict]:
    """Triage JSONL lines chunk by chunk, yielding one output object per non-blank line."""
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    while chunk := list(islice(numbered, CHUNK)):
        parsed = [_parse(line, n, triager.max_chars) for n, line in chunk]
        good = [text for _, text, error in parsed if error is None]
        results = iter(triager.triage_many(good))
        for (n, _), (rid, _, error) in zip(chunk, parsed):
            if error is None:
                yield {"id": rid, **next(results).to_dict()}
            else:
                yield {"id": rid, "line": n, "error": error}


def _classify(args: argparse.Namespace, out: IO[str]) -> int:
    models_dir = Path(args.model).resolve().parent if args.model else None
    try:
        triager = Triager.load(args.model, args.routing, args.review_threshold, models_dir)
        source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")  # noqa: SIM115 - closed below
    except (OSError, ModelFileError, RoutingError) as exc:
        print(f"triage: {exc}", file=sys.stderr)
        return 2
    with source:
        lines = tqdm(source, unit=" lines", disable=args.no_progress or None, file=sys.stderr)
        errors = 0
        for record in classify_lines(triager, lines):
            errors += "error" in record
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if errors:
        print(f"{errors} line(s) could not be triaged; see their 'error' objects", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace, out: IO[str]) -> int:
    from triage.analysis import markdown_table, pareto_chart, summarize, trend_chart
    from triage.store import default_database_url, open_store

    try:
        since, until = (datetime.fromisoformat(v) if v else None for v in (args.since, args.until))
    except ValueError as exc:
        print(f"triage: --since/--until must be ISO 8601 dates ({exc})", file=sys.stderr)
        return 2
    since, until = (m.replace(tzinfo=UTC) if m and not m.tzinfo else m for m in (since, until))
    summary = summarize(open_store(args.database_url or default_database_url()).mix(since, until))
    table = markdown_table(summary, since, until)
    out.write(table)
    if summary["total"]:
        folder = Path(args.out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "complaint-mix.md").write_text(table, encoding="utf-8")
        for name, draw in (("pareto", pareto_chart), ("trend", trend_chart)):
            for fmt in ("png", "svg"):
                (folder / f"{name}.{fmt}").write_bytes(draw(summary, fmt))
        print(f"charts and table written to {folder}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="triage", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    classify = commands.add_parser("classify", help="triage JSONL complaints, one JSON result per line")
    classify.add_argument("input", nargs="?", default="-", help="JSONL file, or - for standard input (default)")
    classify.add_argument("--model", help="model file (default: the shipped model or $TRIAGE_MODEL_PATH)")
    classify.add_argument("--routing", help="routing TOML file (default: shipped or $TRIAGE_ROUTING_PATH)")
    classify.add_argument("--review-threshold", type=float, help="confidence under which needs_review is set")
    classify.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    classify.epilog = f"Texts longer than {MAX_TEXT_CHARS} characters get an error object."
    report = commands.add_parser("report", help="complaint mix, Pareto chart and trend over a time range")
    report.add_argument("--database-url", help="default: $TRIAGE_DATABASE_URL or instance/triage.db")
    report.add_argument("--since", help="ISO 8601 start (inclusive)")
    report.add_argument("--until", help="ISO 8601 end (exclusive)")
    report.add_argument("--out", default="reports/complaint-mix", help="folder for PNG/SVG charts and the table")
    args = parser.parse_args(argv)
    return {"classify": _classify, "report": _report}[args.command](args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
