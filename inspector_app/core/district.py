"""The Jizhou district (蓟州区, Tianjin) as data: its townships and villages.

Township names are the real ones (Jizhou's divisions: 1 sub-district, 25 towns and
1 ethnic township). Everything else here is ILLUSTRATIVE: the codes follow the
GB/T 10114 scheme (001–099 sub-districts, 100–199 towns, 200–399 townships;
then 001–199 communities, 200–399 villages) in the order TOWNSHIPS lists them but
are not the assigned statistical codes; populations are plausible figures
summing to the 2020 census total (795,500); villages are 8–20 per township, a
few well-known names plus names generated deterministically from typical
northern-China name parts (real Jizhou has about 950 villages).
"""

from __future__ import annotations

import random

from sqlalchemy import insert, select

from .areas import area_id
from .models import Area
from .tables import table_of

DISTRICT_CODE = "120119"
DISTRICT_NAME = "蓟州区"
DISTRICT_POPULATION = 795_500

# (name, code suffix, population, terrain); terrain decides the village name parts.
TOWNSHIPS: tuple[tuple[str, str, int, str], ...] = (
    ("文昌街道", "001", 93_000, "urban"),
    ("渔阳镇", "100", 72_000, "hill"),
    ("洇溜镇", "101", 24_000, "plain"),
    ("官庄镇", "102", 29_000, "hill"),
    ("马伸桥镇", "103", 36_000, "hill"),
    ("下营镇", "104", 27_000, "hill"),
    ("邦均镇", "105", 46_000, "plain"),
    ("别山镇", "106", 38_000, "plain"),
    ("尤古庄镇", "107", 31_000, "plain"),
    ("上仓镇", "108", 33_000, "plain"),
    ("下仓镇", "109", 42_000, "plain"),
    ("罗庄子镇", "110", 17_000, "hill"),
    ("白涧镇", "111", 21_000, "hill"),
    ("侯家营镇", "112", 27_000, "plain"),
    ("桑梓镇", "113", 23_000, "plain"),
    ("东施古镇", "114", 26_000, "plain"),
    ("下窝头镇", "115", 25_000, "plain"),
    ("杨津庄镇", "116", 29_000, "plain"),
    ("出头岭镇", "117", 31_000, "hill"),
    ("西龙虎峪镇", "118", 21_000, "hill"),
    ("穿芳峪镇", "119", 11_000, "hill"),
    ("东二营镇", "120", 15_000, "plain"),
    ("许家台镇", "121", 13_000, "hill"),
    ("礼明庄镇", "122", 16_000, "plain"),
    ("东赵各庄镇", "123", 15_000, "plain"),
    ("州河湾镇", "124", 25_000, "plain"),
    ("孙各庄满族乡", "200", 9_500, "hill"),
)

# Well-known places kept among the generated names (farmhouse villages, market sites).
KNOWN_VILLAGES: dict[str, tuple[str, ...]] = {
    "渔阳镇": ("西井峪村", "上宝塔村", "张庄村"),
    "下营镇": ("常州村", "郭家沟村", "船舱峪村", "黄崖关村"),
    "穿芳峪镇": ("毛家峪村", "小穿芳峪村", "东水厂村"),
    "官庄镇": ("塔院村", "莲花岭村"),
}
COMMUNITIES = ("五十八间社区", "花园里社区", "府君社区", "鼓楼社区", "白塔社区", "文峰社区", "翠屏社区",
               "西关社区", "东关社区", "南关社区", "北关社区", "安裕社区", "兴华社区", "燕山社区",
               "宝塔社区", "富康社区", "渔阳社区", "中昌社区")

_DIRECTIONS = "东西南北前后上下大小中"
_CORES = {
    "hill": ("峪", "沟", "岭", "山", "台", "口", "关", "井峪", "水峪", "石门", "寨", "庄", "营", "坡", "港"),
    "plain": ("庄", "各庄", "屯", "坨", "洼", "店", "营", "台", "辛庄", "官庄", "港", "关", "马营", "河", "堡"),
}
_SURNAMES = "马王李张刘赵孙周吴郭何高杨侯罗许史穆邢冯于卢苏魏谷崔田董韩朱邵陈齐"
_SURNAME_SUFFIXES = {
    "hill": ("家峪", "家沟", "家台", "庄子", "家岭", "各庄", "家营"),
    "plain": ("各庄", "家营", "庄子", "辛庄", "官屯", "家坨", "家店", "庄", "家楼", "家堡"),
}
_NATURE = ("石", "黄", "青", "白", "桃花", "杏花", "梨", "柳", "松", "龙", "凤", "莲花", "沙", "泉", "槐", "枣林",
           "果", "杨", "花", "太平", "三岔", "双", "二", "五")
_FEATURES = {
    "hill": ("峪", "沟", "岭", "河", "口", "台", "寺", "坡", "山"),
    "plain": ("庄", "河", "口", "台", "寺", "洼", "铺", "营", "屯"),
}


def short_name(township: str) -> str:
    """渔阳镇 → 渔阳, 孙各庄满族乡 → 孙各庄, 文昌街道 → 文昌."""
    for suffix in ("满族乡", "街道", "镇", "乡"):
        if township.endswith(suffix):
            return township[: -len(suffix)]
    return township


_AVOID = {"黄河村", "五台村", "龙山村"} | {short_name(name) + "村" for name, *_ in TOWNSHIPS}


def _village_name(rng: random.Random, terrain: str) -> str:
    style = rng.random()
    if style < 0.35:
        return rng.choice(_DIRECTIONS) + rng.choice(_CORES[terrain]) + "村"
    if style < 0.75:
        return rng.choice(_SURNAMES) + rng.choice(_SURNAME_SUFFIXES[terrain]) + "村"
    return rng.choice(_NATURE) + rng.choice(_FEATURES[terrain]) + "村"


def villages_of(name: str, code: str, population: int, terrain: str) -> list[tuple[str, str, int]]:
    """(name, 12-digit code, population) of a township's villages, always the same ones."""
    rng = random.Random(f"jizhou-villages-{code}")
    count = max(8, min(20, population // 2500 + rng.randint(-2, 2)))
    if terrain == "urban":
        names = list(COMMUNITIES[:count])
    else:
        names = [short_name(name) + "村", *KNOWN_VILLAGES.get(name, ())]
        while len(names) < count:
            candidate = _village_name(rng, terrain)
            if candidate not in names and candidate not in _AVOID:
                names.append(candidate)
    weights = [rng.uniform(0.5, 1.5) for _ in names]
    weights[0] *= 2.5  # the seat (or the first community) is the biggest
    shares = [int(population * w / sum(weights)) for w in weights]
    shares[0] += population - sum(shares)
    first = 1 if terrain == "urban" else 201  # GB/T 10114: 001–199 communities, 200–399 villages
    numbered = enumerate(zip(names, shares, strict=True), first)
    return [(village, f"{code}{n:03d}", people) for n, (village, people) in numbered]


def ensure_areas(session) -> int:
    """Create the district, its 27 townships and their villages where missing; returns how many."""
    table = table_of(Area)
    existing = dict(session.execute(select(table.c.code, table.c.id)).all())
    rows: list[dict] = []

    def want(code: str, name: str, level: str, parent_id, population: int):
        if code not in existing:
            existing[code] = area_id(code)
            rows.append({"id": existing[code], "code": code, "name": name, "level": level,
                         "parent_id": parent_id, "population": population})
        return existing[code]

    district_id = want(DISTRICT_CODE, DISTRICT_NAME, "district", None, DISTRICT_POPULATION)
    for name, suffix, population, terrain in TOWNSHIPS:
        code = DISTRICT_CODE + suffix
        township_id = want(code, name, "township", district_id, population)
        for village, village_code, people in villages_of(name, code, population, terrain):
            want(village_code, village, "village", township_id, people)
    if rows:
        session.execute(insert(table), rows)
    return len(rows)
