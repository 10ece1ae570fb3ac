"""监督检查结果记录表: the result record the operator posts (Order 23 (2016) 表2; Order 49 Art. 39)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, TableStyle

from . import parts, stop
from .content import NoticeContent
from .flowables import Face, FontTable, grid, label, para
from .layout import Paper, Styles, cn_date, esc


def _ids(ids) -> str:
    return "、".join(ids)


def _clause(label: str, ids, failed) -> str:
    text = f"{label}（{len(ids)}）项"
    if ids:
        text += f"，项目序号分别是（{_ids(ids)}）"
    text += f"，发现问题（{len(failed)}）项"
    if failed:
        text += f"，项目序号分别是（{_ids(failed)}）"
    return text


def sentence(content: NoticeContent) -> str:
    """The form's standard sentence with the counts and item numbers filled in."""
    c = content.counts
    total = len(c.key_checked) + len(c.general_checked)
    text = (f"{content.bureau}于{cn_date(content.inspected_on)}对你单位进行了监督检查。"
            f"本次监督检查按照《{content.checklist_title}》开展，共检查了（{total}）项内容；其中："
            f"{_clause('重点项', c.key_checked, c.key_failed)}；"
            f"{_clause('一般项', c.general_checked, c.general_failed)}。")
    if c.not_applicable:
        text += f"合理缺项（{len(c.not_applicable)}）项，项目序号分别是（{_ids(c.not_applicable)}）。"
    return text


def _party(content: NoticeContent, paper: Paper, st) -> FontTable:
    p = content.party
    cells = [("名称", p.name), (p.licence_label, p.licence_no), ("地址", p.address),
             ("联系人", p.contact_person or p.legal_rep), ("联系方式", p.phone),
             ("检查次数", f"本年度第{content.year_index}次检查"), ("检查日期", cn_date(content.inspected_on))]
    if content.purpose:  # 检查类型; records made before it was asked print as they always did
        cells.append(("检查类型", content.purpose_label))
    size = st.label.fontSize
    if paper.footer == 0:
        w = 19 * mm
        return grid([[label(k, st.label, w, 2), para(esc(v or "—"), st.cell)] for k, v in cells],
                    [w, paper.frame_width - w], pad=2, size=size)
    w, half = 24 * mm, paper.frame_width / 2
    rows = [[label(k, st.label, w), para(esc(v or "—"), st.cell)] for k, v in cells]
    layout = [rows[0] + rows[1], [rows[2][0], rows[2][1], None, None], rows[3] + rows[4], rows[5] + rows[6]]
    spans = [("SPAN", (1, 1), (3, 1))]
    if len(rows) > 7:
        layout.append([rows[7][0], rows[7][1], None, None])
        spans.append(("SPAN", (1, 4), (3, 4)))
    table = grid(layout, [w, half - w, w, half - w], size=size)
    table.setStyle(TableStyle(spans))
    return table


def _grade(content: NoticeContent, paper: Paper, st) -> list:
    grade = content.grade
    if grade is None:
        return []
    size = 11 * mm if paper.footer else 9 * mm
    text = para(f"餐饮服务食品安全量化分级 动态等级：{esc(grade.label)}（{esc(grade.face_label)}）", st.body)
    if grade.face is None:
        return [text]
    table = FontTable([[Face(grade.face, size), text]], colWidths=[size + 3 * mm, paper.frame_width - size - 3 * mm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def story(content: NoticeContent, paper: Paper, st: Styles) -> list:
    flow = parts.header(content, paper, st)
    flow += [_party(content, paper, st), Spacer(1, paper.body * 0.6),
             para("<u>检查内容</u>", st.body), para(esc(sentence(content)), st.body)]
    flow += parts.result_lines(content, paper, st)
    if content.stops:
        flow.append(para(esc(stop.handling_line(content)), st.small))  # small: the record stays one page
    flow += _grade(content, paper, st)
    flow += parts.fix_list(content, paper, st, title="说明（发现的问题及整改要求）")
    flow.append(Spacer(1, paper.body * 0.6))
    flow.append(KeepTogether(parts.signatures(content, paper, st, operator_label="被检查单位负责人")))
    if paper.footer == 0:
        flow += parts.roll_footer(content, paper, st, lines=["请将本记录表张贴于醒目位置，保持至下次检查。"])
    else:
        flow += [Spacer(1, paper.body * 0.5),
                 para("请将本记录表张贴在经营场所醒目位置，保持至下次监督检查。", st.small)]
    return flow
