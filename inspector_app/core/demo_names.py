"""Name parts for the demo district: people, shops, canteens, phones, addresses.

Everything here is made up from typical northern-China parts; any likeness
to a real business is accidental. Draws use the caller's random.Random, so a
seed gives the same names every time.
"""

from __future__ import annotations

import random
from itertools import accumulate
from string import Formatter

# Roughly by frequency in northern China; the first dozen carry most of the weight.
SURNAMES = ("王李张刘赵杨陈孙马高郭于周吴徐朱胡林何郑韩冯董曹田邓许宋魏崔梁杜侯罗史袁蒋谢"
            "薛贾程肖邢齐穆卢谷苏范姚石白付潘段方任尹邵彭孟常康武")
SURNAME_WEIGHTS = tuple(12 if i < 12 else 5 if i < 30 else 2 for i in range(len(SURNAMES)))
GIVEN = ("建国 建军 国强 志强 海涛 晓东 俊峰 立新 卫东 振华 永利 春生 玉明 德顺 文学 宝山 金山 学军 少华 "
         "志刚 明辉 庆丰 子豪 浩然 宇航 鹏飞 家乐 秀英 桂兰 玉兰 淑珍 秀兰 凤英 丽娟 海燕 红梅 晓燕 丽娜 "
         "春燕 美玲 雪梅 艳华 淑华 桂芝 亚楠 欣怡 佳琪 雅静 丽华 金凤 玉梅 伟 磊 静 敏 军 勇 杰 涛 明 超 "
         "艳 娜 鑫 宇 浩 刚 平 辉 强 莉 芳 霞 颖 波 斌 健 亮 峰 鹏 丹").split()

WORDS = ("鑫源 福源 聚福 兴隆 吉祥 顺心 好运来 福满楼 盛源 金鼎 鸿运 喜相逢 百味 香满园 盘山 翠屏 九龙 "
         "山水 一品 老地方 家和 悦来 聚贤 德顺 同福 四季 金穗 丰泽 永和 隆福 宏达 天和 瑞丰 祥和 "
         "利民 诚信 顺发 恒通 安康 春晖 绿野 青山 满堂红 和顺 旺达 佳美").split()
DISHES = "饺子 包子 面 羊汤 炖菜 饸饹 驴肉 烧鸡 卤肉 火锅 烧烤 砂锅 馄饨 炒饼 锅巴菜 熏肉 烤鸭 炖鱼".split()
EATERIES = ("饭店 酒楼 大酒店 快餐店 小吃店 家常菜馆 涮肉馆 铁锅炖 鱼馆 烧烤店 包子铺 饺子馆 面馆 早点铺 "
            "饭庄 农家菜馆 川菜馆 清真餐厅 炸鸡店 麻辣烫").split()
MARTS = "便民 惠民 利民 家家乐 万家 佳佳 百货 福源 鑫源 惠客 好邻居 放心 乐家 平价".split()
STORES = ("副食店 粮油店 烟酒商行 水果店 便利店 调料店 蔬菜店 商店 茶叶店 母婴用品店 熟食店 干鲜果品店 "
          "冷饮批发部 食品商行 小卖部 超市 鲜肉店 蛋糕店").split()
STALL_FOODS = ("煎饼果子 早点 烤红薯 水果 熟食 凉皮 蔬菜 烤冷面 鸡蛋灌饼 煮玉米 豆腐脑 果仁 烧饼 卷饼 "
               "馄饨 糖葫芦 炸糕 羊肉串").split()
WORKSHOP_FOODS = "豆腐 香油 挂面 糕点 馒头 粉条 酱菜 豆腐丝 柿饼 炸糕 月饼 麻花 熏肉 白酒 红薯粉 粘豆包".split()
COMPANIES = ("建材有限公司 食品有限公司 机械制造有限公司 服装有限公司 物流有限公司 酒店管理有限公司 "
             "旅游开发有限公司 电子科技有限公司 纺织有限公司 钢结构有限公司 农业科技有限公司 包装制品有限公司").split()
DEPARTMENTS = ("人民医院 中医医院 妇幼保健院 市场监督管理局 税务局 农业农村委员会 公安分局 交通运输局 "
               "教育局 卫生健康委员会 人民法院 人民检察院 供电公司 水务局 消防救援支队").split()
ORDINALS = "一二三四五六七八九十"
ROADS = ("人民西大街 人民东路 中昌北路 府前街 武定街 文安街 兴华大街 迎宾大街 渔阳北路 鼓楼大街 南环路 "
         "北环路 西环路 东环路 光明路 玉龙街").split()
MOBILE_PREFIXES = ("130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
                   "180 181 182 183 185 186 187 188 189").split()

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
    "slaughterhouse": (("蓟州区{t}{w}生猪定点屠宰厂", 1),),
}
BRANCH = {"catering": "店", "farmhouse": "院", "food_sales": "店", "stall": "号摊位", "workshop": "坊"}
_FIELDS = {tpl: tuple(f for _, f, _, _ in Formatter().parse(tpl) if f) for cat in TEMPLATES.values()
           for tpl, _ in cat}


_CHOICES = {cat: ([t for t, _ in tpls], list(accumulate(w for _, w in tpls))) for cat, tpls in TEMPLATES.items()}
_POOLS = {"dish": DISHES, "eatery": EATERIES, "mart": MARTS, "store": STORES, "stall": STALL_FOODS,
          "craft": WORKSHOP_FOODS, "company": COMPANIES, "dept": DEPARTMENTS, "w": WORDS}
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
