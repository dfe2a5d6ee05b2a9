import re

from hypothesis import given
from hypothesis import strategies as st

from triage.wordmatch import word_pattern

WORDS = st.lists(st.text(alphabet="垃圾客服快递ab.*(", min_size=1, max_size=4), min_size=1, max_size=30)


def plain_pattern(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@given(WORDS, st.text(alphabet="垃圾客服快递ab.*( ", max_size=40))
def test_finds_what_a_longest_first_alternation_finds(words, text):
    assert re.findall(word_pattern(words), text) == re.findall(plain_pattern(words), text)


def test_prefers_the_longest_word_and_escapes_regex_characters():
    pattern = re.compile(word_pattern(["垃圾", "垃圾客服", "a.b"]))
    assert pattern.findall("垃圾客服 垃圾 axb a.b") == ["垃圾客服", "垃圾", "a.b"]
