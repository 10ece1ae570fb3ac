"""Charts for the district desk, drawn on the server as inline SVG: no script, no front-end build.

People read the desk's tables, but a township that is behind or a result that
dominates is seen faster in a bar. Each chart is one accessible <svg> (role
img, a <title> and a <desc> that says the same numbers in words, a <title> per
bar for a pointer's tooltip) with the values written on the bars, so it reads
without colour and prints. Every piece of text from the data is escaped with
markupsafe; nothing from a record is pasted into markup as it is.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata

from markupsafe import Markup, escape

from ...core.codes import Text
from ..tables import Table

# Okabe–Ito: told apart with the common colour-vision deficiencies; the text on bars carries the numbers anyway.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif"
WIDTH = 760
SIZE = 13  # px; the labels' font size
TOTAL = "合计"  # the tables' total row: charted only when asked (it would dwarf every other bar)
NO_DATA = Text("暂无数据", "No data")
MAX_LABEL = 14  # label width in full-width characters; longer labels end in … (the whole text is in the tooltip)


def _units(text: str) -> float:
    """Width of `text` in ems: CJK and full-width characters take one, the rest about half or more."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _clip(text: str, ems: float = MAX_LABEL) -> str:
    if _units(text) <= ems:
        return text
    out = ""
    for ch in text:
        if _units(out + ch) > ems - 1:
            break
        out += ch
    return out + "…"


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0.0
    return max(0.0, float(value))


def _show(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _nice_step(top: float) -> float:
    """A round gridline step giving 3–6 lines up to `top` (1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return 1.0
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(k * power for k in (1, 2, 5, 10) if k * power >= raw)


def _chart_id(kind: str, title: str, table: Table) -> str:
    digest = hashlib.sha256(f"{kind}|{title}|{table.name}|{table.rows!r}".encode()).hexdigest()[:10]
    return f"chart-{digest}"


def _svg(cid: str, height: float, title: str, desc: str, body: list[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" role="img" '
            f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
            f'style="max-width:{WIDTH}px" font-family="{FONT}" font-size="{SIZE}">')
    return "".join([head, f'<title id="{cid}-title">{escape(title)}</title>',
                    f'<desc id="{cid}-desc">{escape(desc)}</desc>', *body, "</svg>"])


def _legend(names: list[str], y: float, x0: float) -> tuple[list[str], float]:
    """Swatches with names, wrapping to more lines when needed; returns the markup and the height used."""
    out, x, line = [], x0, 0
    for n, name in enumerate(names):
        width = 18 + _units(name) * SIZE + 16
        if x + width > WIDTH - 8 and x > x0:
            x, line = x0, line + 1
        top = y + line * 20
        out.append(f'<rect class="swatch" x="{x:.1f}" y="{top:.1f}" width="12" height="12" '
                   f'fill="{PALETTE[n % len(PALETTE)]}"/>'
                   f'<text x="{x + 18:.1f}" y="{top + 11:.1f}">{escape(name)}</text>')
        x += width
    return out, (line + 1) * 20


def _rows(table: Table, label_column: str, include_total: bool) -> list[tuple[str, list]]:
    at = table.columns.index(label_column)
    rows = [("" if row[at] is None else str(row[at]), row) for row in table.rows]
    return rows if include_total else [(label, row) for label, row in rows if label != TOTAL]


def _empty(cid: str, title: str, language: str) -> str:
    text = NO_DATA.get(language)
    return _svg(cid, 80, title, text, [f'<text x="{WIDTH / 2:.0f}" y="30" text-anchor="middle" font-weight="bold">'
                                       f'{escape(title)}</text>',
                                       f'<text class="no-data" x="{WIDTH / 2:.0f}" y="60" text-anchor="middle" '
                                       f'fill="#555">{escape(text)}</text>'])


def bar_chart(table: Table, label_column: str, value_columns: list[str], *, title: str,
              include_total: bool = False, language: str = "zh") -> str:
    """Horizontal bars, one group per row (grouped when several value columns), value written at each bar's end.

    The total row (label 合计) is left out unless `include_total`. Returns SVG markup to put inline in a page.
    """
    cid = _chart_id("bar", title, table)
    rows = _rows(table, label_column, include_total)
    if not rows or not value_columns:
        return _empty(cid, title, language)
    cols = [table.columns.index(name) for name in value_columns]
    values = [[_number(row[c]) for c in cols] for _, row in rows]
    top = max(max(v) for v in values)
    step = _nice_step(top)
    scale_top = max(step, math.ceil(top / step) * step) if top > 0 else step
    label_w = min(MAX_LABEL, max(_units(label) for label, _ in rows)) * SIZE + 16
    value_w = (max(len(_show(v)) for vs in values for v in vs) + 1) * SIZE * 0.6
    x0, x1 = label_w, WIDTH - value_w - 8
    bar_h = 16 if len(cols) == 1 else 12
    band = len(cols) * bar_h + 10
    body = [f'<text x="8" y="22" font-weight="bold" font-size="{SIZE + 2}">{escape(title)}</text>']
    y = 36.0
    if len(cols) > 1:
        legend, used = _legend(list(value_columns), y, x0)
        body += legend
        y += used + 4
    axis_top = y
    plot_h = band * len(rows)
    ticks = [step * k for k in range(int(round(scale_top / step)) + 1)]
    for tick in ticks:
        x = x0 + (x1 - x0) * tick / scale_top
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{axis_top:.1f}" x2="{x:.1f}" '
                    f'y2="{axis_top + plot_h:.1f}" stroke="#ddd"/>'
                    f'<text x="{x:.1f}" y="{axis_top + plot_h + 16:.1f}" text-anchor="middle" fill="#555" '
                    f'font-size="{SIZE - 2}">{_show(tick)}</text>')
    summary = []
    for (label, _), vs in zip(rows, values, strict=True):
        body.append(f'<g class="row"><text class="label" x="{x0 - 8:.1f}" y="{y + band / 2 + 4:.1f}" '
                    f'text-anchor="end">{escape(_clip(label))}<title>{escape(label)}</title></text>')
        for n, (name, value) in enumerate(zip(value_columns, vs, strict=True)):
            top_y = y + 5 + n * bar_h
            width = (x1 - x0) * value / scale_top
            tip = f"{label} · {name}：{_show(value)}"
            body.append(f'<rect class="bar" x="{x0:.1f}" y="{top_y:.1f}" width="{width:.1f}" '
                        f'height="{bar_h - 2}" fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(tip)}</title></rect>'
                        f'<text class="value" x="{x0 + width + 4:.1f}" y="{top_y + bar_h - 4:.1f}" '
                        f'font-size="{SIZE - 1}">{_show(value)}</text>')
        body.append("</g>")
        said = "，".join(f"{name} {_show(v)}" for name, v in zip(value_columns, vs, strict=True))
        summary.append(f"{label}：{said}")
        y += band
    body.insert(1, f'<line x1="{x0:.1f}" y1="{axis_top:.1f}" x2="{x0:.1f}" y2="{axis_top + plot_h:.1f}" '
                   f'stroke="#333"/>')
    return _svg(cid, y + 28, title, "；".join(summary), body)


def share_chart(table: Table, label_column: str, value_columns: list[str], *, title: str,
                include_total: bool = True, language: str = "zh") -> str:
    """One horizontal bar per row split 100% by the value columns (e.g. 符合/基本符合/不符合), shares written in.

    A row whose values are all zero gets an empty outlined bar and the no-data text. The total row is kept by
    default: the district's own split is the reference line people compare a township with.
    """
    cid = _chart_id("share", title, table)
    rows = _rows(table, label_column, include_total)
    if not rows or not value_columns:
        return _empty(cid, title, language)
    cols = [table.columns.index(name) for name in value_columns]
    label_w = min(MAX_LABEL, max(_units(label) for label, _ in rows)) * SIZE + 16
    x0, x1 = label_w, WIDTH - 60
    body = [f'<text x="8" y="22" font-weight="bold" font-size="{SIZE + 2}">{escape(title)}</text>']
    legend, used = _legend(list(value_columns), 36, x0)
    body += legend
    y = 36 + used + 4
    summary = []
    for label, row in rows:
        counts = [_number(row[c]) for c in cols]
        whole = sum(counts)
        body.append(f'<g class="row"><text class="label" x="{x0 - 8:.1f}" y="{y + 15:.1f}" text-anchor="end">'
                    f'{escape(_clip(label))}<title>{escape(label)}</title></text>')
        body.append(f'<rect class="frame" x="{x0:.1f}" y="{y + 2:.1f}" width="{x1 - x0:.1f}" height="18" '
                    f'fill="none" stroke="#bbb"/>')
        x = x0
        parts = []
        for n, (name, count) in enumerate(zip(value_columns, counts, strict=True)):
            share = count / whole if whole else 0.0
            width = (x1 - x0) * share
            percent = f"{100 * share:.1f}%"
            parts.append(f"{name} {_show(count)}（{percent}）")
            tip = f"{label} · {name}：{_show(count)}，{percent}"
            body.append(f'<rect class="seg" x="{x:.1f}" y="{y + 2:.1f}" width="{width:.1f}" height="18" '
                        f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(tip)}</title></rect>')
            if width >= 44:
                ink = "#000" if PALETTE[n % len(PALETTE)] in ("#E69F00", "#F0E442", "#56B4E9") else "#fff"
                body.append(f'<text class="value" x="{x + width / 2:.1f}" y="{y + 15:.1f}" text-anchor="middle" '
                            f'fill="{ink}" font-size="{SIZE - 1}">{percent}</text>')
            x += width
        tail = f"n={_show(whole)}" if whole else NO_DATA.get(language)
        body.append(f'<text class="count" x="{x1 + 6:.1f}" y="{y + 15:.1f}" fill="#555" font-size="{SIZE - 1}">'
                    f'{escape(tail)}</text></g>')
        summary.append(f"{label}：" + ("，".join(parts) if whole else NO_DATA.get(language)))
        y += 26
    return _svg(cid, y + 10, title, "；".join(summary), body)


def inline(svg: str) -> Markup:
    """The chart for a jinja2 template with autoescape on: {{ chart }} inserts it as markup."""
    return Markup(svg)  # noqa: S704  # built above from escaped pieces only
