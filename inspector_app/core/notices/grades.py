"""The catering dynamic grade (量化分级动态等级) printed on the result record.

The SFDA 2012 grading guidance (national thresholds unconfirmed) grades by score, which the checklists
do not produce, so the grade follows the result through DYNAMIC_GRADES.
That table (and CATEGORIES) is the one place to change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import BASIC, COMPLIANT, NON_COMPLIANT


@dataclass(frozen=True)
class Grade:
    label: str  # 良好 / 一般 / 不予评级
    face: str | None  # big_smile | smile | flat | None (no face: rectify)
    face_label: str  # 大笑 / 微笑 / 平脸 / 整改


CATEGORIES = ("catering", "school_canteen", "unit_canteen", "farmhouse")
DYNAMIC_GRADES: dict[str, Grade] = {
    COMPLIANT: Grade("良好", "smile", "微笑"),
    BASIC: Grade("一般", "flat", "平脸"),
    NON_COMPLIANT: Grade("不予评级", None, "整改"),
}


def dynamic_grade(category: str, result: str | None) -> Grade | None:
    """The grade for a catering-type establishment's result; None where no grade applies."""
    if category not in CATEGORIES:
        return None
    return None if result is None else DYNAMIC_GRADES.get(result)
