from triage.normalize import _translation_table, normalize


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


def test_rare_characters_are_folded_but_do_not_grow_the_table():
    normalize("预热")
    size = len(_translation_table())
    astral = "".join(chr(code) for code in range(0x1F300, 0x1F600))  # emoji: kept as they are
    assert normalize(astral) == astral
    assert normalize("坏\U000e0001了") == "坏 了"  # a format character outside the BMP becomes a space
    assert len(_translation_table()) == size


def test_the_model_reads_clause_separators_as_blanks_but_keeps_numbers():
    from triage.docs import model_text

    text = "花了1,299元，屏幕坏了。客服说：等3.5天、再等到12:30;烦."
    read = model_text(text)
    assert read == "花了1,299元 屏幕坏了 客服说 等3.5天 再等到12:30 烦 "
    assert len(read) == len(text)
