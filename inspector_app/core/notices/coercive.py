"""实施行政强制措施决定书 (SAMR 范本 No. 21) with its 场所/设施/财物清单 (No. 24): the bureau seals or seizes.

Printed only for an inspection that stopped operations and has a sealing list (sealing.py). 行政强制法
Art. 24 says what it must state: the party, the reasons, basis and period, the things with their
quantities, the route and period of 复议/诉讼, the bureau, its seal and the date; the list is made in two
copies. The basis is FSL Art. 110 (4)(5), Order 49 Art. 25 (4)(5) and 行政强制法 Arts. 18 and 24; the
period is at most 30 days (Art. 25).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, TableStyle

from ..models import Inspection, SealingList
from . import parts
from .content import NoticeContent
from .flowables import FontTable, Heading, grid, label, para
from .layout import Paper, Styles, cn_date, esc
from .sealing import KINDS, MEASURES, Sealing
from .stop import facts

BASIS = ("《中华人民共和国食品安全法》第一百一十条第（四）项、第（五）项，"
         "《食品生产经营监督检查管理办法》（市场监管总局令第49号）第二十五条第（四）项、第（五）项，"
         "《中华人民共和国行政强制法》第十八条、第二十四条")
PERIOD_BASIS = "《中华人民共和国行政强制法》第二十五条"
KEEP = "查封、扣押期间，请妥善保管被查封的场所、设施、财物，不得擅自启封、转移、使用或者损毁。"
COPIES = "本文书一式两份，一份送达，一份归档。"
LIST_COPIES = "本清单一式二份，一份交当事人，一份附卷。"
RECEIPT = "本决定书于＿＿＿＿年＿＿月＿＿日＿＿时＿＿分收到。　当事人（签字）：＿＿＿＿＿＿＿＿"
TEAR = "－－－－－－－－ 沿此线撕开 －－－－－－－－"  # the roll: the list is torn off as its own copy
RECEIPT_ON_ROLL = "本决定书于＿＿＿＿年＿＿月＿＿日＿＿时＿＿分收到。<br/>当事人（签字）：＿＿＿＿＿＿＿＿"


def possible(session, inspection_id) -> bool:
    """Whether this inspection can have the decision: it stopped operations and has a sealing list."""
    inspection = session.get(Inspection, inspection_id)
    return (inspection is not None and inspection.status == "finalized"
            and (inspection.handling == "stop" or inspection.hazard)
            and session.get(SealingList, inspection_id) is not None)


def list_title(sealing: Sealing) -> str:
    """「场所/设施/财物清单」 with the kinds not used struck out, as the 范本's "/" notation asks."""
    used = [KINDS[k] for k in KINDS if any(t.kind == k for t in sealing.things)]
    return "/".join(used) + "清单"


def measure_text(sealing: Sealing) -> str:
    return "、".join(MEASURES[m] for m in sealing.measures)


def sentences(content: NoticeContent) -> list[str]:
    """The decision's body (plain text, not yet escaped)."""
    sealing = content.sealing
    assert sealing is not None  # issuing refuses a decision without a list
    found = facts(content)
    measures = measure_text(sealing)
    kinds = "、".join(KINDS[k] for k in KINDS if any(t.kind == k for t in sealing.things))
    return [
        f"本局于{cn_date(content.inspected_on)}依法对你（单位）进行监督检查，发现你（单位）"
        + (f"{found}，" if found else "")
        + "有发生食品安全事故潜在风险，有证据证明存在安全隐患。为防止危害扩大，依据"
        + f"{BASIS}的规定，本局决定对你（单位）的{kinds}实施{measures}（详见《{list_title(sealing)}》）。",
        f"{measures}的期限为{sealing.days}日，自{cn_date(sealing.start)}起至{cn_date(sealing.end)}止"
        f"（{PERIOD_BASIS}）。" + KEEP,
        f"如不服本行政强制措施决定，可以自收到本决定书之日起六十日内向{content.review_body}申请行政复议；"
        f"也可以在六个月内依法向{content.court}提起行政诉讼。",
        f"附件：《{list_title(sealing)}》",
    ]


def _party(content: NoticeContent, paper: Paper, st: Styles) -> list:
    p = content.party
    rows = [("当事人", p.name), ("许可证编号", p.licence_no), ("统一社会信用代码", p.credit_code),
            ("住所（住址）", p.address), ("法定代表人（负责人）", p.legal_rep)]
    w = 36 * mm if paper.footer else 22 * mm
    return [grid([[label(k, st.label, w, 2.5), para(esc(v or "—"), st.cell)] for k, v in rows],
                 [w, paper.frame_width - w], pad=2.5, size=st.label.fontSize), Spacer(1, paper.body * 0.6)]


def _decision(content: NoticeContent, paper: Paper, st: Styles) -> list:
    flow = parts.header(content, paper, st) + _party(content, paper, st)
    flow += [para(esc(text), st.indent) for text in sentences(content)]
    flow.append(Spacer(1, paper.body * 0.8))
    flow.append(KeepTogether([parts.issuer_line(content, st), Spacer(1, paper.body * 0.8),
                              para(RECEIPT if paper.footer else RECEIPT_ON_ROLL, st.cell), para(COPIES, st.small)]))
    return flow


def _things_table(sealing: Sealing, paper: Paper, st: Styles) -> FontTable:
    roll = paper.footer == 0
    if roll:
        head = ["序号", "名称（规格、位置）", "数量", "措施"]
        widths = [8 * mm, paper.frame_width - 8 * mm - 14 * mm - 10 * mm, 14 * mm, 10 * mm]
    else:
        head = ["序号", "名称", "类别", "规格、位置", "数量", "措施"]
        widths = [12 * mm, 52 * mm, 14 * mm, paper.frame_width - 12 * mm - 52 * mm - 14 * mm - 22 * mm - 14 * mm,
                  22 * mm, 14 * mm]
    rows = [[para(h, st.label) for h in head]]
    for n, t in enumerate(sealing.things, start=1):
        if roll:
            name = t.name + (f"（{t.spec}）" if t.spec else "")
            cells = [str(n), name, t.quantity or "—", MEASURES[t.measure]]
        else:
            cells = [str(n), t.name, KINDS[t.kind], t.spec or "—", t.quantity or "—", MEASURES[t.measure]]
        rows.append([para(esc(c), st.cell) for c in cells])
    table = grid(rows, widths, pad=2, size=st.label.fontSize)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def _list(content: NoticeContent, paper: Paper, st: Styles) -> list:
    sealing = content.sealing
    assert sealing is not None
    number = f"（{esc(content.number)}附件）" if content.number else "（实施行政强制措施决定书附件）"
    flow = [Heading(content.bureau, paper.title * 0.72, space_after=1),
            Heading(list_title(sealing), paper.title, space_after=paper.body * 0.4), para(number, st.center),
            para(f"当事人：{esc(content.party.name)}", st.body), _things_table(sealing, paper, st),
            Spacer(1, paper.body * 0.6),
            para("以上场所、设施、财物经核对无误。", st.body)]
    inspectors = parts.inspectors_text(content)
    sign = [para("当事人（签字）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿年＿＿月＿＿日", st.body),
            para(f"执法人员（签字）：＿＿＿＿＿＿＿＿　＿＿＿＿＿＿＿＿<br/>{inspectors}", st.body),
            para(f"日期：{cn_date(content.inspected_on)}", st.body), para(LIST_COPIES, st.small)]
    flow.append(KeepTogether(sign))
    return flow


def story(content: NoticeContent, paper: Paper, st: Styles) -> list:
    flow = _decision(content, paper, st)
    if paper.footer == 0:
        flow += parts.roll_footer(content, paper, st)
    if paper.footer:
        flow.append(PageBreak())  # the list is its own sheet: two copies, one each
    else:
        flow += [Spacer(1, paper.body), para(TEAR, st.center), Spacer(1, paper.body * 0.5)]
    flow += _list(content, paper, st)
    if paper.footer == 0:
        flow += parts.roll_footer(content, paper, st)
    return flow
