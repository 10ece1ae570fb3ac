"""Every scored item of the version-2 forms says what an order needs when it fails: the act as found, the
article that sets the obligation, the article that authorises 责令改正 and, where that article sets one, the
sanction for refusing to correct (the SAMR 范本's 「经查，你（单位）……的行为，违反了……的规定。依据……的规定……」).

The pairs are those of the project's legal brief §3-§5 and of docs/citations.md, which gives for every citation the
statute file of LawRefBook/Laws it was read in and the words that carry it: the Food Safety Law (FSL), its
Implementing Regulations (2019), Order 49, the Regulations on Pig Slaughter, the Regulations on the Registration of
Market Entities and the Administrative Penalty Law.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir

V2 = {path.name.split(".")[0]: path for path in sorted(forms_dir().glob("*.v2.yaml"))}
FORMS = {form_id: checklists.load_file(path) for form_id, path in V2.items()}
EXPECTED_FORMS = {"catering", "school_canteen", "food_sales", "market", "slaughterhouse", "workshop", "stall"}

FSL = "《中华人民共和国食品安全法》"
O49 = "《食品生产经营监督检查管理办法》（市场监管总局令第49号）"
PIG = "《生猪屠宰管理条例》"
APL = "《中华人民共和国行政处罚法》"
REG = "《中华人民共和国食品安全法实施条例》"
MER = "《中华人民共和国市场主体登记管理条例》"
READ_IN_FULL = {FSL, O49, PIG, APL, REG, MER}  # their texts were read article by article (docs/citations.md)
FULL_TITLES = {
    *READ_IN_FULL,
    "《食品经营许可和备案管理办法》", "《关于实施餐饮服务食品安全监督量化分级管理工作的指导意见》",
    "《学校食品安全与营养健康管理规定》", "《食用农产品市场销售质量安全监督管理办法》",
    "《天津市食品生产加工小作坊和食品摊贩监督管理办法》",
}
# Titles whose text is not among the statute files read (licence display, Tianjin's measures, the school rules, the
# farm-produce measures, the grading opinion; docs/citations.md "Cited by title alone"): cited by title alone.
TITLES_WITHOUT_CONFIRMED_ARTICLE = FULL_TITLES - READ_IN_FULL

FALLBACK = O49 + "第三十三条第二款"  # the written rectification requirement (Order 49 Art. 33 ¶2, brief §3)
FALLBACK_COMMENT = "# penalty article unconfirmed (docs/citations.md)"

# What each penalty article sets for refusing to correct, in its own words (brief §3, §4, §5; docs/citations.md); a
# penalty not listed here sanctions at once or sets nothing for a refusal, so its items carry no if_not_corrected.
FSL_126 = "给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证"
PIG_32 = ("给予警告；拒不改正的，责令停业整顿，处5000元以上5万元以下的罚款，"
          "对其直接负责的主管人员和其他直接责任人员处2万元以上5万元以下的罚款；"
          "情节严重的，由设区的市级人民政府吊销生猪定点屠宰证书，收回生猪定点屠宰标志牌")
REFUSAL = {
    **{FSL + f"第一百二十六条第一款第（{n}）项": FSL_126 for n in ("二", "三", "四", "五", "六", "七", "十一", "十二")},
    # FSL 126 ¶4: 「食用农产品销售者违反本法第六十五条规定的……依照第一款规定给予处罚」
    FSL + "第一百二十六条第四款": FSL_126,
    # Implementing Regulations 69, 70: 「……依照食品安全法第一百二十六条第一款、本条例第七十五条的规定给予处罚」
    REG + "第七十条；" + FSL + "第一百二十六条第一款": FSL_126,
    REG + "第六十九条第（二）项；" + FSL + "第一百二十六条第一款": FSL_126,
    # Implementing Regulations 72: 集中交易市场的开办者……未按照规定备案或者报告的
    REG + "第七十二条": "给予警告；拒不改正的，处1万元以上5万元以下罚款；"
    "情节严重的，责令停产停业，并处5万元以上20万元以下罚款",
    # Regulations on the Registration of Market Entities 43: 未经设立登记从事经营活动的
    MER + "第四十三条": "拒不改正的，处1万元以上10万元以下的罚款；"
    "情节严重的，依法责令关闭停业，并处10万元以上50万元以下的罚款",
    FSL + "第一百三十二条": "给予警告；拒不改正的，责令停产停业，并处一万元以上五万元以下罚款；情节严重的，吊销许可证",
    O49 + "第四十八条": "拒不改正的，给予警告，可以并处5000元以上5万元以下罚款",
    **{PIG + f"第三十二条第一款第（{n}）项": PIG_32 for n in ("一", "二", "三", "四", "五")},
    PIG + "第三十二条第一款第（一）项、第（四）项、第（五）项": PIG_32,
    PIG + "第三十条": "逾期仍达不到本条例规定条件的，由设区的市级人民政府吊销生猪定点屠宰证书，收回生猪定点屠宰标志牌",
    PIG + "第三十四条第一款": "拒不召回或者拒不停止屠宰的，责令停业整顿，没收生猪产品和违法所得；"
    "货值金额不足1万元的，并处5万元以上10万元以下的罚款；货值金额1万元以上的，并处货值金额10倍以上20倍以下的罚款；"
    "对其直接负责的主管人员和其他直接责任人员处5万元以上10万元以下的罚款；"
    "情节严重的，由设区的市级人民政府吊销生猪定点屠宰证书，收回生猪定点屠宰标志牌",
}

# Legal brief §4-§5 and docs/citations.md (each row quotes the words read): topic → the obligation article the item
# cites, the penalty article, and the items of that topic. Catering and school canteens share sections 1-9.
TOPICS = [
    # 健康证明: FSL 45 ¶2 「取得健康证明后方可上岗工作」 → 126 ¶1(六) 「安排未取得健康证明……的人员」
    ("健康证明", FSL + "第四十五条第二款", FSL + "第一百二十六条第一款第（六）项",
     [("catering", "4.2"), ("school_canteen", "4.2"), ("food_sales", "5.2")]),
    # 进货查验: FSL 53 → 126 ¶1(三) 「进货时未查验许可证和相关证明文件，或者未按规定建立并遵守进货查验记录……」
    ("进货查验", FSL + "第五十三条", FSL + "第一百二十六条第一款第（三）项",
     [("catering", "6.1"), ("school_canteen", "6.1"), ("food_sales", "6.6"), ("food_sales", "6.8"),
      ("food_sales", "6.10"), ("food_sales", "7.6")]),
    # 餐具消毒: FSL 56 ¶2 → 126 ¶1(五) 「餐具、饮具……使用前未经洗净、消毒」
    ("餐具消毒", FSL + "第五十六条第二款", FSL + "第一百二十六条第一款第（五）项",
     [("catering", "9.3"), ("school_canteen", "9.3")]),
    # 设施维护: FSL 56 ¶1 → 126 ¶1(五) 「餐饮服务设施、设备未按规定定期维护、清洗、校验」 (brief §4, 贮存 row)
    ("设施维护", FSL + "第五十六条第一款", FSL + "第一百二十六条第一款第（五）项",
     [("catering", "8.4"), ("school_canteen", "8.4")]),
    # 贮存: FSL 54 ¶1 and 33 ¶1(六) → 132 「未按要求进行食品贮存、运输和装卸的」
    ("贮存", FSL + "第五十四条第一款", FSL + "第一百三十二条",
     [("catering", "6.2"), ("school_canteen", "6.2"), ("food_sales", "6.1"), ("food_sales", "6.2"),
      ("food_sales", "6.3")]),
    ("贮存条件", FSL + "第三十三条第一款第（六）项", FSL + "第一百三十二条",
     [("catering", "7.5"), ("catering", "7.6"), ("food_sales", "7.3"), ("food_sales", "7.4")]),
    # 散装食品: 126 ¶1(七) 「未按规定要求销售食品」 (brief §4; a 东丽 case charged 「未按规定要求销售散装食品」)
    ("散装食品标识", FSL + "第六十八条", FSL + "第一百二十六条第一款第（七）项", [("food_sales", "3.7")]),
    # 标签: FSL 67, 71 (and 97 for imports, "本法规定") → 125 ¶1(二) 「……标签、说明书不符合本法规定的」
    ("标签", FSL + "第六十七条", FSL + "第一百二十五条第一款第（二）项", [("food_sales", "3.5")]),
    ("标签标注与功能声称", FSL + "第七十一条", FSL + "第一百二十五条第一款第（二）项",
     [("food_sales", "3.6"), ("food_sales", "3.8")]),
    ("进口食品中文标签", FSL + "第九十七条", FSL + "第一百二十五条第一款第（二）项", [("food_sales", "3.10")]),
    # 过期食品: FSL 34(十) → 124 ¶1(五); 腐败变质/感官异常: 34(六) → 124 ¶1(四)
    ("过期食品", FSL + "第三十四条第（十）项", FSL + "第一百二十四条第一款第（五）项", [("food_sales", "3.1")]),
    ("感官性状异常", FSL + "第三十四条第（六）项", FSL + "第一百二十四条第一款第（四）项", [("food_sales", "3.2")]),
    # 肉类检疫 (brief §5, where market supervision still applies): FSL 34(八) → 123 ¶1(四)
    ("肉类检疫", FSL + "第三十四条第（八）项", FSL + "第一百二十三条第一款第（四）项", [("food_sales", "3.3")]),
    # 食品安全管理制度 / 管理人员: FSL 44 → 126 ¶1(二)
    ("管理制度与管理人员", FSL + "第四十四条", FSL + "第一百二十六条第一款第（二）项",
     [("catering", "3.1"), ("catering", "4.1"), ("school_canteen", "3.1"), ("school_canteen", "4.1"),
      ("school_canteen", "10.5"), ("food_sales", "4.1"), ("food_sales", "4.2"), ("food_sales", "4.3")]),
    # 自查: FSL 47 → 126 ¶1(十一)
    ("自查", FSL + "第四十七条", FSL + "第一百二十六条第一款第（十一）项", [("food_sales", "6.4")]),
    # 监督检查结果记录表 公示: Order 49 39 ¶2 → Order 49 48
    ("结果记录表公示", O49 + "第三十九条第二款", O49 + "第四十八条",
     [("catering", "2.2"), ("school_canteen", "2.2"), ("food_sales", "6.11")]),
    # 未取得许可: FSL 35 ¶1 → 122 ¶1
    ("未取得许可", FSL + "第三十五条第一款", FSL + "第一百二十二条第一款",
     [("catering", "1.1"), ("school_canteen", "1.1"), ("food_sales", "1.2")]),
    # 许可证公示: the measures' text was not read → the written rectification requirement
    ("许可证公示", "《食品经营许可和备案管理办法》", FALLBACK, [("catering", "2.1"), ("school_canteen", "2.1")]),
    # 留样 breaks GB 31654, a process standard: Implementing Regulations 70 「……或者不符合有关食品生产经营过程
    # 要求的食品安全国家标准的，依照食品安全法第一百二十六条第一款……给予处罚」; so do 33 ¶1(八) 个人卫生, (九) 用水
    ("留样", FSL + "第三十三条第一款", REG + "第七十条；" + FSL + "第一百二十六条第一款",
     [("catering", "7.4"), ("school_canteen", "7.4"), ("school_canteen", "10.7"), ("school_canteen", "10.8")]),
    ("个人卫生", FSL + "第三十三条第一款第（八）项", REG + "第七十条",
     [("catering", "4.4"), ("school_canteen", "4.4"), ("food_sales", "7.2")]),
    ("用水", FSL + "第三十三条第一款第（九）项", REG + "第七十条", [("catering", "5.3"), ("school_canteen", "5.3")]),
    # Implementing Regulations 69(二) 「餐饮服务提供者未查验、留存餐具饮具集中消毒服务单位的……消毒合格证明」
    ("集中消毒餐具", FSL + "第五十六条第二款", REG + "第六十九条第（二）项",
     [("catering", "9.1"), ("school_canteen", "9.1")]),
    # 事故处置方案: FSL 102 ¶4 「食品生产经营企业应当制定食品安全事故处置方案」
    # → 126 ¶1(四) 「……未制定食品安全事故处置方案」
    ("事故处置方案", FSL + "第一百零二条第四款", FSL + "第一百二十六条第一款第（四）项",
     [("catering", "3.2"), ("school_canteen", "3.2")]),
    # 事故处置、报告: FSL 103 ¶1 → 128 「事故单位在发生食品安全事故后未进行处置、报告的」
    ("事故报告", FSL + "第一百零三条第一款", FSL + "第一百二十八条", [("food_sales", "6.5")]),
    # 防病禁售: FSL 34(十二) 「国家为防病等特殊需要明令禁止生产经营的食品」 → 123 ¶1(五); (十一) is 无标签的预包装食品
    ("防病禁售", FSL + "第三十四条第（十二）项", FSL + "第一百二十三条第一款第（五）项", [("food_sales", "3.4")]),
    # 食用农产品进货查验: FSL 65 → 126 ¶4 「食用农产品销售者违反本法第六十五条规定的……依照第一款规定给予处罚」
    ("食用农产品进货查验", FSL + "第六十五条", FSL + "第一百二十六条第四款", [("food_sales", "6.7")]),
    # 市场开办者: FSL 61 → 130 ¶1 「……允许未依法取得许可的食品经营者进入市场销售食品，或者未履行检查、报告等义务的」
    ("市场开办者", FSL + "第六十一条", FSL + "第一百三十条第一款",
     [("food_sales", "7.1"), ("market", "1.4"), ("market", "3.2"), ("market", "5.2")]),
    # 市场开办报告: Implementing Regulations 31 「食品集中交易市场的开办者……应当在市场开业……前……报告」
    # → 72 「……食品集中交易市场的开办者……未按照规定备案或者报告的」
    ("市场开办报告", REG + "第三十一条", REG + "第七十二条", [("market", "1.1")]),
    # 集中用餐单位: Implementing Regulations 28 ¶1 「……食堂应当执行……食品留样等制度」, ¶2 「承包经营集中用餐单位食堂的，
    # 应当依法取得食品经营许可」; both under FSL 126 ¶1(十二) or, for 留样, Implementing Regulations 70
    ("食堂留样", REG + "第二十八条第一款", REG + "第七十条",
     [("school_canteen", "7.4"), ("school_canteen", "10.7"), ("school_canteen", "10.8")]),
    ("食堂承包", REG + "第二十八条第二款", FSL + "第一百二十六条第一款第（十二）项", [("school_canteen", "10.2")]),
    # 营业执照: 市场主体登记管理条例 3 ¶1 「未经登记，不得以市场主体名义从事经营活动」
    # → 43 「未经设立登记从事经营活动的」
    ("营业执照", MER + "第三条第一款", MER + "第四十三条", [("food_sales", "1.1")]),
    # 生猪屠宰 (brief §5): 11 conditions → 30; 13 intake and 17 dispatch records → 32 ¶1(一); 13 ¶3 agreements
    # → 32 ¶1(二); 14 procedures → 32 ¶1(三); 15 ¶1 meat inspection → 32 ¶1(四); 15 ¶2 failed products → 32 ¶1(五);
    # uninspected products leaving → 33; 20 water injection → 35, 36; 18 recall → 34
    ("屠宰条件", PIG + "第十一条", PIG + "第三十条",
     [("slaughterhouse", i) for i in ("1.2", "2.1", "2.2", "2.3", "2.4", "2.5")]),
    ("进厂查验登记", PIG + "第十三条第二款", PIG + "第三十二条第一款第（一）项", [("slaughterhouse", "3.1")]),
    ("出厂记录", PIG + "第十七条", PIG + "第三十二条第一款第（一）项", [("slaughterhouse", "5.1")]),
    ("委托屠宰协议", PIG + "第十三条第三款", PIG + "第三十二条第一款第（二）项", [("slaughterhouse", "3.4")]),
    ("操作规程", PIG + "第十四条", PIG + "第三十二条第一款第（三）项", [("slaughterhouse", "4.1")]),
    ("肉品品质检验", PIG + "第十五条第一款", PIG + "第三十二条第一款第（四）项", [("slaughterhouse", "4.2")]),
    ("不合格品处理", PIG + "第十五条第二款", PIG + "第三十二条第一款第（五）项", [("slaughterhouse", "4.4")]),
    ("记录保存", PIG + "第十五条第二款", PIG + "第三十二条第一款第（一）项、第（四）项、第（五）项",
     [("slaughterhouse", "5.2")]),
    ("未检出厂", PIG + "第十五条第二款", PIG + "第三十三条", [("slaughterhouse", "4.3")]),
    ("注水", PIG + "第二十条", PIG + "第三十五条", [("slaughterhouse", "4.5")]),
    ("召回", PIG + "第十八条", PIG + "第三十四条第一款", [("slaughterhouse", "5.4")]),
]

NUMERAL = "[零一二三四五六七八九十百]+"
ZH_ARTICLE = re.compile(rf"第({NUMERAL})条(?:第({NUMERAL})款)?(?:第（({NUMERAL})）项)?")
ZH_PART = re.compile(rf"第({NUMERAL})条|第({NUMERAL})款|第（({NUMERAL})）项")
EN_ARTICLE = re.compile(r"Art\. (\d+)(?: para\. (\d+))?(?: item \((\d+)\))?")
TITLE = re.compile(r"《[^》]+》(?:（[^）]+）)?")
REQUIREMENT_WORDS = ("应当", "必须", "不得", "须")


def chinese_number(text: str) -> int:
    """第一百二十六条 → 126 (numerals up to the hundreds, as articles are numbered)."""
    digits = dict(zip("零一二三四五六七八九", range(10), strict=True))
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += current * 100
            current = 0
    return total + current


def articles_zh(text: str) -> list[tuple[int, int | None, int | None]]:
    """Every (article, paragraph, item) cited; 第十一条第（二）项、第（五）项 repeats article 11 for item 5."""
    cited: list[list[int | None]] = []
    for article, paragraph, item in ZH_PART.findall(text):
        if article:
            cited.append([chinese_number(article), None, None])
        elif paragraph:
            last = cited[-1]
            if last[1] is None and last[2] is None:
                last[1] = chinese_number(paragraph)
            else:
                cited.append([last[0], chinese_number(paragraph), None])
        else:
            last = cited[-1]
            if last[2] is None:
                last[2] = chinese_number(item)
            else:
                cited.append([last[0], last[1], chinese_number(item)])
    return [(a, p, i) for a, p, i in cited]


def cites(text: str, article: str) -> bool:
    """Whether `text` cites `article` (or a paragraph or item of it)."""
    (wanted,) = articles_zh(article)
    return any(all(w is None or w == c for w, c in zip(wanted, got, strict=True)) for got in articles_zh(text))


def articles_en(text: str) -> list[tuple[int, int | None, int | None]]:
    return [(int(a), int(p) if p else None, int(i) if i else None) for a, p, i in EN_ARTICLE.findall(text)]


def scored_items():
    return [(form_id, item) for form_id, form in sorted(FORMS.items()) for item in form.items.values() if item.scored]


SCORED = scored_items()
IDS = [f"{form_id}-{item.id}" for form_id, item in SCORED]


def test_chinese_numerals_are_read_as_the_articles_are_numbered():
    cases = {"一": 1, "十": 10, "十一": 11, "二十": 20, "四十五": 45, "一百": 100, "一百零二": 102,
             "一百一十": 110, "一百二十六": 126, "一百三十二": 132}
    assert {text: chinese_number(text) for text in cases} == cases


def test_a_citation_names_each_article_paragraph_and_item_once():
    cases = {
        "第四十五条第二款": [(45, 2, None)],
        "第一百二十六条第一款第（六）项": [(126, 1, 6)],
        "第三十四条第（十）项": [(34, None, 10)],
        "第四十四条第一款、第三款": [(44, 1, None), (44, 3, None)],
        "第十一条第（二）项、第（五）项": [(11, None, 2), (11, None, 5)],
        "第十二条、第十三条第一款、第二款": [(12, None, None), (13, 1, None), (13, 2, None)],
        "第五十六条第二款、第三十三条第一款第（五）项": [(56, 2, None), (33, 1, 5)],
    }
    assert {text: articles_zh(text) for text in cases} == cases
    assert cites("第五十三条第一款、第二款", "第五十三条") and cites("第五十三条第一款、第二款", "第五十三条第二款")
    assert not cites("第五十三条第一款", "第五十三条第二款") and not cites("第一百二十六条", "第一百二十五条")


def test_every_form_has_a_second_version_with_the_first_versions_items_and_rule():
    assert set(FORMS) == EXPECTED_FORMS
    for form_id, form in FORMS.items():
        first = checklists.load_file(forms_dir() / f"{form_id}.v1.yaml")
        assert form.version == 2 and form.rule == first.rule and form.categories == first.categories
        assert [i.id for i in form.items.values()] == [i.id for i in first.items.values()]
        for item in form.items.values():
            same = first.items[item.id].model_dump()
            assert item.model_dump(exclude={"violation"}) == same, (form_id, item.id)
            assert first.items[item.id].violation is None


@pytest.mark.parametrize("form_id", sorted(EXPECTED_FORMS))
def test_every_scored_item_has_a_violation_and_records_have_none(form_id):
    form = FORMS[form_id]
    assert [i.id for i in form.items.values() if i.scored and i.violation is None] == []
    assert [i.id for i in form.items.values() if not i.scored and i.violation is not None] == []


@pytest.mark.parametrize("form_id, item", SCORED, ids=IDS)
def test_the_finding_is_the_act_as_found(form_id, item):
    finding = item.violation.finding
    assert not finding.zh.startswith(("你", "经查", "当事人")), "the order supplies 经查，你（单位）"
    assert not finding.zh.endswith(("的行为", "。", "；", "，")), "the order supplies 的行为"
    assert not any(word in finding.zh for word in REQUIREMENT_WORDS), "a fact, not the requirement"
    assert finding.en[0].islower() and not re.search(r"\b(must|shall|should|you)\b", finding.en, re.I)
    assert not finding.en.endswith(".")


@pytest.mark.parametrize("form_id, item", SCORED, ids=IDS)
def test_obligation_and_penalty_cite_laws_by_full_title_and_article(form_id, item):
    violation = item.violation
    for field in ("obligation", "penalty"):
        text = getattr(violation, field)
        for part in text.zh.split("；"):
            if part.startswith("GB "):  # a national standard, which FSL 33 ¶1 makes binding
                continue
            title = TITLE.match(part)
            assert title and title.group(0) in FULL_TITLES, f"{field}: {part!r} is not a law's full title"
            if title.group(0) not in TITLES_WITHOUT_CONFIRMED_ARTICLE:
                assert ZH_ARTICLE.match(part, title.end()), f"{field}: {part!r} names no article"
        assert articles_zh(text.zh) == articles_en(text.en), f"{field}: zh and en cite different articles"
    assert articles_zh(violation.penalty.zh), "the penalty is always an article"
    assert TITLE.match(violation.penalty.zh).group(0) not in TITLES_WITHOUT_CONFIRMED_ARTICLE


@pytest.mark.parametrize("form_id, item", SCORED, ids=IDS)
def test_if_not_corrected_is_what_the_penalty_article_sets_for_a_refusal(form_id, item):
    violation = item.violation
    expected = REFUSAL.get(violation.penalty.zh)
    assert (violation.if_not_corrected.zh if violation.if_not_corrected else None) == expected
    if expected:
        assert violation.if_not_corrected.en


def test_the_written_rectification_requirement_stands_in_only_where_a_comment_says_so():
    for form_id, path in V2.items():
        blocks = re.split(r"\n      - id: ", path.read_text(encoding="utf-8"))[1:]
        for block in blocks:
            item = FORMS[form_id].items[block.split('"')[1]]
            if item.violation and item.violation.penalty.zh == FALLBACK:
                assert FALLBACK_COMMENT in block, (form_id, item.id)
                assert item.violation.if_not_corrected is None


def test_slaughterhouse_items_cite_the_agriculture_departments_law_not_order_49():
    for item in FORMS["slaughterhouse"].items.values():
        if item.violation:
            assert item.violation.penalty.zh.startswith((PIG, APL)), item.id
            assert item.violation.obligation.zh.startswith(PIG), item.id


def test_workshops_and_stalls_follow_fsl_127_to_tianjins_measures():
    """FSL 127 leaves their penalties to Tianjin's measures, whose text is unconfirmed (brief §4)."""
    for form_id in ("workshop", "stall"):
        for item in FORMS[form_id].items.values():
            assert item.violation.penalty.zh == FALLBACK, (form_id, item.id)


@pytest.mark.parametrize("topic, obligation, penalty, items", TOPICS, ids=[t[0] for t in TOPICS])
def test_the_topics_of_the_legal_brief_cite_its_pairs(topic, obligation, penalty, items):
    title = TITLE.match(obligation).group(0)
    article = obligation[len(title):]
    for form_id, item_id in items:
        item = FORMS[form_id].items[item_id]
        assert item.scored
        cited = item.violation.obligation.zh
        assert any(part.startswith(title) and (cites(part, article) if article else part == title)
                   for part in cited.split("；")), (form_id, item_id, cited)
        assert item.violation.penalty.zh.startswith(penalty), (form_id, item_id, item.violation.penalty.zh)


CITATIONS_DOC = Path(__file__).parents[2] / "docs" / "citations.md"
EXCERPT = re.compile(r"^「(.+)」$")


def cited_parts(text: str) -> list[tuple]:
    """Each law and article a joint citation names: (title, article, paragraph, item), or the standard as written."""
    parts: list[tuple] = []
    for part in text.split("；"):
        if part.startswith("GB "):
            parts.append((part,))
            continue
        title = TITLE.match(part).group(0)
        parts += [(title, *cited) for cited in articles_zh(part[len(title):])] or [(title, None, None, None)]
    return parts


def documented_rows() -> dict[tuple, tuple[str, str]]:
    """docs/citations.md's rows of citations: citation → (excerpt cell, status)."""
    rows = {}
    for line in CITATIONS_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[3] in ("verified", "title only"):
            (cited,) = cited_parts(cells[0])
            rows[cited] = (cells[2], cells[3])
    return rows


def test_cited_parts_reads_joint_citations():
    assert cited_parts(FSL + "第三十三条第一款；GB 31654-2021《标准》；《学校食品安全与营养健康管理规定》") == [
        (FSL, 33, 1, None), ("GB 31654-2021《标准》",), ("《学校食品安全与营养健康管理规定》", None, None, None)]
    assert cited_parts(REG + "第七十条；" + FSL + "第一百二十六条第一款") == [
        (REG, 70, None, None), (FSL, 126, 1, None)]


def test_every_citation_of_the_forms_is_documented_with_the_words_that_carry_it():
    """docs/citations.md gives each citation's statute text (≤ 40 characters), read in the files it lists."""
    rows = documented_rows()
    used = {cited for _, item in SCORED for field in ("obligation", "penalty")
            for cited in cited_parts(getattr(item.violation, field).zh)}
    assert sorted(used - set(rows), key=str) == []
    for cited, (excerpt, status) in rows.items():
        read = cited[0] in READ_IN_FULL
        assert status == ("verified" if read else "title only"), cited
        if read:
            words = EXCERPT.match(excerpt)
            assert words and len(words.group(1)) <= 40 and cited[1] is not None, (cited, excerpt)
