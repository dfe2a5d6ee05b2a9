"""The labelled corpus format (JSON Lines) and its validation.

One object per line::

    {"text": "...", "category": "quality", "also": ["service"], "anger": 1, "domain": "shop/手机"}

``category`` is one of quality/contract/transport/service/none, ``also`` lists
secondary categories (never ``none`` nor the primary), ``anger`` is 0, 1 or 2.
An optional ``id`` is kept for reports.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from triage.labels import CATEGORIES, CORPUS_CATEGORIES
from triage.normalize import normalize


class CorpusError(ValueError):
    """Rows that break the corpus format; ``problems`` lists ``file:line: reason``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} bad corpus row(s):\n{shown}{more}")


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    text: str
    category: str
    also: tuple[str, ...]
    anger: int
    domain: str
    id: str | None = None


def parse_row(row: object) -> Example:
    """Check one decoded JSON row and return it as an :class:`Example` (ValueError if bad)."""
    if not isinstance(row, dict):
        raise ValueError("row is not a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty or missing 'text'")
    category = row.get("category")
    if category not in CORPUS_CATEGORIES:
        raise ValueError(f"unknown category {category!r} (expected one of {', '.join(CORPUS_CATEGORIES)})")
    also = row.get("also", [])
    if not isinstance(also, list) or any(a not in CATEGORIES for a in also):
        raise ValueError(f"'also' must be a list of {', '.join(CATEGORIES)}, got {also!r}")
    if category in also or len(set(also)) != len(also):
        raise ValueError("'also' repeats a label or the primary category")
    anger = row.get("anger")
    if anger not in (0, 1, 2) or isinstance(anger, bool):
        raise ValueError(f"anger must be 0, 1 or 2, got {anger!r}")
    domain = row.get("domain", "")
    if not isinstance(domain, str):
        raise ValueError("'domain' must be a string")
    rid = row.get("id")
    return Example(text, category, tuple(also), anger, domain, None if rid is None else str(rid))


def _dedup_key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into their ``*.jsonl`` files, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def read_corpus(paths: Iterable[str | Path], allow_duplicates: bool = False) -> list[Example]:
    """Read and validate corpus files; raise :class:`CorpusError` listing every bad row."""
    examples: list[Example] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in corpus_files(paths):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                where = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    example = parse_row(json.loads(line))
                except ValueError as exc:  # JSONDecodeError is a ValueError
                    problems.append(f"{where}: {exc}")
                    continue
                key = _dedup_key(example.text)
                if key in seen and not allow_duplicates:
                    problems.append(f"{where}: duplicate text (first seen at {seen[key]})")
                    continue
                seen.setdefault(key, where)
                examples.append(example)
    if problems:
        raise CorpusError(problems)
    return examples


def corpus_hash(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the corpus files' names and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in corpus_files(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
