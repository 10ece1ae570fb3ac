"""Establishment search latency at 10k, 100k and 1M establishments, against raw SQLite baselines.

    .venv/bin/python bench/bench_search.py [--sizes 10000,100000,1000000] [--queries 50]

For every size it builds (or reuses) a store from bench/common.py, draws a
realistic query mix from the register, and times in the same run, query by
query (each run --repeat times, its median kept; the LIKE scans once each,
on the first --like-queries of each type): our `establishments.search(session, q, limit=20)`; the same search
with the FTS-driven SQL proposed in bench/README.md ("proposed"); a raw FTS5
MATCH on the same index ("fts"); and `LIKE '%q%' LIMIT 20` on
establishment.name and on establishment_search.haystack. It prints a table,
the query plans of the generated SQL, and writes bench/results/search.json.
Goal (issue): our p95 ≤ 20 ms at 1M rows and at most 2× the 10k figure.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import time
import uuid
from functools import partial
from pathlib import Path

import common
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from inspector_app.core import areas, establishments, register_search, search_keys
from inspector_app.core.db import open_store

LIMIT = 20
TYPES = ("one_char", "two_char", "initials", "full_name", "licence_prefix", "credit_code", "rare_name",
         "no_hit", "two_words")
METHODS = ("ours", "proposed", "routed", "fts", "like_name", "like_haystack")
SLOW = ("like_name", "like_haystack")  # full scans: run once, on the first --like-queries of each type


# The query mix

def _han(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def query_mix(raw: sqlite3.Connection, per_type: int, seed: int) -> dict[str, list[str]]:
    """`per_type` queries of each type, drawn from random rows of the register."""
    rng = random.Random(f"queries:{seed}")
    top = raw.execute("SELECT max(id) FROM establishment_search").fetchone()[0]

    def row():
        while True:
            found = raw.execute("SELECT e.name, e.licence_no, e.credit_code FROM establishment_search s "
                                "JOIN establishment e ON e.id = s.establishment_id WHERE s.id = ?",
                                (rng.randint(1, top),)).fetchone()
            if found:
                return found

    def draw(make):
        out = []
        while len(out) < per_type:
            value = make()
            if value:
                out.append(value)
        return out

    def one_char():
        name = _han(row()[0])
        return rng.choice(name) if name else None

    def two_char():
        name = _han(row()[0])
        if len(name) < 2:
            return None
        k = rng.randrange(len(name) - 1)
        return name[k:k + 2]

    def initials():
        return search_keys.initials(row()[0])[:rng.randint(2, 4)]

    def full_name():
        name = row()[0]
        return name if 3 <= len(name) <= 6 else None

    def licence_prefix():
        licence = row()[1]
        return licence[:rng.randint(8, 16)] if licence else None

    def credit_code():
        return row()[2]

    def two_words():
        name = _han(row()[0])
        return f"{name[:2]} {name[-2:]}" if len(name) >= 5 else None

    rare = [part for name in common.RARE_NAMES for part in (name[:1], name[:2], name)]
    return {"one_char": draw(one_char), "two_char": draw(two_char), "initials": draw(initials),
            "full_name": draw(full_name), "licence_prefix": draw(licence_prefix),
            "credit_code": draw(credit_code), "two_words": draw(two_words),
            "rare_name": [rare[k % len(rare)] for k in range(per_type)],
            "no_hit": [common.NO_HIT[k % len(common.NO_HIT)] for k in range(per_type)]}


# The methods

def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def proposed_sql(terms: list[str], *, township_hex: str | None = None,
                 category: str | None = None) -> tuple[str, dict]:
    """FTS-driven search: the index yields rowids in order and LIMIT stops it early.

    Terms of 3+ characters are ANDed into one trigram MATCH that drives the
    query; 1–2-character terms are ANDed into one grams MATCH that drives it
    when there is no longer term, else filters it as a set the planner may not
    push into FTS5 (the unary + keeps `rowid IN` out of xBestIndex).
    """
    long, short = [t for t in terms if len(t) >= 3], [t for t in terms if len(t) < 3]
    drive = "establishment_fts" if long else "establishment_grams"
    where = [f"f.{drive} MATCH :drive"]
    params = {"drive": " AND ".join(map(_phrase, long or short)), "limit": LIMIT}
    if long and short:
        where.append("+f.rowid IN (SELECT rowid FROM establishment_grams WHERE establishment_grams MATCH :grams)")
        params["grams"] = " AND ".join(map(_phrase, short))
    if township_hex:
        where.append("e.township_id = :township")
        params["township"] = township_hex
    if category:
        where.append("e.category = :category")
        params["category"] = category
    sql = f"""
        SELECT e.id, e.name, e.category, t.name, v.name, e.licence_no, e.credit_code,
               e.risk_grade, e.status, e.address
        FROM {drive} f
        JOIN establishment_search s ON s.id = f.rowid
        JOIN establishment e ON e.id = s.establishment_id
        JOIN area t ON t.id = e.township_id
        LEFT JOIN area v ON v.id = e.village_id
        WHERE {' AND '.join(where)}
        ORDER BY f.rowid
        LIMIT :limit"""
    return sql, params


def proposed_search(session, query: str, *, township_id=None, category=None) -> list:
    """establishments.search with the proposed SQL, same Python work around it."""
    terms = search_keys.normalize_query(query).split()
    if not terms:
        return []
    sql, params = proposed_sql(terms, township_hex=township_id.hex if township_id else None, category=category)
    rows = session.connection().execute(text(sql), params).all()
    return [establishments.Hit(uuid.UUID(row[0]), *row[1:]) for row in rows]


LICENCE_PREFIX = re.compile(r"^(JY|SC)[0-9]{2,14}$")
CREDIT_CODE = re.compile(r"^[1-9ANY][0-9A-HJ-NPQRTUWXY]{9,17}$")


def identifier_sql(term: str) -> tuple[str, dict] | None:
    """A licence-number or credit-code prefix as a range on its B-tree index, in number order.

    Trigram FTS answers these worst: every trigram of a digit string is in
    most rows, so the phrase reads huge doclists. The existing indexes
    (uq_establishment_licence_no, ix_establishment_credit_code) answer a
    prefix in O(log n + limit). Only prefixes are found (not infixes).
    """
    code = term.upper()
    if LICENCE_PREFIX.match(code):
        column = "licence_no"
    elif CREDIT_CODE.match(code) and sum(ch.isdigit() for ch in code) >= 8:
        column = "credit_code"
    else:
        return None
    sql = f"""
        SELECT e.id, e.name, e.category, t.name, v.name, e.licence_no, e.credit_code,
               e.risk_grade, e.status, e.address
        FROM establishment e
        JOIN area t ON t.id = e.township_id
        LEFT JOIN area v ON v.id = e.village_id
        WHERE e.{column} >= :low AND e.{column} < :high
        ORDER BY e.{column}
        LIMIT :limit"""
    return sql, {"low": code, "high": code[:-1] + chr(ord(code[-1]) + 1), "limit": LIMIT}


def routed_search(session, query: str) -> list:
    """The proposed search, with a lone licence/credit-code term routed to its index."""
    terms = search_keys.normalize_query(query).split()
    routed = identifier_sql(terms[0]) if len(terms) == 1 else None
    if routed is None:
        return proposed_search(session, query)
    rows = session.connection().execute(text(routed[0]), routed[1]).all()
    return [establishments.Hit(uuid.UUID(row[0]), *row[1:]) for row in rows]


def raw_fts(raw: sqlite3.Connection, query: str) -> list:
    """The FTS part alone: MATCH on the index the app would pick, LIMIT 20, no joins."""
    terms = search_keys.normalize_query(query).split()
    long, short = [t for t in terms if len(t) >= 3], [t for t in terms if len(t) < 3]
    index = "establishment_fts" if long else "establishment_grams"
    sql, params = f"SELECT rowid FROM {index} WHERE {index} MATCH ?", [" AND ".join(map(_phrase, long or short))]
    if long and short:
        sql += " AND +rowid IN (SELECT rowid FROM establishment_grams WHERE establishment_grams MATCH ?)"
        params.append(" AND ".join(map(_phrase, short)))
    return raw.execute(sql + f" LIMIT {LIMIT}", params).fetchall()


def _like(column: str):
    def run(raw: sqlite3.Connection, query: str) -> list:
        terms = search_keys.normalize_query(query).split()
        where = " AND ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in terms)
        patterns = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
        table = "establishment" if column == "name" else "establishment_search"
        return raw.execute(f"SELECT rowid FROM {table} WHERE {where} LIMIT {LIMIT}", patterns).fetchall()
    return run


# Measuring

def ours_statement(raw: sqlite3.Connection, query: str) -> tuple[str, dict]:
    """The statement establishments.search answered `query` with (register_search runs them in order)."""
    steps = register_search.statements(query, limit=LIMIT)
    for sql, params in steps:
        if raw.execute(sql, params).fetchone() is not None:
            return sql, params
    return steps[-1]


def explain(raw: sqlite3.Connection, sql: str, params) -> list[str]:
    return [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params)]


def bench_size(n: int, per_type: int, seed: int, rebuild: bool, repeat: int, like_queries: int) -> dict:
    path, meta = common.cached_store(n, seed=seed, rebuild=rebuild)
    store = open_store(path)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    mix = query_mix(raw, per_type, seed)
    methods = {
        "ours": lambda session, q: establishments.search(session, q, limit=LIMIT),
        "proposed": proposed_search,
        "routed": routed_search,
        "fts": lambda session, q: raw_fts(raw, q),
        "like_name": lambda session, q: _like("name")(raw, q),
        "like_haystack": lambda session, q: _like("haystack")(raw, q),
    }
    times = {t: {m: [] for m in METHODS} for t in TYPES}
    hits, plans, mismatches = {t: [] for t in TYPES}, {}, []
    with store.session() as session:
        for queries in mix.values():  # warm the page cache and statement caches
            for q in queries:
                establishments.search(session, q, limit=LIMIT)
                proposed_search(session, q)
        for kind in TYPES:
            for k, q in enumerate(mix[kind]):
                results = {}
                for method in METHODS:
                    if method in SLOW and k >= like_queries:
                        continue
                    runs = []
                    for _ in range(1 if method in SLOW else repeat):
                        started = time.perf_counter()
                        results[method] = methods[method](session, q)
                        runs.append(time.perf_counter() - started)
                    times[kind][method].append(statistics.median(runs))
                hits[kind].append(len(results["ours"]))
                ours = [h.id for h in results["ours"]]
                if ours != [h.id for h in results["proposed"]]:
                    mismatches.append(("proposed", q))
                routed = [h.id for h in results["routed"]]
                if len(ours) < LIMIT and not set(routed) <= set(ours) or len(ours) == LIMIT and not routed:
                    mismatches.append(("routed", q))
            slowest = max(range(len(mix[kind])), key=lambda i: times[kind]["ours"][i])
            q = mix[kind][slowest]
            ours_plan = explain(raw, *ours_statement(raw, q))
            sql, params = proposed_sql(search_keys.normalize_query(q).split())
            plans[kind] = {"slowest_query": q, "ours": ours_plan, "proposed": explain(raw, sql, params)}
    raw.close()
    store.close()
    result = {"build": meta, "types": {}, "mismatches": mismatches, "plans": plans}
    for kind in TYPES:
        result["types"][kind] = {m: common.summary_ms(times[kind][m]) for m in METHODS}
        result["types"][kind]["hits_mean"] = round(sum(hits[kind]) / len(hits[kind]), 1)
        result["types"][kind]["examples"] = mix[kind][:5]
    result["all"] = {m: common.summary_ms([s for kind in TYPES for s in times[kind][m]]) for m in METHODS}
    return result


# Filtered search (township / category), capped per query

FILTERED_QUERIES = ("店", "饭店", "鳜", "渔阳")


def past(deadline: float) -> int:
    """SQLite's progress handler: non-zero stops the query once the deadline has passed."""
    return int(time.perf_counter() > deadline)


def bench_filtered(n: int, seed: int, cap_seconds: float) -> dict:
    """Search with a township or a category filter, ours vs proposed; a query is stopped at the cap."""
    path, _ = common.cached_store(n, seed=seed)
    store = open_store(path)
    out = {}
    with store.session() as session:
        town = areas.find(session, "孙各庄满族乡", level="township")  # the smallest township
        raw = session.connection().connection.driver_connection
        for label, filters in (("township", {"township_id": town.id}), ("category", {"category": "unit_canteen"})):
            for q in FILTERED_QUERIES:
                row = {}
                for method, func in (("ours", partial(establishments.search, session, q, limit=LIMIT, **filters)),
                                     ("proposed", partial(proposed_search, session, q, **filters))):
                    deadline = time.perf_counter() + cap_seconds
                    raw.set_progress_handler(partial(past, deadline), 10_000)
                    started = time.perf_counter()
                    try:
                        hits = len(func())
                        row[method] = {"ms": round((time.perf_counter() - started) * 1000, 2), "hits": hits}
                    except OperationalError:
                        session.rollback()
                        row[method] = {"ms": None, "stopped_after_s": cap_seconds}
                    finally:
                        raw.set_progress_handler(None, 0)
                out[f"{label}:{q}"] = row
                show = {m: (f"{v['ms']:.1f} ms" if v.get("ms") is not None else f"> {cap_seconds:.0f} s")
                        for m, v in row.items()}
                print(f"  {label:<9} {q:<4} ours {show['ours']:>12}   proposed {show['proposed']:>10}")
    store.close()
    return out


# Reporting

def print_table(n: int, result: dict) -> None:
    print(f"\n{n:,} establishments (store {result['build']['bytes'] / 1e6:.0f} MB) — ms, p50 / p95")
    print(f"{'query type':<15} {'hits':>5} " + " ".join(f"{m:>16}" for m in METHODS))
    rows = [(kind, result["types"][kind], result["types"][kind]["hits_mean"]) for kind in TYPES]
    rows.append(("ALL", result["all"], ""))
    for kind, data, hits in rows:
        cells = " ".join(f"{data[m]['p50']:>7.2f} /{data[m]['p95']:>7.2f}" for m in METHODS)
        print(f"{kind:<15} {hits!s:>5} {cells}")
    if result["mismatches"]:
        print(f"!! different hits from ours for {len(result['mismatches'])} queries: {result['mismatches'][:5]}")


def ratios(results: dict) -> dict:
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    p95 = {n: results[n]["all"] for n in sizes}
    out = {
        "ours_p95_largest_over_smallest": round(p95[large]["ours"]["p95"] / p95[small]["ours"]["p95"], 2),
        "proposed_p95_largest_over_smallest": round(p95[large]["proposed"]["p95"] / p95[small]["proposed"]["p95"], 2),
        "routed_p95_largest_over_smallest": round(p95[large]["routed"]["p95"] / p95[small]["routed"]["p95"], 2),
        "ours_over_fts_p95": {n: round(p95[n]["ours"]["p95"] / p95[n]["fts"]["p95"], 2) for n in sizes},
        "proposed_over_fts_p95": {n: round(p95[n]["proposed"]["p95"] / p95[n]["fts"]["p95"], 2) for n in sizes},
        "routed_over_fts_p95": {n: round(p95[n]["routed"]["p95"] / p95[n]["fts"]["p95"], 2) for n in sizes},
        "ours_over_proposed_p95": {n: round(p95[n]["ours"]["p95"] / p95[n]["proposed"]["p95"], 2) for n in sizes},
        "sizes": [small, large],
    }
    out["goal"] = {"p95_ms_max": 20, "growth_max": 2.0,
                   "ours_p95_at_largest": p95[large]["ours"]["p95"],
                   "ours_met": p95[large]["ours"]["p95"] <= 20 and out["ours_p95_largest_over_smallest"] <= 2,
                   "proposed_p95_at_largest": p95[large]["proposed"]["p95"],
                   "proposed_met": p95[large]["proposed"]["p95"] <= 20
                   and out["proposed_p95_largest_over_smallest"] <= 2,
                   "routed_p95_at_largest": p95[large]["routed"]["p95"],
                   "routed_met": p95[large]["routed"]["p95"] <= 20
                   and out["routed_p95_largest_over_smallest"] <= 2}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=50, help="queries per query type")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each query; its median counts (damps scheduler noise)")
    parser.add_argument("--like-queries", type=int, default=10,
                        help="queries per type for the LIKE baselines (full scans, run once each)")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--rebuild", action="store_true", help="rebuild cached stores")
    parser.add_argument("--out", type=Path, default=common.RESULTS / "search.json")
    parser.add_argument("--plans", action="store_true", help="print the query plans")
    parser.add_argument("--filtered-sizes", default="10000,100000",
                        help="sizes for the filtered-search check ('' to skip)")
    parser.add_argument("--cap", type=float, default=10.0, help="seconds before a filtered query is stopped")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    results = {}
    for n in sizes:
        common.log(f"size {n:,} …")
        results[n] = bench_size(n, args.queries, args.seed, args.rebuild, args.repeat, args.like_queries)
        print_table(n, results[n])
    summary = ratios(results) if len(sizes) > 1 else {}
    if summary:
        print(f"\nours p95 {summary['sizes'][1]:,} ÷ {summary['sizes'][0]:,}: "
              f"{summary['ours_p95_largest_over_smallest']}×; proposed: "
              f"{summary['proposed_p95_largest_over_smallest']}×; routed: "
              f"{summary['routed_p95_largest_over_smallest']}×")
        print(f"ours ÷ raw FTS (p95): {summary['ours_over_fts_p95']}; proposed ÷ raw FTS: "
              f"{summary['proposed_over_fts_p95']}")
        print(f"goal p95 ≤ 20 ms at {summary['sizes'][1]:,} and ≤ 2× {summary['sizes'][0]:,}: "
              f"ours {'met' if summary['goal']['ours_met'] else 'NOT met'}, "
              f"proposed {'met' if summary['goal']['proposed_met'] else 'NOT met'}, "
              f"routed {'met' if summary['goal']['routed_met'] else 'NOT met'}")
    largest = results[sizes[-1]]
    slowest = sorted(TYPES, key=lambda k: -largest["types"][k]["ours"]["p95"])[:3]
    print(f"\nslowest query types at {sizes[-1]:,} (ours p95): " +
          ", ".join(f"{k} {largest['types'][k]['ours']['p95']:.1f} ms" for k in slowest))
    if args.plans:
        for kind in slowest:
            plan = largest["plans"][kind]
            print(f"\n{kind} — slowest query {plan['slowest_query']!r}\n  ours:     " +
                  "\n            ".join(plan["ours"]) + "\n  proposed: " + "\n            ".join(plan["proposed"]))
    filtered = {}
    for n in [int(s) for s in args.filtered_sizes.split(",") if s]:
        print(f"\nfiltered search at {n:,} (township 孙各庄满族乡 / category unit_canteen), one run each:")
        filtered[n] = bench_filtered(n, args.seed, args.cap)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": common.machine(), "limit": LIMIT, "queries_per_type": args.queries,
                                    "filtered": {str(n): r for n, r in filtered.items()},
                                    "repeat": args.repeat, "like_queries": args.like_queries,
                                    "sizes": {str(n): r for n, r in results.items()}, "ratios": summary},
                                   ensure_ascii=False, indent=2))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
