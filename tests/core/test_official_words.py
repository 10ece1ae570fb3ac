"""The interface speaks the official words (issue 12, "Words").

Issue 12: "Use the official terms in the interface: 打印执法文书 (not 告知书), 依法立案调查 (not 移送),
食品生产经营活动 throughout, 责令改正 / 整改未完成, 区局, 本机, 新任务 / 退回, 歇业 / 已关闭; accounts
belong to the 市场监管所 or the 区局, not the township 食安办." Every text a person reads comes from one of
three catalogues — core/codes.py, core/messages/, the desktop's resources/i18n/inspector_zh_CN.ts — and the
district's public verification page; each is searched here for each retired term.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from inspector_app.central.web import verify_page
from inspector_app.central.web.desk import pages as desk_pages
from inspector_app.central.web.desk import render as desk_render
from inspector_app.central.web.desk import words as desk_words
from inspector_app.core import codes, messages
from inspector_app.core.paths import resource_path


def _ts_translations() -> dict[tuple[str, str], str]:
    """(context, source) → Chinese translation, numerus forms joined."""
    root = ET.parse(resource_path("resources", "i18n", "inspector_zh_CN.ts")).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            out[(name, message.findtext("source"))] = "\n".join(forms)
    return out


def _texts() -> dict[str, str]:
    """Every Chinese text a person reads, keyed by where it lives."""
    texts = {f"messages:{code}": text.zh for code, text in messages.catalogue().items()}
    texts |= {f"codes:{table}:{code}": text.zh for table, rows in codes.TABLES.items() for code, text in rows.items()}
    texts |= {f"ts:{context}:{source}": text for (context, source), text in _ts_translations().items()}
    texts |= {f"verify_page:{key}": text for key, text in verify_page.TEXT["zh"].items()}
    texts |= {f"desk:{zh}": zh for zh in desk_words.EN}  # the district desk's fixed words
    desk_tables = (("status", desk_pages.STATUS), ("entity", desk_pages.ENTITY))
    texts |= {f"desk:{name}:{code}": zh for name, table in desk_tables for code, zh in table.items()}
    texts |= {f"desk:nav:{key}": zh for key, _, zh in desk_render.NAV}
    return texts


# retired term → the official term (issue 12, "Words"), and what may legitimately contain the retired letters
RETIRED = [
    # our three documents are 执法文书; only a document that is legally a 告知书 keeps the word
    ("告知书", "执法文书", r"(行政处罚|事先|听证)告知书"),
    ("移送", "依法立案调查", None),
    ("区里", "区局", None),
    ("区级", "区局", r"地区级别"),  # the district's store, keys and register are the 区局's
    ("食安办", "市场监管所", None),  # accounts belong to the 市场监管所 or the 区局
    ("责令整改", "责令改正", r"当场责令整改"),  # Order 49 Art. 33's own wording stays
    ("未结", "整改未完成", None),
    ("已结案", "整改完成", None),  # 结案 closes a case (立案), not an order to correct
    ("停止经营", "立即停止食品生产经营活动", None),
    ("停止营业", "立即停止食品生产经营活动", None),
    ("已关门", "已关闭", None),
    ("新派", "新任务", None),
]


@pytest.mark.parametrize("retired, official, allowed", RETIRED, ids=[r[0] for r in RETIRED])
def test_no_text_uses_a_retired_term(retired, official, allowed):
    wrong = {where: text for where, text in _texts().items()
             if retired in (re.sub(allowed, "", text) if allowed else text)}
    assert not wrong, f"{retired} → {official}: {wrong}"


# where the official term must now stand: (catalogue entry, official text or words it contains)
OFFICIAL = [
    (codes.ROLES["clerk"].zh, "市场监管所"),
    (codes.ROLES["admin"].zh, "区局"),
    (codes.ESTABLISHMENT_STATUSES["suspended"].zh, "歇业"),
    (codes.ESTABLISHMENT_STATUSES["closed"].zh, "已关闭"),
    (codes.ASSIGNMENT_STATUSES["assigned"].zh, "新任务"),
    (codes.ASSIGNMENT_STATUSES["declined"].zh, "已退回"),
    (codes.ORDER_STATUSES["issued"].zh, "整改未完成"),
    (codes.HANDLINGS["stop"].zh, "立即停止食品生产经营活动"),  # FSL Art. 47, Order 49 Art. 31
    (codes.NOTICE_KINDS["order"].zh, "责令改正通知书"),  # SAMR 范本 2021, No. 33
    (desk_pages.STATUS["assigned"], "新任务"),
    (desk_pages.STATUS["declined"], "已退回"),
    (desk_pages.ENTITY["rectification_order"], "责令改正通知书"),
]


@pytest.mark.parametrize("text, official", OFFICIAL)
def test_the_catalogue_uses_the_official_term(text, official):
    assert official in text


# the desktop's own words: (context, English source, the official term its Chinese must contain)
DESKTOP = [
    ("MainWindow", "Print notices…", "打印执法文书"),
    ("MainWindow", "Verify a notice…", "核验执法文书"),
    ("FinalizeDialog", "Items below go to a case for investigation (依法立案调查).", "依法立案调查"),
    ("Assignments", "New", "新任务"),
    ("Assignments", "Declined", "退回"),
    ("AssignmentsList", "Decline…", "退回"),
    ("AssignmentsList", "Decline the assignment", "退回任务"),
    ("EstablishmentsPage", "Open rectification orders", "整改未完成"),
    ("InspectionPage", None, "立即停止食品生产经营活动"),
]


@pytest.mark.parametrize("context, source, official", DESKTOP)
def test_the_desktop_uses_the_official_term(context, source, official):
    found = [text for (where, said), text in _ts_translations().items()
             if where == context and (source is None or said == source)]
    assert found, (context, source)
    assert any(official in text for text in found), found


def test_accounts_belong_to_the_station_or_the_bureau_on_the_sign_in_page():
    said = _ts_translations()
    [text] = [t for (context, source), t in said.items() if context == "SignInPage" and "no users yet" in source]
    assert "市场监管所" in text and "区局" in text and "食安办" not in text
