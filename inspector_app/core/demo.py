"""A realistic demo district (Jizhou, Tianjin): staff, a register, a year of inspections.

Rows go in with bulk Core inserts, which write no outbox rows on purpose:
the demo stands for data already synced from the district (server_version
1), so the laptop has nothing pending. The store's triggers still hold:
inspections go in as drafts, then their answers and inspectors, then one
UPDATE per batch finalizes them with the result the official rules give.
The same seed gives the same register (names, codes, grades) every time.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import accumulate

from sqlalchemy import bindparam, func, insert, select, update
from sqlmodel import col

from . import audit, catalog, district, rules, search_keys, triggers, users
from . import demo_names as names
from .codes import CATEGORY_CODES
from .demo_names import JY_TYPE, OTHER_LICENCE, PURPOSES, RISK
from .errors import StateError
from .models import (
    Answer,
    Area,
    Assignment,
    Establishment,
    EstablishmentSearch,
    Inspection,
    RectificationOrder,
    SyncState,
    User,
    new_id,
)
from .notices.numbering import DEFAULT_PREFIXES, format_number
from .tables import table_of

PASSWORD = "demo1234"
CHINA = timezone(timedelta(hours=8))
HISTORY_LIMIT = 8_000  # establishments given a year of inspections (~16k inspections, ~550k answers)
BATCH = 400
BUILD_CACHE = -131072  # PRAGMA cache_size while building (negative: KiB, so 128 MiB)


def build(store, *, establishments: int = 5000, seed: int = 2018, today: date | None = None,
          history_limit: int = HISTORY_LIMIT) -> dict:
    """Fill an empty store with the demo district; returns counts, timing and sample ids."""
    started = time.perf_counter()
    today = today or date.today()
    with store.write() as session:
        if session.execute(select(func.count()).select_from(table_of(Establishment))).scalar():
            raise StateError("store.not_empty_for_demo")
        catalog.install_shipped(session)
        district.ensure_areas(session)
        connection = session.connection()
        cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size={BUILD_CACHE}")  # fewer pages spilled to the WAL
        try:
            towns = _townships(session)
            staff = _users(session, random.Random(f"{seed}:users"), towns)
            register = _establishments(session, random.Random(f"{seed}:register"), max(0, establishments),
                                       towns, today)
            history = _history(session, random.Random(f"{seed}:history"), register, staff, today,
                               limit=history_limit)
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size={int(cache_size)}")
        counts = {"townships": len(towns), "villages": sum(len(t["villages"]) for t in towns),
                  "users": len(staff["all"]), "establishments": len(register), **history["counts"]}
        audit.record(session, action="demo.build", entity="store",
                     detail={"seed": seed, "today": today.isoformat(), "counts": counts})
    store.checkpoint()  # fold the big WAL back into the database file (later, on a full disk)
    return {"counts": counts, "seconds": round(time.perf_counter() - started, 2), "password": PASSWORD,
            "today": today.isoformat(), "history": history["window"],
            "sample": {"establishment_ids": history["sample"], "inspector_ids": [str(i) for i in staff["team0"]]}}


def _townships(session) -> list[dict]:
    rows = session.execute(select(col(Area.id), col(Area.code), col(Area.name), col(Area.level), col(Area.parent_id),
                                  col(Area.population))
                           .where(col(Area.level).in_(("township", "village"))).order_by(col(Area.code))).all()
    towns = {row.id: {"id": row.id, "name": row.name, "short": district.short_name(row.name),
                      "population": row.population or 1, "villages": []}
             for row in rows if row.level == "township"}
    for row in rows:
        if row.level == "village" and row.parent_id in towns:
            towns[row.parent_id]["villages"].append((row.id, row.name, row.population or 1))
    return [town for town in towns.values() if town["villages"]]


def _users(session, rng: random.Random, towns: list[dict]) -> dict:
    """12 inspectors in 6 two-person teams, 3 clerks, 1 admin; one password hash for all."""
    password_hash = users.hash_password(PASSWORD)
    numbers = sorted(rng.sample(range(1000, 10000), len(names.INSPECTORS + names.CLERKS + names.ADMINS)))
    now = datetime.now(UTC)
    rows = []
    people = [(n, "inspector") for n in names.INSPECTORS] + [(n, "clerk") for n in names.CLERKS] + \
             [(n, "admin") for n in names.ADMINS]
    for k, ((name, role), number) in enumerate(zip(people, numbers, strict=True)):
        township = towns[(k // 2) % len(towns)]["id"] if role == "inspector" else None
        rows.append({"id": new_id(), "created_at": now, "updated_at": now, "version": 1, "server_version": 1,
                     "name": name, "role": role, "credential_no": f"12011900{number}",
                     "password_hash": password_hash, "township_id": township, "active": True})
    session.execute(insert(table_of(User)), rows)
    inspectors = [row["id"] for row in rows if row["role"] == "inspector"]
    teams = [tuple(inspectors[i:i + 2]) for i in range(0, len(inspectors), 2)]
    team_of = {town["id"]: teams[j % len(teams)] for j, town in enumerate(towns)}
    return {"all": rows, "inspectors": inspectors, "team_of": team_of, "team0": teams[0]}


def _establishments(session, rng: random.Random, n: int, towns: list[dict], today: date) -> list[dict]:
    slots = names.slots(rng, n, towns)
    weights = names.town_weights(towns)
    village_weights = {t["id"]: list(accumulate(v[2] for v in t["villages"])) for t in towns}
    morning = datetime.combine(today, datetime.min.time(), CHINA).astimezone(UTC)
    used_names: dict[str, int] = {}
    used_codes: set[str] = set()
    sequences = {kind: rng.randrange(100, 2000) for kind in (1, 2, 3)}
    rows, ids = [], _Ids()
    for category, fixed in slots:
        owner = names.person(rng)
        if category == "market":
            name, town, village_name = fixed
            village = next((v for v in town["villages"] if v[1] == village_name), None) or town["villages"][0]
        else:
            town = fixed if category == "slaughterhouse" else rng.choices(towns, cum_weights=weights[category])[0]
            village = rng.choices(town["villages"], cum_weights=village_weights[town["id"]])[0]
            for _ in range(4):
                name = names.establishment_name(rng, category, owner=owner, township=town["name"],
                                                short=town["short"], village=village[1])
                if name not in used_names:
                    break
        name = names.unique(name, category, used_names)
        licence_no, licence_type = None, OTHER_LICENCE.get(category)
        if category in JY_TYPE:  # the format of identifiers.make_licence, without its re-validation
            kind = JY_TYPE[category]
            sequences[kind] += rng.randint(1, 3)
            licence_no = f"JY{kind}{district.DISTRICT_CODE}{sequences[kind]:06d}{rng.randrange(10)}"
            licence_type = "JY"
        created = morning - timedelta(days=rng.randint(400, 2200)) + timedelta(minutes=rng.randint(510, 1000))
        fixed_site = category in ("market", "slaughterhouse", "school_canteen")
        institutional = category in ("unit_canteen", "school_canteen", "market", "slaughterhouse")
        rows.append({
            "id": ids.uuid(), "created_at": created, "updated_at": created, "version": 1, "server_version": 1,
            "name": name, "category": category, "licence_type": licence_type, "licence_no": licence_no,
            "credit_code": names.credit_code(rng, category, name, owner, used_codes), "legal_rep": owner,
            "contact_person": names.person(rng) if institutional or rng.random() < 0.3 else owner,
            "phone": names.landline(rng) if institutional and rng.random() < 0.4 else names.mobile(rng),
            "address": names.address(rng, town["name"], village[1]), "township_id": town["id"],
            "village_id": village[0], "risk_grade": rng.choices("ABCD", RISK[category])[0],
            "status": "open" if fixed_site else rng.choices(("open", "suspended", "closed"), (94, 2, 4))[0],
            "provisional": False})
    keys = search_values([(r["name"], r["licence_no"], r["credit_code"], r["address"]) for r in rows])
    for start in range(0, len(rows), 5000):
        session.execute(insert(table_of(Establishment)), rows[start:start + 5000])
    _load_search_rows(session, [{"establishment_id": row["id"], "haystack": haystack, "grams": grams}
                                for row, (haystack, grams) in zip(rows, keys, strict=True)])
    return rows


def search_values(items: list[tuple]) -> list[tuple[str, str]]:
    """(haystack, grams) for (name, licence, credit code, address), as establishments.write_search_row."""
    return [(search_keys.haystack(name=name, licence=licence, credit_code=code, extra=(address or "",)),
             search_keys.grams(name=name, licence=licence, credit_code=code))
            for name, licence, code, address in items]


def _load_search_rows(session, rows: list[dict]) -> None:
    """Bulk-load establishment_search, then index it with one FTS5 'rebuild' per index.

    Indexing row by row through the insert triggers costs three times as much. The two
    insert triggers are dropped and re-created from triggers.statements() inside this
    same transaction, so no other connection ever sees the store without them.
    """
    connection = session.connection()
    on_insert = {name: ddl for name, ddl in triggers.statements().items()
                 if "AFTER INSERT ON establishment_search" in " ".join(ddl.split())}
    for name in on_insert:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for start in range(0, len(rows), 5000):
        session.execute(insert(table_of(EstablishmentSearch)), rows[start:start + 5000])
    for fts in triggers.SEARCH_TABLES:
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    for ddl in on_insert.values():
        connection.exec_driver_sql(ddl)


# A year of inspections

FINALIZE = update(table_of(Inspection)).where(table_of(Inspection).c.id == bindparam("b_id")).values(
    status="finalized", **{k: bindparam(f"b_{k}") for k in (
        "result", "handling", "case_filing", "general_pass_rate", "rectification_deadline", "ended_at",
        "finalized_at", "updated_at", "content_sha256")})


def checklist_for(session, category: str):
    """The newest checklist for a category (one named after it first), or None."""
    records = sorted(catalog.for_category(session, category), key=lambda r: (r.id != category, r.id))
    return catalog.get(session, records[0].id) if records else None


def _history(session, rng: random.Random, register: list[dict], staff: dict, today: date, *,
             limit: int) -> dict:
    forms = {category: checklist_for(session, category) for category in CATEGORY_CODES}
    candidates = [e for e in register if e["status"] != "closed" and forms[e["category"]]]
    if len(candidates) > limit:  # every market and slaughterhouse, then a random sample of the rest
        fixed = [e for e in candidates if e["category"] in ("market", "slaughterhouse")]
        fixed_ids = {e["id"] for e in fixed}
        rest = [e for e in candidates if e["id"] not in fixed_ids]
        keep = {e["id"] for e in fixed[:limit] + rng.sample(rest, max(0, limit - len(fixed)))}
        candidates = [e for e in candidates if e["id"] in keep]
    orders: list[dict] = []
    finalized = 0
    for start in range(0, len(candidates), BATCH):
        batch = _Batch(session)
        for est in candidates[start:start + BATCH]:
            form = forms[est["category"]]
            profile = names.profile(rng, est["risk_grade"], form)
            for day in names.visit_days(rng, est["risk_grade"], today):
                orders += batch.add_finalized(rng, est, form, profile, day, staff, today)
        batch.write(session)
        finalized += len(batch.finals)
    orders.sort(key=lambda o: (o["created_at"], o["id"]))
    numbers: dict[int, int] = {}
    for order in orders:
        year = order["created_at"].astimezone(CHINA).year
        numbers[year] = numbers.get(year, 0) + 1
        order["number"] = format_number(DEFAULT_PREFIXES["order"], year=year, sequence=numbers[year])  # GB/T 9704
    for start in range(0, len(orders), 5000):
        session.execute(insert(table_of(RectificationOrder)), orders[start:start + 5000])
    drafts = _drafts(session, rng, register, forms, staff, today)
    assigned = _assignments(session, rng, register, staff, today)
    sample = [next((e["id"] for e in candidates if e["category"] == c), None)
              for c in ("catering", "school_canteen", "market", "food_sales")]
    sample.append(next((o["establishment_id"] for o in reversed(orders) if o["status"] == "issued"), None))
    return {"counts": {"inspections": finalized, "orders": len(orders), "drafts": drafts, "assignments": assigned},
            "window": {"from": (today - timedelta(days=365)).isoformat(),
                       "to": (today - timedelta(days=1)).isoformat(), "establishments": len(candidates)},
            "sample": list(dict.fromkeys(str(i) for i in sample if i))}


def content_sha256(record: dict) -> str:
    """What inspections.content_hash computes, from the record as built here."""
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Batch:
    """Inspections as drafts, then their inspectors and answers, then the finalizing UPDATE.

    Inspectors and answers are the bulk of the rows: they are built as tuples in the form
    SQLAlchemy stores (hex ids, its DATETIME text, JSON text) and go in with one
    executemany on the connection, three times faster than Core's per-row processing.
    """

    ANSWER = ("id", "created_at", "updated_at", "version", "server_version", "inspection_id", "item_id",
              "answer", "value", "note")
    LINK = ("id", "created_at", "updated_at", "version", "server_version", "inspection_id", "user_id", "position")

    def __init__(self, session):
        self.inspections, self.links, self.answers, self.finals = [], [], [], []
        self.ids = _Ids()
        dialect, columns = session.get_bind().dialect, table_of(Answer).c
        stamp, as_json = columns.created_at.type.bind_processor(dialect), columns.value.type.bind_processor(dialect)
        assert stamp is not None and as_json is not None  # UTCDateTime and JSON both convert what they bind
        self._ts = lru_cache(maxsize=8192)(stamp)
        self._json = lru_cache(maxsize=8192, typed=True)(as_json)

    def draft(self, est: dict, form, started: datetime, team, *, synced: bool, hazard=False,
              notes=None) -> uuid.UUID:
        inspection_id, version, at = self.ids.uuid(), 1 if synced else None, self._ts(started)
        self.inspections.append({
            "id": inspection_id, "created_at": started, "updated_at": started, "version": 1,
            "server_version": version, "establishment_id": est["id"], "checklist_id": form.id,
            "checklist_version": form.version, "status": "draft", "started_at": started, "hazard": hazard,
            "case_filing": False, "notes": notes})
        self.links += [(row_id, at, at, 1, version, inspection_id.hex, user.hex, k)
                       for row_id, (k, user) in zip(self.ids.hexes(len(team)), enumerate(team, start=1), strict=True)]
        return inspection_id

    def add_answers(self, inspection_id: uuid.UUID, answers: dict, moment: datetime, *, synced: bool) -> None:
        version, at, parent = 1 if synced else None, self._ts(moment), inspection_id.hex
        row_ids = self.ids.hexes(len(answers))
        self.answers += [(row_id, at, at, 1, version, parent, item_id, a["answer"], self._json(a["value"]), a["note"])
                         for row_id, (item_id, a) in zip(row_ids, answers.items(), strict=True)]

    def add_finalized(self, rng, est, form, profile, day: date, staff: dict, today: date) -> list[dict]:
        """One past inspection, finalized as inspections.finalize would; returns its order, if any."""
        answers = names.answers(rng, form, est["category"], profile)
        outcome = rules.evaluate(form, answers, category=est["category"], on=day)
        if outcome.result is None:
            return []
        hazard = outcome.result == rules.NON_COMPLIANT and bool(outcome.tally.key_failed) and rng.random() < 0.4
        if hazard:
            outcome = rules.evaluate(form, answers, category=est["category"], hazard=True, on=day)
        started = (datetime.combine(day, datetime.min.time(), CHINA)
                   + timedelta(minutes=rng.randint(510, 960))).astimezone(UTC)
        ended = started + timedelta(minutes=rng.randint(25, 95))
        finalized = ended + timedelta(minutes=rng.randint(1, 10))
        team = list(staff["team_of"][est["township_id"]])
        if rng.random() < 0.15:
            team[rng.randrange(2)] = rng.choice([u for u in staff["inspectors"] if u not in team])
        inspection_id = self.draft(est, form, started, team, synced=True, hazard=hazard,
                                   notes=rng.choices(PURPOSES, (6, 2, 1, 1, 1))[0])
        self.add_answers(inspection_id, answers, ended, synced=True)
        record = {"id": str(inspection_id), "establishment_id": str(est["id"]),
                  "checklist": [form.id, form.version], "started_at": started.isoformat(),
                  "ended_at": ended.isoformat(), "hazard": hazard, "result": outcome.result,
                  "handling": outcome.handling, "amends_id": None, "inspectors": [str(u) for u in team],
                  "answers": answers, "evidence": []}
        self.finals.append({
            "b_id": inspection_id, "b_result": outcome.result, "b_handling": outcome.handling,
            "b_case_filing": outcome.case_filing, "b_general_pass_rate": outcome.tally.general_pass_rate,
            "b_rectification_deadline": outcome.rectification_deadline, "b_ended_at": ended,
            "b_finalized_at": finalized, "b_updated_at": finalized, "b_content_sha256": content_sha256(record)})
        if not outcome.tally.failed or outcome.handling == rules.PASS:
            return []
        deadline = outcome.rectification_deadline
        assert deadline is not None  # evaluate() gives one when items failed and `on` is given
        late = 0.3 if (today - deadline).days <= 30 else 0.02  # old overdue orders were followed up
        status = "issued" if deadline >= today else "overdue" if rng.random() < late else "verified"
        return [{"id": self.ids.uuid(), "created_at": finalized, "updated_at": finalized, "version": 1,
                 "server_version": 1, "inspection_id": inspection_id, "establishment_id": est["id"],
                 "number": None, "failed_items": list(outcome.tally.failed), "deadline": deadline,
                 "status": status}]

    def write(self, session) -> None:
        if self.inspections:
            session.execute(insert(table_of(Inspection)), self.inspections)
        for table, columns, rows in (("inspection_inspector", self.LINK, self.links),
                                     ("answer", self.ANSWER, self.answers)):
            if rows:
                session.connection().exec_driver_sql(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
        if self.finals:
            session.execute(FINALIZE, self.finals)


class _Ids:
    """UUIDv7s from one fresh uuid7 with a counter in its low 32 random bits (RFC 9562 method 1).

    uuid6.uuid7() costs 3 µs and moves its clock 1 ms ahead per call when called faster,
    so a million ids drawn one by one would be stamped many minutes in the future.
    """

    def __init__(self):
        self._base, self._next = new_id().int >> 32 << 32, 0

    def hexes(self, count: int) -> list[str]:
        """`count` ids as the store keeps them (32 hex digits)."""
        start, self._next = self._next, self._next + count
        return [f"{self._base + k:032x}" for k in range(start, start + count)]

    def uuid(self) -> uuid.UUID:
        self._next += 1
        return uuid.UUID(int=self._base + self._next - 1)


ASSIGNMENTS = (("complaint", 2, "群众投诉：后厨卫生差，请核查", "catering"),
               ("special", 6, "学校食堂冬季专项检查", "school_canteen"),
               ("special", -1, "节前农贸市场专项检查", "market"))


def _assignments(session, rng: random.Random, register: list[dict], staff: dict, today: date) -> int:
    """Three assignments from the district to this laptop, as a downward bundle would bring them."""
    device_id = session.execute(select(table_of(SyncState).c.device_id)).scalar()
    towns = {town for town, pair in staff["team_of"].items() if pair == staff["team0"]}
    rows = []
    for purpose, days, note, category in ASSIGNMENTS:
        pool = [e for e in register if e["township_id"] in towns and e["status"] == "open"
                and e["category"] == category]
        if not pool:
            continue
        est = rng.choice(pool)
        moment = datetime.now(UTC) - timedelta(days=3)
        rows.append({"id": new_id(), "created_at": moment, "updated_at": moment, "version": 1, "server_version": 1,
                     "establishment_id": est["id"], "device_id": device_id.hex, "township_code": None,
                     "due_date": today + timedelta(days=days), "purpose": purpose, "note": note,
                     "status": "assigned", "created_by": "蓟州区市场监管局"})
    if rows:
        session.execute(insert(table_of(Assignment)), rows)
    return len(rows)


def _drafts(session, rng: random.Random, register: list[dict], forms: dict, staff: dict, today: date) -> int:
    """Four drafts for today's list of the first team, two of them half answered."""
    team = staff["team0"]
    towns = {town for town, pair in staff["team_of"].items() if pair == team}
    pool = [e for e in register if e["township_id"] in towns and e["status"] == "open" and forms[e["category"]]]
    pool.sort(key=lambda e: "DCBA".index(e["risk_grade"]))
    picks = rng.sample(pool[:40], min(4, len(pool)))
    batch = _Batch(session)
    for k, est in enumerate(picks):
        form = forms[est["category"]]
        started = (datetime.combine(today, datetime.min.time(), CHINA)
                   + timedelta(minutes=520 + 75 * k)).astimezone(UTC)
        inspection_id = batch.draft(est, form, started, team, synced=False, notes="日常监督检查")
        if k < 2:
            profile = names.profile(rng, est["risk_grade"], form)
            given = names.answers(rng, form, est["category"], profile, limit=len(form.items) // 2)
            batch.add_answers(inspection_id, given, started, synced=False)
    batch.write(session)
    return len(picks)
