"""Anger cue words: the word lists in ``data/lexicons`` and how they are found in a text."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from triage.normalize import normalize
from triage.wordmatch import word_pattern

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicons"
CUE_LEXICONS = ("insult", "threat", "irritation")
# Innocent phrases that contain a cue ("爸妈的" holds the curse "妈的"): text they cover counts for no cue.
NOT_CUES = "not_cues"
# Companies and their service desks a customer can insult. TAXONOMY.md counts a blunt "垃圾" about the product
# as irritation but an insult aimed at the company as fury, so a contempt word joined to one of these targets
# ("垃圾客服", "客服真垃圾") is an insult cue. (Not "客服垃圾": "前台垃圾桶" is no insult.)
INSULT_TARGETS = "insult_targets"
CONTEMPT = ("垃圾", "辣鸡", "拉圾")
INTENSIFIERS = ("太", "真", "很", "真是", "就是", "特别", "非常", "简直")
PUNCTUATION_CUES = ("exclaim", "exclaim_run", "question", "question_run", "length")

_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")  # normalised text: letters are lower case
_EXCLAIM_RUN = re.compile(r"!{2,}")
_QUESTION_RUN = re.compile(r"\?{2,}")  # normalised text: "？" is "?"

Hit = tuple[str, str, int, int]  # (lexicon name, cue, start, end)


def lexicon_files(directory: Path = LEXICON_DIR) -> list[Path]:
    """Every word list a model is trained with (cue lists and the user dictionary), in sorted order."""
    return sorted(directory.glob("*.txt"))


def read_lexicons(directory: Path = LEXICON_DIR) -> dict[str, tuple[str, ...]]:
    """Read the anger cue word lists and the innocent phrases (``<name>.txt``, one per line, ``#`` comments).

    Every cue list must exist; the innocent phrases and the insult targets are optional (a directory without
    them has none). The insults include every contempt word aimed at an insult target.
    """
    lexicons = {name: _read_words(directory / f"{name}.txt") for name in CUE_LEXICONS}
    lexicons[NOT_CUES] = _read_words(directory / f"{NOT_CUES}.txt", required=False)
    targets = _read_words(directory / f"{INSULT_TARGETS}.txt", required=False)
    lexicons["insult"] = tuple(sorted({*lexicons["insult"], *targeted_contempt(targets)}))
    return lexicons


def targeted_contempt(targets: Iterable[str]) -> set[str]:
    """Contempt words aimed at ``targets``: before one ("垃圾客服"), or after it with an intensifier ("客服真垃圾")."""
    targets = list(targets)
    before = {word + target for word in CONTEMPT for target in targets}
    return before | {target + very + word for target in targets for very in INTENSIFIERS for word in CONTEMPT}


def _read_words(path: Path, required: bool = True) -> tuple[str, ...]:
    """The normalised, sorted entries of a word list; none for a missing optional list."""
    if not required and not path.exists():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(sorted({normalize(w.strip()) for w in lines if w.strip() and not w.startswith("#")}))


class CueFinder:
    """Finds the cue words of each lexicon in a normalised text, and turns them into the dense cue features."""

    def __init__(self, lexicons: Mapping[str, tuple[str, ...]]) -> None:
        lexicons = dict(lexicons)
        innocent = lexicons.pop(NOT_CUES, ())
        self.innocent = re.compile(word_pattern(innocent)) if innocent else None
        self.patterns = {name: re.compile(word_pattern(words)) for name, words in lexicons.items() if words}
        self.names = [*PUNCTUATION_CUES, *(f"lex_{name}" for name in self.patterns)]

    def found(self, text: str) -> list[Hit]:
        """The lexicon cues in a normalised ``text``, in text order. Innocent phrases are blanked out first
        (character for character, so offsets still point into ``text``), and a cue of ASCII letters or digits
        does not count inside a longer run of them: the hotline 12345 in order number a123456, tmd in xtmdy."""
        cue_text = self.innocent.sub(lambda m: "\0" * len(m.group()), text) if self.innocent else text
        hits = [
            (m.start(), name, m.group())
            for name, p in self.patterns.items()
            for m in p.finditer(cue_text)
            if not _inside_alphanumeric_run(cue_text, m.start(), m.end())
        ]
        return [(name, cue, start, start + len(cue)) for start, name, cue in sorted(hits)]

    def values(self, texts: list[str], found: list[list[Hit]] | None = None) -> np.ndarray:
        """The cue features of normalised ``texts`` as a ``(len(texts), len(names))`` array: punctuation, length
        and the log count of each lexicon's hits; ``found``: each text's :meth:`found`, if already known."""
        found = [self.found(text) for text in texts] if found is None else found
        rows = []
        for text, hits in zip(texts, found):
            counts = Counter(name for name, *_ in hits)
            rows.append(
                [
                    math.log1p(text.count("!")),
                    float(bool(_EXCLAIM_RUN.search(text))),
                    math.log1p(text.count("?")),
                    float(bool(_QUESTION_RUN.search(text))),
                    math.log1p(len(text) - text.count(" ")) / 6.0,  # spaces not counted: a run of them is one gap
                    *(math.log1p(counts[name]) for name in self.patterns),
                ]
            )
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.names))


def _inside_alphanumeric_run(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends with an ASCII letter or digit that continues the run beside it."""
    before = start > 0 and text[start] in _ASCII_ALNUM and text[start - 1] in _ASCII_ALNUM
    return before or (end < len(text) and text[end - 1] in _ASCII_ALNUM and text[end] in _ASCII_ALNUM)
