"""The district desk's numbers: progress per township and inspector, results distribution, open orders.

Each function counts in SQL over the central `record` documents (JSON access
through SQLAlchemy's JSON operators, so the same query runs on SQLite and
PostgreSQL) and returns a `Table` the desk shows, charts and offers as Excel
and CSV. Reading a document is what costs (bench/bench_figures.py), so each
inspection's document is read once per count, establishments' documents once
per establishment, and an answer's only in the rare case no order carries the
failed items. A counted table is kept until the store changes (its last usn).

What counts (docs/sync-protocol.md §8.3, §8.5): finalized inspections that are
not deleted and not amended by a later one; an amendment stands for the
inspection it corrects (its date is the original's, its result its own), and
two amendments of one record count once. An inspection of an establishment
merged into another counts for the kept one (its township, its category).
Dates are the district's calendar (China Standard Time, UTC+8).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import Text, and_, case, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ..core import codes
from ..core.errors import ValidationError
from . import models as m
from .store import Central, get_meta
from .tables import Table

CHINA = timezone(timedelta(hours=8))
OPEN_ORDER = ("issued", "acknowledged", "in_progress", "overdue", "escalated")
PERIODS = {"month": "本月", "year": "本年"}
BY = {"township": "乡镇", "inspector": "检查人员"}
CACHE_SIZE = 64
_CACHE: OrderedDict[tuple, tuple[int, Table]] = OrderedDict()
_LOCK = threading.Lock()


def china_today() -> date:
    return datetime.now(CHINA).date()


def _stamp(central: Central) -> int:
    """The store's update sequence counter: every write at central takes a new number from it (central/store.py
    next_usn), so an unchanged number means unchanged figures. One row read by its key."""
    with central.engine.connect() as connection:
        return get_meta(connection, "usn")


def _cached(central: Central, key: tuple, build: Callable[[], Table]) -> Table:
    """The table built for `key` while the store has not changed since; the desk's pages ask for the same
    figures on every visit and a year of a district takes a second or more to count again."""
    key = (str(central.engine.url), *key)
    stamp = _stamp(central)  # taken before counting: a write during the count makes the next call count again
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == stamp:
            _CACHE.move_to_end(key)
            return _copy(hit[1])
    table = build()
    with _LOCK:
        _CACHE[key] = (stamp, table)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return _copy(table)


def _copy(table: Table) -> Table:
    return replace(table, columns=list(table.columns), rows=[list(row) for row in table.rows])


def clear_cache() -> None:
    """Forget every counted table (the benchmark times the counting itself)."""
    with _LOCK:
        _CACHE.clear()


@contextmanager
def _counting(central: Central):
    """A connection for one count. On PostgreSQL, within its transaction only: memory enough to hash a year
    of inspections without spilling to disk (the default 4 MB spills), and no JIT (compiling the plan
    costs more than it saves on queries of a second or two)."""
    with central.engine.connect() as connection:
        if central.postgres:
            connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")
            connection.exec_driver_sql("SET LOCAL jit = off")
        yield connection


def _j(table, key: str) -> ColumnElement:
    """A JSON field of a record as text: json_extract on SQLite, ->> on PostgreSQL."""
    return table.c.data[key].as_string()


def _utc_text(day: date) -> str:
    """The UTC instant of `day`'s midnight in China, as the ISO text records carry (compares as text).

    Laptops write every time in UTC (`+00:00`, core/models.py UTCDateTime); a record carrying another
    offset would be placed by its clock time, not its instant."""
    return datetime.combine(day, time.min, CHINA).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """[first day, first day after) of this month or this year."""
    if period == "month":
        first = today.replace(day=1)
        after = (first + timedelta(days=32)).replace(day=1)
    elif period == "year":
        first, after = date(today.year, 1, 1), date(today.year + 1, 1, 1)
    else:
        raise ValidationError("figures.bad_period", field="period", allowed=", ".join(PERIODS))
    return first, after


def _mentions(table, word: str) -> ColumnElement:
    """A cheap text test before a JSON one: SQLite 3.40 parses a document on every json_extract, so a
    search in the raw text first keeps the parse to the few documents that can match."""
    return table.c.data.cast(Text).like(f"%{word}%")


def _array_length(table, key: str, postgres: bool) -> ColumnElement:
    if postgres:
        return func.json_array_length(table.c.data[key])
    return func.json_array_length(table.c.data, f"$.{key}")


def _merged():
    """(id, kept) of every establishment merged into another (docs/sync-protocol.md §8.5)."""
    R = m.record
    return (select(R.c.id.label("id"), _j(R, "merged_into").label("kept"))
            .where(R.c.entity == "establishment", _mentions(R, "merged"), _j(R, "status") == "merged",
                   _j(R, "merged_into").is_not(None))).cte("merged").prefix_with("MATERIALIZED")


def _heads(start: date, after: date, postgres: bool):
    """One row per counted inspection whose chain date is in [start, after): id, est (the kept one), result,
    failed (items found failing), orders (issued by it or by the record it amends, not cancelled).

    An inspection's `ref` is the id it amends (central/inspections.py); only finalized inspections are
    stored at central, so no status test is needed."""
    R = m.record
    insp, orig = R.alias("insp"), R.alias("orig")
    # Every inspection that ended on or after `start`, each document read once. An amendment ends after the
    # record it amends, so this holds every amendment of a record of the period too.
    scanned = (select(insp.c.id.label("id"), insp.c.ref.label("amends"),
                      _j(insp, "ended_at").label("ended"), _j(insp, "establishment_id").label("est"),
                      _j(insp, "result").label("result"), insp.c.data["general_pass_rate"].as_float().label("rate"),
                      _j(insp, "purpose").label("purpose"))
               .where(insp.c.entity == "inspection", insp.c.deleted.is_(False),
                      _j(insp, "ended_at") >= _utc_text(start))).cte("scanned").prefix_with("MATERIALIZED")
    # an amendment counts on the date of the record it corrects; `amends` is rare, so these few are looked up
    stored = (select(_j(orig, "ended_at")).where(orig.c.entity == "inspection", orig.c.id == scanned.c.amends,
                                                 orig.c.deleted.is_(False)).scalar_subquery())
    ended = case((scanned.c.amends.is_(None), scanned.c.ended), else_=func.coalesce(stored, scanned.c.ended))
    superseded = select(scanned.c.amends).where(scanned.c.amends.is_not(None))
    merged = _merged()
    base = (select(scanned.c.id, scanned.c.amends, func.coalesce(merged.c.kept, scanned.c.est).label("est"),
                   scanned.c.result, scanned.c.rate, scanned.c.purpose,
                   func.row_number().over(partition_by=func.coalesce(scanned.c.amends, scanned.c.id),
                                          order_by=scanned.c.id.desc()).label("rn"))
            .select_from(scanned.outerjoin(merged, merged.c.id == scanned.c.est))
            .where(ended >= _utc_text(start), ended < _utc_text(after), scanned.c.id.not_in(superseded))
            ).subquery("base")
    order = R.alias("ord")
    iid = _j(order, "inspection_id")  # one expression object: PostgreSQL sees the same GROUP BY text
    cancelled = and_(_mentions(order, "cancelled"), _j(order, "status") == "cancelled")
    issued = (select(iid.label("iid"), func.count().filter(~cancelled).label("n"),
                     func.max(_array_length(order, "failed_items", postgres)).label("found"))
              .select_from(order).where(order.c.entity == "rectification_order", order.c.deleted.is_(False))
              .group_by(iid)).cte("issued").prefix_with("MATERIALIZED")  # read once, joined twice
    own, amended = issued.alias("own"), issued.alias("amended")
    # Items found failing: the order carries them (the rules' failed items, numbers out of range included); an
    # inspection without an order has none, unless its checklist lets 符合 keep some general failures: those
    # few are counted from their answers (reading every answer of a year would cost ten times the rest).
    answer = R.alias("answer")
    counted_answers = (select(func.count()).select_from(answer)
                       .where(answer.c.ref == base.c.id, answer.c.entity == "answer", answer.c.deleted.is_(False),
                              _mentions(answer, "fail"), _j(answer, "answer") == "fail").scalar_subquery())
    failed = case((own.c.found.is_not(None), own.c.found),
                  (and_(base.c.result == "compliant", func.coalesce(base.c.rate, 1.0) < 1.0), counted_answers),
                  else_=0)
    picked = [base.c.id, base.c.est, failed.label("failed"),
              (func.coalesce(own.c.n, 0) + func.coalesce(amended.c.n, 0)).label("orders"), base.c.result,
              base.c.purpose]
    return (select(*picked)
            .select_from(base.outerjoin(own, own.c.iid == base.c.id)
                         .outerjoin(amended, amended.c.iid == base.c.amends))
            .where(base.c.rn == 1)).cte("heads")


def _place(grouped):
    """Join rows grouped by establishment to that establishment's township and category."""
    est = m.record.alias("place")
    return est, grouped.outerjoin(est, and_(est.c.entity == "establishment", est.c.id == grouped.c.est))


def _townships(connection) -> list[tuple[str, str]]:
    """(code, name) of every township of the district, in the district's order (by division code)."""
    R = m.record
    rows = connection.execute(select(R.c.id, _j(R, "name")).where(
        R.c.entity == "area", R.c.deleted.is_(False), _j(R, "level") == "township").order_by(R.c.id))
    return [(code, name) for code, name in rows]


def progress(central: Central, *, period: str = "month", by: str = "township", today: date | None = None) -> Table:
    """Finalized inspections this month or year per township (all listed) or per inspector, with a total."""
    today = today or china_today()
    return _cached(central, ("progress", period, by, today), lambda: _progress(central, period, by, today))


def _progress(central: Central, period: str, by: str, today: date) -> Table:
    start, after = period_bounds(period, today)
    if by not in BY:
        raise ValidationError("figures.bad_grouping", field="by", allowed=", ".join(BY))
    heads = _heads(start, after, central.postgres)
    last = after - timedelta(days=1)
    note = (f"{start.isoformat()} 至 {last.isoformat()}（截至 {today.isoformat()}）已完成的检查；"
            "更正记录与原记录合计一次")
    with _counting(central) as connection:
        names = dict(_townships(connection))
        if by == "township":
            body, total = _by_township(connection, heads, names)
            columns = ["乡镇", "检查次数", "检查主体数", "发现不符合项", "下达责令改正通知书"]
        else:
            body, total = _by_inspector(connection, heads, names, period == "year")
            columns = ["检查人员", "所属乡镇", "检查次数", "检查主体数", "发现不符合项", "下达责令改正通知书"]
    return Table(name=f"progress-{period}-{by}", title=f"{PERIODS[period]}检查进度（按{BY[by]}）",
                 columns=columns, rows=[*body, total], note=note)


def _sums(table, *group):
    """count, failed and orders of `table` (heads or per-establishment rows) grouped by `group`."""
    return (*group, func.count().label("n"), func.coalesce(func.sum(table.c.failed), 0).label("failed"),
            func.coalesce(func.sum(table.c.orders), 0).label("orders"))


def _by_township(connection, heads, names: dict[str, str]) -> tuple[list[list], list]:
    """Grouped by establishment first, so each establishment's document is read once, not per inspection."""
    per_est = (select(heads.c.est, func.count().label("n"), func.sum(heads.c.failed).label("failed"),
                      func.sum(heads.c.orders).label("orders")).group_by(heads.c.est)).subquery("per_est")
    place, joined = _place(per_est)
    township = _j(place, "township_id")
    rows = connection.execute(
        select(township, func.sum(per_est.c.n), func.count(), func.sum(per_est.c.failed), func.sum(per_est.c.orders))
        .select_from(joined).group_by(township)).all()
    got = {row[0]: [int(v or 0) for v in row[1:]] for row in rows}
    total: list = ["合计", *[sum(values[k] for values in got.values()) for k in range(4)]]
    body: list[list] = [[name, *got.pop(code, [0, 0, 0, 0])] for code, name in names.items()]
    body += [[f"（未知乡镇 {code}）" if code else "（未填乡镇）", *values] for code, values in got.items()]
    return body, total


def _by_inspector(connection, heads, names: dict[str, str], whole_year: bool) -> tuple[list[list], list]:
    """Every active inspector (zero included) and anyone else named on a counted inspection.

    One statement with the district's total beside the inspectors' rows, so the counted inspections
    are worked out once (a CTE used twice is materialized on SQLite and PostgreSQL). An inspection's
    inspectors are found through the `ref` index for a month; for a year, reading every inspector row
    once is cheaper than stepping through each inspection's answers, which share that index."""
    R = m.record
    link, user = R.alias("link"), R.alias("usr")
    uid = _j(link, "user_id")
    who: ColumnElement
    if whole_year:
        links = (select(link.c.ref.label("iid"), uid.label("uid"))
                 .where(link.c.entity == "inspection_inspector", link.c.deleted.is_(False))
                 ).cte("links").prefix_with("MATERIALIZED")
        joined, who = heads.join(links, links.c.iid == heads.c.id), links.c.uid
    else:
        joined = heads.join(link, and_(link.c.ref == heads.c.id, link.c.entity == "inspection_inspector",
                                       link.c.deleted.is_(False)))
        who = uid
    per_pair = (select(who.label("uid"), heads.c.est, func.count().label("n"),
                       func.sum(heads.c.failed).label("failed"), func.sum(heads.c.orders).label("orders"))
                .select_from(joined).group_by(who, heads.c.est)).subquery("per_pair")
    people_rows = select(per_pair.c.uid, func.sum(per_pair.c.n), func.count(), func.sum(per_pair.c.failed),
                         func.sum(per_pair.c.orders)).group_by(per_pair.c.uid)
    district = select(literal(None), func.count(), func.count(func.distinct(heads.c.est)),
                      func.sum(heads.c.failed), func.sum(heads.c.orders))
    rows = connection.execute(district.union_all(people_rows)).all()
    got = {row[0]: [int(v or 0) for v in row[1:]] for row in rows[1:]}
    totals = [int(v or 0) for v in rows[0][1:]]
    active = or_(_j(user, "active").is_(None), user.c.data["active"].as_boolean().is_(True))
    people = connection.execute(
        select(user.c.id, _j(user, "name"), _j(user, "township_id")).where(
            user.c.entity == "user", user.c.deleted.is_(False),
            or_(and_(_j(user, "role") == "inspector", active), user.c.id.in_(list(got) or [""])))).all()
    order = {code: n for n, code in enumerate(names)}
    people = sorted(people, key=lambda p: (order.get(p[2] or "", len(order)), p[1] or "", p[0]))
    body = [[name or uid_, names.get(township or "", ""), *got.pop(uid_, [0, 0, 0, 0])]
            for uid_, name, township in people]
    body += [[f"（未知人员 {uid_}）", "", *values] for uid_, values in got.items()]
    return body, ["合计", "", *totals]


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def results(central: Central, *, year: int | None = None, today: date | None = None) -> Table:
    """How many inspections ended 符合/基本符合/不符合, per category and per township, with shares (%)."""
    year = year or (today or china_today()).year
    return _cached(central, ("results", year), lambda: _results(central, year))


def _results(central: Central, year: int) -> Table:
    heads = _heads(date(year, 1, 1), date(year + 1, 1, 1), central.postgres)
    codes_ = list(codes.RESULTS)
    labels = [codes.label("result", code) for code in codes_]
    per_est = (select(heads.c.est, heads.c.result, heads.c.purpose, func.count().label("n"))
               .where(heads.c.result.in_(codes_))
               .group_by(heads.c.est, heads.c.result, heads.c.purpose)).subquery("per_est")
    place, joined = _place(per_est)
    township, category = _j(place, "township_id"), _j(place, "category")
    with _counting(central) as connection:
        townships = _townships(connection)
        # one pass over the inspections: 检查类型 (None on records signed before it was asked) rides along
        counted: dict[str, dict] = {"category": {}, "township": {}, "purpose": {}}
        for town, kind, purpose, result, n in connection.execute(
                select(township, category, per_est.c.purpose, per_est.c.result, func.sum(per_est.c.n))
                .select_from(joined).group_by(township, category, per_est.c.purpose, per_est.c.result)):
            for dimension, key in (("township", town), ("category", kind), ("purpose", purpose)):
                got = counted[dimension].setdefault(key, {})
                got[result] = got.get(result, 0) + int(n)
    purposes = counted["purpose"]
    groups = [("类别", code, codes.label("category", code)) for code in codes.CATEGORY_CODES]
    groups += [("类别", code, codes.label("category", code, default=code or "（未填类别）"))
               for code in counted["category"] if code not in codes.CATEGORIES]
    groups += [("乡镇", code, name) for code, name in townships]
    known = {code for code, _ in townships}
    groups += [("乡镇", code, f"（未知乡镇 {code}）" if code else "（未填乡镇）")
               for code in counted["township"] if code not in known]
    rows: list[list] = []
    for dimension, key, name in groups:
        got = counted["category" if dimension == "类别" else "township"].get(key, {})
        rows.append(_result_row(dimension, name, [got.get(code, 0) for code in codes_]))
    for key in [*codes.PURPOSE_CODES, *sorted((p for p in purposes if p not in codes.PURPOSES), key=str)]:
        name = codes.label("purpose", key, default=key or "（未记录）")
        rows.append(_result_row("检查类型", name, [purposes.get(key, {}).get(code, 0) for code in codes_]))
    whole = [0] * len(codes_)
    for got in counted["category"].values():
        whole = [w + got.get(code, 0) for w, code in zip(whole, codes_, strict=True)]
    rows.append(_result_row("合计", "全区", whole))
    columns = ["分组", "名称", *labels, "合计", *[f"{label}占比(%)" for label in labels]]
    return Table(name=f"results-{year}", title=f"{year}年检查结果分布", columns=columns, rows=rows,
                 note=f"{year}年已完成的检查，按业态类别、乡镇和检查类型；占比为该行检查次数的百分比")


def _result_row(dimension: str, name: str, counts: list[int]) -> list:
    whole = sum(counts)
    return [dimension, name, *counts, whole, *[_share(n, whole) for n in counts]]


def orders(central: Central, *, overdue_only: bool = False, today: date | None = None) -> Table:
    """Open rectification orders, most overdue first: who, where, issued, deadline, days overdue, items."""
    today = today or china_today()
    table = _cached(central, ("orders", today), lambda: _orders(central, today))
    if not overdue_only:
        return table
    # the overdue ones are the open ones past their deadline: one count serves both lists of a page
    return replace(table, name="orders-overdue", title="逾期未整改的责令改正通知书",
                   rows=[row for row in table.rows if _late(row)])


def _late(row: list) -> bool:
    return isinstance(row[6], int) and row[6] > 0


def _orders(central: Central, today: date) -> Table:
    R = m.record
    order, est, kept = R.alias("ord"), R.alias("est"), R.alias("kept")
    deadline = _j(order, "deadline")
    merged = and_(_j(est, "status") == "merged", kept.c.id.is_not(None))
    query = (select(order.c.id, _j(order, "number"), func.coalesce(_j(order, "status"), "issued"),
                    case((merged, _j(kept, "name")), else_=_j(est, "name")),
                    case((merged, _j(kept, "township_id")), else_=_j(est, "township_id")),
                    _j(order, "created_at"), deadline, order.c.data["failed_items"])
             .select_from(order
                          .outerjoin(est, and_(est.c.entity == "establishment",
                                               est.c.id == _j(order, "establishment_id")))
                          .outerjoin(kept, and_(kept.c.entity == "establishment",
                                                kept.c.id == _j(est, "merged_into"))))
             .where(order.c.entity == "rectification_order", order.c.deleted.is_(False),
                    func.coalesce(_j(order, "status"), "issued").in_(OPEN_ORDER))
             .order_by(deadline, order.c.id))
    with _counting(central) as connection:
        names = dict(_townships(connection))
        found = connection.execute(query).all()
    rows: list[list] = []
    for _oid, number, status, name, township, created, due, items in found:
        due_day = _day(due)
        issued = _issued_day(created)
        items = items if isinstance(items, list) else []
        late = max(0, (today - due_day).days) if due_day else 0
        rows.append([name or "", names.get(township or "", township or ""), number or "",
                     codes.label("order_status", status, default=status), issued, due_day, late,
                     len(items), "、".join(str(item) for item in items)])
    rows.sort(key=lambda row: -row[6])  # stable: most overdue first, then by deadline
    return Table(name="orders-open", title="整改未完成的责令改正通知书",
                 columns=["检查主体", "乡镇", "文书编号", "状态", "下达日期", "整改期限", "逾期天数", "整改项数",
                          "整改项目"], rows=rows,
                 note=f"截至 {today.isoformat()}；逾期天数按整改期限次日起算，期限当天为 0")


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _issued_day(text) -> date | None:
    """The China calendar day of a UTC ISO timestamp."""
    try:
        moment = datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA).date()
