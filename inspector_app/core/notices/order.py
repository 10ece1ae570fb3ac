"""责令改正通知书: the order to correct, in the SAMR 范本's sentences (Order 49 Art. 33 ¶2; order_wording.py).

The facts as found and the articles they break, the authority and the deadline, what to correct, what
follows if not, the key items going to a case, the 复议/诉讼 notice with the district's 复议机关 and court,
the contact line, the seal and date, the copies line and the receipt.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Spacer

from . import order_wording as words
from . import parts
from .content import NoticeContent
from .flowables import para
from .layout import Paper, Styles, cn_date, esc

RECEIPT = "本通知书于＿＿＿＿年＿＿月＿＿日＿＿时＿＿分收到。　当事人（签字）：＿＿＿＿＿＿＿＿"
RECEIPT_ON_ROLL = "本通知书于＿＿＿＿年＿＿月＿＿日＿＿时＿＿分收到。<br/>当事人（签字）：＿＿＿＿＿＿＿＿"
COPIES = "本文书一式两份，一份送达，一份归档。"
BLANK_PHONE = "＿＿＿＿＿＿＿＿"


def contact_line(content: NoticeContent) -> str:
    """联系人 (the inspectors) and 联系电话 (the unit's phone, a laptop setting; blank to fill by hand)."""
    names = "、".join(p.name for p in content.inspectors) or "＿＿＿＿"
    return f"联系人：{esc(names)}　　联系电话：{esc(content.contact_phone) or BLANK_PHONE}"


def sentences(content: NoticeContent) -> list[str]:
    """The body of the order, one paragraph a string (plain text, not yet escaped)."""
    ordered, case = words.split(content.failed, content.cases)
    lines = [f"{content.bureau}于{cn_date(content.inspected_on)}依法对你（单位）进行了监督检查。"
             + words.fact_sentence(ordered) + words.order_sentence(ordered, content.deadline)]
    if ordered:
        lines.append("改正内容及要求：")
        lines += words.requirements(ordered)
        lines.append("请按期改正，并将改正情况书面报告本局。" + words.consequence(ordered))
    if case:
        lines.append(words.case_sentence(case))
    lines.append(words.redress(content.review_body, content.court))
    return lines


def story(content: NoticeContent, paper: Paper, st: Styles) -> list:
    p = content.party
    flow = parts.header(content, paper, st)
    licence = f"（{p.licence_label}：{esc(p.licence_no)}）" if p.licence_no else ""
    flow.append(para(f"{esc(p.name)}{licence}：", st.body))
    for n, text in enumerate(sentences(content)):
        indent = st.body if text[:1].isdigit() and "项）" in text else st.indent
        flow.append(para(esc(text), indent))
        if n == 0 and content.deadline and not words.own_dates(words.split(content.failed)[0]):
            # the date in large type right under the sentence that sets it (items with dates of their own
            # carry them in 改正内容及要求 instead)
            flow.append(parts.deadline_line(content, paper, st))
    flow.append(Spacer(1, paper.body * 0.6))
    closing = [para(contact_line(content), st.body), Spacer(1, paper.body * 0.8),
               parts.issuer_line(content, st), Spacer(1, paper.body * 0.8),
               para(RECEIPT if paper.footer else RECEIPT_ON_ROLL, st.cell),
               para(COPIES, st.small)]
    flow.append(KeepTogether(closing))
    if paper.footer == 0:
        flow += parts.roll_footer(content, paper, st)
    return flow
