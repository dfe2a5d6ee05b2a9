"""The served model (arrays, no scikit-learn) gives the fitted scikit-learn pipelines' own numbers."""

import subprocess
import sys

import numpy as np
import pytest

from training.train import fit_model, served
from triage.corpus import read_corpus
from triage.labels import CATEGORIES
from triage.linear import FastFeatures, anger_head, category_head, complaint_head, mentions_head
from triage.routing import RoutingTable
from triage.triager import Triager


@pytest.fixture(scope="module")
def fitted():
    """A scikit-learn model fitted on every 15th corpus example."""
    return fit_model(read_corpus(["data/corpus"])[::15], seed=0)


@pytest.fixture(scope="module")
def texts():
    """Corpus texts the model was not fitted on, and edge cases."""
    return [e.text for e in read_corpus(["data/corpus"])[7::40]] + ["", "！！！", "ok", "a  b\t\tc"]


@pytest.mark.parametrize(
    ("head", "make_fast", "sklearn_columns"),
    [
        ("category", category_head, slice(None)),  # temperature-calibrated softmax
        ("complaint", complaint_head, slice(1, 2)),  # Platt-calibrated binary: P(True)
        ("mentions", mentions_head, slice(None)),  # one sigmoid per kind
        ("anger", anger_head, slice(None)),  # plain softmax
    ],
)
def test_fast_heads_give_scikit_learns_probabilities(fitted, texts, head, make_fast, sklearn_columns):
    X = fitted.features.transform(texts)
    clf = getattr(fitted, head).named_steps["clf"]
    assert np.allclose(make_fast(clf).predict_proba(X), clf.predict_proba(X)[:, sklearn_columns], atol=1e-9)


def test_fast_features_equal_the_feature_union(fitted, texts):
    model = served(fitted, "tm-test")
    expected = fitted.features.transform(texts)
    fast = model.features.transform(model.docs(texts))
    assert fast.shape == expected.shape
    assert abs(fast - expected).max() < 1e-6


def test_triager_gives_the_pipeline_probabilities(fitted, texts):
    triager = Triager(served(fitted, "tm-test"), RoutingTable.load())
    classes = list(fitted.category.named_steps["clf"].classes_)
    kinds = [classes.index(c) for c in CATEGORIES]
    texts = [t for t in texts if t.strip()]  # the triager refuses empty texts
    for result, row in zip(triager.triage_many(texts), fitted.category.predict_proba(texts)):
        assert result.confidence == pytest.approx(row[kinds].max(), abs=1e-4)


def test_evidence_terms_match_the_feature_names(fitted):
    """Terms read from the vocabularies are the feature names made readable (word__a b -> ab, char__xy -> xy)."""
    union = fitted.features.named_steps["union"]
    expected = []
    for name in union.get_feature_names_out():
        kind, _, value = name.partition("__")
        term = value.replace(" ", "") if kind == "word" else value if kind == "char" else ""
        expected.append(term if len(term) > 1 and term.isalnum() else "")
    assert FastFeatures(union).terms() == expected
    assert sum(map(bool, expected)) > 1000


def test_serving_does_not_import_scikit_learn(tmp_path):
    """The shipped model loads and triages, and the web app starts, without scikit-learn (cold start)."""
    database = f"sqlite:///{tmp_path / 'serve.db'}"
    code = (
        "import sys; from triage import Triager; from triage.service import create_app; "
        f"Triager.load().triage('快递三天了还没到'); create_app({{'TESTING': True, 'DATABASE_URL': '{database}'}}); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'joblib', 'jieba'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_known_share_counts_the_ngrams_that_have_a_column(fitted):
    model = served(fitted, "tm-test")
    seen = read_corpus(["data/corpus"])[::15][:50]  # texts the model was fitted on
    shares = model.features.known_share(model.docs([e.text for e in seen]))
    assert set(shares) == {"word", "char"}
    assert all(0.5 < share <= 1.0 for share in shares.values())
    assert model.features.known_share(model.docs(["𪚥𠀀𠀁"])) == {"word": 0.0, "char": 0.0}  # in no corpus text
    assert model.features.known_share(model.docs(["。。。"]))["word"] is None  # separators only: no word at all
