"""The document number's format, a table of cases from GB/T 9704-2012 §7.2.5 (docs/sync-protocol.md §6 cites it):
「年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号"〔 〕"括入；发文顺序号不加"第"字，不编虚位
（即1不编为01），在阿拉伯数字后加"号"字。」"""

from __future__ import annotations

import pytest

from inspector_app.core.errors import ValidationError
from inspector_app.core.notices.numbering import check_prefix, format_number

FORMATS = [
    # (prefix, year, sequence, number): the rule's clause each case tests
    ("津市监蓟责改", 2026, 1, "津市监蓟责改〔2026〕1号"),  # 不编虚位: 1 is 1, not 01 or 0001
    ("津市监蓟责改", 2026, 7, "津市监蓟责改〔2026〕7号"),
    ("津市监蓟责改", 2026, 10, "津市监蓟责改〔2026〕10号"),  # Arabic numerals, as many digits as the number has
    ("津市监蓟责改", 2026, 1234, "津市监蓟责改〔2026〕1234号"),
    ("津市监执罚", 2021, 13, "津市监执罚〔2021〕13号"),  # the Tianjin bureau's own example
    ("津市监丽执罚", 2021, 33, "津市监丽执罚〔2021〕33号"),
    ("农", 2027, 5, "农〔2027〕5号"),  # agriculture's 「农〔〕号」: a one-character 代字 is enough
]

REFUSED = [
    # (prefix, year, sequence, code): what the rule forbids
    ("津市监蓟责改", 26, 1, "numbering.bad_year"),  # 年份应标全称: 26 is not 2026
    ("津市监蓟责改", 202, 1, "numbering.bad_year"),
    ("津市监蓟责改", 20260, 1, "numbering.bad_year"),
    ("津市监蓟责改", 2026, 0, "numbering.bad_sequence"),  # a sequence starts at 1
    ("津市监蓟责改", 2026, -3, "numbering.bad_sequence"),
    ("津市监蓟责改", 2026, "01", "numbering.bad_sequence"),  # 不编虚位: a padded text is not a number
    ("津市监蓟责改第", 2026, 1, "numbering.bad_prefix"),  # 不加"第"字
    ("津市监蓟责改〔", 2026, 1, "numbering.bad_prefix"),  # the brackets are the format's, not the prefix's
    ("津市监[蓟]责改", 2026, 1, "numbering.bad_prefix"),
    ("津市监 责改", 2026, 1, "numbering.bad_prefix"),
    ("", 2026, 1, "numbering.bad_prefix"),
    ("责改号", 2026, 1, "numbering.bad_prefix"),  # 号 follows the sequence only
]


@pytest.mark.parametrize(("prefix", "year", "sequence", "number"), FORMATS)
def test_numbers_follow_gb_t_9704(prefix, year, sequence, number):
    made = format_number(prefix, year=year, sequence=sequence)
    assert made == number
    assert "第" not in made and "〔" in made and "〕" in made  # 六角括号, never [ ] or （ ）
    assert made.endswith(f"〕{sequence}号") and f"〔{year}〕" in made  # 年份全称, 不编虚位


@pytest.mark.parametrize(("prefix", "year", "sequence", "code"), REFUSED)
def test_what_the_rule_forbids_is_refused_by_code(prefix, year, sequence, code):
    with pytest.raises(ValidationError) as raised:
        format_number(prefix, year=year, sequence=sequence)
    assert raised.value.code == code


def test_a_prefix_is_checked_on_its_own():
    assert check_prefix("津市监蓟责改") == "津市监蓟责改"
    with pytest.raises(ValidationError):
        check_prefix("津" * 25)


def test_the_local_series_prefix_setting_is_checked_by_the_same_rule(tmp_path):
    from inspector_app.core import settings
    assert settings.save(tmp_path, {"local_number_prefix": " 试用机 "})["local_number_prefix"] == "试用机"
    for bad in ("试用机第", "试用〔机〕", ""):
        with pytest.raises(ValidationError) as refused:
            settings.save(tmp_path, {"local_number_prefix": bad})
        assert refused.value.code == "numbering.bad_prefix" and refused.value.field == "local_number_prefix"
    assert settings.load(tmp_path)["local_number_prefix"] == "试用机"  # a refused value changed nothing
