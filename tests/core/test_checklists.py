"""Checklists are data: every shipped file loads, and bad files fail loudly and precisely."""

import textwrap

import pytest

from inspector_app.core import catalog, checklists
from inspector_app.core.codes import CATEGORY_CODES
from inspector_app.core.errors import FormError
from inspector_app.core.paths import forms_dir

SHIPPED = sorted(forms_dir().glob("*.yaml"))
EXPECTED = {"catering", "school_canteen", "food_sales", "market", "slaughterhouse", "workshop", "stall"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_checklist_loads(path):
    checklist = checklists.load_file(path)
    assert checklist.items and all(item.text.zh and item.text.en for item in checklist.items.values())


def test_the_shipped_set_covers_every_kind_of_establishment():
    loaded = checklists.load_directory(forms_dir())
    assert {c.id for c in loaded} >= EXPECTED
    covered = {category for c in loaded for category in c.categories}
    assert covered == set(CATEGORY_CODES)


def test_the_catering_table_has_the_official_thirty_items_and_seven_key_items():
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    assert len(catering.items) == 30
    assert sum(item.key for item in catering.items.values()) == 7
    assert catering.rule.name == "ratio_2016"


def test_the_food_sales_general_part_has_thirty_five_items_and_twelve_key_items():
    sales = checklists.load_file(forms_dir() / "food_sales.v1.yaml")
    assert sum(item.key for item in sales.items.values()) == 12
    assert len(sales.items) >= 35


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
    id: tiny
    version: 1
    title: {zh: 小表, en: Tiny}
    categories: [stall]
    rule: {name: failure_count}
    sections:
      - id: "1"
        title: {zh: 一, en: One}
        items:
          - {id: "1.1", text: {zh: 甲, en: A}, key: true}
          - {id: "1.2", text: {zh: 乙, en: B}}
"""


def test_a_good_file_loads_with_a_stable_hash(tmp_path):
    a = checklists.load_file(write(tmp_path, "tiny.v1.yaml", GOOD))
    b = checklists.load_file(write(tmp_path, "tiny.v1.yml", GOOD))
    assert a.content_hash == b.content_hash and len(a.content_hash) == 64


@pytest.mark.parametrize("change, message", [
    (("{id: \"1.2\", text: {zh: 乙, en: B}}", "{id: \"1.2\", text: {zh: 乙}}"), "item 1.2 field 'text.en'"),
    (("{id: \"1.2\", text: {zh: 乙, en: B}}", "{id: \"1.2\", text: {zh: 乙, en: B}, kind: dial}"), "item 1.2"),
    (("{id: \"1.2\",", "{id: \"1.1\","), "item 1.1: the id is used twice"),
    (("categories: [stall]", "categories: [spaceport]"), "unknown categories"),
    (("{id: \"1.1\", text: {zh: 甲, en: A}, key: true}",
      "{id: \"1.1\", text: {zh: 甲, en: A}, relevant: {item: \"1.2\", answer: fail}}"), "must be earlier items"),
    (("{id: \"1.2\", text: {zh: 乙, en: B}}", "{id: \"1.2\", text: {zh: 乙, en: B}, kind: number}"),
     "a number item needs a unit"),
])
def test_bad_files_name_the_file_the_item_and_the_reason(tmp_path, change, message):
    path = write(tmp_path, "tiny.v1.yaml", GOOD.replace(*change))
    with pytest.raises(FormError) as err:
        checklists.load_file(path)
    assert "tiny.v1.yaml" in str(err.value) and message in str(err.value)


def test_the_file_name_must_match_id_and_version(tmp_path):
    with pytest.raises(FormError, match="rename the file"):
        checklists.load_file(write(tmp_path, "tiny.v2.yaml", GOOD))


def test_broken_yaml_is_reported(tmp_path):
    with pytest.raises(FormError, match="not valid YAML"):
        checklists.load_file(write(tmp_path, "tiny.v1.yaml", "id: [unclosed\n"))


def test_a_stored_version_never_changes(store, tmp_path):
    with store.write() as session:
        assert catalog.install(session, checklists.load_file(write(tmp_path, "tiny.v1.yaml", GOOD)))
        assert not catalog.install(session, checklists.load_file(tmp_path / "tiny.v1.yaml"))
        changed = checklists.load_file(write(tmp_path, "tiny.v1.yaml", GOOD.replace("乙", "丙")))
        with pytest.raises(FormError, match="publish the change as a new version"):
            catalog.install(session, changed)


def test_old_versions_stay_loadable(store, tmp_path):
    with store.write() as session:
        catalog.install(session, checklists.load_file(write(tmp_path, "tiny.v1.yaml", GOOD)))
        v2 = GOOD.replace("version: 1", "version: 2").replace("乙", "丙")
        catalog.install(session, checklists.load_file(write(tmp_path, "tiny.v2.yaml", v2)))
    with store.session() as session:
        assert catalog.get(session, "tiny").version == 2
        assert catalog.get(session, "tiny", 1).items["1.2"].text.zh == "乙"



def test_an_item_field_added_later_leaves_older_forms_hashing_as_before(tmp_path):
    plain = checklists.load_file(write(tmp_path, "tiny.v1.yaml", GOOD))
    assert "violation" not in str(plain.model_dump(mode="json"))
    with_violation = GOOD.replace(
        '{id: "1.2", text: {zh: 乙, en: B}}',
        '{id: "1.2", text: {zh: 乙, en: B}, violation: {finding: {zh: 未公示, en: not posted},'
        ' obligation: {zh: 第三十九条, en: Art. 39}, penalty: {zh: 第四十八条, en: Art. 48}}}')
    assert with_violation != GOOD
    changed = checklists.load_file(write(tmp_path, "tiny.v1.yml", with_violation))
    assert changed.items["1.2"].violation.finding.zh == "未公示"
    assert changed.content_hash != plain.content_hash
    # The dump without the field is the dump of a model that never knew it: the hash every copy agrees on.
    dumped = plain.model_dump(mode="json", by_alias=True)
    assert all("violation" not in item for section in dumped["sections"] for item in section["items"])


# The shipped forms (versions 1 and 2) as laptops and the district install them: a definition changed under the same
# version is refused on import (docs/sync-protocol.md §9.2), so their hashes must never move.
SHIPPED_HASHES = {
    ("catering", 1): "e0f8512763c01c100f5f6de43e8c07b44681757aacc9e356a4169b56e3223c03",
    ("food_sales", 1): "83c0818c1f09219ec32ca74ad8973f31f93784d254eebc79f687e1e24a68a625",
    ("market", 1): "fe1629246b43d7ee9ffc35d4f7505cb2bcc1ab22855c159d5ce2be5fff47c0d7",
    ("school_canteen", 1): "f048a6ff9a8d58f20f492db21bee124552a2a1241cb4b1e07e3c3dbcc6347f93",
    ("slaughterhouse", 1): "232c512d7e8afedcf4b6f127f0272299855f51a3f2a6f738186c52626f893993",
    ("stall", 1): "eb6477dd1034bd2bc6b57c7a5d3c21880385ad470f768dcb047fc89eff83f596",
    ("workshop", 1): "fb93559a9214f1865822268b0fb69a33a80a4fe342fddc202f4d47c563a8c19e",
    ("catering", 2): "0109b3f0e1c7a23b305bb6bd525ae18b4c6b5a374c35b459828946b1a7c121f5",
    ("food_sales", 2): "bae10d44a55ae78af5dbcb0ff276f124c336f555d491dfb6a304f2822cd306e8",
    ("market", 2): "5bb1a4ee2552646ea36bcb0bb237d91b971ccb7c7ea9f2bdeaf6813e5ce401c7",
    ("school_canteen", 2): "13babb65865c3aa9176292532302f2094674fb5f416f67fbca5891306d5d682b",
    ("slaughterhouse", 2): "c54cface0e598b1d6e32849a9aeef57104a20b77dc85649399ff76d037309706",
    ("stall", 2): "aeb040caeef8a5de0b51fa9c26b2943c10183716a8a3206133e3f01622d03762",
    ("workshop", 2): "3b3b19dda599f9ea26c32db52af25dad40136c28e582862e5187d5c2497677f1",
}


@pytest.mark.parametrize("key", sorted(SHIPPED_HASHES))
def test_a_shipped_version_never_changes(key):
    checklist = checklists.load_file(forms_dir() / f"{key[0]}.v{key[1]}.yaml")
    assert checklist.content_hash == SHIPPED_HASHES[key]
