from triage.normalize import normalize


def test_full_width_becomes_half_width():
    assert normalize("ＡＢＣ１２３！？") == "abc123!?"


def test_traditional_becomes_simplified():
    assert normalize("這個產品品質很爛，客服態度也很差") == "这个产品品质很烂,客服态度也很差"


def test_whitespace_and_control_characters_become_spaces():
    assert normalize("坏了\t\n\u3000\u200b了") == "坏了    了"


def test_length_is_preserved_so_offsets_carry_over():
    text = "頭髮ＡＢ\u3000乾燥！！ emoji😡"
    assert len(normalize(text)) == len(text)


def test_simplified_text_is_unchanged():
    text = "快递三天没到,客服不回复"
    assert normalize(text) == text
