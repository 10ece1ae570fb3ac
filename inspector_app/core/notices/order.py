"""责令改正通知书: the order to correct: its number, the failed items, the deadline, a receipt (Order 49 Art. 33)."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Spacer

from . import parts
from .content import NoticeContent
from .flowables import para
from .layout import Paper, Styles, cn_date, esc

LEGAL_BASIS = "《食品生产经营监督检查管理办法》（市场监管总局令第49号）第三十三条"
RECEIPT = "签收人：＿＿＿＿＿＿＿＿　签收时间：＿＿＿＿年＿＿月＿＿日＿＿时＿＿分"
RECEIPT_ON_ROLL = "签收人：＿＿＿＿＿＿＿＿<br/>签收时间：＿＿＿＿年＿＿月＿＿日＿＿时＿＿分"


def story(content: NoticeContent, paper: Paper, st: Styles) -> list:
    p = content.party
    flow = parts.header(content, paper, st)
    flow.append(para(f"{esc(p.name)}：", st.body))
    licence = f"（{p.licence_label}：{esc(p.licence_no)}）" if p.licence_no else ""
    flow.append(para(f"{esc(content.bureau)}于{cn_date(content.inspected_on)}对你单位{licence}进行了监督检查，"
                     f"依据《{esc(content.checklist_title)}》检查发现你单位存在下列问题：", st.indent))
    flow += parts.fix_list(content, paper, st, title="需要改正的问题")
    if any(f.legal_basis for f in content.failed):
        flow.append(para("上述问题不符合各项下所列依据的规定。", st.indent))
    flow.append(para(f"依据{LEGAL_BASIS}的规定，现责令你单位于下列期限前改正上述问题，"
                     "并将改正情况书面报告我局。逾期不改正的，我局将依法处理。", st.indent))
    flow.append(parts.deadline_line(content, paper, st))
    flow.append(Spacer(1, paper.body * 0.8))
    closing = [parts.issuer_line(content, st), Spacer(1, paper.body * 0.8),
               para(RECEIPT if paper.footer else RECEIPT_ON_ROLL, st.cell),
               para("本通知书一式两份，一份交当事人，一份存档。", st.small)]
    flow.append(KeepTogether(closing))
    if paper.footer == 0:
        flow += parts.roll_footer(content, paper, st)
    return flow
