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


def test_category_head_matches_calibrated_classifier(features_and_model):
    X, model = features_and_model
    clf = model.category.named_steps["clf"]
    assert np.allclose(category_head(clf).predict_proba(X), clf.predict_proba(X), atol=1e-9)


def test_complaint_head_matches_platt_calibrated_classifier(features_and_model):
    X, model = features_and_model
    clf = model.complaint.named_steps["clf"]
    assert list(clf.classes_) == [False, True]
    assert np.allclose(complaint_head(clf).predict_proba(X)[:, 0], clf.predict_proba(X)[:, 1], atol=1e-9)


def test_mentions_head_matches_one_vs_rest(features_and_model):
    X, model = features_and_model
    clf = model.mentions.named_steps["clf"]
    assert np.allclose(mentions_head(clf).predict_proba(X), clf.predict_proba(X), atol=1e-9)


def test_anger_head_matches_logistic_regression(features_and_model):
    X, model = features_and_model
    clf = model.anger.named_steps["clf"]
    assert np.allclose(anger_head(clf).predict_proba(X), clf.predict_proba(X), atol=1e-9)


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
