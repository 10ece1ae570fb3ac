"""现场检查笔录: the on-site record, paged, the inspected person's signature line on every page (Order 49 Art. 34)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from .. import codes
from . import parts, stop
from .content import NoticeContent
from .flowables import grid, label, para
from .layout import Paper, Styles, cn_date, cn_time, esc

SIGN_EVERY_PAGE = "被检查人签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"
SIGN_ON_ROLL = "被检查人签字：＿＿＿＿＿＿　日期：＿＿＿＿＿"


def _blank(paper: Paper, count: int = 1) -> str:
    """A fill-in line that fits the paper (a roll line holds about 22 characters)."""
    return "＿" * (8 * count if paper.footer else min(6 * count, 10))


def _when(content: NoticeContent) -> str:
    start, end = content.started, content.ended
    tail = cn_time(end) if start.date() == end.date() else f"{cn_date(end.date())}{cn_time(end)}"
    return f"{cn_date(start.date())}{cn_time(start)} 至 {tail}"


def _facts(content: NoticeContent, paper: Paper, st) -> list:
    p = content.party
    rows = [("被检查单位（人）", p.name), ("检查地点", p.address), ("法定代表人（负责人）", p.legal_rep),
            *([("负责人身份证号", p.responsible_id)] if p.responsible_id else []),
            ("联系电话", p.phone), (p.licence_label, p.licence_no), ("检查类别", p.category_label),
            *([("检查类型", content.purpose_label)] if content.purpose else []),
            ("检查时间", _when(content)), ("检查人员", parts.inspectors_text(content)),
            ("记录人", None), ("陪同人员及职务", None)]
    label_w = 36 * mm if paper.footer else 22 * mm
    return [grid([[label(k, st.label, label_w, 2.5), para((v or "") if k == "检查人员" else esc(v or ""), st.cell)]
                  for k, v in rows], [label_w, paper.frame_width - label_w], pad=2.5, size=st.label.fontSize)]


def _statement(content: NoticeContent, paper: Paper, st) -> list:
    names = "、".join(esc(p.name) for p in content.inspectors)
    numbers = "、".join(esc(p.credential_no) for p in content.inspectors)
    return [
        para(f"我们是{esc(content.bureau)}的执法人员{names}，执法证件名称、编号是：行政执法证 {numbers}，"
             "现依法对你单位进行监督检查，请予配合。", st.body),
        para("依照法律规定，执法人员少于两人或者与你（单位）有直接利害关系的，你（单位）有权申请回避。"
             f"问：你（单位）是否申请回避？　答：{_blank(paper)}", st.body),
    ]


def _record_text(content: NoticeContent) -> list[str]:
    """The 现场检查记录, written from the findings: counts, problems, readings, the outcome."""
    c = content.counts
    checked = len(c.key_checked) + len(c.general_checked)
    lines = [f"依据《{esc(content.checklist_title)}》对该单位进行了现场检查，共检查{checked}项，"
             f"其中重点项{len(c.key_checked)}项、一般项{len(c.general_checked)}项"
             + (f"，合理缺项{len(c.not_applicable)}项（{'、'.join(c.not_applicable)}）" if c.not_applicable else "")
             + "。"]
    if content.rechecked_order is not None:  # 复查: the result of the rectification (Order 49 Art. 33 ¶2)
        number = f"（{esc(content.rechecked_order)}）" if content.rechecked_order else ""
        lines.append(f"本次为复查，核查责令改正通知书{number}所列项目的整改情况："
                     + (f"仍有{len(content.failed)}项未整改。" if content.failed else "所列项目均已整改。"))
    if content.failed:
        lines.append(f"现场发现以下问题（{len(content.failed)}项）：")
        for n, f in enumerate(content.failed, start=1):
            tag = "重点项" if f.key else "一般项"
            detail = f"现场情况：{esc(f.note)}" if f.note else ""
            value = f"记录值：{esc(f.value)}。" if f.value else ""
            fixed = f"已当场整改：{esc(f.fix_note)}" if f.fix_note else ""  # Order 49 Art. 33 ¶2
            detail = "；".join(part for part in (detail, fixed) if part)
            lines.append(f"（{n}）第{esc(f.item_id)}项（{tag}）{esc(f.text)}{value}{detail}")
    else:
        lines.append("现场检查未发现问题。")
    readings = [f for f in content.remarks]
    if readings:
        lines.append("其他记录：")
        for f in readings:
            value = f"{esc(f.value)}" if f.value else ""
            note = f"（{esc(f.note)}）" if f.note else ""
            lines.append(f"第{esc(f.item_id)}项 {esc(f.text)}：{value}{note}")
    result = codes.label("result", content.result, "zh", "—")
    handling = codes.label("handling", content.handling, "zh", "—")
    outcome = f"检查结果：{result}；结果处理：{handling}"
    if content.deadline:
        outcome += f"，整改期限：{cn_date(content.deadline)}前"
    if content.case_filing and content.cases:  # Order 49 Art. 32, Art. 33 ¶3, item by item
        outcome += f"；第{'、'.join(esc(f.item_id) for f in content.cases)}项依法立案调查"
    elif content.case_filing:
        outcome += "；重点项不符合，依法立案调查"
    lines.append(outcome + "。")
    if content.stops:  # the operator's own duty, recorded with the facts (Order 49 Art. 31 ¶2)
        lines.append(esc(stop.stop_sentence(content)))
    return lines


def _closing(content: NoticeContent, paper: Paper, st) -> list:
    refusal = f"当事人拒绝签字。{esc(content.refusal)}" if content.refusal else None
    lines = [para("以上笔录我已看过（已向我宣读过），与事实相符。", st.body),
             para(f"被检查人意见：{_blank(paper, 2)}", st.body)]
    if refusal:
        lines.append(para(refusal, st.body))
    lines += parts.signatures(content, paper, st, operator_label="被检查人")
    witness = esc(content.witness) if content.witness else _blank(paper, 2)
    lines.append(para(f"见证人（姓名、身份证号）：{witness}　日期：{_blank(paper)}", st.small))
    return [KeepTogether(lines)]


def story(content: NoticeContent, paper: Paper, st: Styles) -> list:
    flow = parts.header(content, paper, st) + _facts(content, paper, st) + [Spacer(1, paper.body * 0.6)]
    flow += _statement(content, paper, st)
    flow.append(para("<u>现场检查记录</u>", st.body))
    flow += [para(line, st.body) for line in _record_text(content)]
    flow.append(Spacer(1, paper.body * 0.6))
    flow += _closing(content, paper, st)
    if paper.footer == 0:  # the roll is one page: its single signature line and page count go at the end
        flow += [Spacer(1, paper.body * 0.6), para(SIGN_ON_ROLL, st.cell),
                 para("第 1 页 共 1 页", st.center)]
        flow += parts.roll_footer(content, paper, st)
    return flow
