"""Text normalisation: one character in, one character out.

Full-width forms become half-width, traditional characters become simplified,
ASCII letters become lower case and every whitespace or control character
becomes a plain space. Because the mapping is character for character, an
offset in the normalised text is the same offset in the caller's text, which
lets the agent page highlight evidence in what the customer actually wrote.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from zhconv import zhconv


class _Folding(dict):
    """Code point -> folded character; a character is classified the first time it is seen.

    Mapping every blank or control character up front would mean asking ``unicodedata`` about all
    1.1 million code points at start-up. Only the Basic Multilingual Plane is remembered, so the table
    stays under 65,536 entries whatever callers send; rarer characters are classified each time.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = " " if unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp") else char
        if code <= 0xFFFF:
            self[code] = folded
        return folded


@cache
def _translation_table() -> _Folding:
    table = _Folding()
    for trad, simp in zhconv.getdict("zh-cn").items():
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - 0xFEE0 + 32)
    return table


def normalize(text: str) -> str:
    """Return ``text`` folded to half-width, simplified, lower-case form of equal length."""
    return text.translate(_translation_table())
