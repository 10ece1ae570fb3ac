"""Pages and downloads: jinja2 templates shipped in the package, and every table as Excel or CSV.

Autoescape is on for every template; charts come in as markup built from
escaped pieces (central/web/charts.py). Each response says what the browser
may do with it: no scripts at all, no framing, styles and images from here.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ....core.errors import ValidationError
from ...tables import Table, to_csv, to_xlsx
from .words import language_of, translator

SECURITY = {"content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "cache-control": "no-store"}
NAV = (("overview", "/desk/", "概况"), ("orders", "/desk/orders", "责令改正通知书"),
       ("held", "/desk/held", "暂存同步包"), ("gaps", "/desk/gaps", "缺号提醒"),
       ("conflicts", "/desk/conflicts", "冲突"), ("duplicates", "/desk/duplicates", "疑似重复"),
       ("laptops", "/desk/laptops", "笔记本"), ("assignments", "/desk/assignments", "检查任务"),
       ("staff", "/desk/staff", "人员"))

_env = Environment(loader=PackageLoader("inspector_app.central.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                   lstrip_blocks=True)


def cell(value) -> str:
    """A table cell as people read it (the downloads keep real numbers and dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


_env.filters["cell"] = cell


def page(request: Request, template: str, *, status: int = 200, **context) -> Response:
    who = request.scope.get("desk_user")
    lang = language_of(request)
    html = _env.get_template(template).render(request=request, who=who, nav=NAV, lang=lang, t=translator(lang),
                                              **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY)


def download(request: Request, tables: list[Table]) -> Response | None:
    """`?format=xlsx|csv&table=NAME` answered with that table's file; None when no download is asked."""
    kind = request.query_params.get("format")
    if kind is None:
        return None
    if kind not in ("xlsx", "csv"):
        raise ValidationError("desk.bad_format", field="format")
    name = request.query_params.get("table") or tables[0].name
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        raise ValidationError("desk.no_table", field="table", name=name[:64])
    body = to_xlsx(table) if kind == "xlsx" else to_csv(table)
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "xlsx"
             else "text/csv; charset=utf-8")
    filename = f"{table.name}.{kind}"
    return Response(body, media_type=media, headers={
        **SECURITY, "content-disposition": f"attachment; filename={filename}; filename*=UTF-8''{quote(filename)}"})
