"""How codes and dates read in the interface, and the section title.

The words for codes (categories, results, handlings, statuses; roles are
signin.role_label) come from the one catalogue, core/codes.py, so the
desktop, the printed notices and the command line say the same thing. The
language is the one people are spoken to in (core/language.py; the desktop
sets it with its translators), unless a screen passes the language it shows
its checklist in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from ..core import codes
from ..core import language as spoken
from .theme import RED

OVERDUE = QColor(RED)  # dates already past


def section_title(object_name: str) -> QLabel:
    """The bold, larger title over each list on Today."""
    title = QLabel(objectName=object_name)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    return title


def _label(table: str, code: str | None, language: str | None, default: str) -> str:
    return codes.label(table, code, language or spoken.current(), default=default)


def category_label(code: str | None, language: str | None = None) -> str:
    return _label("category", code, language, code or "")


def purpose_label(code: str | None, language: str | None = None) -> str:
    """日常检查 / 双随机检查 / … (检查类型), from the one catalogue."""
    return _label("purpose", code, language, code or "")


def order_status_label(code: str | None, language: str | None = None) -> str:
    return _label("order_status", code, language, code or "")


def result_label(code: str | None, language: str | None = None) -> str:
    """符合 / 基本符合 / 不符合 (Order 49 Art. 31); "" when there is no result yet."""
    return _label("result", code, language, code or "")


def handling_label(code: str | None, language: str | None = None) -> str:
    return _label("handling", code, language, code or "")


def treatment_label(code: str | None, language: str | None = None) -> str:
    """What follows a failed item (依法立案调查 / 当场整改 / 限期整改, Order 49 Arts. 32, 33)."""
    return _label("treatment", code, language, code or "")


def licence_type_label(code: str | None, language: str | None = None) -> str:
    """The paper a licence number belongs to (食品经营许可证, 食品小作坊登记证（许可）, 食品摊贩备案证明 …)."""
    return _label("licence_type", code, language, "")


def status_label(code: str | None, language: str | None = None) -> str:
    """An establishment's status (在营 / 歇业 / 已关闭 / 已合并)."""
    return _label("establishment_status", code, language, code or "")


def format_date(value: str | date | None, language: str | None = None) -> str:
    """2026年12月13日 in Chinese, ISO in English."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    english = (language or spoken.current()).startswith("en")
    return day.isoformat() if english else f"{day.year}年{day.month}月{day.day}日"
