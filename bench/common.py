"""Shared by the benchmarks: cached stores of N establishments, percentiles, machine facts.

The bulk loader writes establishment and establishment_search rows with Core
inserts, computing haystack and grams with search_keys exactly as
establishments.write_search_row does; the store's FTS triggers index them as
they would index rows added one by one. Names are drawn from typical
northern-China parts so 1- and 2-character queries hit as often as they would
in a real register. Built stores are cached in bench/results/cache/ (ignored
by git) and reused while the loader version stays the same (a newer schema migrates them).
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))  # run from a checkout without installing

from sqlalchemy import insert  # noqa: E402

from inspector_app.core import district, search_keys  # noqa: E402
from inspector_app.core.db import open_store  # noqa: E402
from inspector_app.core.identifiers import make_licence, make_uscc  # noqa: E402
from inspector_app.core.migrate import head  # noqa: E402
from inspector_app.core.models import Establishment, EstablishmentSearch, new_id  # noqa: E402

RESULTS = BENCH / "results"
CACHE = RESULTS / "cache"
LOADER_VERSION = 2  # bump when the generated register changes, to rebuild cached stores
BATCH = 20_000

SURNAMES = "王李张刘赵杨陈孙马高郭于周吴徐朱胡林何郑韩冯董曹田邓许宋魏崔梁杜侯罗史袁蒋谢薛贾程肖邢齐穆卢谷苏范姚石白"
GIVEN = ["建国", "建军", "国强", "志强", "海涛", "晓东", "俊峰", "立新", "卫东", "振华", "永利", "春生", "玉明", "德顺", "宝山", "金山", "志刚", "明辉", "庆丰", "秀英", "桂兰", "玉兰", "淑珍", "凤英", "丽娟", "海燕", "红梅", "晓燕", "春燕", "美玲", "雪梅", "伟", "磊", "静", "敏", "军", "勇", "杰", "涛", "明", "超", "鑫", "刚", "辉"]
WORDS = ["鑫源", "福源", "聚福", "兴隆", "吉祥", "顺心", "好运来", "福满楼", "盛源", "金鼎", "鸿运", "喜相逢", "百味", "香满园", "盘山", "翠屏", "九龙", "山水", "一品", "老地方", "家和", "悦来", "聚贤", "同福", "四季", "金穗", "丰泽", "永和", "隆福", "宏达", "天和", "瑞丰", "祥和", "利民", "诚信", "顺发", "恒通", "安康"]
EATERIES = ["饭店", "酒楼", "大酒店", "快餐店", "小吃店", "家常菜馆", "涮肉馆", "铁锅炖", "鱼馆", "烧烤店", "包子铺", "饺子馆", "面馆", "早点铺", "饭庄", "农家菜馆", "川菜馆", "清真餐厅", "炸鸡店", "麻辣烫", "驴肉馆", "羊汤馆"]
STORES = ["副食店", "粮油店", "烟酒商行", "水果店", "便利店", "调料店", "蔬菜店", "商店", "茶叶店", "熟食店", "冷饮批发部", "食品商行", "小卖部", "超市", "鲜肉店", "蛋糕店"]
CANTEENS = ["职工食堂", "员工食堂", "机关食堂", "中心小学食堂", "中学食堂", "幼儿园食堂"]
ROADS = ["人民西大街", "人民东路", "中昌北路", "府前街", "武定街", "文安街", "兴华大街", "迎宾大街", "渔阳北路", "鼓楼大街", "南环路", "光明路"]
# A handful of rare names, planted at the start, the middle and the very end of the register:
# the queries that find almost nothing are the ones a scan in id order pays for.
RARE_NAMES = ("鳜鱼坊", "鳜鱼坊二店", "鳜鱼坊三店")
NO_HIT = ("黿鼉", "xqzvk", "火星餐厅", "jy9999", "鼋", "vv")  # pinyin initials never contain v


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _name(rng: random.Random, town: dict) -> tuple[str, str]:
    """(category, name) in roughly the demo's mix: restaurants, shops, canteens, stalls."""
    roll = rng.random()
    owner = rng.choice(SURNAMES) + rng.choice(GIVEN)
    if roll < 0.45:
        head = rng.choice((town["short"], rng.choice(WORDS), owner, "老" + owner[0], owner[0] + "记"))
        if rng.random() < 0.3:
            head = town["short"] + head if head != town["short"] else head
        return "catering", head + rng.choice(EATERIES)
    if roll < 0.80:
        head = rng.choice((rng.choice(WORDS), owner, town["short"] + rng.choice(WORDS), owner[0] + "记"))
        return "food_sales", head + rng.choice(STORES)
    if roll < 0.88:
        return "unit_canteen", rng.choice((town["short"], rng.choice(WORDS))) + rng.choice(CANTEENS)
    return "stall", owner + rng.choice(("煎饼果子", "早点摊", "烤红薯", "水果摊", "熟食摊", "凉皮"))


def _towns(session) -> list[dict]:
    district.ensure_areas(session)
    rows = session.connection().exec_driver_sql(
        "SELECT t.id, t.name, v.id FROM area t JOIN area v ON v.parent_id = t.id "
        "WHERE t.level = 'township' ORDER BY t.code, v.code").all()
    towns: dict[str, dict] = {}
    for town_id, name, village_id in rows:
        town = towns.setdefault(town_id, {"id": uuid.UUID(town_id), "name": name, "villages": [],
                                          "short": district.short_name(name)})
        town["villages"].append(uuid.UUID(village_id))
    return list(towns.values())


def bulk_load(path: Path, n: int, *, seed: int = 2018) -> float:
    """Fill a new store at `path` with `n` establishments; returns the seconds taken."""
    started = time.perf_counter()
    store = open_store(path)
    rng = random.Random(f"bench:{seed}")
    with store.write() as session:
        towns = _towns(session)
    rare_at = {0: RARE_NAMES[0], n // 2: RARE_NAMES[1], n - 1: RARE_NAMES[2]}
    sequences = {"catering": 1000, "food_sales": 1000, "unit_canteen": 1000}
    kinds = {"catering": 2, "food_sales": 1, "unit_canteen": 3}
    codes: set[str] = set()
    now = datetime.now(UTC)
    with store.engine.connect() as connection:
        raw = connection.connection.driver_connection  # PRAGMAs outside SQLAlchemy's BEGIN
        raw.execute("PRAGMA synchronous=OFF")  # a bench fixture, not a legal record
        for start in range(0, n, BATCH):
            rows, search_rows = [], []
            for k in range(start, min(n, start + BATCH)):
                town = rng.choice(towns)
                category, name = _name(rng, town)
                if k in rare_at:
                    category, name = "catering", rare_at[k]
                licence = None
                if category in sequences and rng.random() < 0.9:
                    sequences[category] += 1
                    licence = make_licence(rng, prefix="JY", business_type=kinds[category],
                                           sequence=sequences[category] % 1_000_000)
                credit_code = None
                if rng.random() < 0.85:
                    credit_code = make_uscc(rng, division=district.DISTRICT_CODE, authority="9",
                                            entity_type=rng.choice("12"))
                    while credit_code in codes:
                        credit_code = make_uscc(rng, division=district.DISTRICT_CODE, authority="9",
                                                entity_type="2")
                    codes.add(credit_code)
                address = f"{town['name']}{rng.choice(ROADS)}{rng.randint(1, 300)}号"
                created = now - timedelta(days=rng.randint(30, 2000))
                row = {"id": new_id(),
                       "created_at": created, "updated_at": created, "version": 1, "server_version": 1,
                       "name": name, "category": category, "licence_type": "JY" if licence else None,
                       "licence_no": licence, "credit_code": credit_code, "legal_rep": None,
                       "contact_person": None, "phone": None, "address": address,
                       "township_id": town["id"], "village_id": rng.choice(town["villages"]),
                       "risk_grade": rng.choice("AABBBBCD"), "status": "open", "provisional": licence is None}
                rows.append(row)
                # exactly what establishments.write_search_row stores
                search_rows.append({
                    "establishment_id": row["id"],
                    "haystack": search_keys.haystack(name=name, licence=licence, credit_code=credit_code,
                                                     extra=(address,)),
                    "grams": search_keys.grams(name=name, licence=licence, credit_code=credit_code)})
            with connection.begin():
                connection.execute(insert(Establishment.__table__), rows)
                connection.execute(insert(EstablishmentSearch.__table__), search_rows)
            if (start // BATCH) % 10 == 9:
                log(f"  {start + len(rows):,} / {n:,} rows, {time.perf_counter() - started:.0f} s")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return time.perf_counter() - started


def cached_store(n: int, *, seed: int = 2018, rebuild: bool = False) -> tuple[Path, dict]:
    """A store with `n` establishments from the bulk loader, built once and cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bulk-{n}-seed{seed}.sqlite3"
    meta_path = path.with_suffix(".json")
    wanted = {"n": n, "seed": seed, "loader_version": LOADER_VERSION}
    if not rebuild and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in wanted} == wanted:
            open_store(path).close()  # a newer schema migrates the cached store instead of rebuilding it
            return path, {**meta, "schema_head": head()}
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    log(f"building a store of {n:,} establishments in {path} …")
    seconds = bulk_load(path, n, seed=seed)
    meta = {**wanted, "schema_head": head(), "build_seconds": round(seconds, 1), "bytes": path.stat().st_size,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds")}
    meta_path.write_text(json.dumps(meta, indent=2))
    log(f"  built in {seconds:.0f} s, {meta['bytes'] / 1e6:.0f} MB")
    return path, meta


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": round(statistics.median(ms), 3), "p95": round(percentile(ms, 95), 3),
            "max": round(max(ms), 3)}


def machine() -> dict:
    return {"date": datetime.now().astimezone().isoformat(timespec="seconds"), "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
