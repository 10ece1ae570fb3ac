"""Duplicate establishments registered offline on two laptops: flagged by central, merged by a person."""

import json

import pytest
from forge import db_fingerprint
from sqlalchemy import select

from inspector_app.central import conflicts
from inspector_app.central import duplicates as central_duplicates
from inspector_app.central import models as m
from inspector_app.cli import main
from inspector_app.core import establishments, inspections
from inspector_app.core.errors import StateError, ValidationError
from inspector_app.core.models import Establishment


def record(world, rid):
    with world.central.engine.connect() as c:
        return c.execute(select(m.record).where(m.record.c.entity == "establishment",
                                                m.record.c.id == rid)).mappings().one()


def test_name_key_ignores_width_spaces_and_punctuation():
    assert central_duplicates.name_key("李记 面馆（东）") == central_duplicates.name_key("李记面馆(东)")
    assert central_duplicates.name_key("ＡＢ小吃") == "ab小吃"


def test_two_laptops_register_one_stall_then_a_person_merges_them(world, capsys):
    a, b = world.laptop("a"), world.laptop("b")
    first = a.add_establishment(name="王记早点铺", phone="13800000001")
    second = b.add_establishment(name="王记早点铺", address="东街口")
    other = b.add_establishment(name="王记早点铺", township="别山镇")  # another township
    a_insp = a.inspect(first)
    b_insp = b.inspect(second)
    for laptop in (a, b):
        assert world.up(laptop)["status"] == "applied"
    flags = central_duplicates.find(world.central)
    assert [(f["id"], f["duplicate_of"], f["match"]) for f in flags] == [(second, first, "name")]
    assert central_duplicates.find(world.central) == []  # flagged once
    listed = conflicts.list_conflicts(world.central, kind="hard")
    assert [(c["entity_id"], c["detail"]["why"]) for c in listed] == [(second, "possible duplicate")]
    assert record(world, second)["conflict"] == "hard"

    code = main(["--data-dir", str(world.root / "central"), "central", "merge", "--keep", first, "--duplicate",
                 second, "--json"])
    assert code == 1 and "--by" in capsys.readouterr().err
    code = main(["--data-dir", str(world.root / "central"), "central", "merge", "--keep", first, "--duplicate",
                 second, "--by", "区局李四", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["filled"] == ["address"] and result["merged"] == second
    kept, dup = record(world, first), record(world, second)
    assert dup["data"]["status"] == "merged" and dup["data"]["merged_into"] == first
    assert kept["data"]["address"] == "东街口" and kept["data"]["phone"] == "13800000001"
    assert kept["conflict"] is None and dup["conflict"] is None
    assert conflicts.list_conflicts(world.central, kind="hard") == []
    with pytest.raises(StateError, match="already merged"):
        central_duplicates.merge(world.central, first, second, by="区局李四")

    for laptop in (a, b):  # both laptops now list one stall, with the history of both
        assert world.down(laptop)["status"] == "applied"
        with laptop.store.session() as s:
            hits = establishments.search(s, "王记早点铺")
            assert sorted(str(h.id) for h in hits) == sorted([first, other]), laptop.name
            history = {str(i.id) for i in inspections.history(s, first)}
            assert s.get(Establishment, establishments.get(s, second).id).merged_into.hex == first.replace("-", "")
            ids = {str(i) for i in establishments.find_ids(s)}
            assert second not in ids and first in ids
        owned = {a_insp} if laptop is a else {b_insp}
        assert owned <= history
    with b.store.session() as s:
        assert {str(i.id) for i in inspections.history(s, first)} >= {b_insp}


def test_same_licence_on_two_laptops_moves_to_the_kept_record(world):
    a, b = world.laptop("a"), world.laptop("b")
    licence = "JY11201190000017"
    first = a.add_establishment(name="张家饭店")
    second = b.add_establishment(name="张氏饭店", licence_no=licence)
    for laptop in (a, b):
        world.up(laptop)
    assert central_duplicates.find(world.central) == []  # different names, no shared number yet
    result = central_duplicates.merge(world.central, first, second, by="区局李四", note="同一家，换了招牌")
    assert result["moved"] == ["licence_no", "licence_type"]
    assert record(world, first)["data"]["licence_no"] == licence
    assert record(world, second)["data"]["licence_no"] is None
    assert world.down(a)["status"] == "applied"
    with a.store.session() as s:  # the licence number now finds the kept record on a laptop that never saw it
        assert [str(h.id) for h in establishments.search(s, licence)] == [first]


def test_merge_refuses_bad_requests_and_changes_nothing(world):
    a = world.laptop("a")
    first = a.add_establishment(name="甲")
    world.up(a)
    before = db_fingerprint(world.central.engine)
    with pytest.raises(ValidationError):
        central_duplicates.merge(world.central, first, first, by="x")
    with pytest.raises(ValidationError):
        central_duplicates.merge(world.central, first, "0" * 32, by="")
    from inspector_app.core.errors import NotFound
    with pytest.raises(NotFound):
        central_duplicates.merge(world.central, first, "0" * 32, by="x")
    assert db_fingerprint(world.central.engine) == before


def test_dismissed_pair_is_not_flagged_again(world):
    a, b = world.laptop("a"), world.laptop("b")
    a.add_establishment(name="同名小卖部", category="stall")
    b.add_establishment(name="同名小卖部", category="stall")
    world.up(a)
    world.up(b)
    [flag] = central_duplicates.find(world.central)
    [listed] = conflicts.list_conflicts(world.central, kind="hard")
    conflicts.resolve(world.central, listed["id"], by="镇所王五", note="两家不同的店")
    assert central_duplicates.find(world.central) == []
    assert record(world, flag["id"])["conflict"] is None
