"""The analysis chain: normalisation, segmentation with the domain dictionary, stop phrases."""

from __future__ import annotations

import re

import jieba
import pytest

from govsearch.components import build_analyzer
from govsearch.settings import Settings
from search.analysis import exact_key
from search.pinyin import syllables


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer(Settings())


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("公積金提取", "公积金提取"),
        ("護照", "护照"),
        ("ＧＪＪ　提取", "gjj 提取"),
        ("身份证（补领）", "身份证(补领)"),
        ("  多个   空格 ", "多个 空格"),
    ],
)
def test_normalize(analyzer, typed, normalized):
    assert analyzer.normalize(typed) == normalized


@pytest.mark.parametrize("term", ["公积金", "住房公积金", "居民身份证", "不动产", "个体工商户", "营业执照", "无犯罪记录证明"])
def test_domain_terms_stay_whole(analyzer, term):
    assert analyzer.words(term) == [term]


def test_index_terms_carry_sub_words_for_recall(analyzer):
    terms = analyzer.index_terms("居民身份证挂失补领")
    assert list(terms[:2]) == ["居民身份证", "身份证"]
    assert {"居民", "身份", "挂失", "补领"} <= set(terms)


def test_tokens_keep_their_place_in_the_text(analyzer):
    text = analyzer.normalize("身份证(补领)怎么办")
    assert [(t.text, text[t.start : t.end]) for t in analyzer.tokens(text)][:2] == [("身份证", "身份证"), ("补领", "补领")]


def test_dictionary_words_are_normalised_like_the_text(analyzer):
    """卡拉OK is written in upper case in the dictionary; text is lower-cased before cutting."""
    assert analyzer.words(analyzer.normalize("卡拉OK")) == ["卡拉ok"]


def test_pinyin_has_one_syllable_per_character():
    assert syllables("住房公积金ab1") == ("zhu", "fang", "gong", "ji", "jin", "a", "b", "1")


def test_exact_key_keeps_only_letters_digits_and_hanzi():
    assert exact_key("住房公积金提取(购买自住住房)") == "住房公积金提取购买自住住房"


def test_rjieba_segments_like_jieba_with_the_domain_dictionary(analyzer):
    """rjieba replaces pure-Python jieba for speed; it must cut the domain's words the same way."""
    reference = jieba.Tokenizer()
    for entry in analyzer.dictionaries.user_words:
        reference.add_word(analyzer.normalize(entry.word), entry.freq, entry.tag)
    texts = [analyzer.normalize(t) for t in [e.word for e in analyzer.dictionaries.user_words] + SENTENCES]
    different = [
        text for text in texts
        if analyzer.words(text) != [w for w in reference.cut(re.sub(r"[\W_]", " ", text)) if not w.isspace()]
    ]
    assert different == []


SENTENCES = [
    "缴存职工符合购买自住住房、租赁自住住房、离休退休等情形的，可申请提取本人住房公积金账户存储余额",
    "居民身份证有效期满或者证件损坏的，公民可以向户籍所在地公安派出所申请换领新证",
    "申请人从事个体工商业经营的，应当依法办理个体工商户设立登记，领取营业执照",
    "内地居民男女双方自愿结婚的，应当共同到婚姻登记机关申请结婚登记",
    "灵活就业人员可以个人身份参加职工基本养老保险和职工基本医疗保险",
    "在本辖区从事食品销售和餐饮服务活动的，应当依法取得食品经营许可",
    "参保人员跨省异地就医前应当办理基本医疗保险跨省异地就医备案",
    "家庭人均收入低于当地最低生活保障标准的，可以申请最低生活保障",
    "机动车驾驶证有效期满前九十日内，驾驶人应当申请换证",
    "本人或者配偶购买自住住房的，可以申请提取住房公积金",
    "新生儿出生后一个月内，由监护人持出生医学证明办理出生入户登记",
    "因出国留学、工作需要开具无犯罪记录证明的，可以向户籍所在地公安机关申请",
    "纳税人需要开具增值税专用发票的，可以向主管税务机关申请领用发票",
    "八十周岁以上的老年人可以申领高龄津贴",
    "残疾人可以向户籍所在地县级残联申请办理残疾人证",
]
