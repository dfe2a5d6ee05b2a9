"""What the handbook's complaint record asks for, read from the text where present:
the object complained about, amounts, order numbers and the remedy demanded."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from triage.normalize import normalize
from triage.wordmatch import word_pattern

OBJECTS_FILE = Path(__file__).resolve().parent / "config" / "objects.txt"

DEMANDS = {  # remedy -> words that ask for it (normalised, simplified)
    "退货": ("退货", "退回去", "退掉"),
    "换货": ("换货", "换一个", "换个新", "调换", "重新发"),
    "维修": ("维修", "修好", "修理", "保修", "返修"),
    "退款": ("退款", "退钱", "退差价", "折价", "补差价", "返还"),
    "赔偿": ("赔偿", "赔钱", "索赔", "补偿", "假一赔"),
    "道歉": ("道歉", "赔礼"),
}
_AMOUNT = re.compile(r"(?:¥|\$|rmb)?\s*(\d+(?:\.\d+)?)\s*(?:元|块钱|块|rmb)|[¥$]\s*(\d+(?:\.\d+)?)")
_ORDER = re.compile(r"(?:订单|单号|运单|快递单|合同)[号编码]*\s*[:：为是]?\s*([a-z0-9][a-z0-9-]{5,})")
_ORDER_HINTS = ("单", "合同")  # every _ORDER match contains one: a substring test skips the regex scan


@cache
def _objects() -> re.Pattern:
    words = {w for w in OBJECTS_FILE.read_text(encoding="utf-8").split() if not w.startswith("#")}
    return re.compile(word_pattern(words))


@cache
def _demands() -> tuple[re.Pattern, dict[str, str]]:
    remedy_of = {word: remedy for remedy, words in DEMANDS.items() for word in words}
    return re.compile(word_pattern(remedy_of)), remedy_of


def _order_numbers(text: str, norm: str) -> list[str]:
    if not any(hint in norm for hint in _ORDER_HINTS):
        return []
    return list(dict.fromkeys(text[m.start(1) : m.end(1)] for m in _ORDER.finditer(norm)))[:5]


def extract_details(text: str, read: str | None = None) -> dict:
    """Objects, amounts (as numbers), order numbers and demanded remedies found in ``text``.

    ``read`` is ``text`` as the model reads it (:func:`triage.docs.model_text`), when the caller already has it:
    its blanked clause separators change none of the patterns (the same details on every corpus and dev text).
    """
    norm = normalize(text) if read is None else read  # same length as text, so spans carry over
    demand_pattern, remedy_of = _demands()
    demanded = {remedy_of[m] for m in demand_pattern.findall(norm)}
    amounts = [float(a or b) for a, b in _AMOUNT.findall(norm)]
    return {
        "objects": list(dict.fromkeys(_objects().findall(norm)))[:5],
        "amounts": amounts[:10],
        "order_numbers": _order_numbers(text, norm),
        "demands": [remedy for remedy in DEMANDS if remedy in demanded],
    }
