import math

import pytest

from triage import TextError
from triage.labels import CATEGORIES

PAIRS = [  # simplified, traditional: the same complaint in both scripts
    ("快递太慢了，等了一个星期才到，包装还破了", "快遞太慢了，等了一個星期才到，包裝還破了"),
    ("客服态度很差，问了三遍都不理人", "客服態度很差，問了三遍都不理人"),
    ("衣服洗了一次就掉色，质量太差", "衣服洗了一次就掉色，質量太差"),
    ("发来的颜色和我下单的不一样，要求换货", "發來的顏色和我下單的不一樣，要求換貨"),
]


def test_result_has_the_documented_shape(triager):
    data = triager.triage("买的手机屏幕有坏点，联系客服要求换货").to_dict()
    assert data["category"] in CATEGORIES
    assert 0.0 <= data["confidence"] <= 1.0
    assert set(data["scores"]) == set(CATEGORIES)
    assert math.isclose(sum(data["scores"].values()), 1.0, abs_tol=1e-3)
    assert all(s in CATEGORIES and s != data["category"] for s in data["secondary"])
    assert isinstance(data["needs_review"], bool)
    assert data["anger"]["level"] in (0, 1, 2)
    assert data["anger"]["label"] == ("calm", "irritated", "furious")[data["anger"]["level"]]
    assert set(data["route"]) >= {"department", "priority", "escalate", "sla_hours"}
    assert data["model_version"] == triager.version


def test_anger_cues_name_the_words_and_where_they_are_in_the_text(triager):
    text = "垃圾平台！退款拖了一個月，再不處理我就去12315投訴"
    cues = triager.triage(text).to_dict()["anger"]["cues"]
    found = {(c["kind"], c["term"]) for c in cues}
    assert {("insult", "垃圾平台"), ("threat", "12315")} <= found
    for cue in cues:
        assert all(len(text[start:end]) == len(cue["term"]) for start, end in cue["spans"])
    threat = next(c for c in cues if c["term"] == "12315")
    assert [text[start:end] for start, end in threat["spans"]] == ["12315"]


def test_calm_words_and_innocent_phrases_give_no_anger_cue(triager):
    assert triager.triage("买来送爸妈的保温杯，盖子有点漏水，麻烦换一个").anger.cues == []


@pytest.mark.parametrize(("simplified", "traditional"), PAIRS)
def test_simplified_and_traditional_get_the_same_category(triager, simplified, traditional):
    a, b = triager.triage(simplified), triager.triage(traditional)
    assert a.category == b.category
    assert a.anger.level == b.anger.level


def test_clear_cases_go_to_their_department(triager):
    assert triager.triage("快递员把包裹扔在门口，里面的杯子全碎了").category == "transport"
    assert triager.triage("客服一直不回消息，问了五遍都是机器人自动回复，太敷衍了").category == "service"


def test_threats_and_insults_are_furious_and_escalated(triager):
    result = triager.triage("你们这群骗子！卖假货还不给退，我已经打了12315，还要找媒体曝光你们！！！")
    assert result.anger.label == "furious"
    assert result.route.escalate


def test_evidence_spans_point_into_the_original_text(triager):
    text = "快遞員態度惡劣，包裹摔壞了"
    for evidence in triager.triage(text).evidence:
        for start, end in evidence.spans:
            assert 0 <= start < end <= len(text)


def test_triage_many_keeps_order_and_matches_single_calls(triager):
    texts = [pair[0] for pair in PAIRS]
    many = triager.triage_many(texts)
    assert [r.category for r in many] == [triager.triage(t).category for t in texts]
    assert triager.triage_many([]) == []


@pytest.mark.parametrize("bad", ["", "   \n", None, 42])
def test_untriageable_input_raises_text_error(triager, bad):
    with pytest.raises(TextError):
        triager.triage(bad)


def test_over_long_text_is_refused(triager):
    with pytest.raises(TextError, match="limit"):
        triager.triage("差" * (triager.max_chars + 1))


def test_review_threshold_controls_needs_review(triager):
    from triage import Triager

    text = "耳机用了两天左边就没声音了"
    strict = Triager(triager.model, triager.routing, review_threshold=1.01)
    lax = Triager(triager.model, triager.routing, review_threshold=0.0, complaint_threshold=0.0)
    assert strict.triage(text).review_reason == "low_confidence"
    assert strict.triage(text).route.department == "人工复核"
    assert not lax.triage(text).needs_review


def test_complaint_threshold_flags_non_complaints(triager):
    from triage import Triager

    praise = triager.triage("东西很好，物流也快，下次还来")
    assert praise.complaint_probability < triager.complaint_threshold
    assert praise.needs_review and praise.review_reason == "not_a_complaint"
    lax = Triager(triager.model, triager.routing, review_threshold=0.0, complaint_threshold=0.0)
    assert not lax.triage("东西很好，物流也快，下次还来").needs_review


@pytest.mark.parametrize(
    ("text", "kind"),
    [("质量很差", "quality"), ("与描述不符", "contract"), ("发货太慢了", "transport"), ("服务态度很差", "service")],
)
def test_stock_phrases_are_complaints_of_their_kind(triager, text, kind):
    """Real reviews are mostly stock phrases; each of these names a problem, so it is a complaint."""
    result = triager.triage(text)
    assert result.category == kind
    assert result.review_reason != "not_a_complaint"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("买的L码发来的是M码", "contract"),  # a size other than the one ordered
        ("尺码和尺码表对不上，按表买的小了两号", "contract"),  # does not match the size chart
        ("版型很差，穿上很难看", "quality"),  # poor cut, whatever the size
        ("实物和图片差别很大", "contract"),  # differs from the pictures
        ("说好的赠品没有", "contract"),  # a promised gift missing
        ("是假货，和专柜的不一样", "quality"),  # counterfeit
        ("翻新机当新机卖", "quality"),  # refurbished sold as new
        ("快递太慢了，一个星期才到", "transport"),  # slow delivery
        ("刚买就降价了，申请价保不给", "contract"),  # price protection refused
    ],
)
def test_taxonomy_boundary_cases_get_their_kind(triager, text, kind):
    """The boundary cases ../shared/TAXONOMY.md decides once, each in a sentence of our own."""
    assert triager.triage(text).category == kind


@pytest.mark.parametrize("text", ["垃圾", "差评"])
def test_a_bare_insult_is_flagged_as_no_complaint(triager, text):
    """A bare insult that names no problem is ``none`` by the taxonomy: not routed confidently."""
    assert triager.triage(text).review_reason == "not_a_complaint"


def test_details_are_extracted(triager):
    details = triager.triage("订单号：JD20231188 的耳机坏了，花了299元，要求退款并道歉").details
    assert details["order_numbers"] == ["JD20231188"]
    assert details["amounts"] == [299.0]
    assert set(details["demands"]) == {"退款", "道歉"}
    assert "耳机" in details["objects"]


def test_details_of_traditional_text_match_the_library_function(triager):
    from triage.extract import extract_details

    text = "訂單號：TB88123456 的耳機壞了，花了299元，要求退款"
    assert triager.triage(text).details == extract_details(text)
    assert extract_details(text)["order_numbers"] == ["TB88123456"]
