"""From raw text to feature vectors: the one code path shared by training and serving."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from triage.normalize import normalize
from triage.tokenize import WordSegmenter
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


class Doc(NamedTuple):
    """A normalised text and its words."""

    text: str
    words: tuple[str, ...]


def doc_text(doc: Doc) -> str:
    """The normalised text of a document (character n-gram input)."""
    return doc.text


def word_ngrams(doc: Doc) -> list[str]:
    """Word unigrams and bigrams of a document; punctuation-only words are kept as cues."""
    words = doc.words
    return list(words) + [f"{a} {b}" for a, b in zip(words, words[1:])]


class TextPreprocessor(TransformerMixin, BaseEstimator):
    """Normalise and segment raw texts into :class:`Doc` objects."""

    def __init__(self, segmenter: WordSegmenter | None = None) -> None:
        self.segmenter = segmenter

    def fit(self, texts: Iterable[str], y=None) -> TextPreprocessor:
        self.segmenter_ = self.segmenter or WordSegmenter()
        return self

    def transform(self, texts: Iterable[str]) -> list[Doc]:
        segment = self.segmenter_
        docs = []
        for text in texts:
            norm = normalize(text)
            docs.append(Doc(norm, segment(norm)))
        return docs


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


_EXCLAIM_RUN = re.compile(r"!{2,}")
_QUESTION_RUN = re.compile(r"[?？]{2,}")


class AngerCues(TransformerMixin, BaseEstimator):
    """Dense signs of anger: punctuation runs and hits in the cue lexicons."""

    def __init__(self, lexicons: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.lexicons = lexicons

    def fit(self, docs: list[Doc], y=None) -> AngerCues:
        lexicons = dict(self.lexicons if self.lexicons is not None else read_lexicons())
        innocent = lexicons.pop(NOT_CUES, ())
        self.innocent_ = re.compile(word_pattern(innocent)) if innocent else None
        self.patterns_ = {name: re.compile(word_pattern(words)) for name, words in lexicons.items() if words}
        return self

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        names = ["exclaim", "exclaim_run", "question", "question_run", "length"]
        return np.array(names + [f"lex_{name}" for name in self.patterns_], dtype=object)

    def transform(self, docs: list[Doc]):
        return sparse.csr_matrix(self.values(docs))

    def values(self, docs: list[Doc], found: list | None = None) -> np.ndarray:
        """The cue features as a dense ``(len(docs), n_cues)`` array; ``found``: each doc's :meth:`found`, if known."""
        found = [self.found(doc.text) for doc in docs] if found is None else found
        rows = []
        for doc, hits in zip(docs, found):
            text = doc.text
            counts = Counter(name for name, *_ in hits)
            rows.append(
                [
                    math.log1p(text.count("!")),
                    float(bool(_EXCLAIM_RUN.search(text))),
                    math.log1p(text.count("?")),
                    float(bool(_QUESTION_RUN.search(text))),
                    math.log1p(len(text) - text.count(" ")) / 6.0,  # spaces not counted: a run of them is one gap
                    *(math.log1p(counts[name]) for name in self.patterns_),
                ]
            )
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.get_feature_names_out()))

    def found(self, text: str) -> list[tuple[str, str, int, int]]:
        """The lexicon cues in a normalised ``text``: (lexicon name, cue, start, end), in text order."""
        cue_text = self._cue_text(text)
        hits = [(m.start(), name, m.group()) for name, p in self.patterns_.items() for m in p.finditer(cue_text)]
        return [(name, cue, start, start + len(cue)) for start, name, cue in sorted(hits)]

    def _cue_text(self, text: str) -> str:
        """``text`` with its innocent phrases blanked out, so that the text they cover holds no cue."""
        innocent = getattr(self, "innocent_", None)  # models fitted before not_cues.txt have none
        return innocent.sub("\0", text) if innocent else text


def build_features(user_words: Iterable[str] = (), lexicons: Mapping | None = None) -> Pipeline:
    """The feature pipeline: raw texts -> sparse matrix of word, character and cue features."""
    union = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, dtype=np.float32),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char",
                    preprocessor=doc_text,
                    ngram_range=(1, 3),
                    min_df=2,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
            ),
            ("cues", AngerCues(lexicons)),
        ]
    )
    return Pipeline([("prep", TextPreprocessor(WordSegmenter(user_words))), ("union", union)])
