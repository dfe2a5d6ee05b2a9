"""Property-based tests of the library: any Unicode string gives a valid result or TextError."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage import TextError
from triage.labels import CATEGORIES
from triage.normalize import normalize

CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ANY_TEXT = (
    st.text(max_size=300)
    | st.text(CHINESE, min_size=1, max_size=200)
    | st.text(st.characters(categories=["So", "Cc", "Zs", "Po"]), max_size=50)
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_valid(result) -> None:
    assert result.category in CATEGORIES
    assert 0.0 <= result.confidence <= 1.0
    assert math.isclose(sum(result.scores.values()), 1.0, abs_tol=1e-3)
    assert result.anger.level in (0, 1, 2)
    assert result.route.department


@SETTINGS
@given(text=ANY_TEXT)
def test_any_text_gives_a_result_or_a_text_error(triager, text):
    try:
        result = triager.triage(text)
    except TextError:
        assert not text.strip() or len(text) > triager.max_chars
        return
    check_valid(result)
    assert triager.triage(text) == result  # deterministic


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=20_000, max_value=100_000))
def test_very_long_text_is_refused_not_processed(triager, size):
    try:
        triager.triage("差" * size)
    except TextError as exc:
        assert "limit" in str(exc)
    else:
        raise AssertionError("an over-long text was accepted")


@SETTINGS
@given(text=st.text(CHINESE | st.sampled_from("，。！？ ,.!?abcABC123"), min_size=1, max_size=120))
def test_normalisation_is_idempotent_and_length_preserving(text):
    once = normalize(text)
    assert len(once) == len(text)
    assert normalize(once) == once


FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


@SETTINGS
@given(
    text=st.text(CHINESE | st.sampled_from("!?,.abc123 "), min_size=2, max_size=80).filter(str.strip),
    spaces=st.sampled_from(["  ", "\t", "\u3000"]),
)
def test_width_and_extra_whitespace_do_not_change_the_category(triager, text, spaces):
    base = triager.triage(text)
    assert triager.triage(text.translate(FULL_WIDTH)).category == base.category
    assert triager.triage(text.replace(" ", spaces)).category == base.category


def test_features_do_not_depend_on_the_width_of_gaps(triager):
    """Every feature block (words, characters, cues) sees a run of blanks as one gap."""
    from triage.corpus import read_corpus

    texts = [e.text for e in read_corpus(["data/corpus"]) if " " in e.text][::20]
    assert len(texts) > 50
    model = triager.model
    base = model.features.transform(model.docs(texts))
    for spaces in ("  ", "\t", "\u3000 "):
        widened = model.docs([t.replace(" ", spaces) for t in texts])
        assert abs(model.features.transform(widened) - base).max() < 1e-6


def test_features_do_not_depend_on_how_clauses_are_separated(triager):
    """A blank, a comma, a full stop, an enumeration comma, a semicolon or a colon between clauses: same features."""
    from triage.corpus import read_corpus

    texts = [e.text for e in read_corpus(["data/corpus"]) if " " in e.text and not any(c.isdigit() for c in e.text)]
    texts = texts[::20]
    assert len(texts) > 50
    model = triager.model
    base = model.features.transform(model.docs(texts))
    for mark in ("，", "。", "、", "；", "：", ",", "."):
        separated = model.docs([t.replace(" ", mark) for t in texts])
        assert abs(model.features.transform(separated) - base).max() < 1e-6, mark


def test_script_does_not_change_the_category_on_corpus_texts(triager):
    from zhconv import convert

    from triage.corpus import read_corpus

    examples = read_corpus(["data/corpus"])[::25]
    simplified = [e.text for e in examples]
    traditional = [convert(t, "zh-hant") for t in simplified]
    same = [a.category == b.category for a, b in zip(triager.triage_many(simplified), triager.triage_many(traditional))]
    assert sum(same) / len(same) >= 0.99
