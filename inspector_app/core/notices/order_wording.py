"""The 责令改正通知书's sentences, as the SAMR 范本 words them (docs/architecture.md "Notices").

「经查，你（单位）<事实>的行为，违反了<义务条款>的规定。依据<罚则条款>的规定，现责令你（单位）在<日期>前改正
上述违法行为。」 The facts are the acts as found (an item's violation.finding: 未…, 超过…), never the
requirement; the articles come per item and are merged where items share one, in item order. Only general
items are corrected by order (Order 49 Art. 33); a failed key item goes to a case (Art. 32) and is named in
its own 「依法立案调查」 sentence, so Art. 33 is never cited for it. Items of a checklist without violations
(the v1 forms) fall back to their text as the requirement not met, their legal basis as the obligation, and
Order 49 Art. 33 ¶2 (a written requirement with a deadline) as the authority. Pure functions of the content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .content import Finding
from .layout import cn_date

ORDER_49 = "《食品生产经营监督检查管理办法》（市场监管总局令第49号）"
ART_33_2 = f"{ORDER_49}第三十三条第二款"  # 需要限期整改的，书面提出整改要求和时限
ART_32 = f"{ORDER_49}第三十二条"  # 重点项目不符合、影响食品安全的，依法进行调查处理
ART_33_3 = f"{ORDER_49}第三十三条第三款"  # 一般项目不符合、影响食品安全的，依法进行调查处理
NO_ARTICLE = "监督检查要点表"
BLANK_NAME = "＿＿＿＿＿＿＿＿"  # an item with no legal basis at all: the table itself is what it fails


@dataclass(frozen=True)
class Charge:
    """One failed item as the order states it."""

    item_id: str
    requirement: str
    finding: str
    obligation: str | None
    penalty: str
    if_not_corrected: str | None
    key: bool
    note: str | None = None
    deadline: date | None = None  # the item's own date, when the order's items have different ones


def own_dates(charges: Sequence[Charge]) -> bool:
    """Whether the items carry different deadlines (an order may give each item its own)."""
    return len({c.deadline for c in charges if c.deadline}) > 1


def charge(f: Finding) -> Charge:
    """The item's violation, or the v1 fallback: the requirement not met, its legal basis, Art. 33 ¶2."""
    requirement = f.text.rstrip("。；; ")
    if f.violation is not None:
        v = f.violation
        return Charge(f.item_id, requirement, _clause(v.finding), v.obligation, v.penalty,
                      _clause(v.if_not_corrected) if v.if_not_corrected else None, f.key, f.note, f.deadline)
    return Charge(f.item_id, requirement, f"未达到“{requirement}”要求", f.legal_basis or None, ART_33_2, None,
                  f.key, f.note, f.deadline)


def _clause(text: str) -> str:
    """A phrase to set inside a sentence: no closing full stop, no 「的行为」 twice."""
    text = text.strip().rstrip("。；; ")
    return text[:-3] if text.endswith("的行为") else text


def split(findings: Iterable[Finding], cases: Iterable[Finding] = ()) -> tuple[list[Charge], list[Charge]]:
    """(corrected by this order, going to a case). `cases` are the failures the rules sent to 调查处理
    (Order 49 Art. 32 for key items, Art. 33 ¶3 for general items affecting food safety); a key item among
    `findings` goes to a case too (records from before the rules treated items one by one), so Art. 33 is
    never cited for it."""
    charges = [charge(f) for f in findings]
    ordered = [c for c in charges if not c.key]
    case = [c for c in charges if c.key]
    seen = {c.item_id for c in charges}
    case += [charge(f) for f in cases if f.item_id not in seen]
    return ordered, case


def merge_articles(articles: Iterable[str | None]) -> str:
    """Articles without repeats, in first-cited order, a law's title written once for its run of articles:
    《食品安全法》第四十五条第二款、第五十四条第一款、《办法》第三十九条."""
    seen: list[str] = []
    for text in articles:
        for part in (text or "").replace(";", "；").split("；"):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
    out: list[str] = []
    law = None
    for part in seen:
        title, rest = _law_of(part)
        if title is not None and title == law and rest:
            out.append(rest)
        else:
            out.append(part)
            law = title
    return "、".join(out)


def _law_of(article: str) -> tuple[str | None, str]:
    """(《title》 with any bracketed note after it, the rest) of an article citation, or (None, article)."""
    if not article.startswith("《") or "》" not in article:
        return None, article
    end = article.index("》") + 1
    if article[end:end + 1] in "（(":
        close = article.find("）", end)
        end = close + 1 if close > 0 else end
    return article[:end], article[end:]


def _grouped(charges: Sequence[Charge], key) -> list[tuple[str | None, list[Charge]]]:
    groups: dict[str | None, list[Charge]] = {}
    for c in charges:
        groups.setdefault(key(c), []).append(c)
    return list(groups.items())


def _acts(charges: Sequence[Charge], verb: str) -> str:
    """「A、B的行为，违反了X的规定；C的行为，违反了Y的规定」, grouped by obligation article."""
    parts = []
    for obligation, group in _grouped(charges, lambda c: c.obligation):
        acts = "、".join(c.finding for c in group)
        parts.append(f"{acts}的行为，{verb}{obligation or NO_ARTICLE}的规定")
    return "；".join(parts)


def fact_sentence(charges: Sequence[Charge]) -> str:
    """「经查，你（单位）……的行为，违反了……的规定。」"""
    return f"经查，你（单位）{_acts(charges, '违反了')}。" if charges else ""


def order_sentence(charges: Sequence[Charge], deadline: date | None) -> str:
    """「依据<罚则>的规定，现责令你（单位）在<日期>前改正上述违法行为。」 (立即 without a deadline; 「按下列期限」
    when the items have dates of their own, each then given with its requirement)."""
    if not charges:
        return ""
    when = "按下列期限" if own_dates(charges) else f"在{cn_date(deadline)}前" if deadline else "立即"
    return f"依据{merge_articles(c.penalty for c in charges)}的规定，现责令你（单位）{when}改正上述违法行为。"


def requirements(charges: Sequence[Charge]) -> list[str]:
    """The 「改正内容及要求」 lines: each item's requirement, with what was found on site."""
    lines = []
    dated = own_dates(charges)
    for n, c in enumerate(charges, start=1):
        seen = f"（现场情况：{c.note}）" if c.note else ""
        when = f"，{cn_date(c.deadline)}前改正" if dated and c.deadline else ""
        lines.append(f"{n}. {c.requirement}（第{c.item_id}项）{seen}{when}。")
    return lines


def consequence(charges: Sequence[Charge]) -> str:
    """「逾期不改的，本局将依据<罚则>的规定，<后果>。」 from the items' if_not_corrected, merged per article."""
    if not charges:
        return ""
    told = [(penalty, group[0].if_not_corrected)
            for penalty, group in _grouped([c for c in charges if c.if_not_corrected], lambda c: c.penalty)]
    if not told:
        return "逾期不改的，本局将依法处理。"
    return "逾期不改的，本局将" + "；".join(f"依据{penalty}的规定，{then}" for penalty, then in told) + "。"


def case_sentence(charges: Sequence[Charge]) -> str:
    """Failures not corrected by this order but investigated: key items under Order 49 Art. 32, general
    items affecting food safety under Art. 33 ¶3 (never the written order of Art. 33 ¶2)."""
    if not charges:
        return ""
    key = [c for c in charges if c.key]
    general = [c for c in charges if not c.key]
    kinds, articles = [], []
    if key:
        kinds.append("不符合监督检查要点表重点项目、影响食品安全")
        articles.append(ART_32)
    if general:
        kinds.append("不符合监督检查要点表一般项目、影响食品安全")
        articles.append(ART_33_3)
    return (f"另查，你（单位）{_acts(key + general, '涉嫌违反')}，属于{'以及'.join(kinds)}的情形。"
            f"依据{merge_articles(articles)}的规定，本局将依法立案调查。")


def redress(review_body: str, court: str) -> str:
    """The 复议/诉讼 notice (行政复议法 Art. 20: sixty days; 行政诉讼法 Art. 46: six months); a body not known
    is left as a line to fill by hand, never dropped from the sentence."""
    review_body, court = review_body or BLANK_NAME, court or BLANK_NAME
    return (f"如对本责令改正决定不服，可以自收到本通知书之日起六十日内向{review_body}申请行政复议；"
            f"也可以在六个月内依法向{court}提起行政诉讼。")
