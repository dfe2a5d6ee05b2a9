"""The feature pipeline that models are fitted with: raw text -> word TF-IDF, character TF-IDF and anger cues.

Serving computes the same features without scikit-learn (:class:`triage.linear.FastFeatures`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from triage.cues import CueFinder, read_lexicons
from triage.docs import Doc, doc_text, make_docs, word_ngrams
from triage.tokenize import WordSegmenter


class TextPreprocessor(TransformerMixin, BaseEstimator):
    """Raw texts as the model reads them, segmented into :class:`~triage.docs.Doc` objects."""

    def __init__(self, segmenter: WordSegmenter | None = None) -> None:
        self.segmenter = segmenter

    def fit(self, texts: Iterable[str], y=None) -> TextPreprocessor:
        self.segmenter_ = self.segmenter or WordSegmenter()
        return self

    def transform(self, texts: Iterable[str]) -> list[Doc]:
        return make_docs(texts, self.segmenter_)


class AngerCues(TransformerMixin, BaseEstimator):
    """Dense signs of anger (:class:`~triage.cues.CueFinder`): punctuation runs and hits in the cue lexicons."""

    def __init__(self, lexicons: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.lexicons = lexicons

    def fit(self, docs: list[Doc], y=None) -> AngerCues:
        self.finder_ = CueFinder(self.lexicons if self.lexicons is not None else read_lexicons())
        return self

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(self.finder_.names, dtype=object)

    def transform(self, docs: list[Doc]) -> sparse.csr_matrix:
        return sparse.csr_matrix(self.finder_.values([doc.text for doc in docs]))


def build_features(user_words: Iterable[tuple[str, int]] = (), lexicons: Mapping | None = None) -> Pipeline:
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
