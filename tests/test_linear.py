"""The fast linear heads give scikit-learn's own probabilities."""

import numpy as np
import pytest

from triage.corpus import read_corpus
from triage.labels import CATEGORIES
from triage.linear import FastFeatures, anger_head, category_head, complaint_head, mentions_head


@pytest.fixture(scope="module")
def features_and_model(triager):
    texts = [e.text for e in read_corpus(["data/corpus"])[::15]]
    return triager.model.features.transform(texts), triager.model


@pytest.mark.parametrize(
    ("head", "make_fast", "sklearn_columns"),
    [
        ("category", category_head, slice(None)),  # temperature-calibrated softmax
        ("complaint", complaint_head, slice(1, 2)),  # Platt-calibrated binary: P(True)
        ("mentions", mentions_head, slice(None)),  # one sigmoid per kind
        ("anger", anger_head, slice(None)),  # plain softmax
    ],
)
def test_fast_heads_give_scikit_learns_probabilities(features_and_model, head, make_fast, sklearn_columns):
    X, model = features_and_model
    clf = getattr(model, head).named_steps["clf"]
    assert np.allclose(make_fast(clf).predict_proba(X), clf.predict_proba(X)[:, sklearn_columns], atol=1e-9)


def test_triager_gives_the_pipeline_probabilities(triager):
    texts = [e.text for e in read_corpus(["data/corpus"])[::15]]
    classes = list(triager.model.category.named_steps["clf"].classes_)
    kinds = [classes.index(c) for c in CATEGORIES]
    expected = triager.model.category.predict_proba(texts)
    for result, row in zip(triager.triage_many(texts), expected):
        assert result.confidence == pytest.approx(row[kinds].max(), abs=1e-4)


def test_fast_features_equal_the_feature_union(triager):
    texts = [e.text for e in read_corpus(["data/corpus"])[::15]] + ["", "！！！", "ok"]
    docs = triager.model.features.named_steps["prep"].transform(texts)
    union = triager.model.features.named_steps["union"]
    fast = FastFeatures(union).transform(docs)
    assert fast.shape == (len(texts), union.transform(docs).shape[1])
    assert abs(fast - union.transform(docs)).max() < 1e-6


def test_evidence_terms_match_the_feature_names(triager):
    """Terms read from the vocabularies are the feature names made readable (word__a b -> ab, char__xy -> xy)."""
    union = triager.model.features.named_steps["union"]
    expected = []
    for name in union.get_feature_names_out():
        kind, _, value = name.partition("__")
        term = value.replace(" ", "") if kind == "word" else value if kind == "char" else ""
        expected.append(term if len(term) > 1 and term.isalnum() else "")
    assert FastFeatures(union).terms() == expected
    assert sum(map(bool, expected)) > 1000
