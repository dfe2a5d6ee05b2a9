"""Word segmentation with jieba and the project's domain dictionary."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

USER_DICT = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "userdict.txt"


def read_user_dict(path: Path = USER_DICT) -> tuple[str, ...]:
    """Read a jieba user dictionary (one word per line, optional frequency and tag)."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return tuple(words)


class WordSegmenter:
    """A jieba tokenizer of its own, with the domain words added and a result cache.

    Only ``user_words`` and ``cache_size`` are pickled; the jieba dictionary is
    rebuilt on first use in each process.
    """

    def __init__(self, user_words: Iterable[str] = (), cache_size: int = 50_000) -> None:
        self.user_words = tuple(user_words)
        self.cache_size = cache_size
        self._cut = None

    def __getstate__(self) -> dict:
        return {"user_words": self.user_words, "cache_size": self.cache_size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def _build(self):
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in self.user_words:
            tokenizer.add_word(word)

        @lru_cache(maxsize=self.cache_size)
        def cut(text: str) -> tuple[str, ...]:
            return tuple(w for w in tokenizer.cut(text) if not w.isspace())

        return cut

    def __call__(self, text: str) -> tuple[str, ...]:
        """Split normalised ``text`` into words, dropping whitespace."""
        if self._cut is None:
            self._cut = self._build()
        return self._cut(text)
