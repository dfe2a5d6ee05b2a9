"""Word segmentation: jieba's segmentation, computed by rjieba (its Rust port), with the domain dictionary.

rjieba follows jieba's dictionary, route and HMM exactly, except that it keeps runs such as
``3-5`` or ``2.5kg`` whole where jieba splits them (``3`` ``-`` ``5``, ``2.5`` ``kg``).
:class:`WordSegmenter` re-splits those runs as jieba does, so its words are jieba's words
(``tests/test_tokenize.py`` checks this on the whole corpus and on random text) at a
fraction of the cost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import rjieba

USER_DICT = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "userdict.txt"

_HAN = re.compile("[\u4e00-\u9fd5]")
_JIEBA_BLOCK = re.compile(r"([a-zA-Z0-9+#&._%\-]+)")  # the non-Han part of jieba's re_han_default
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # how jieba splits such a run (jieba.finalseg.re_skip)

UserWord = tuple[str, int]


def read_user_dict(path: Path = USER_DICT) -> tuple[UserWord, ...]:
    """Read a jieba user dictionary (``word [freq] [tag]`` per line) as ``(word, freq)`` pairs.

    A word without a frequency gets the one jieba's ``add_word`` would give it
    (``suggest_freq``: just enough to keep the word whole).
    """
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if fields and not fields[0].startswith("#"):
            entries.append((fields[0], int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None))
    if any(freq is None for _, freq in entries):
        reference = jieba_reference(())
        for word, freq in entries:
            reference.add_word(word, freq)
        entries = [(word, reference.FREQ[word]) for word, _ in entries]
    return tuple(entries)


def jieba_reference(user_words: Iterable[UserWord]):
    """A plain ``jieba.Tokenizer`` with ``user_words``: the definition :class:`WordSegmenter` matches."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in user_words:
        tokenizer.add_word(word, freq)
    return tokenizer


class WordSegmenter:
    """jieba's words for a text, from rjieba, with the domain words added and a result cache.

    Only ``user_words`` and ``cache_size`` are pickled; the dictionary is rebuilt on
    first use in each process.
    """

    def __init__(self, user_words: Iterable[UserWord] = (), cache_size: int = 50_000) -> None:
        self.user_words = tuple((word, int(freq)) for word, freq in user_words)
        self.cache_size = cache_size
        self._cut = None

    def __getstate__(self) -> dict:
        return {"user_words": self.user_words, "cache_size": self.cache_size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def _build(self):
        tokenizer = rjieba.Jieba()
        for word, freq in self.user_words:
            tokenizer.add_word(word, freq, None)
        known = tokenizer.has_word

        @lru_cache(maxsize=self.cache_size)
        def cut(text: str) -> tuple[str, ...]:
            words = []
            for word in tokenizer.cut(text):
                if len(word) > 1 and not _HAN.search(word) and not known(word):
                    words.extend(_jieba_split(word))
                elif not word.isspace():
                    words.append(word)
            return tuple(words)

        return cut

    def __call__(self, text: str) -> tuple[str, ...]:
        """Split normalised ``text`` into words, dropping whitespace."""
        if self._cut is None:
            self._cut = self._build()
        return self._cut(text)


def _jieba_split(run: str) -> list[str]:
    """Split a run without Han characters as jieba does: letter/digit blocks by ``re_skip``, other characters alone."""
    words = []
    for i, block in enumerate(_JIEBA_BLOCK.split(run)):
        parts = _JIEBA_SKIP.split(block) if i % 2 else list(block)
        words.extend(part for part in parts if part and not part.isspace())
    return words
