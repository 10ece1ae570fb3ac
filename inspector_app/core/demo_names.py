"""What the demo district looks like: name parts, category mix, codes, inspection answers.

Pure functions of the caller's random.Random (a seed gives the same district
every time); demo.py puts the result into the store. Names are made up from
typical northern-China parts; any likeness to a real business is accidental.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate
from string import Formatter
from typing import Any

from . import checklists
from .district import DISTRICT_CODE
from .identifiers import USCC_ALPHABET, uscc_check_char

# Roughly by frequency in northern China; the first dozen carry most of the weight.
SURNAMES = ("王李张刘赵杨陈孙马高郭于周吴徐朱胡林何郑韩冯董曹田邓许宋魏崔梁杜侯罗史袁蒋谢"
            "薛贾程肖邢齐穆卢谷苏范姚石白付潘段方任尹邵彭孟常康武")
SURNAME_WEIGHTS = tuple(12 if i < 12 else 5 if i < 30 else 2 for i in range(len(SURNAMES)))
GIVEN = ["建国", "建军", "国强", "志强", "海涛", "晓东", "俊峰", "立新", "卫东", "振华", "永利", "春生", "玉明", "德顺", "文学", "宝山", "金山", "学军", "少华", "志刚", "明辉", "庆丰", "子豪", "浩然", "宇航", "鹏飞", "家乐", "秀英", "桂兰", "玉兰", "淑珍", "秀兰", "凤英", "丽娟", "海燕", "红梅", "晓燕", "丽娜", "春燕", "美玲", "雪梅", "艳华", "淑华", "桂芝", "亚楠", "欣怡", "佳琪", "雅静", "丽华", "金凤", "玉梅", "伟", "磊", "静", "敏", "军", "勇", "杰", "涛", "明", "超", "艳", "娜", "鑫", "宇", "浩", "刚", "平", "辉", "强", "莉", "芳", "霞", "颖", "波", "斌", "健", "亮", "峰", "鹏", "丹"]

WORDS = ["鑫源", "福源", "聚福", "兴隆", "吉祥", "顺心", "好运来", "福满楼", "盛源", "金鼎", "鸿运", "喜相逢", "百味", "香满园", "盘山", "翠屏", "九龙", "山水", "一品", "老地方", "家和", "悦来", "聚贤", "德顺", "同福", "四季", "金穗", "丰泽", "永和", "隆福", "宏达", "天和", "瑞丰", "祥和", "利民", "诚信", "顺发", "恒通", "安康", "春晖", "绿野", "青山", "满堂红", "和顺", "旺达", "佳美"]
DISHES = ["饺子", "包子", "面", "羊汤", "炖菜", "饸饹", "驴肉", "烧鸡", "卤肉", "火锅", "烧烤", "砂锅", "馄饨", "炒饼", "锅巴菜", "熏肉", "烤鸭", "炖鱼"]
EATERIES = ["饭店", "酒楼", "大酒店", "快餐店", "小吃店", "家常菜馆", "涮肉馆", "铁锅炖", "鱼馆", "烧烤店", "包子铺", "饺子馆", "面馆", "早点铺", "饭庄", "农家菜馆", "川菜馆", "清真餐厅", "炸鸡店", "麻辣烫"]
MARTS = ["便民", "惠民", "利民", "家家乐", "万家", "佳佳", "百货", "福源", "鑫源", "惠客", "好邻居", "放心", "乐家", "平价"]
STORES = ["副食店", "粮油店", "烟酒商行", "水果店", "便利店", "调料店", "蔬菜店", "商店", "茶叶店", "母婴用品店", "熟食店", "干鲜果品店", "冷饮批发部", "食品商行", "小卖部", "超市", "鲜肉店", "蛋糕店"]
STALL_FOODS = ["煎饼果子", "早点", "烤红薯", "水果", "熟食", "凉皮", "蔬菜", "烤冷面", "鸡蛋灌饼", "煮玉米", "豆腐脑", "果仁", "烧饼", "卷饼", "馄饨", "糖葫芦", "炸糕", "羊肉串"]
WORKSHOP_FOODS = ["豆腐", "香油", "挂面", "糕点", "馒头", "粉条", "酱菜", "豆腐丝", "柿饼", "炸糕", "月饼", "麻花", "熏肉", "白酒", "红薯粉", "粘豆包"]
COMPANIES = ["建材有限公司", "食品有限公司", "机械制造有限公司", "服装有限公司", "物流有限公司", "酒店管理有限公司", "旅游开发有限公司", "电子科技有限公司", "纺织有限公司", "钢结构有限公司", "农业科技有限公司", "包装制品有限公司"]
DEPARTMENTS = ["人民医院", "中医医院", "妇幼保健院", "市场监督管理局", "税务局", "农业农村委员会", "公安分局", "交通运输局", "教育局", "卫生健康委员会", "人民法院", "人民检察院", "供电公司", "水务局", "消防救援支队"]
PLANTS = ["鑫源", "宏达", "恒通", "顺发", "安康", "金穗", "瑞丰", "兴隆", "盛源", "天和"]
ORDINALS = "一二三四五六七八九十"
ROADS = ["人民西大街", "人民东路", "中昌北路", "府前街", "武定街", "文安街", "兴华大街", "迎宾大街", "渔阳北路", "鼓楼大街", "南环路", "北环路", "西环路", "东环路", "光明路", "玉龙街"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188", "189"]

# The register: shares, sites, grades and licences per category (all illustrative)
CATEGORY_MIX = {"catering": 38, "food_sales": 30, "stall": 10, "workshop": 7, "unit_canteen": 5,
                "farmhouse": 5, "school_canteen": 3}
NAMED_MARKETS = (("安裕市场", "文昌街道", "安裕社区"), ("五十八间菜市场", "文昌街道", "五十八间社区"),
                 ("上宝塔菜市场", "渔阳镇", "上宝塔村"), ("张庄市场", "渔阳镇", "张庄村"))  # sites illustrative
SLAUGHTERHOUSES = 8  # designated pig plants in the 2018 plan
RISK = {  # weights of A, B, C, D
    "catering": (30, 50, 17, 3), "farmhouse": (15, 55, 27, 3), "unit_canteen": (10, 45, 35, 10),
    "school_canteen": (0, 10, 45, 45), "food_sales": (45, 40, 13, 2), "market": (0, 20, 60, 20),
    "slaughterhouse": (0, 0, 40, 60), "workshop": (10, 40, 40, 10), "stall": (55, 38, 7, 0),
}
JY_TYPE = {"food_sales": 1, "market": 1, "catering": 2, "farmhouse": 2, "unit_canteen": 3, "school_canteen": 3}
OTHER_LICENCE = {"workshop": "登记证", "stall": "备案", "slaughterhouse": "定点屠宰证"}  # numbers not modelled
SOLE_TRADER = {"catering": 0.75, "farmhouse": 0.85, "food_sales": 0.8, "stall": 1.0, "workshop": 0.9}
FARMHOUSE_TOWNS = {"下营": 12, "穿芳峪": 8, "官庄": 6, "罗庄子": 4, "孙各庄": 3, "许家台": 2, "渔阳": 2,
                   "西龙虎峪": 1.5, "出头岭": 1, "马伸桥": 1, "白涧": 1}
URBAN = ("文昌", "渔阳")
MIN_PER_YEAR = {"A": 1, "B": 2, "C": 3, "D": 4}  # Tianjin's 2017 catering risk-grading minimums per year
GRADE_FAILS = {"A": 0.6, "B": 1, "C": 1.3, "D": 1.6}  # riskier grades fail a little more often

# Demo staff of the district market-supervision bureau (fixed, so screenshots stay stable).
INSPECTORS = ("王建军", "李秀梅", "张国华", "刘志强", "赵丽娜", "孙海涛", "杨晓东", "陈静", "周卫国", "吴红梅",
              "马俊峰", "郭立新")
CLERKS = ("高雪梅", "何丽华", "董磊")
ADMINS = ("邢振华",)

# Templates: {p} person, {s} surname, {v} village (short), {t} township (short), {T} township,
# {w} shop word and the pools above. (template, weight) per category.
TEMPLATES: dict[str, tuple[tuple[str, int], ...]] = {
    "catering": (("{s}记{dish}馆", 8), ("{p}餐馆", 6), ("{w}{eatery}", 10), ("老{s}家{dish}馆", 4),
                 ("{v}{w}饭庄", 3), ("{t}{w}酒楼", 2), ("{s}家{eatery}", 5), ("{p}小吃部", 2)),
    "farmhouse": (("{v}{s}家院", 4), ("{w}农家院", 5), ("{v}{w}山庄", 3), ("{s}家大院", 3),
                  ("{v}{w}人家", 2), ("{p}农家院", 4), ("{v}{w}民宿", 1)),
    "food_sales": (("{v}{mart}超市", 8), ("{p}食杂店", 5), ("{w}{store}", 10), ("{s}记鲜肉店", 2),
                   ("{t}{w}购物中心", 1), ("{s}家{store}", 3), ("{v}{w}{store}", 3)),
    "stall": (("{p}{stall}摊", 8), ("{s}记{stall}", 3), ("{s}记烧饼铺", 2), ("{v}{s}家{stall}", 1)),
    "workshop": (("{p}{craft}坊", 4), ("{s}记{craft}坊", 4), ("{v}{w}{craft}加工坊", 2), ("{w}{craft}坊", 3)),
    "unit_canteen": (("{T}卫生院食堂", 2), ("{T}派出所食堂", 2), ("{w}{company}职工食堂", 8),
                     ("{w}建筑工程有限公司{v}项目部工地食堂", 3), ("{T}敬老院食堂", 2), ("蓟州区{dept}食堂", 2),
                     ("{T}{office}机关食堂", 2), ("{v}{w}养老院食堂", 2)),
    "school_canteen": (("{v}小学食堂", 5), ("{v}幼儿园食堂", 4), ("{T}中心小学食堂", 2), ("{T}中学食堂", 2),
                       ("{T}中心幼儿园食堂", 2), ("{t}第{ord}小学食堂", 1), ("天津市蓟州区第{ord}中学食堂", 1)),
    "slaughterhouse": (("蓟州区{t}{plant}生猪定点屠宰厂", 1),),
}
BRANCH = {"catering": "店", "farmhouse": "院", "food_sales": "店", "stall": "号摊位", "workshop": "坊"}
_FIELDS = {tpl: tuple(f for _, f, _, _ in Formatter().parse(tpl) if f) for cat in TEMPLATES.values()
           for tpl, _ in cat}
_CHOICES = {cat: ([t for t, _ in tpls], list(accumulate(w for _, w in tpls))) for cat, tpls in TEMPLATES.items()}
_POOLS = {"dish": DISHES, "eatery": EATERIES, "mart": MARTS, "store": STORES, "stall": STALL_FOODS,
          "craft": WORKSHOP_FOODS, "company": COMPANIES, "dept": DEPARTMENTS, "w": WORDS,
          "plant": PLANTS}
_SURNAME_CUM = list(accumulate(SURNAME_WEIGHTS))


def person(rng: random.Random) -> str:
    return rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0] + rng.choice(GIVEN)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random) -> str:
    return f"022-29{rng.randrange(10 ** 6):06d}"  # illustrative local numbers


def village_short(village: str) -> str:
    return village.removesuffix("社区").removesuffix("村")


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals: 二, 十二, 二十三."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return ORDINALS[ones - 1]
    return (ORDINALS[tens - 1] if tens > 1 else "") + "十" + (ORDINALS[ones - 1] if ones else "")


def establishment_name(rng: random.Random, category: str, *, owner: str, township: str, short: str,
                       village: str) -> str:
    """One name for a category from its templates; `owner` names the person in {p}/{s}."""
    choices, weights = _CHOICES[category]
    template = rng.choices(choices, cum_weights=weights)[0]
    values = {}
    for field in _FIELDS[template]:
        if field == "p":
            values[field] = owner
        elif field == "s":
            values[field] = owner[0]
        elif field == "v":
            values[field] = village_short(village)
        elif field == "t":
            values[field] = short
        elif field == "T":
            values[field] = township
        elif field == "office":
            values[field] = "办事处" if township.endswith("街道") else "人民政府"
        elif field == "ord":
            values[field] = rng.choice(ORDINALS[:5])
        else:
            values[field] = rng.choice(_POOLS[field])
    return template.format(**values)


def unique(name: str, category: str, used: dict[str, int]) -> str:
    """`name`, or a branch of it (张记饺子馆（二店）) when the name is taken already."""
    if name not in used:
        used[name] = 1
        return name
    count, kind = used[name], BRANCH.get(category, "部")
    while True:
        count += 1
        candidate = name + (f"（{chinese_number(count)}{kind}）" if count < 100 else f"（{count}）")
        if candidate not in used:
            used[name], used[candidate] = count, 1
            return candidate


def address(rng: random.Random, township: str, village: str) -> str:
    if village.endswith("社区"):
        return f"天津市蓟州区{township}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
    return f"天津市蓟州区{township}{village}{rng.randint(1, 399)}号"


# Answers

FAIL_NOTES = ("现场未能提供相关记录", "记录不完整，缺少近期内容", "现场检查发现不符合要求，已当场指出",
              "未按规定公示", "部分人员健康证明过期", "台账登记不及时", "设施清洁不到位", "已责令限期整改")
PURPOSES = (None, "日常监督检查", "双随机抽查", "节前专项检查", "投诉举报核查")


def answer_item(rng: random.Random, item, outcome: str) -> dict | None:
    """A stored answer for `outcome` (pass/fail/na); None for items left blank (text, date)."""
    if outcome == "na":
        return {"answer": "na", "value": None, "note": None}
    note = rng.choice(FAIL_NOTES) if outcome == "fail" and rng.random() < 0.6 else None
    if item.kind == "check":
        return {"answer": outcome, "value": None, "note": note}
    if item.kind == "choice":
        bad = [c.value for c in item.choices if c.value in (item.fail_choices or ())]
        good = [c.value for c in item.choices if c.value not in bad]
        if item.fail_choices:
            value = rng.choice(bad if outcome == "fail" or not good else good)
        else:  # unscored, e.g. how meals are supplied: the first choice is the usual one
            value = item.choices[0].value if rng.random() < 0.75 else rng.choice(good)
        return {"answer": None, "value": value, "note": note}
    if item.kind == "number":
        return {"answer": None, "value": number_value(rng, item.range, outcome == "pass"), "note": note}
    return None


def number_value(rng: random.Random, bounds, ok: bool):
    """A reading inside `bounds` when ok, outside otherwise; any count when there are no bounds."""
    if bounds is None:
        return rng.randint(0, 30)
    lo, hi = bounds.min, bounds.max
    span = max(abs(lo if lo is not None else hi) * 0.4, 5)
    if ok:
        raw = rng.uniform(lo, hi) if lo is not None and hi is not None else \
            lo + rng.uniform(0, span) if lo is not None else hi - rng.uniform(0, span)
    else:
        below = lo is not None and (hi is None or rng.random() < 0.5)
        raw = lo - rng.uniform(1, span) if below else hi + rng.uniform(1, span)
    whole = all(b is None or float(b).is_integer() for b in (lo, hi))
    value = round(raw) if whole else round(raw, 1)
    value = value if bounds.contains(value) == ok else raw
    # SQLite keeps 12.0 in a JSON column as the integer 12; give it as read back, or hashes differ
    return int(value) if float(value).is_integer() else value


# The register and its inspections

def slots(rng: random.Random, n: int, towns: list[dict]) -> list[tuple[str, Any]]:
    """The category of every establishment, with the fixed markets and slaughterhouses placed.

    Each comes with where it is placed: (name, town, village or None) for a market, the town
    for a slaughterhouse, None for the rest.
    """
    by_name = {town["name"]: town for town in towns}
    markets: list[tuple[str, dict, str | None]] = [(name, by_name[town], village)
                                                  for name, town, village in NAMED_MARKETS if town in by_name]
    markets += [(f"{t['short']}{rng.choice(('农贸市场', '集贸市场'))}", t, None) for t in towns
                if t["name"] not in {m[1]["name"] for m in markets}]
    markets = markets[:min(n, max(len(NAMED_MARKETS), n // 20))]
    plain = [t for t in towns if t["short"] not in FARMHOUSE_TOWNS and t["short"] not in URBAN] or towns
    plants = SLAUGHTERHOUSES if n >= 1000 else n * SLAUGHTERHOUSES // 1000
    placed: list[tuple[str, Any]] = [("market", m) for m in markets] + \
        [("slaughterhouse", t) for t in rng.sample(plain, min(plants, len(plain)))]
    rest = n - len(placed)
    total = sum(CATEGORY_MIX.values())
    shares = {c: rest * w / total for c, w in CATEGORY_MIX.items()}
    counts = {c: int(s) for c, s in shares.items()}
    for c in sorted(shares, key=lambda c: counts[c] - shares[c])[:rest - sum(counts.values())]:
        counts[c] += 1
    placed += [(c, None) for c, k in counts.items() for _ in range(k)]
    rng.shuffle(placed)
    return placed


def town_weights(towns: list[dict]) -> dict[str, list[float]]:
    """Cumulative weights of the townships per category: population, tilted by category."""
    weights = {}
    for category in CATEGORY_MIX:
        row = []
        for t in towns:
            w = t["population"]
            if category == "farmhouse":
                w *= FARMHOUSE_TOWNS.get(t["short"], 0.05)
            elif category in ("catering", "food_sales", "stall") and t["short"] in URBAN:
                w *= 1.6
            elif category == "workshop" and t["short"] not in URBAN:
                w *= 1.3
            row.append(w)
        weights[category] = list(accumulate(row))
    return weights


def credit_code(rng: random.Random, category: str, name: str, owner: str, used: set[str]) -> str | None:
    """A valid USCC of the right kind: 92 sole trader, 91 company, 11 state organ, 12 public institution."""
    if category == "stall" and rng.random() < 0.5:
        return None
    if category in SOLE_TRADER:
        sole = owner in name or rng.random() < SOLE_TRADER[category]
        authority, kind = ("9", "2") if sole else ("9", "1")
    elif category in ("market", "slaughterhouse") or "有限公司" in name:
        authority, kind = "9", "1"
    elif any(word in name for word in ("人民政府", "办事处", "派出所", "局", "委员会", "法院", "检察院")):
        authority, kind = "1", "1"
    else:
        authority, kind = "1", "2"
    while True:  # identifiers.make_uscc's format, without its re-validation
        body = f"{authority}{kind}{DISTRICT_CODE}MA" + "".join(rng.choices(USCC_ALPHABET, k=7))
        code = body + uscc_check_char(body)
        if code not in used:
            used.add(code)
            return code


def profile(rng: random.Random, grade: str, form) -> tuple[float, set[str]]:
    """How often this establishment fails a general item, and which items never apply to it."""
    rate = rng.choices((0.004, 0.02, 0.06, 0.15), (55, 30, 12, 3))[0] * GRADE_FAILS[grade]
    never = {item.id for item in form.items.values() if rng.random() < (0.01 if item.key else 0.04)}
    return rate, never


def visit_days(rng: random.Random, grade: str, today: date) -> list[date]:
    """The grade's yearly minimum (sometimes one more), spread over the past year on weekdays."""
    count = MIN_PER_YEAR[grade] + (rng.random() < 0.06)
    first, last = today - timedelta(days=365), today - timedelta(days=1)
    days = []
    for k in range(count):
        day = min(last, first + timedelta(days=int(365 / count * (k + rng.random()))))
        if day.weekday() >= 5:
            day += timedelta(days=1 if day.weekday() == 6 and day < last else 5 - day.weekday() - 1)
        days.append(day)
    return days


def answers(rng: random.Random, form, category: str, traits: tuple[float, set[str]], *,
            limit: int | None = None) -> dict:
    """Answers to the items shown for `category`, in order (skip logic included): most pass,
    some fail at the establishment's rate (key items six times less often), its n/a items n/a."""
    rate, never = traits
    given: dict[str, dict] = {}
    for item in form.items.values():
        if limit is not None and len(given) >= limit:
            break
        if not item.applies(category) or not checklists.evaluate(item.relevant, given):
            continue
        outcome = "na" if item.id in never else "fail" if rng.random() < (rate / 6 if item.key else rate) else "pass"
        answer = answer_item(rng, item, outcome)
        if answer is not None:
            given[item.id] = answer
    return given
