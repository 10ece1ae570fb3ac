"""Pieces the three documents share: the header, the list of what to fix, signatures, the roll's QR."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from .. import codes
from . import qr
from .content import KIND_TITLES, NoticeContent
from .flowables import FontTable, Heading, Pictures, PreviewBox, QRBlock, TickBoxes, label, para
from .layout import COPY_MARK, PREVIEW_MARK, Paper, Styles, cn_date, esc

RESULT_OPTIONS = [(k, v.zh) for k, v in codes.RESULTS.items()]
HANDLING_OPTIONS = [(k, v.zh) for k, v in codes.HANDLINGS.items()]


def qr_code(content: NoticeContent) -> qr.Code | None:
    return qr.make(content.verify_url) if content.verify_url else None


def roll_qr_size(code: qr.Code, paper: Paper) -> float:
    """On the 80 mm roll: ≥ 20 mm, each module a whole number of 203 dpi dots."""
    return code.size_for_whole_dots(paper.qr_min_mm) * mm


def header(content: NoticeContent, paper: Paper, st: Styles) -> list:
    """Bureau, title, number; on the roll also the copy/preview marks (A4 has them in the margin)."""
    story = []
    if paper.footer == 0 and (content.copy or content.preview):
        story.append(para(f"【{COPY_MARK} · {cn_date(content.printed_on)}打印】" if content.copy
                          else f"【{PREVIEW_MARK}】", st.center))
    story += [Heading(content.bureau, paper.title * 0.72, space_after=1),
              Heading(KIND_TITLES[content.kind], paper.title, space_after=paper.body * 0.4)]
    number = content.number or ("（出具时编号）" if content.preview else "")
    if number:
        story.append(para(f"编号：{esc(number)}", st.right if paper.footer else st.center))
    story.append(Spacer(1, paper.body * 0.5))
    return story


def result_lines(content: NoticeContent, paper: Paper, st: Styles) -> list:
    """The result in the largest type, the tick boxes, and the deadline in large type."""
    label = codes.label("result", content.result, "zh", "—")
    label_size = paper.body + 1
    story = [para(f'<font size="{label_size}">检查结果：</font>{esc(label)}', st.big),
             TickBoxes("检查结果：", RESULT_OPTIONS, content.result, paper.body),
             TickBoxes("结果处理：", HANDLING_OPTIONS, content.handling, paper.body)]
    if content.deadline:
        story.append(deadline_line(content, paper, st))
    return story


def deadline_line(content: NoticeContent, paper: Paper, st: Styles):
    return para(f'<font size="{paper.body + 1}">整改期限：</font>{cn_date(content.deadline)}前', st.large)


def fix_list(content: NoticeContent, paper: Paper, st: Styles, *, title: str) -> list:
    """What to fix, numbered, in plain words, with the legal basis in small type below each item."""
    if not content.failed:
        return []
    story = [para(f"<u>{esc(title)}</u>", st.body)]
    own_dates = len({finding.deadline for finding in content.failed}) > 1  # items with different deadlines
    for number, finding in enumerate(content.failed, start=1):
        tag = "重点项" if finding.key else "一般项"
        story.append(para(f"{number}. {esc(finding.text)}（第{esc(finding.item_id)}项，{tag}）",
                          _indented(st.body, paper)))
        if own_dates and finding.deadline:
            story.append(para(f"整改期限：{cn_date(finding.deadline)}前", _indented(st.cell, paper, 1.4)))
        if finding.note:
            story.append(para(f"现场情况：{esc(finding.note)}", _indented(st.cell, paper, 1.4)))
        if finding.fix_note:  # fixed on the spot: recorded, no written order (Order 49 Art. 33 ¶2)
            story.append(para(f"已当场整改：{esc(finding.fix_note)}", _indented(st.cell, paper, 1.4)))
        if finding.legal_basis:
            story.append(para(f"依据：{esc(finding.legal_basis)}", _indented(st.small, paper, 1.4)))
    return story


def _indented(style, paper: Paper, level: float = 0):
    from reportlab.lib.styles import ParagraphStyle
    indent = paper.body * (1.2 + level)
    return ParagraphStyle(f"{style.name}-i{level}", parent=style, leftIndent=indent,
                          firstLineIndent=-paper.body * 1.2 if level == 0 else 0, spaceAfter=1)


def inspectors_text(content: NoticeContent) -> str:
    return "、".join(f"{esc(p.name)}（执法证号 {esc(p.credential_no)}）" for p in content.inspectors)


def signatures(content: NoticeContent, paper: Paper, st: Styles, *, operator_label: str) -> list:
    """Signature images where captured, otherwise blank lines to be signed by hand."""
    roll = paper.footer == 0
    width = paper.frame_width
    box_w, box_h = (30 * mm, 11 * mm) if roll else (38 * mm, 13 * mm)
    inspector_pics = Pictures(content.inspector_signatures, box_w, box_h)
    operator_pic = Pictures((content.operator_signature,), box_w, box_h)
    names = para("检查人员：" + inspectors_text(content), st.small)
    refusal = para(f"当事人拒绝签字。{esc(content.refusal)}", st.small) if content.refusal else None
    day = cn_date(content.inspected_on)
    if roll:
        rows = [[para("检查人员签字：", st.cell)], [inspector_pics], [names],
                [para(f"{esc(operator_label)}签字：", st.cell)], [refusal or operator_pic],
                [para(f"日期：{day}", st.cell)]]
        table = FontTable(rows, colWidths=[width])
    else:
        rows = [[label("检查人员（签字）", st.label, 32 * mm, 2), inspector_pics, f"日期：{day}"],
                [None, names, None],
                [label(f"{operator_label}（签字）", st.label, 32 * mm, 2), refusal or operator_pic,
                 f"日期：{day}"]]
        table = FontTable(rows, colWidths=[32 * mm, width - 32 * mm - 44 * mm, 44 * mm])
        table.setStyle(TableStyle([("SPAN", (0, 0), (0, 1)), ("GRID", (0, 0), (-1, -1), 0.6, "black"),
                                   ("SPAN", (2, 0), (2, 1)), ("FONTSIZE", (0, 0), (-1, -1), st.label.fontSize),
                                   ("LEADING", (0, 0), (-1, -1), st.label.leading)]))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    return [table]


def roll_footer(content: NoticeContent, paper: Paper, st: Styles, *, lines: Sequence[str] = ()) -> list:
    """The end of a roll print: issuer and date on the left, the QR code at the right."""
    code = qr_code(content)
    caption = paper.small
    if code is None:
        size = paper.qr_min_mm * mm
        block = PreviewBox(size, caption)
    else:
        size = roll_qr_size(code, paper)
        block = QRBlock(code, size, caption)
    text = [para(esc(content.bureau), st.small), para(cn_date(content.inspected_on), st.small)]
    text += [para(line, st.small) for line in lines]
    table = FontTable([[text, block]], colWidths=[paper.frame_width - size - 2 * mm, size + 2 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return [Spacer(1, paper.body * 0.6), table]


def issuer_lines(content: NoticeContent) -> tuple[str, str]:
    """The bureau and date at the end of a notice (the seal goes over them)."""
    return f"{content.bureau}（印章）", cn_date(content.inspected_on)


def issuer_line(content: NoticeContent, st: Styles):
    return para("<br/>".join(esc(line) for line in issuer_lines(content)), st.right)
