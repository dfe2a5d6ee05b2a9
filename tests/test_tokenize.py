import pickle

from triage.tokenize import USER_DICT, WordSegmenter, read_user_dict


def test_user_dictionary_words_stay_whole():
    plain = WordSegmenter()
    domain = WordSegmenter(["与描述不符"])
    assert "与描述不符" not in plain("收到的东西与描述不符")
    assert "与描述不符" in domain("收到的东西与描述不符")


def test_whitespace_is_dropped():
    assert WordSegmenter()("屏幕  坏了") == ("屏幕", "坏", "了")


def test_pickling_keeps_words_not_jieba_state():
    segmenter = WordSegmenter(["价保"])
    segmenter("申请价保被拒")
    restored = pickle.loads(pickle.dumps(segmenter))
    assert restored.user_words == ("价保",)
    assert restored._cut is None
    assert "价保" in restored("申请价保被拒")


def test_shipped_user_dictionary_reads():
    words = read_user_dict(USER_DICT)
    assert "与描述不符" in words
    assert all(not w.startswith("#") for w in words)
