"""Assignments: central asks, laptops receive them downward, answer upward, and an inspection completes them."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from inspector_app.central import assignments as central_assignments
from inspector_app.central import models as m
from inspector_app.cli import main
from inspector_app.core import assignments
from inspector_app.core.errors import NotFound, StateError, ValidationError


def central_status(world, rid):
    with world.central.engine.connect() as c:
        return c.execute(select(m.record.c.data).where(m.record.c.entity == "assignment",
                                                       m.record.c.id == rid)).scalar()["status"]


def test_assignment_round_trip(world, capsys):
    a, b = world.laptop("a"), world.laptop("b")
    eid = a.add_establishment(name="派单饭店")
    world.up(a)
    world.up(b)
    due = (date.today() + timedelta(days=5)).isoformat()
    code = main(["--data-dir", str(world.root / "central"), "central", "assign", "--establishment", eid,
                 "--due", due, "--device", a.device_id, "--note", "群众投诉", "--by", "区局王科长", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    made = json.loads(out)
    assert made["device_id"] == a.device_id and made["establishment_name"] == "派单饭店"
    assert world.down(a)["status"] == "applied" and world.down(b)["status"] == "applied"
    with a.store.session() as s:
        [view] = assignments.mine(s)
    assert (view.id.replace("-", ""), view.establishment_name, view.status, view.note) == \
        (made["id"], "派单饭店", "assigned", "群众投诉")
    with b.store.session() as s:
        assert assignments.mine(s) == []  # addressed to laptop a only
    with pytest.raises(NotFound), b.store.write() as s:
        assignments.respond(s, made["id"], "accepted")

    a.store.close()
    code = main(["--data-dir", str(a.paths.data_dir), "assignments", "accept", made["id"], "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["response"] == "accepted"
    code = main(["--data-dir", str(a.paths.data_dir), "assignments", "--json"])
    assert code == 0 and [r["status"] for r in json.loads(capsys.readouterr().out)] == ["accepted"]
    from inspector_app.core.db import open_store
    a.store = open_store(a.paths.database)
    assert world.up(a)["status"] == "applied"
    assert central_status(world, made["id"]) == "accepted"

    a.inspect(eid)  # the inspection itself completes the assignment, on the laptop at once
    with a.store.session() as s:
        assert assignments.mine(s) == [] and assignments.mine(s, include_closed=True)[0].status == "done"
    world.up(a)
    assert central_status(world, made["id"]) == "done"
    code = main(["--data-dir", str(world.root / "central"), "central", "assignments", "--status", "done", "--json"])
    assert code == 0 and [r["id"] for r in json.loads(capsys.readouterr().out)] == [made["id"]]
    with pytest.raises(StateError), a.store.write() as s:
        assignments.respond(s, made["id"], "declined", reason="太远")


def test_township_assignment_reaches_every_laptop_of_it_and_can_be_cancelled(world):
    a, b = world.laptop("a"), world.laptop("b")
    c = world.laptop("c")
    world.enrol(c, township="别山镇")
    eid = a.add_establishment(name="镇上小卖部")
    for laptop in (a, b, c):
        world.up(laptop)
    made = central_assignments.assign(world.central, establishment_id=eid, due=date.today() - timedelta(days=1),
                                      township="渔阳镇", by="区局")
    for laptop in (a, b, c):
        world.down(laptop)
    with b.store.session() as s:
        [view] = assignments.mine(s)
        assert view.for_township and view.overdue
    with c.store.session() as s:
        assert assignments.mine(s) == []
    with b.store.write() as s:
        with pytest.raises(ValidationError, match="why"):
            assignments.respond(s, view.id, "declined")
        assignments.respond(s, view.id, "declined", reason="本周在外培训")
    world.up(b)
    assert central_status(world, made["id"]) == "declined"
    central_assignments.cancel(world.central, made["id"], by="区局")
    world.up(b)  # a late response cannot reopen a cancelled assignment
    assert central_status(world, made["id"]) == "cancelled"
    world.down(a)
    with a.store.session() as s:
        assert assignments.mine(s) == [] and assignments.mine(s, include_closed=True)[0].status == "cancelled"


def test_assign_refuses_what_it_cannot_route(world):
    a = world.laptop("a")
    eid = a.add_establishment()
    world.up(a)
    with pytest.raises(ValidationError, match="--device"):
        central_assignments.assign(world.central, establishment_id=eid, due="2027-01-01", by="x")
    with pytest.raises(ValidationError, match="date"):
        central_assignments.assign(world.central, establishment_id=eid, due="明天", township="渔阳镇", by="x")
    with pytest.raises(NotFound):
        central_assignments.assign(world.central, establishment_id="0" * 32, due="2027-01-01", township="渔阳镇",
                                   by="x")
    assert central_assignments.list_assignments(world.central) == []


def test_fold_lets_central_final_events_win():
    events = [{"status": "accepted", "hlc": 5, "id": "a", "source": "dev"},
              {"status": "cancelled", "hlc": 3, "id": "b", "source": "central"},
              {"status": "declined", "hlc": 9, "id": "c", "source": "dev"}]
    assert central_assignments.fold(events) == "cancelled"
    assert central_assignments.fold(events[::2]) == "declined"
    assert central_assignments.fold([]) == "assigned"
