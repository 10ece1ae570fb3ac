"""The 责令改正通知书's sentences, case by case from the rules' texts (core/notices/order_wording.py).

- SAMR 范本 (2019/2021) 责令改正通知书: 「经查，你（单位）____的行为，违反了____的规定。依据____的规定，现责令你
  （单位）[立即/在__年__月__日前]改正[上述违法行为]。」 — the act as found, the obligation article, the article
  authorising 责令改正; 「逾期不改的，本局将依据____的规定，____」; the 复议/诉讼 notice 「如对本责令改正决定不服，可以
  自收到本通知书之日起六十日内向____申请行政复议；也可以在六个月内依法向____提起行政诉讼」.
- Order 49 Art. 33 ¶1–2: only general items 情节显著轻微不影响食品安全 are ordered to be corrected, in writing with a
  deadline (¶2); Art. 32: a failed key item affecting safety → 依法进行调查处理.
"""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.core.notices import order_wording as words
from inspector_app.core.notices.content import Finding, Violation

FSL = "《中华人民共和国食品安全法》"
HEALTH = Violation("安排未取得健康证明的人员从事接触直接入口食品的工作", f"{FSL}第四十五条第二款",
                   f"{FSL}第一百二十六条第一款第（六）项",
                   "给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证。")
STORAGE = Violation("未按照保证食品安全的要求贮存食品", f"{FSL}第五十四条第一款", f"{FSL}第一百三十二条",
                    "给予警告；拒不改正的，责令停产停业，并处一万元以上五万元以下罚款；情节严重的，吊销许可证")
EXPIRED = Violation("贮存的食品超过保质期", f"{FSL}第五十四条第一款", f"{FSL}第一百三十二条")
ORDER_49 = "《食品生产经营监督检查管理办法》（市场监管总局令第49号）"
RECORD = Violation("未张贴监督检查结果记录表的行为", f"{ORDER_49}第三十九条第二款", f"{ORDER_49}第四十八条",
                   "给予警告，可以并处5000元以上5万元以下罚款")


def item(item_id, violation=None, *, key=False, text="从业人员持有有效的健康证明。", basis=f"{FSL}第四十五条",
         note=None):
    return Finding(item_id, text, key, "fail", None, note, basis, violation=violation)


# 范本: 「经查，你（单位）<the act as found>的行为，违反了<obligation>的规定。」 — facts, never the requirement;
# items sharing an obligation article are one clause, in item order.
FACTS = [
    ([item("4.2", HEALTH)],
     f"经查，你（单位）安排未取得健康证明的人员从事接触直接入口食品的工作的行为，违反了{FSL}第四十五条第二款的规定。"),
    ([item("6.2", STORAGE), item("6.5", EXPIRED)],
     f"经查，你（单位）未按照保证食品安全的要求贮存食品、贮存的食品超过保质期的行为，违反了{FSL}第五十四条第一款的规定。"),
    ([item("6.2", STORAGE), item("4.2", HEALTH), item("6.5", EXPIRED)],
     f"经查，你（单位）未按照保证食品安全的要求贮存食品、贮存的食品超过保质期的行为，违反了{FSL}第五十四条第一款的规定；"
     f"安排未取得健康证明的人员从事接触直接入口食品的工作的行为，违反了{FSL}第四十五条第二款的规定。"),
    ([item("2.2", RECORD)],  # a finding written with 的行为 and a full stop is not doubled
     "经查，你（单位）未张贴监督检查结果记录表的行为，违反了《食品生产经营监督检查管理办法》（市场监管总局令第49号）"
     "第三十九条第二款的规定。"),
    ([item("2.1", text="在经营场所醒目位置公示食品经营许可证。", basis="《食品经营许可和备案管理办法》")],
     # v1: no violation
     "经查，你（单位）未达到“在经营场所醒目位置公示食品经营许可证”要求的行为，"
     "违反了《食品经营许可和备案管理办法》的规定。"),
    ([item("5.9", text="保持清洁。", basis=None)],
     "经查，你（单位）未达到“保持清洁”要求的行为，违反了监督检查要点表的规定。"),
]


@pytest.mark.parametrize("findings,expected", FACTS)
def test_the_fact_sentence_states_the_acts_as_found_grouped_by_obligation(findings, expected):
    ordered, case = words.split(findings)
    assert not case
    assert words.fact_sentence(ordered) == expected
    assert "应当" not in expected and "持有有效的健康证明" not in expected  # never the requirement


# 范本: 「依据<the article authorising 责令改正>的规定，现责令你（单位）[立即/在__年__月__日前]改正上述违法行为。」
ORDERS = [
    ([item("4.2", HEALTH)], date(2026, 12, 14),
     f"依据{FSL}第一百二十六条第一款第（六）项的规定，现责令你（单位）在2026年12月14日前改正上述违法行为。"),
    ([item("6.2", STORAGE), item("6.5", EXPIRED), item("4.2", HEALTH)], date(2026, 12, 14),
     f"依据{FSL}第一百三十二条、第一百二十六条第一款第（六）项的规定，现责令你（单位）在2026年12月14日前改正上述违法行为。"),
    ([item("4.2", HEALTH)], None,
     f"依据{FSL}第一百二十六条第一款第（六）项的规定，现责令你（单位）立即改正上述违法行为。"),
    ([item("2.1", basis="《食品经营许可和备案管理办法》")], date(2026, 12, 1),  # v1: Order 49 Art. 33 ¶2 authorises
     "依据《食品生产经营监督检查管理办法》（市场监管总局令第49号）第三十三条第二款的规定，现责令你（单位）"
     "在2026年12月1日前改正上述违法行为。"),
]


@pytest.mark.parametrize("findings,deadline,expected", ORDERS)
def test_the_order_sentence_cites_the_penalty_articles_merged(findings, deadline, expected):
    assert words.order_sentence(words.split(findings)[0], deadline) == expected


def test_articles_merge_in_first_cited_order_with_each_law_named_once():
    cases = [
        ([f"{FSL}第五十四条第一款", f"{FSL}第五十四条第一款"], f"{FSL}第五十四条第一款"),
        ([f"{FSL}第四十五条第二款", f"{FSL}第五十四条第一款"], f"{FSL}第四十五条第二款、第五十四条第一款"),
        ([f"{FSL}第四十五条", "《食品经营许可和备案管理办法》", f"{FSL}第五十四条"],
         f"{FSL}第四十五条、《食品经营许可和备案管理办法》、{FSL}第五十四条"),
        ([f"{FSL}第三十五条；《食品经营许可和备案管理办法》"], f"{FSL}第三十五条、《食品经营许可和备案管理办法》"),
        ([words.ART_33_2, f"{words.ORDER_49}第三十九条第二款"], f"{words.ART_33_2}、第三十九条第二款"),
        ([None, ""], ""),
    ]
    for given, expected in cases:
        assert words.merge_articles(given) == expected, given


# 范本 [ ]: 「逾期不改的，本局将依据____的规定，____。」 from each penalty article's sanction, merged per article.
CONSEQUENCES = [
    ([item("4.2", HEALTH)],
     f"逾期不改的，本局将依据{FSL}第一百二十六条第一款第（六）项的规定，给予警告；拒不改正的，处五千元以上五万元以下罚款；"
     "情节严重的，责令停产停业，直至吊销许可证。"),
    ([item("6.2", STORAGE), item("6.5", EXPIRED), item("4.2", HEALTH)],
     f"逾期不改的，本局将依据{FSL}第一百三十二条的规定，给予警告；拒不改正的，责令停产停业，并处一万元以上五万元以下罚款；"
     f"情节严重的，吊销许可证；依据{FSL}第一百二十六条第一款第（六）项的规定，给予警告；拒不改正的，处五千元以上五万元以下"
     "罚款；情节严重的，责令停产停业，直至吊销许可证。"),
    ([item("6.5", EXPIRED)], "逾期不改的，本局将依法处理。"),  # no sanction given: nothing invented
    ([item("2.1")], "逾期不改的，本局将依法处理。"),
    ([], ""),
]


@pytest.mark.parametrize("findings,expected", CONSEQUENCES)
def test_what_follows_if_not_corrected(findings, expected):
    assert words.consequence(words.split(findings)[0]) == expected


def test_key_items_go_to_a_case_and_never_cite_article_33():
    """Order 49 Art. 32: a failed key item → 依法进行调查处理; Art. 33 (ordered correction) is for general items."""
    key_v2 = item("4.2", HEALTH, key=True)
    key_v1 = item("3.1", key=True, text="建立食品安全管理制度。", basis=f"{FSL}第四十四条")
    general = item("6.2", STORAGE)
    ordered, case = words.split([key_v2, general, key_v1])
    assert [c.item_id for c in ordered] == ["6.2"] and [c.item_id for c in case] == ["4.2", "3.1"]
    sentence = words.case_sentence(case)
    assert sentence == (f"另查，你（单位）安排未取得健康证明的人员从事接触直接入口食品的工作的行为，"
                        f"涉嫌违反{FSL}第四十五条第二款的规定；未达到“建立食品安全管理制度”要求的行为，涉嫌违反{FSL}第四十四条的规定，"
                        "属于不符合监督检查要点表重点项目、影响食品安全的情形。"
                        f"依据{words.ART_32}的规定，本局将依法立案调查。")
    assert "第三十三条" not in sentence and "第一百二十六条" not in sentence
    for only_key in ([key_v1], [key_v2], [key_v1, key_v2]):
        ordered, case = words.split(only_key)
        assert not ordered and words.order_sentence(ordered, date(2026, 12, 1)) == ""
        assert "第三十三条" not in words.fact_sentence(ordered) + words.case_sentence(case)
    assert words.case_sentence([]) == ""


def test_the_requirements_list_the_items_to_correct():
    lines = words.requirements(words.split([item("4.2", HEALTH, note="两名厨师无健康证明"),
                                            item("6.2", STORAGE, text="按要求贮存食品。")])[0])
    assert lines == ["1. 从业人员持有有效的健康证明（第4.2项）（现场情况：两名厨师无健康证明）。",
                     "2. 按要求贮存食品（第6.2项）。"]


@pytest.mark.parametrize("body,court", [("天津市蓟州区人民政府", "天津市蓟州区人民法院"),
                                        ("天津市市场监督管理委员会", "天津市第一中级人民法院")])
def test_the_review_notice_names_the_districts_bodies(body, court):
    """行政复议法 (2023) Art. 20: 60 days; 行政诉讼法 Art. 46: six months; the bodies are the district's settings."""
    assert words.redress(body, court) == ("如对本责令改正决定不服，可以自收到本通知书之日起六十日内"
                                          f"向{body}申请行政复议；也可以在六个月内依法向{court}提起行政诉讼。")


def test_a_review_body_or_court_not_known_is_a_line_to_fill_never_a_gap():
    """行政复议法 Art. 20 ¶3: without the notice the period runs up to a year; a blank line keeps the sentence whole."""
    sentence = words.redress("", "")
    assert "日内向＿＿＿＿＿＿＿＿申请行政复议" in sentence and "依法向＿＿＿＿＿＿＿＿提起行政诉讼" in sentence


def test_a_general_item_affecting_safety_goes_to_a_case_under_article_33_paragraph_3():
    """Order 49 Art. 33 ¶3: 「不符合监督检查要点表一般项目，影响食品安全的，……应当依法进行调查处理」 — not the
    written order of ¶2; with a key item (Art. 32) both articles are named."""
    unsafe = item("6.2", STORAGE)  # a general item the inspector marked 影响食品安全: the rules put it in cases
    ordered, case = words.split([item("6.5", EXPIRED)], cases=[unsafe])
    assert [c.item_id for c in ordered] == ["6.5"] and [c.item_id for c in case] == ["6.2"]
    sentence = words.case_sentence(case)
    assert "属于不符合监督检查要点表一般项目、影响食品安全的情形" in sentence
    assert f"依据{words.ART_33_3}的规定，本局将依法立案调查。" in sentence and "第三十二条" not in sentence
    both = words.case_sentence(words.split([item("4.2", HEALTH, key=True)], cases=[unsafe])[1])
    assert "重点项目、影响食品安全以及不符合监督检查要点表一般项目、影响食品安全的情形" in both
    assert f"{words.ART_32}、第三十三条第三款的规定" in both
