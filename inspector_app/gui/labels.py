"""Translated labels for codes shown everywhere (categories, results, statuses)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def category_label(code: str | None) -> str:
    labels = {
        "catering": _t("Catering"), "school_canteen": _t("School canteen"),
        "unit_canteen": _t("Workplace canteen"), "farmhouse": _t("Farmhouse inn"),
        "food_sales": _t("Food sales"), "market": _t("Farmers' market"),
        "slaughterhouse": _t("Slaughterhouse"), "workshop": _t("Small workshop"), "stall": _t("Food stall"),
    }
    return labels.get(code or "", code or "")


def result_label(code: str | None) -> str:
    labels = {"compliant": _t("Compliant"), "basically_compliant": _t("Basically compliant"),
              "non_compliant": _t("Non-compliant")}
    return labels.get(code or "", _t("Not decided"))


def handling_label(code: str | None) -> str:
    labels = {"pass": _t("Pass"), "rectify": _t("Rectify by a written deadline"),
              "stop": _t("Stop food operations immediately")}
    return labels.get(code or "", "")


def status_label(code: str | None) -> str:
    labels = {"open": _t("Open"), "suspended": _t("Suspended"), "closed": _t("Closed")}
    return labels.get(code or "", code or "")
