"""The one catalogue of codes a person sees: each code with its Chinese and English text.

Records, bundles and the command line's --json carry the codes; the desktop,
the printed notices and the command line's text all render from here, so a
result or a category reads the same everywhere. Error messages have their own
catalogue (core/messages/), keyed the same way. Importing this costs nothing:
no ORM, no Qt.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    """One text in both languages; `zh` is the official wording where one exists."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.zh


CATEGORIES: dict[str, Text] = {
    "catering": Text("餐饮服务", "Catering"),
    "school_canteen": Text("学校（幼儿园）食堂", "School or kindergarten canteen"),
    "unit_canteen": Text("单位食堂", "Workplace canteen"),
    "farmhouse": Text("农家院", "Farmhouse inn"),
    "food_sales": Text("食品销售", "Food sales"),
    "market": Text("集中交易市场", "Farmers' market"),
    "slaughterhouse": Text("生猪定点屠宰场", "Pig slaughterhouse"),
    "workshop": Text("食品小作坊", "Small food workshop"),
    "stall": Text("食品摊贩", "Food stall"),
}

# Order 49 Art. 31 and the 2016 tables: the three results and the three ways of handling them.
RESULTS: dict[str, Text] = {
    "compliant": Text("符合", "Compliant"),
    "basically_compliant": Text("基本符合", "Basically compliant"),
    "non_compliant": Text("不符合", "Non-compliant"),
}
HANDLINGS: dict[str, Text] = {
    "pass": Text("通过", "Pass"),
    "rectify": Text("书面限期整改", "Rectify by a written deadline"),
    "stop": Text("立即停止食品生产经营活动", "Stop food operations immediately"),
}
# Order 49 Arts. 32, 33: what follows one failed item (core/rules.treatment).
TREATMENTS: dict[str, Text] = {
    "case": Text("依法立案调查", "Case for investigation"),
    "on_spot": Text("当场整改", "Fixed on the spot"),
    "order": Text("限期整改", "Rectify by a deadline"),
}
ANSWERS: dict[str, Text] = {
    "pass": Text("符合", "Pass"),
    "fail": Text("不符合", "Fail"),
    "na": Text("合理缺项", "Not applicable"),
}
ROLES: dict[str, Text] = {
    "inspector": Text("监管执法人员", "Inspector"),
    "clerk": Text("市场监管所内勤", "Market supervision office clerk"),
    "admin": Text("区局管理员", "District bureau administrator"),
}
RISK_GRADES: dict[str, Text] = {grade: Text(f"{grade}级", f"Grade {grade}") for grade in "ABCD"}
ESTABLISHMENT_STATUSES: dict[str, Text] = {
    "open": Text("在营", "Open"),
    "suspended": Text("歇业", "Suspended"),
    "closed": Text("已关闭", "Closed"),
    "merged": Text("已合并", "Merged"),
}
INSPECTION_STATUSES: dict[str, Text] = {
    "draft": Text("草稿", "Draft"),
    "finalized": Text("已完成", "Finalized"),
}
ORDER_STATUSES: dict[str, Text] = {
    "issued": Text("整改未完成", "Not yet rectified"),
    "verified": Text("已复查", "Verified"),
    "overdue": Text("逾期", "Overdue"),
    "closed": Text("整改完成", "Rectified"),
    "cancelled": Text("已撤销", "Cancelled"),
    "escalated": Text("整改未完成，依法立案调查", "Not rectified; a case is filed"),
}
# Why an inspection was made (检查类型); chosen when it starts, printed on the documents, counted in reports.
PURPOSES: dict[str, Text] = {
    "routine": Text("日常检查", "Routine inspection"),
    "random": Text("双随机检查", "Random inspection (double random)"),
    "campaign": Text("专项检查", "Special campaign"),
    "complaint": Text("投诉举报检查", "Complaint or report"),
    "recheck": Text("复查", "Re-inspection"),
    "flying": Text("飞行检查", "Unannounced (flying) inspection"),
}
ASSIGNMENT_STATUSES: dict[str, Text] = {
    "assigned": Text("新任务", "New"),
    "accepted": Text("已接收", "Accepted"),
    "declined": Text("已退回", "Returned"),
    "done": Text("已完成", "Done"),
    "cancelled": Text("已取消", "Cancelled"),
}
NOTICE_KINDS: dict[str, Text] = {
    "result": Text("监督检查结果记录表", "Inspection result record"),
    "record": Text("现场检查笔录", "On-site inspection record"),
    "order": Text("责令改正通知书", "Order to rectify"),
    "coercive": Text("实施行政强制措施决定书", "Decision on administrative coercive measures"),
}

# What the licence field of the register holds (domain: GB 32100, the 2015 licensing measures, Tianjin's
# workshop and stall rules; docs/registration-papers.md).
LICENCE_TYPES: dict[str, Text] = {
    "JY": Text("食品经营许可证", "Food business licence"),
    "SC": Text("食品生产许可证", "Food production licence"),
    "登记证": Text("食品小作坊登记证（许可）", "Small food workshop registration (licence)"),
    "备案": Text("食品摊贩备案证明", "Food stall filing certificate"),
}

CATEGORY_CODES: tuple[str, ...] = tuple(CATEGORIES)
ROLE_CODES: tuple[str, ...] = tuple(ROLES)
PURPOSE_CODES: tuple[str, ...] = tuple(PURPOSES)
TABLES: dict[str, dict[str, Text]] = {
    "category": CATEGORIES, "result": RESULTS, "handling": HANDLINGS, "answer": ANSWERS, "role": ROLES,
    "treatment": TREATMENTS,
    "risk_grade": RISK_GRADES, "establishment_status": ESTABLISHMENT_STATUSES,
    "inspection_status": INSPECTION_STATUSES, "order_status": ORDER_STATUSES,
    "assignment_status": ASSIGNMENT_STATUSES, "notice_kind": NOTICE_KINDS, "purpose": PURPOSES,
    "licence_type": LICENCE_TYPES,
}


def label(table: str, code: str | None, language: str = "zh", default: str = "") -> str:
    """The text of `code` in TABLES[table]; `default` for None or an unknown code (a newer app's)."""
    text = TABLES[table].get(code or "")
    return default if text is None else text.get(language)
