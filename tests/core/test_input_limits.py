"""What people type has limits that fit the trade, and nothing a bundle cannot carry gets in.

One table of limits (core/limits.py): names, addresses, notes, the operator's
refusal (Order 49 Art. 34), photos. Core refuses what breaks them, whoever
calls (the desktop, the command line, a script): text too long, control
characters (terminal escapes, NUL; a note may hold line breaks and tabs),
values a bundle cannot carry (NaN, Infinity, whole numbers beyond 2^53, broken
UTF-16, nesting) and, for an answer, anything but one number, text or date.
Each refusal names the field and the limit and leaves the store byte-identical:
every table's rows and the blobs folder.
"""

from __future__ import annotations

import math
import sqlite3

import pytest
from factories import blobs_beside, finalize_signed, fingerprint, make_inspection, photo_png

from inspector_app.core import establishments, evidence, inspections, limits, signatures, users
from inspector_app.core.errors import ValidationError


def blob_files(store) -> list[str]:
    folder = store.path.parent / "blobs"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def nested(depth: int):
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.fixture
def draft(seeded):
    """(store, basics, a draft catering inspection's id) with one photo on item 4.2."""
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics)
        evidence.attach(session, blobs_beside(session), inspection_id=inspection.id, source=photo_png(),
                        item_id="4.2")
        return store, basics, inspection.id


def add(**fields):
    return lambda s, b, i: establishments.add(s, **{"name": "李记面馆", "category": "catering",
                                                    "township": "渔阳镇", **fields})


def update(**fields):
    return lambda s, b, i: establishments.update(s, b.restaurant_id, **fields)


def user(**fields):
    return lambda s, b, i: users.add(s, **{"name": "陈晨", "role": "inspector", "credential_no": "12011900099",
                                           **fields})


def answer(item="1.1", **fields):
    return lambda s, b, i: inspections.record_answer(s, i, item_id=item, **{"answer": "pass", **fields})


def refusal(**fields):
    given = {"reason": "不同意检查结论", "witness_name": "李四", "witness_id_no": "120225199003151234", **fields}
    return lambda s, b, i: signatures.record_refusal(s, i, **given)


def start(**fields):
    return lambda s, b, i: inspections.start(s, establishment_id=b.restaurant_id, checklist_id="catering",
                                             inspector_ids=b.inspector_ids, **fields)


def photos(count: int, item="4.2", data=None):
    def attach(s, b, i):
        for n in range(count):
            evidence.attach(s, blobs_beside(s), inspection_id=i, source=data or photo_png((n % 250, 1, 2)),
                            item_id=item)
    return attach


ESCAPE = "\x1b[2J"
REFUSED = {
    "a 101-character name": (add(name="饭" * 101), "limits.too_long", "name", ["100", "101"]),
    "a 40,000-character name": (add(name="x" * 40_000), "limits.too_long", "name", ["100"]),
    "a name with a NUL": (add(name="张三\x00餐馆"), "limits.bad_character", "name", ["U+0000"]),
    "a name that clears the terminal": (add(name=f"张三{ESCAPE}餐馆"), "limits.bad_character", "name", ["U+001B"]),
    "a name on two lines": (add(name="张三\n餐馆"), "limits.bad_character", "name", ["U+000A"]),
    "a name with a right-to-left override": (add(name="张三\u202e馆餐"), "limits.bad_character", "name",
                                             ["U+202E"]),
    "a name that is a number": (add(name=7), "limits.not_text", "name", ["name"]),
    "a 201-character address": (add(address="路" * 201), "limits.too_long", "address", ["200"]),
    "an address with a bell": (add(address="渔阳镇\x07"), "limits.bad_character", "address", ["U+0007"]),
    "a legal representative that is a float": (add(legal_rep=math.nan), "limits.not_text", "legal_rep", []),
    "a phone that clears the terminal": (add(phone=f"1380{ESCAPE}"), "limits.bad_character", "phone", []),
    "a licence number with an escape": (add(licence_no=f"JY{ESCAPE}"), "limits.bad_character", "licence", []),
    "a category with an escape": (add(category=f"catering{ESCAPE}"), "limits.bad_character", "category", []),
    "a township with an escape": (add(township=f"渔阳镇{ESCAPE}"), "limits.bad_character", "township", []),
    "a renamed establishment, too long": (update(name="饭" * 101), "limits.too_long", "name", ["100"]),
    "a changed address with a NUL": (update(address="a\x00b"), "limits.bad_character", "address", []),
    "a user's 51-character name": (user(name="陈" * 51), "limits.too_long", "name", ["50"]),
    "a user's name with an escape": (user(name=f"陈{ESCAPE}晨"), "limits.bad_character", "name", []),
    "a 31-character credential": (user(credential_no="1" * 31), "limits.too_long", "credential", ["30"]),
    "a 2,001-character note": (answer(note="脏" * 2001), "limits.too_long", "items.1.1", ["1.1", "2000"]),
    "a note with a NUL": (answer(note="地面\x00脏"), "limits.bad_character", "items.1.1", ["1.1"]),
    "a note that clears the terminal": (answer(note=f"地面{ESCAPE}"), "limits.bad_character", "items.1.1", []),
    "a note with a carriage return": (answer(note="a\rb"), "limits.bad_character", "items.1.1", ["U+000D"]),
    "a note that is a number": (answer(note=5), "limits.not_text", "items.1.1", ["1.1"]),
    "a note that is NaN": (answer(note=math.nan), "limits.not_text", "items.1.1", ["1.1"]),
    "NaN on a check item": (answer(value=math.nan), "limits.value_not_finite", "items.1.1", ["1.1", "NaN"]),
    "Infinity under na": (answer(answer="na", value=math.inf), "limits.value_not_finite", "items.1.1",
                          ["Infinity"]),
    "-Infinity on a check item": (answer(value=-math.inf), "limits.value_not_finite", "items.1.1", ["-Infinity"]),
    "a whole number beyond 2^53": (answer(value=2**53), "limits.value_too_big", "items.1.1", ["1.1"]),
    "a whole number beyond a float": (answer(value=10**400), "limits.value_too_big", "items.1.1", []),
    "an unpaired surrogate": (answer(value="\ud800"), "limits.value_broken_text", "items.1.1", ["U+D800"]),
    "a list": (answer(value=[1, 2]), "limits.value_not_single", "items.1.1", ["1.1"]),
    "an object with a number key": (answer(value={1: "a"}), "limits.value_key_not_text", "items.1.1", []),
    "100,000 nested lists": (answer(value=nested(100_000)), "limits.value_too_deep", "items.1.1", []),
    "a set": (answer(value={"a"}), "limits.value_type", "items.1.1", ["set"]),
    "a 2,001-character text value": (answer(value="x" * 2001), "limits.too_long", "items.1.1", ["2000"]),
    "a text value with an escape": (answer(value=f"x{ESCAPE}"), "limits.bad_character", "items.1.1", []),
    "5,001 characters of notes": (start(notes="记" * 5001), "limits.too_long", "notes", ["5000"]),
    "notes with a NUL": (start(notes="a\x00"), "limits.bad_character", "notes", []),
    "a 501-character refusal reason": (refusal(reason="不" * 501), "limits.too_long", "reason", ["500"]),
    "a witness on two lines": (refusal(witness_name="李\n四"), "limits.bad_character", "witness_name", []),
    "a 51-character witness": (refusal(witness_name="李" * 51), "limits.too_long", "witness_name", ["50"]),
    "a witness id with an escape": (refusal(witness_id_no=f"1202{ESCAPE}"), "limits.bad_character",
                                    "witness_id_no", []),
    "a photo over 20 MiB": (photos(1, data=photo_png() + b"\0" * (20 * 2**20)), "evidence.too_large", "evidence",
                            ["20"]),
    "a 21st photo on one item": (photos(20), "limits.too_many_photos_on_item", "evidence", ["4.2", "20"]),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_input_beyond_the_limits_is_refused_naming_the_field_and_the_store_stays_byte_identical(draft, case):
    store, basics, inspection_id = draft
    action, code, field, culprits = REFUSED[case]
    before, blobs = fingerprint(store.path), blob_files(store)
    with pytest.raises(ValidationError) as info, store.write() as session:
        action(session, basics, inspection_id)
    error = info.value
    assert (error.code, error.field) == (code, field), case
    for culprit in culprits:
        assert culprit in error.message, f"{case}: {culprit!r} not in {error.message!r}"
    assert "\x1b" not in error.message and "\x00" not in error.message
    assert fingerprint(store.path) == before
    assert blob_files(store) == blobs


def test_the_refusal_reads_in_chinese_with_the_fields_chinese_name(draft):
    from inspector_app.core import language
    store, basics, _ = draft
    language.use("zh")
    with pytest.raises(ValidationError) as info, store.write() as session:
        establishments.add(session, name="饭" * 101, category="catering", township="渔阳镇")
    assert info.value.message == "经营主体名称最多 100 个字，现在有 101 个；请删减后重试"
    language.use("en")
    assert info.value.message == "the establishment's name is 101 characters long; at most 100 are allowed: shorten it"


ACCEPTED = {
    "a name of exactly 100 characters": add(name="饭" * 100),
    "a name with an ideographic space and a private-use character": add(name="张三\u3000餐馆\ue000"),
    "a note of exactly 2,000 characters with line breaks and tabs": answer(note=("脏\n\t" * 667)[:2000]),
    "the largest whole number a bundle keeps exactly": answer(value=2**53 - 1),
    "a measured temperature": answer(item="4.2", answer="fail", value=-18.5),
    "a witness with a foreign name": refusal(witness_name="阿卜杜热合曼·买买提明"),
    "20 photos on one item": photos(19),
    "notes of exactly 5,000 characters": start(notes="记" * 5000),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_input_at_the_limits_is_accepted(draft, case):
    store, basics, inspection_id = draft
    with store.write() as session:
        ACCEPTED[case](session, basics, inspection_id)


def test_an_inspection_holds_at_most_200_photos(draft, monkeypatch):
    store, basics, inspection_id = draft
    monkeypatch.setattr(limits, "PHOTOS_PER_ITEM", 1000)
    with store.write() as session:
        photos(199)(session, basics, inspection_id)
    before = fingerprint(store.path)
    with pytest.raises(ValidationError) as info, store.write() as session:
        photos(1, item="1.1")(session, basics, inspection_id)
    assert info.value.code == "limits.too_many_photos" and "200" in info.value.message
    assert fingerprint(store.path) == before


def test_every_limit_says_why():
    for key, limit in limits.FIELDS.items():
        assert limit.chars > 0 and len(limit.why) > 20, key
        assert limit.label.zh and limit.label.en, key


def test_an_amendment_of_a_record_holding_a_value_no_bundle_carries_starts_without_that_value(seeded):
    """A finalized record made before these checks may hold NaN (it stays as signed, docs/sync-protocol.md
    §7.3); its amendment starts from its answers without the value, which core would refuse."""
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics)
        inspection_id = inspection.id
    connection = sqlite3.connect(store.path)
    with connection:
        connection.execute("UPDATE answer SET value = 'NaN' WHERE item_id = '1.1'")
    connection.close()
    with store.write() as session:
        finalize_signed(session, inspection_id)
    with store.write() as session:
        draft = inspections.start_amendment(session, inspection_id)
        copied = inspections.answers_of(session, draft)
    assert copied["1.1"] == {"answer": "pass", "value": None, "note": None}
