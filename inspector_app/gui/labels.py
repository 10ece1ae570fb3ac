"""Translated labels for codes shown everywhere (categories, results, statuses), and the section title."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

translate = QCoreApplication.translate
OVERDUE = QColor("#c62828")  # dates already past


def section_title(object_name: str) -> QLabel:
    """The bold, larger title over each list on Today."""
    title = QLabel(objectName=object_name)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    return title


def category_label(code: str | None) -> str:
    labels = {
        "catering": translate("labels", "Catering"), "school_canteen": translate("labels", "School canteen"),
        "unit_canteen": translate("labels", "Workplace canteen"), "farmhouse": translate("labels", "Farmhouse inn"),
        "food_sales": translate("labels", "Food sales"), "market": translate("labels", "Farmers' market"),
        "slaughterhouse": translate("labels", "Slaughterhouse"), "workshop": translate("labels", "Small workshop"),
        "stall": translate("labels", "Food stall"),
    }
    return labels.get(code or "", code or "")


def result_label(code: str | None) -> str:
    labels = {"compliant": translate("labels", "Compliant"),
              "basically_compliant": translate("labels", "Basically compliant"),
              "non_compliant": translate("labels", "Non-compliant")}
    return labels.get(code or "", translate("labels", "Not decided"))


def handling_label(code: str | None) -> str:
    labels = {"pass": translate("labels", "Pass"), "rectify": translate("labels", "Rectify by a written deadline"),
              "stop": translate("labels", "Stop food operations immediately")}
    return labels.get(code or "", "")


def status_label(code: str | None) -> str:
    labels = {"open": translate("labels", "Open"), "suspended": translate("labels", "Suspended"),
              "closed": translate("labels", "Closed")}
    return labels.get(code or "", code or "")
