"""Workshops and stalls carry Tianjin's papers (issue 12, "Small workshops and stalls"; docs/registration-papers.md).

食品小作坊登记证 (天津市人民政府令第26号 Art. 14; 2024: 食品小作坊许可) and 食品摊贩备案证明 (stalls are filed,
not licensed). Their number formats are unpublished: the cases below are the documented pattern — 6 to 30
characters of digits, letters, Chinese characters and 〔〕()[]-, at least 4 digits — which the district confirms.
"""

import pytest
from factories import make_establishment

from inspector_app.core import establishments, identifiers, registration_papers
from inspector_app.core.errors import ValidationError

# (category, typed, stored number, licence_type)
ACCEPTED = [
    ("stall", "津蓟摊备〔2023〕0012号", "津蓟摊备〔2023〕0012号", "备案"),
    ("stall", "蓟州摊贩备 2022-0457", "蓟州摊贩备2022-0457", "备案"),
    ("stall", "ｊｚ２０２３０００１", "JZ20230001", "备案"),  # full-width, as a Chinese IME types it
    ("workshop", "津蓟小作坊登字（2024）031号", "津蓟小作坊登字(2024)031号", "登记证"),
    ("workshop", "XZF120119 0031", "XZF1201190031", "登记证"),
    ("workshop", "123456", "123456", "登记证"),  # shortest: 6 characters
    ("workshop", "津" * 26 + "2024", "津" * 26 + "2024", "登记证"),  # longest: 30 characters
    # a workshop or stall may hold a real licence: JY/SC and a digit is checked as one
    ("workshop", "SC10212011600523", "SC10212011600523", "SC"),
    ("stall", "jy11407020031943", "JY11407020031943", "JY"),
    # every other category keeps the JY/SC rule of the 2015 licensing measures
    ("catering", "JY21201190020002", "JY21201190020002", "JY"),
    ("food_sales", "JY11407020031943", "JY11407020031943", "JY"),
]

# (category, typed, code, words of the English sentence)
REFUSED = [
    ("stall", "摊备12", "identifiers.paper_length", "Food stall filing certificate number 摊备12: has 4 characters"),
    ("stall", "津" * 27 + "2024", "identifiers.paper_length", "has 31 characters, must have 6 to 30"),
    ("stall", "津蓟摊备字第号", "identifiers.paper_digits", "fewer than 4 digits"),
    ("workshop", "津蓟小作坊123", "identifiers.paper_digits", "Small food workshop registration (licence)"),
    ("workshop", "津#2024001", "identifiers.paper_character", "position 2 cannot be '#'"),
    ("workshop", "津蓟2024/001", "identifiers.paper_character", "position 7 cannot be '/'"),
    ("stall", "2024。0012", "identifiers.paper_character", "position 5 cannot be '。'"),
    # looks like a licence, so it must be one
    ("stall", "JY1140702003194", "identifiers.licence_length", "has 13 digits after JY"),
    ("workshop", "SC1021201160052X", "identifiers.licence_character", "position 16 is 'X'"),
    # a paper number under a category that takes a licence
    ("catering", "津蓟摊备〔2023〕0012号", "identifiers.licence_prefix", "must start with JY"),
    ("food_sales", "XZF1201190031", "identifiers.licence_prefix", "workshop's 登记证 or a stall's 备案证明"),
]


@pytest.mark.parametrize("category, typed, number, kind", ACCEPTED)
def test_each_category_takes_its_own_paper(category, typed, number, kind):
    assert registration_papers.validate_number(typed, category=category) == (number, kind)


@pytest.mark.parametrize("category, typed, code, words", REFUSED)
def test_a_malformed_number_gets_a_coded_error_naming_the_paper(category, typed, code, words):
    with pytest.raises(ValidationError) as info:
        registration_papers.validate_number(typed, category=category, field="licence")
    assert (info.value.code, info.value.field) == (code, "licence")
    assert words in info.value.message_in("en")
    assert "编号" in info.value.message_in("zh")


def test_the_paper_is_named_in_the_sentences_language():
    with pytest.raises(ValidationError) as info:
        registration_papers.validate_number("摊备12", category="stall")
    assert info.value.message_in("zh").startswith("食品摊贩备案证明编号 摊备12")
    assert info.value.message_in("en").startswith("Food stall filing certificate number 摊备12")


def test_register_keeps_a_stall_and_a_workshop_with_their_papers(seeded):
    store, _ = seeded
    with store.write() as session:
        stall = make_establishment(session, name="李记烧饼摊", category="stall", licence_no="津蓟摊备〔2023〕0012号")
        shop = make_establishment(session, name="渔阳豆腐坊", category="workshop", licence_no="津蓟小作坊 2024 0031")
        assert (stall.licence_no, stall.licence_type, stall.provisional) == ("津蓟摊备〔2023〕0012号", "备案", False)
        assert (shop.licence_no, shop.licence_type) == ("津蓟小作坊20240031", "登记证")
        found = establishments.search(session, "20240031")
        assert [hit.name for hit in found] == ["渔阳豆腐坊"]


def test_a_refused_number_leaves_the_register_as_it_was(seeded):
    store, _ = seeded
    with store.write() as session:
        before = len(establishments.find_ids(session))
    with pytest.raises(ValidationError) as info, store.write() as session:
        make_establishment(session, name="李记烧饼摊", category="stall", licence_no="摊备12")
    assert info.value.code == "identifiers.paper_length"
    with store.session() as session:
        assert len(establishments.find_ids(session)) == before


def test_a_new_category_must_fit_the_paper_held(seeded):
    store, _ = seeded
    with store.write() as session:
        stall = make_establishment(session, name="李记烧饼摊", category="stall", licence_no="津蓟摊备〔2023〕0012号")
        stall_id = stall.id
    with pytest.raises(ValidationError) as info, store.write() as session:
        establishments.update(session, stall_id, category="catering")
    assert info.value.code == "identifiers.licence_prefix"
    with store.write() as session:  # a stall's own paper may be replaced by a number of the same kind
        row = establishments.update(session, stall_id, licence_no="津蓟摊备〔2024〕0100号")
        assert (row.category, row.licence_no, row.licence_type) == ("stall", "津蓟摊备〔2024〕0100号", "备案")


# GB 11643-1999: an 18-digit resident ID is 6 digits of address, 8 of birth date (年年年年月月日日, digits 7–14),
# 3 of sequence and a check character; the birth month and day are therefore digits 11–14. A legacy 15-digit
# ID has a 6-digit birth date (年年月月日日, digits 7–12): month and day are digits 9–12. Documents print them
# hidden (issue 12: "digits 11–14 as ****").
# (ID as typed, birth month and day it holds, as printed)
MASKED = [
    ("12010119900307123X", "0307", "1201011990****123X"),
    ("120101199012311234", "1231", "1201011990****1234"),
    ("110105200001010018", "0101", "1101052000****0018"),
    ("120101 19900307 123x", "0307", "1201011990****123X"),  # typed with spaces, lower-case x
    ("120101900307123", "0307", "12010190****123"),  # legacy 15 digits
]


@pytest.mark.parametrize("typed, month_day, printed", MASKED)
def test_documents_hide_exactly_the_birth_month_and_day(typed, month_day, printed):
    number = "".join(typed.split()).upper()
    start = 10 if len(number) == 18 else 8  # digits 11–14 (18) or 9–12 (15), counted from 1
    assert number[start:start + 4] == month_day
    masked = identifiers.mask_id_number(typed)
    assert masked == printed
    assert masked[start:start + 4] == "****"
    assert masked[:start] + masked[start + 4:] == number[:start] + number[start + 4:]


# GB 11643-1999 §8: the 18th character is (12 − Σ(aᵢ·Wᵢ) mod 11) mod 11 with Wᵢ = 2^(18−i) mod 11, 10 written X.
# (typed, stored) — the standard's own example 11010519491231002X among them
VALID_IDS = [
    ("11010519491231002X", "11010519491231002X"),
    ("120101199003071235", "120101199003071235"),
    ("110105 20000101 0016", "110105200001010016"),
    ("11010519491231002x", "11010519491231002X"),
    ("120101900307123", "120101900307123"),  # legacy 15 digits: no check character
]
# (typed, code) — a sentence never repeats the number (personal data)
INVALID_IDS = [
    ("120101199003071234", "identifiers.id_number_check"),  # 5 → 4
    ("110105194912310021", "identifiers.id_number_check"),  # X → 1
    ("1201011990030712", "identifiers.id_number_length"),
    ("12010119900307123X5", "identifiers.id_number_length"),
    ("1201011990O3071235", "identifiers.id_number_character"),  # letter O for 0
    ("12010119900307X235", "identifiers.id_number_character"),  # X only as the 18th
]


@pytest.mark.parametrize("typed, stored", VALID_IDS)
def test_a_resident_id_number_is_kept_normalized(typed, stored):
    assert identifiers.validate_id_number(typed) == stored


@pytest.mark.parametrize("typed, code", INVALID_IDS)
def test_a_mistyped_id_number_is_refused_without_repeating_it(typed, code):
    with pytest.raises(ValidationError) as info:
        identifiers.validate_id_number(typed)
    assert (info.value.code, info.value.field) == (code, "id_number")
    for lang in ("zh", "en"):
        assert typed not in info.value.message_in(lang) and typed[:14] not in info.value.message_in(lang)


def test_a_stall_keeps_its_keepers_id_and_a_bad_one_changes_nothing(seeded):
    store, _ = seeded
    with store.write() as session:
        stall = make_establishment(session, name="李记烧饼摊", category="stall", licence_no="津蓟摊备〔2023〕0012号",
                                   responsible_id_no="120101 19900307 1235")
        stall_id = stall.id
        assert stall.responsible_id_no == "120101199003071235"
    with pytest.raises(ValidationError) as info, store.write() as session:
        establishments.update(session, stall_id, responsible_id_no="120101199003071234")
    assert info.value.field == "id_number"
    with store.session() as session:
        assert establishments.get(session, stall_id).responsible_id_no == "120101199003071235"
