"""Document numbers across laptops (docs/sync-protocol.md §3, §6, §9.2; issue 12): the district grants each laptop
blocks of one sequence per kind and year, laptops number from them offline, and no number is ever given twice."""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import date, datetime

import pytest
from postgres import fresh_database
from sqlalchemy import text

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central import numbering as central_numbering
from inspector_app.central.store import open_central
from inspector_app.core import settings
from inspector_app.core.errors import StateError, ValidationError
from inspector_app.core.notices import issue
from inspector_app.core.sync import canonical, enrolment, number_blocks

NUMBER = re.compile(r"^(\D+)〔(\d{4})〕([1-9]\d*)号$")
TABLES = ("notice", "notice_sequence", "number_block", "rectification_order", "outbox", "audit_log")


def print_order(laptop) -> str:
    """Finalize an inspection with a failed item on this laptop and print its order; the number printed."""
    if not hasattr(laptop, "shop"):
        laptop.shop = laptop.add_establishment(name=f"{laptop.name}记面馆")
    inspection_id = laptop.inspect(laptop.shop, fail=["2.1"])
    with laptop.store.write() as session:
        content = issue(session, paths=laptop.paths, settings=settings.load(laptop.paths.data_dir),
                        inspection_id=inspection_id, kind="order")
    return content.number


def blocks_of(central, laptop) -> list[dict]:
    with laptop.store.session() as s:
        serial = s.execute(text("SELECT grant_serial FROM sync_enrolment")).scalar()
    return [b for b in central_numbering.listing(central)["blocks"] if b["grant_serial"] == serial
            and b["kind"] == "order" and b["year"] == central_numbering.this_year()]  # December also has next year's


def snapshot(laptop) -> dict[str, str]:
    with laptop.store.session() as s:
        return {t: hashlib.sha256(repr(s.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all()).encode()).hexdigest()
                for t in TABLES}


def test_two_laptops_print_thirty_orders_each_across_top_ups_with_every_number_once(world):
    central_numbering.change(world.central, size=10)
    a, b = world.laptop("a"), world.laptop("b")
    printed: dict[str, list[int]] = {"a": [], "b": []}
    for n in range(30):
        for laptop in (a, b):
            prefix, year, sequence = NUMBER.match(print_order(laptop)).groups()
            assert prefix == "津市监蓟责改" and "-" not in sequence  # the bureau's prefix, no laptop code
            printed[laptop.name].append(int(sequence))
        if n % 4 == 3:  # a clerk's stick every few days: fewer than half a block left asks for another
            for laptop in (a, b):
                world.sync(laptop)
    everything = printed["a"] + printed["b"]
    assert len(set(everything)) == 60
    for name, laptop in (("a", a), ("b", b)):
        mine = printed[name]
        assert mine == sorted(mine)  # a laptop's numbers only count up
        held = blocks_of(world.central, laptop)
        assert len(held) >= 3  # the enrolment's block and top-ups
        for block in held:  # contiguous per block, from its first number on
            inside = [s for s in mine if block["first"] <= s <= block["last"]]
            assert inside == list(range(block["first"], block["first"] + len(inside)))
        assert all(any(bl["first"] <= s <= bl["last"] for bl in held) for s in mine)
    ranges = sorted((bl["first"], bl["last"]) for laptop in (a, b) for bl in blocks_of(world.central, laptop))
    assert all(prev[1] < nxt[0] for prev, nxt in zip(ranges, ranges[1:], strict=False))  # blocks never overlap


def test_a_laptop_out_of_numbers_offline_is_refused_and_its_store_is_unchanged(world):
    central_numbering.change(world.central, size=3)
    a = world.laptop("a")
    assert [NUMBER.match(print_order(a)).group(3) for _ in range(3)] == ["1", "2", "3"]
    inspection_id = a.inspect(a.shop, fail=["2.1"])
    before = snapshot(a)
    with pytest.raises(StateError) as refused, a.store.write() as session:
        issue(session, paths=a.paths, settings=settings.load(a.paths.data_dir), inspection_id=inspection_id,
              kind="order")
    assert refused.value.code == "numbering.exhausted" and "sync" in refused.value.message  # what to do
    assert snapshot(a) == before
    world.sync(a)  # the upward header reports 3 used: a new block comes down
    with a.store.write() as session:
        content = issue(session, paths=a.paths, settings=settings.load(a.paths.data_dir),
                        inspection_id=inspection_id, kind="order")
    assert NUMBER.match(content.number).group(3) == "4"


def test_a_prefix_changed_at_the_district_reaches_the_laptops_next_print(world):
    a = world.laptop("a")
    assert print_order(a).startswith("津市监蓟责改〔")
    central_numbering.change(world.central, prefixes_given={"order": "津市监蓟责改通"})
    assert print_order(a).startswith("津市监蓟责改〔")  # offline: what it holds
    world.sync(a)
    number = print_order(a)
    assert NUMBER.match(number).groups()[::2] == ("津市监蓟责改通", "3")  # the same series, the new prefix
    with pytest.raises(ValidationError) as bad:
        central_numbering.change(world.central, prefixes_given={"order": "津市监蓟责改第"})
    assert bad.value.code == "numbering.bad_prefix"
    with pytest.raises(ValidationError) as unknown:
        central_numbering.change(world.central, prefixes_given={"ordr": "津市监蓟责改"})
    assert unknown.value.code == "numbering.unknown_kind"


def test_a_revoked_laptops_unused_numbers_are_never_issued_again(world):
    """A lost laptop may have printed any number of its blocks before it was revoked, and paper cannot be
    recalled: its blocks stay its own, so the district never prints one number twice."""
    central_numbering.change(world.central, size=5)
    a, b = world.laptop("a"), world.laptop("b")
    world.sync(a)
    print_order(a)
    lost = [(bl["first"], bl["last"]) for bl in blocks_of(world.central, a)]
    central_admin.revoke(world.central, a.device_id)
    for _ in range(12):
        print_order(b)
        world.sync(b)
    world.up(a)  # a revoked laptop's bundle still arrives: it gets no more numbers
    assert [(bl["first"], bl["last"], bl["revoked"]) for bl in blocks_of(world.central, a)] == \
        [(*x, True) for x in lost]
    assert len(blocks_of(world.central, b)) >= 3
    with b.store.session() as s:  # each laptop's blocks go to it alone (docs/sync-protocol.md §9.6)
        serial = s.execute(text("SELECT grant_serial FROM sync_enrolment")).scalar()
        held = {(r.kind, r.year, r.first) for r in s.execute(text("SELECT kind, year, first FROM number_block"))}
    assert held == {(x["kind"], x["year"], x["first"]) for x in central_numbering.listing(world.central)["blocks"]
                    if x["grant_serial"] == serial}
    for block in blocks_of(world.central, b):
        assert all(block["last"] < first or last < block["first"] for first, last in lost)


def test_enrolment_carries_the_first_block_signed_and_a_changed_one_does_not_enrol(world):
    a = world.laptop("a", enrol=False)
    doc = central_admin.issue_enrolment(world.central, device_name="a", township="渔阳镇")
    blocks = doc["numbers"]["body"]["blocks"]
    assert {row["data"]["kind"] for row in blocks} == {"order", "result", "record", "coercive"}
    forged = canonical.loads(canonical.dumps(doc))
    forged["numbers"]["body"]["blocks"][0]["data"]["first"] = 1
    forged["numbers"]["body"]["blocks"][0]["data"]["last"] = 900
    with pytest.raises(ValidationError) as refused, a.store.write() as s:
        enrolment.enrol(s, a.paths.keys, canonical.dumps(forged))
    assert refused.value.code == "enrolment.does_not_verify"
    with a.store.write() as s:
        enrolment.enrol(s, a.paths.keys, canonical.dumps(doc))
    first = next(row["data"]["first"] for row in blocks
                 if row["data"]["kind"] == "order" and row["data"]["year"] == central_numbering.this_year())
    assert print_order(a).endswith(f"〕{first}号")  # numbered before any bundle came down
    with a.store.session() as s:
        years = central_numbering.years_granted(datetime.now(central_numbering.CHINA).date())
        assert s.execute(text("SELECT count(*) FROM number_block")).scalar() == 4 * len(years)


def test_the_header_report_is_read_defensively():
    header = {"numbers_used": [{"kind": "order", "year": 2026, "used": 7}, {"kind": "order", "year": 26, "used": 1},
                               {"kind": "order", "year": 2026, "used": -1}, {"kind": "", "year": 2026, "used": 1},
                               {"kind": "order", "year": 2026, "used": True}, "junk"]}
    assert number_blocks.read_report(header) == [("order", 2026, 7)]
    assert number_blocks.read_report({}) == [] and number_blocks.read_report({"numbers_used": {"a": 1}}) == []


def test_two_laptops_topped_up_at_once_on_postgres_get_different_numbers(world):
    with fresh_database("fsi_numbers") as url:
        data_dir = world.root / "central"
        central_admin.init_central(data_dir, url)
        pg, pg2 = open_central(data_dir, url), open_central(data_dir, url)
        try:
            central_numbering.change(pg, size=4)
            laptops = [world.laptop(name, enrol=False) for name in ("p", "q")]
            for laptop in laptops:
                doc = central_admin.issue_enrolment(pg, device_name=laptop.name, township="渔阳镇")
                with laptop.store.write() as s:
                    enrolment.enrol(s, laptop.paths.keys, canonical.dumps(doc))
            numbers = []
            for _ in range(3):  # round 2 tops both laptops up in the same instant (4 used of 4)
                bundles = []
                for laptop in laptops:
                    numbers += [print_order(laptop), print_order(laptop)]
                    bundles.append(laptop.export(world.stick())["bundle"])
                barrier = threading.Barrier(2)
                results: list = [None, None]

                def run(n, central, path, barrier=barrier, results=results):
                    barrier.wait()
                    results[n] = central_import.import_bundle(central, path)

                threads = [threading.Thread(target=run, args=(n, c, p))
                           for n, (c, p) in enumerate(zip((pg, pg2), bundles, strict=True))]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(120)
                assert [r["status"] for r in results] == ["applied", "applied"], results
                for laptop in laptops:
                    made = central_export.export_for_device(pg, laptop.device_id, world.stick())
                    laptop.import_(made["bundle"])
            # many grants at once on two connections: each number still granted once
            barrier2, year = threading.Barrier(2), central_numbering.this_year()

            def grants(central, serial):
                barrier2.wait()
                for _ in range(15):
                    with central.tx() as c:
                        central_numbering.grant(c, serial, "order", year)

            threads = [threading.Thread(target=grants, args=(c, s)) for c, s in ((pg, "x" * 32), (pg2, "y" * 32))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            ranges = sorted((b["first"], b["last"]) for b in central_numbering.listing(pg)["blocks"]
                            if b["kind"] == "order" and b["year"] == year)
            assert all(prev[1] < nxt[0] for prev, nxt in zip(ranges, ranges[1:], strict=False)), ranges
            assert len(ranges) == 2 * 2 + 30 and len(set(numbers)) == 12
        finally:
            pg.close()
            pg2.close()


def test_central_numbers_command(tmp_path, capsys):
    import json

    from inspector_app.cli import main

    def run(*argv):
        code = main([str(a) for a in ("--data-dir", tmp_path / "dist", *argv)])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if out.strip().startswith("{") else out), err

    assert run("central", "init", "--json")[0] == 0
    code, data, _ = run("central", "numbers", "--json")
    assert code == 0 and data == {"prefixes": {"order": "津市监蓟责改", "result": "津市监蓟检记",
                                               "record": "津市监蓟检录", "coercive": "津市监蓟强制"},
                                  "block_size": 50}
    code, data, _ = run("central", "numbers", "--prefix", "order=津市监蓟责改通", "--block-size", "20", "--json")
    assert code == 0 and data["prefixes"]["order"] == "津市监蓟责改通" and data["block_size"] == 20
    run("central", "enrol", "--device-name", "李明", "--township", "渔阳镇", "--out", tmp_path / "e.json", "--json")
    code, data, _ = run("central", "numbers", "--list", "--json")
    assert [(b["kind"], b["first"], b["last"], b["prefix"], b["device_name"]) for b in data["blocks"]
            if b["year"] == central_numbering.this_year()] == [
        ("coercive", 1, 20, "津市监蓟强制", "李明"), ("order", 1, 20, "津市监蓟责改通", "李明"),
        ("record", 1, 20, "津市监蓟检录", "李明"),
        ("result", 1, 20, "津市监蓟检记", "李明")]
    code, _, err = run("central", "numbers", "--prefix", "order=津市监蓟责改第", "--json")
    assert code == 1 and "numbering.bad_prefix" in err
    code, _, err = run("central", "numbers", "--prefix", "津市监蓟责改", "--json")
    assert code == 1 and "numbering.bad_prefix_argument" in err
    code, _, err = run("central", "numbers", "--block-size", "1", "--json")
    assert code == 1 and "numbering.bad_block_size" in err
    code, data, _ = run("central", "numbers", "--json")
    assert data["prefixes"]["order"] == "津市监蓟责改通" and data["block_size"] == 20  # refusals changed nothing


TOP_UPS = [
    # (today, reports (kind, year, used), block size 10: the years granted a new order block)
    (date(2026, 6, 1), [], [2026]),  # nothing held: this year's block
    (date(2026, 12, 1), [], [2026, 2027]),  # December: next year's too, before New Year's Day
    (date(2026, 11, 30), [], [2026]),
    (date(2027, 1, 3), [("order", 2026, 0)], [2026, 2027]),  # a late print of last year's inspection
    (date(2026, 6, 1), [("order", 1999, 0)], [2026]),  # a year far off is not granted on a laptop's word
    (date(2026, 6, 1), [("ordr", 2026, 0)], [2026]),  # nor a kind the district does not number
]


@pytest.mark.parametrize(("today", "reports", "years"), TOP_UPS)
def test_which_years_a_laptop_is_supplied_for(world, today, reports, years):
    central_numbering.change(world.central, size=10)
    with world.central.tx() as c:
        granted = central_numbering.top_up(c, "s" * 32, reports, today=today)
    assert sorted(b["year"] for b in granted if b["kind"] == "order") == years


LEFT = [
    # (used of one block of 10, a new block granted?): fewer than half a block left asks for another
    (0, False), (5, False), (6, True), (10, True),
]


@pytest.mark.parametrize(("used", "more"), LEFT)
def test_a_block_is_granted_when_fewer_than_half_are_left(world, used, more):
    central_numbering.change(world.central, size=10)
    today = date(2026, 6, 1)
    with world.central.tx() as c:
        central_numbering.top_up(c, "s" * 32, today=today)
        again = central_numbering.top_up(c, "s" * 32, [("order", 2026, used)], today=today)
        stale = central_numbering.top_up(c, "s" * 32, [("order", 2026, 0)], today=today)  # a late, older report
    assert [b["kind"] for b in again] == (["order"] if more else [])
    assert stale == []
