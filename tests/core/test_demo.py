"""The demo district: a realistic register and a year of inspections that obey the store's rules."""

import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta, timezone

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from inspector_app.core import demo, district, establishments, inspections, rules, search_keys, users
from inspector_app.core.codes import CATEGORY_CODES
from inspector_app.core.db import open_store
from inspector_app.core.demo_names import MIN_PER_YEAR
from inspector_app.core.errors import StateError
from inspector_app.core.identifiers import validate_licence, validate_uscc
from inspector_app.core.models import Area, Establishment, Inspection, User

TODAY = date(2026, 3, 16)
CHINA = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "s.sqlite3")
    report = demo.build(store, establishments=600, seed=7, today=TODAY)
    yield store, report
    store.close()


def rows(store, sql, **params):
    with store.session() as session:
        return session.connection().execute(text(sql), params).all()


def register_of(store):
    return rows(store, """SELECT e.name, e.licence_no, e.credit_code, e.category FROM establishment_search s
                          JOIN establishment e ON e.id = s.establishment_id ORDER BY s.id""")


def test_report(built):
    _, report = built
    counts = report["counts"]
    assert counts["townships"] == 27 and counts["establishments"] == 600 and counts["users"] == 16
    assert counts["inspections"] > 600 and 0 < counts["orders"] < counts["inspections"] and counts["drafts"] == 4
    assert report["password"] == "demo1234" and len(report["sample"]["inspector_ids"]) == 2
    assert report["history"]["to"] == (TODAY - timedelta(days=1)).isoformat()


def test_district_townships_and_villages(built):
    store, _ = built
    with store.session() as session:
        areas = session.exec(select(Area)).all()
    by_level = defaultdict(list)
    for area in areas:
        by_level[area.level].append(area)
    (jizhou,) = by_level["district"]
    assert (jizhou.code, jizhou.name) == ("120119", "蓟州区")
    towns = by_level["township"]
    assert [t.name for t in sorted(towns, key=lambda t: t.code)] == [t[0] for t in district.TOWNSHIPS]
    assert sorted(t.code for t in towns)[0] == "120119001"  # 文昌街道
    assert all(re.fullmatch(r"120119\d{3}", t.code) and t.parent_id == jizhou.id for t in towns)
    assert 790_000 <= sum(t.population for t in towns) <= 810_000
    for town in towns:
        villages = [v for v in by_level["village"] if v.parent_id == town.id]
        assert 8 <= len(villages) <= 20, town.name
        assert len({v.name for v in villages}) == len(villages)
        assert all(re.fullmatch(town.code + r"\d{3}", v.code) for v in villages)


def test_areas_are_idempotent(built):
    store, _ = built
    with store.write() as session:
        assert district.ensure_areas(session) == 0


def test_every_category_and_valid_codes(built):
    store, _ = built
    register = register_of(store)
    assert set(row.category for row in register) == set(CATEGORY_CODES)
    licences = [row.licence_no for row in register if row.licence_no]
    assert len(licences) == len(set(licences)) > 300
    assert all(validate_licence(number) == number for number in licences)
    codes = [row.credit_code for row in register if row.credit_code]
    assert len(codes) == len(set(codes)) and all(validate_uscc(code) == code for code in codes)
    kinds = {(row.category, row.licence_no is None) for row in register}
    assert ("workshop", False) not in kinds and ("stall", False) not in kinds and ("catering", True) not in kinds
    stalls = [row for row in register if row.category == "stall"]
    assert 0 < sum(row.credit_code is None for row in stalls) < len(stalls)
    markets = {row.name for row in register if row.category == "market"}
    assert {"安裕市场", "上宝塔菜市场", "张庄市场", "五十八间菜市场"} <= markets
    assert 0 < sum(row.category == "slaughterhouse" for row in register) < 8  # 8 only from 1,000 up


def test_contact_details_look_real(built):
    store, _ = built
    for phone, address, legal_rep in rows(store, "SELECT phone, address, legal_rep FROM establishment"):
        assert re.fullmatch(r"1[358]\d{9}|022-29\d{6}", phone)
        assert address.startswith("天津市蓟州区") and address.endswith("号") and legal_rep


def test_staff_share_one_demo_password(built):
    store, _ = built
    with store.session() as session:
        staff = session.exec(select(User)).all()
        assert Counter(u.role for u in staff) == {"inspector": 12, "clerk": 3, "admin": 1}
        assert len({u.password_hash for u in staff}) == 1
        assert all(re.fullmatch(r"12011900\d{4}", u.credential_no) for u in staff)
        assert users.authenticate(session, staff[0].id, "demo1234")


def test_finalized_inspections_agree_with_the_rules(built):
    store, _ = built
    answers = defaultdict(dict)
    for inspection_id, item_id, answer, value, note in rows(
            store, "SELECT inspection_id, item_id, answer, value, note FROM answer"):
        value = json.loads(value) if isinstance(value, str) else value  # JSON affinity keeps numbers as numbers
        answers[inspection_id][item_id] = {"answer": answer, "value": value, "note": note}
    with store.session() as session:
        finalized = session.exec(select(Inspection).where(Inspection.status == "finalized")).all()
        category = dict(session.execute(select(Establishment.id, Establishment.category)).all())
        results, forms = Counter(), {}
        for n, inspection in enumerate(finalized):
            key = (inspection.checklist_id, inspection.checklist_version)
            checklist = forms.get(key) or forms.setdefault(key, inspections.checklist_of(session, inspection))
            day = inspection.ended_at.astimezone(CHINA).date()
            outcome = rules.evaluate(checklist, answers[inspection.id.hex], on=day, hazard=inspection.hazard,
                                     category=category[inspection.establishment_id])
            assert (inspection.result, inspection.handling, inspection.case_filing,
                    inspection.rectification_deadline) == (outcome.result, outcome.handling, outcome.case_filing,
                                                           outcome.rectification_deadline)
            assert inspection.general_pass_rate == outcome.tally.general_pass_rate
            assert inspection.checklist_id in {"catering", category[inspection.establishment_id]}
            assert TODAY - timedelta(days=365) <= day < TODAY
            if n % 10 == 0:  # the stored hash is the one inspections.finalize would have made
                assert inspection.content_sha256 == inspections.content_hash(session, inspection)
            results[inspection.result] += 1
    assert results[rules.COMPLIANT] > results[rules.BASIC] > results[rules.NON_COMPLIANT] > 0


def test_two_distinct_inspectors_each(built):
    store, _ = built
    pairs = rows(store, """SELECT count(*), count(DISTINCT user_id), min(position), max(position)
                           FROM inspection_inspector GROUP BY inspection_id""")
    assert pairs and set(pairs) == {(2, 2, 1, 2)}
    assert rows(store, "SELECT count(*) FROM inspection")[0][0] == len(pairs)


def test_orders_follow_failures(built):
    store, _ = built
    due = {r.id: r for r in rows(store, """SELECT id, handling, rectification_deadline FROM inspection
                                           WHERE status = 'finalized' AND result != 'compliant'""")}
    orders = rows(store, "SELECT inspection_id, deadline, status, number FROM rectification_order")
    assert {o.inspection_id for o in orders} == {i for i, r in due.items() if r.handling != "pass"}
    for order in orders:
        assert order.deadline == due[order.inspection_id].rectification_deadline
        assert (order.status == "issued") == (date.fromisoformat(order.deadline) >= TODAY)
        assert re.fullmatch(r"津市监蓟责改〔20\d\d〕[1-9]\d*号", order.number)  # GB/T 9704: no 第, no padding
    assert len({o.number for o in orders}) == len(orders)


def test_visits_meet_the_risk_grade_minimum(built):
    store, report = built
    visits = rows(store, """SELECT e.risk_grade, count(i.id) FROM establishment e JOIN inspection i
                            ON i.establishment_id = e.id AND i.status = 'finalized' GROUP BY e.id""")
    assert len(visits) == report["history"]["establishments"] > 500
    assert all(count >= MIN_PER_YEAR[grade] for grade, count in visits)


def test_drafts_for_today(built):
    store, _ = built
    drafts = rows(store, """SELECT i.started_at, i.server_version, count(a.id) FROM inspection i
                            LEFT JOIN answer a ON a.inspection_id = i.id WHERE i.status = 'draft' GROUP BY i.id""")
    assert len(drafts) == 4 and all(d.started_at.startswith(TODAY.isoformat()) for d in drafts)
    assert sorted(d[2] > 0 for d in drafts) == [False, False, True, True]
    assert all(d.server_version is None for d in drafts)


def test_search_finds_names_by_initials(built):
    store, _ = built
    name, licence, _, _ = register_of(store)[123]
    with store.session() as session:
        for query in (search_keys.initials(name), name[:2], licence):
            assert name in {hit.name for hit in establishments.search(session, query, limit=10_000)}, query
        # the stored search rows are what establishments.write_search_row makes
        for est in session.exec(select(Establishment).limit(25)).all():
            before = rows(store, "SELECT haystack, grams FROM establishment_search WHERE establishment_id = :e",
                          e=est.id.hex)
            establishments.write_search_row(session, est)
            assert not session.dirty and before[0] == session.connection().execute(text(
                "SELECT haystack, grams FROM establishment_search WHERE establishment_id = :e"),
                {"e": est.id.hex}).first()
        session.rollback()
    triggers = {r[0] for r in rows(store, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"establishment_fts_ai", "establishment_grams_ai"} <= triggers


def test_nothing_waits_in_the_outbox(built):
    store, _ = built
    assert rows(store, "SELECT count(*) FROM outbox")[0][0] == 0


def test_a_second_build_is_refused(built):
    store, _ = built
    with pytest.raises(StateError, match="--replace"):
        demo.build(store, establishments=10, today=TODAY)
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(Establishment)).scalar() == 600


def test_same_seed_same_register_and_eight_slaughterhouses_from_1000(built, tmp_path):
    again = open_store(tmp_path / "again.sqlite3")
    demo.build(again, establishments=600, seed=7, today=TODAY, history_limit=0)
    assert register_of(again) == register_of(built[0])
    big = open_store(tmp_path / "big.sqlite3")
    report = demo.build(big, establishments=1000, seed=8, today=TODAY, history_limit=0)
    assert report["counts"]["inspections"] == 0
    register = register_of(big)
    assert sum(row.category == "slaughterhouse" for row in register) == 8
    assert [row.name for row in register[:50]] != [row.name for row in register_of(again)[:50]]
    again.close()
    big.close()
