import pytest

from triage.corpus import read_corpus
from triage.cues import CUE_LEXICONS, NOT_CUES, CueFinder, read_lexicons
from triage.docs import Doc
from triage.features import AngerCues
from triage.normalize import normalize


def insult_hits(cues: CueFinder, text: str) -> float:
    return cues.values([normalize(text)])[0][cues.names.index("lex_insult")]


def test_innocent_phrases_count_for_no_cue():
    cues = CueFinder({"insult": ("妈的",), NOT_CUES: ("爸妈的",)})
    assert insult_hits(cues, "买来送爸妈的，他们很喜欢") == 0
    assert insult_hits(cues, "妈的，又坏了") > 0
    assert insult_hits(cues, "送爸妈的礼物坏了 妈的") == insult_hits(cues, "妈的，又坏了")


def test_cue_offsets_after_an_innocent_phrase_point_into_the_text():
    cues = CueFinder({"insult": ("妈的", "骗子"), NOT_CUES: ("爸妈的",)})
    text = "买来送爸妈的，结果是骗子"
    assert cues.found(text) == [("insult", "骗子", text.index("骗子"), len(text))]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("打12345投诉你们", True),
        ("12345", True),
        ("订单号a123456，尺码不对", False),  # an order number that holds the hotline's digits
        ("价格3150元", False),
        ("卡号9912315", False),
        ("tmd又坏了", True),
        ("xtmdy", False),
    ],
)
def test_letter_and_digit_cues_do_not_count_inside_longer_runs(text, counted):
    cues = CueFinder({"threat": ("12345", "315", "12315"), "insult": ("tmd",)})
    assert bool(cues.found(normalize(text))) is counted


def test_every_innocent_phrase_holds_a_cue():
    lexicons = read_lexicons()
    cues = [w for name in CUE_LEXICONS for w in lexicons[name]]
    assert lexicons[NOT_CUES]
    assert all(any(cue in phrase for cue in cues) for phrase in lexicons[NOT_CUES])


def test_no_insult_occurs_in_a_calm_corpus_text():
    cues = CueFinder(read_lexicons())
    hit = [e.text for e in read_corpus(["data/corpus"]) if e.anger == 0 and insult_hits(cues, e.text) > 0]
    assert hit == []


def test_the_pipeline_step_gives_the_cue_features():
    lexicons = {"insult": ("骗子",), "threat": ("12315",), "irritation": ("差评",)}
    step = AngerCues(lexicons).fit([])
    texts = ["骗子！！差评，打12315", "挺好的"]
    matrix = step.transform([Doc(t, ()) for t in texts]).toarray()
    assert matrix.tolist() == CueFinder(lexicons).values(texts).tolist()
    assert list(step.get_feature_names_out())[-3:] == ["lex_insult", "lex_threat", "lex_irritation"]
    assert matrix[0, -3:].tolist() == pytest.approx([0.693, 0.693, 0.693], abs=1e-3)  # log(1 + one hit)
    assert matrix[1, -3:].tolist() == [0, 0, 0]


def write_cue_lists(directory, content: str = "# a comment\n妈的\n") -> None:
    for name in CUE_LEXICONS:
        (directory / f"{name}.txt").write_text(content, encoding="utf-8")


def test_a_lexicon_directory_needs_its_cue_lists_but_not_innocent_phrases(tmp_path):
    write_cue_lists(tmp_path)
    lexicons = read_lexicons(tmp_path)
    assert lexicons[NOT_CUES] == ()
    assert lexicons["insult"] == ("妈的",)
    (tmp_path / "threat.txt").unlink()
    with pytest.raises(FileNotFoundError):
        read_lexicons(tmp_path)


def test_contempt_aimed_at_the_company_is_an_insult_but_not_at_the_product():
    cues = CueFinder(read_lexicons())
    assert insult_hits(cues, "客服真垃圾，问三遍都不回") > 0
    assert insult_hits(cues, "垃圾平台，退款拖了一个月") > 0
    assert insult_hits(cues, "这个耳机真垃圾，一周就坏了") == 0
    assert insult_hits(cues, "房间的垃圾桶满了，前台垃圾也不来收") == 0


def test_insult_targets_are_optional(tmp_path):
    write_cue_lists(tmp_path)
    assert read_lexicons(tmp_path)["insult"] == ("妈的",)
    (tmp_path / "insult_targets.txt").write_text("客服\n", encoding="utf-8")
    assert {"垃圾客服", "客服太垃圾", "妈的"} <= set(read_lexicons(tmp_path)["insult"])
