import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from triage.corpus import read_corpus
from triage.cues import LEXICON_DIR
from triage.normalize import normalize
from triage.tokenize import USER_DICT, WordSegmenter, jieba_reference, read_user_dict

CORPUS = LEXICON_DIR.parent / "corpus"
USER_WORDS = read_user_dict(USER_DICT)
SEGMENTER = WordSegmenter(USER_WORDS, cache_size=0)
JIEBA = jieba_reference(USER_WORDS)


def jieba_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in JIEBA.cut(text) if not w.isspace())


def test_user_dictionary_words_stay_whole():
    plain = WordSegmenter()
    domain = WordSegmenter([("与描述不符", 1)])
    assert "与描述不符" not in plain("收到的东西与描述不符")
    assert "与描述不符" in domain("收到的东西与描述不符")


def test_whitespace_is_dropped():
    assert WordSegmenter()("屏幕  坏了") == ("屏幕", "坏", "了")


def test_runs_of_letters_and_digits_split_as_jieba_splits_them():
    assert SEGMENTER("说3-5个工作日") == ("说", "3", "-", "5", "个", "工作日")
    assert SEGMENTER("净重2.5kg") == jieba_words("净重2.5kg")


def test_words_are_jiebas_on_the_whole_corpus():
    texts = [normalize(e.text) for e in read_corpus([CORPUS])]
    differing = [t for t in texts if SEGMENTER(t) != jieba_words(t)]
    assert len(texts) > 5000
    assert differing == []


CHARACTERS = st.one_of(
    st.sampled_from("的了是不快递客服退货坏质量收到说好差评气死骗子嗡咚𫛩🎂"),
    st.sampled_from("0123456789abcxyz.-%+#&_/:,!? 。，！？、"),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
)


@settings(max_examples=400, deadline=None)
@given(st.text(CHARACTERS, min_size=1, max_size=40))
def test_words_are_jiebas_on_any_text(text):
    text = normalize(text)
    assert SEGMENTER(text) == jieba_words(text)


def test_pickling_keeps_words_not_the_dictionary():
    segmenter = WordSegmenter([("价保", 5)])
    segmenter("申请价保被拒")
    restored = pickle.loads(pickle.dumps(segmenter))
    assert restored.user_words == (("价保", 5),)
    assert restored._cut is None
    assert "价保" in restored("申请价保被拒")


def test_shipped_user_dictionary_reads_with_frequencies():
    entries = dict(USER_WORDS)
    assert "与描述不符" in entries
    assert all(not w.startswith("#") for w in entries)
    assert all(isinstance(freq, int) and freq > 0 for freq in entries.values())
