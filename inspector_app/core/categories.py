"""Establishment categories: the codes used everywhere, with their names."""

CATEGORIES: dict[str, tuple[str, str]] = {
    "catering": ("餐饮服务", "Catering"),
    "school_canteen": ("学校（幼儿园）食堂", "School or kindergarten canteen"),
    "unit_canteen": ("单位食堂", "Workplace canteen"),
    "farmhouse": ("农家院", "Farmhouse inn"),
    "food_sales": ("食品销售", "Food sales"),
    "market": ("集中交易市场", "Farmers' market"),
    "slaughterhouse": ("生猪定点屠宰场", "Pig slaughterhouse"),
    "workshop": ("食品小作坊", "Small food workshop"),
    "stall": ("食品摊贩", "Food stall"),
}

CATEGORY_CODES: tuple[str, ...] = tuple(CATEGORIES)


def label(code: str, language: str = "zh") -> str:
    zh, en = CATEGORIES[code]
    return en if language.startswith("en") else zh
