"""The desk's pages: what each shows, as `Table`s (downloadable) with the buttons each row offers.

A page is built by one function from the central store; the same function
answers `?format=xlsx|csv&table=NAME`, so a download holds exactly the rows
the page showed. The numbers come from central/figures.py, the lists from the
same central functions the `inspector central …` commands call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ....core import codes
from ... import admin, assignments, conflicts, duplicates, figures, importer, reprocess, staff
from ... import models as m
from ...store import Central
from ...tables import Table
from .. import charts
from ..app import central_of
from .render import download, page

DONE = {"resolved": "已标记为已处理", "forced": "已强制应用该同步包", "reprocessed": "已重新处理暂存的变更",
        "cleared": "提醒已清除", "found": "已查找疑似重复", "merged": "已合并", "dismissed": "已确认不是同一主体",
        "revoked": "已注销", "assigned": "已下达检查任务", "cancelled": "已取消检查任务",
        "staff_added": "已添加人员", "staff_disabled": "已停用该账号"}
STATUS = {"assigned": "新任务", "accepted": "已接受", "declined": "已退回", "done": "已完成", "cancelled": "已取消"}
KIND = {"soft": "一般", "hard": "需处理", "gap": "缺号"}
ENTITY = {"establishment": "检查主体", "inspection": "检查记录", "rectification_order": "责令改正通知书",
          "assignment": "检查任务", "user": "人员", "area": "行政区划", "checklist": "检查表"}


@dataclass
class Action:
    """A button on a row: POST `url` with hidden `fields` (and the session's CSRF token)."""

    url: str
    label: str
    fields: dict = field(default_factory=dict)
    note: str | None = None  # placeholder of a free-text note field, when the action takes one
    danger: bool = False


@dataclass
class Section:
    table: Table
    actions: list[list[Action]] | None = None  # per row
    chart: str | None = None  # inline SVG


def _entity(row: dict) -> str:
    return ENTITY.get(row["entity"], row["entity"])


def townships(central: Central) -> list[tuple[str, str]]:
    r = m.record.c
    with central.engine.connect() as c:
        rows = c.execute(select(r.id, r.data).where(r.entity == "area", r.deleted.is_(False)).order_by(r.id))
        return [(code, data["name"]) for code, data in rows if data.get("level") == "township"]


def _device_names(central: Central) -> dict[str, str]:
    return {d["device_id"]: d["name"] or d["device_id"][:8] for d in admin.devices(central)}


def _when(value) -> datetime | None:
    """A moment as the district reads it: China Standard Time (the store keeps UTC; SQLite drops the zone)."""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value)) if value else None
        except ValueError:
            return None
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(figures.CHINA)


ESCALATED = codes.label("order_status", "escalated")  # 整改未完成，依法立案调查 (an overdue order's second step)


def overview(central: Central, request: Request) -> dict:
    month = figures.progress(central, period="month", by="township")
    year = figures.progress(central, period="year", by="township")
    people = figures.progress(central, period="month", by="inspector")
    results = figures.results(central)
    labels = list(results.columns[2:5])
    open_orders, late = figures.orders(central), figures.orders(central, overdue_only=True)
    keys = [("本月检查", month.rows[-1][1], "/desk/#progress-month-township"),
            ("本年检查", year.rows[-1][1], "/desk/#progress-year-township"),
            ("整改未完成", len(open_orders.rows), "/desk/orders"), ("逾期未整改", len(late.rows), "/desk/orders"),
            ("依法立案调查", sum(row[3] == ESCALATED for row in open_orders.rows), "/desk/orders"),
            ("待处理冲突", len(conflicts.list_conflicts(central)), "/desk/conflicts"),
            ("暂存同步包", len(importer.held_bundles(central)), "/desk/held")]
    by_town = Table(results.name, "各乡镇检查结果占比", results.columns,
                    [row for row in results.rows if row[0] in ("乡镇", "合计")])
    return {"title": "概况", "keys": keys, "sections": [
        Section(month, chart=charts.bar_chart(month, "乡镇", ["检查次数"], title=month.title)),
        Section(year, chart=charts.bar_chart(year, "乡镇", ["检查次数"], title=year.title)),
        Section(people),
        Section(results, chart=charts.share_chart(by_town, "名称", labels, title=by_town.title))]}


def orders(central: Central, request: Request) -> dict:
    return {"title": "责令改正通知书", "sections": [Section(figures.orders(central, overdue_only=True)),
                                          Section(figures.orders(central))]}


def held(central: Central, request: Request) -> dict:
    names = _device_names(central)
    rows = sorted(importer.held_bundles(central), key=lambda r: (r["device_id"], r["seq_from"]))
    bundles = Table("held-bundles", "暂存的同步包", ["同步包", "笔记本", "起始序号", "截止序号", "原因", "收到时间"],
                    [[r["bundle_id"], names.get(r["device_id"], r["device_id"][:8]), r["seq_from"], r["seq_to"],
                      r["reason"], _when(r["received_at"])] for r in rows],
                    note="排在缺号之后、尚未应用的同步包；强制应用后，涉及的记录标记为“缺号”冲突")
    ops = reprocess.held_ops(central)
    changes = Table("held-changes", "暂存的变更（本程序尚不认识）", ["笔记本", "序号", "对象", "编号", "操作", "原因"],
                    [[names.get(r["device_id"], r["device_id"][:8]), r["seq"], _entity(r), r["entity_id"],
                      r["op"], r["reason"]] for r in ops],
                    note="升级区局程序后点“重新处理”：能识别的变更将被应用，其余继续暂存")
    return {"title": "暂存同步包", "reprocess": bool(ops), "sections": [
        Section(bundles, actions=[[Action("/desk/held/force", "强制应用", {"bundle": r["bundle_id"]}, danger=True)]
                                  for r in rows]),
        Section(changes)]}


def gaps(central: Central, request: Request) -> dict:
    names = _device_names(central)
    alerts = conflicts.list_alerts(central)  # raises the alerts that are due first, as the command does
    table = Table("alerts", "提醒", ["编号", "类型", "笔记本", "同步包", "详情", "提出时间"],
                  [[a["id"], a["kind"], names.get(a["device_id"] or "", (a["device_id"] or "")[:8]),
                    a["bundle_id"] or "", _detail(a["detail"]), _when(a["created_at"])] for a in alerts],
                  note="同步包缺号超过期限等需要人看一眼的情况；处理后清除")
    return {"title": "缺号提醒", "sections": [
        Section(table, actions=[[Action("/desk/gaps/clear", "清除", {"alert": a["id"]})] for a in alerts])]}


def _detail(detail) -> str:
    if isinstance(detail, dict):
        return "，".join(f"{k}: {v}" for k, v in detail.items())
    return str(detail or "")


def conflicts_page(central: Central, request: Request) -> dict:
    names = _device_names(central)
    open_rows = conflicts.list_conflicts(central)
    table = Table("conflicts", "待处理的冲突", ["编号", "类别", "对象", "名称", "字段", "笔记本", "发现时间"],
                  [[r["id"], KIND.get(r["kind"], r["kind"]), _entity(r), r["label"], "、".join(r["fields"]),
                    names.get(r["device_id"] or "", (r["device_id"] or "")[:8]), _when(r["created_at"])]
                   for r in open_rows], note="同一记录在不同笔记本上的修改不一致；核实后标记为已处理")
    done = [r for r in conflicts.list_conflicts(central, include_resolved=True) if r["resolved_at"]][-100:]
    resolved = Table("conflicts-resolved", "最近处理的冲突", ["编号", "对象", "名称", "处理人", "处理时间", "说明"],
                     [[r["id"], _entity(r), r["label"], r["resolved_by"], _when(r["resolved_at"]),
                       r["resolution"] or ""] for r in reversed(done)])
    return {"title": "冲突", "sections": [
        Section(table, actions=[[Action("/desk/conflicts/resolve", "标记为已处理", {"conflict": r["id"]},
                                        note="处理说明（可不填）")] for r in open_rows]),
        Section(resolved)]}


def duplicates_page(central: Central, request: Request) -> dict:
    flags = [r for r in conflicts.list_conflicts(central, kind="hard", entity="establishment")
             if isinstance(r["detail"], dict) and r["detail"].get("why") == duplicates.WHY]
    match = {"licence_no": "许可证号相同", "credit_code": "信用代码相同", "name": "同一乡镇名称相同"}
    rows, actions = [], []
    for r in flags:
        keep, dup = r["detail"].get("duplicate_of"), r["entity_id"]
        names = r["detail"].get("names") or ["", ""]
        rows.append([r["id"], names[0], keep, names[1], dup, match.get(r["detail"].get("match"), "")])
        actions.append([Action("/desk/duplicates/merge", "合并（保留前者）", {"keep": keep, "duplicate": dup},
                               danger=True),
                        Action("/desk/duplicates/merge", "合并（保留后者）", {"keep": dup, "duplicate": keep},
                               danger=True),
                        Action("/desk/duplicates/dismiss", "不是同一主体", {"conflict": r["id"]})])
    table = Table("duplicates", "疑似重复的检查主体", ["编号", "保留", "保留编号", "重复", "重复编号", "依据"], rows,
                  note="合并后，重复的一方标记为已合并，其检查记录随保留的一方显示")
    return {"title": "疑似重复", "find": True, "sections": [Section(table, actions=actions)]}


def laptops(central: Central, request: Request) -> dict:
    towns = dict(townships(central))
    admin_here = (request.scope.get("desk_user") or {}).get("role") == staff.ADMIN
    devs = admin.devices(central)
    table = Table("laptops", "已注册的笔记本", ["设备编号", "名称", "乡镇", "已收到序号", "最后联系", "状态"],
                  [[d["device_id"], d["name"] or "", towns.get(d["township_code"] or "", d["township_code"] or ""),
                    d["applied_through_seq"], _when(d["last_seen_at"]),
                    "正常" if d["revoked_after_seq"] is None else "已注销"] for d in devs])
    grants = admin.pending_grants(central)
    pending = Table("enrolments", "已签发、尚未同步的注册文件", ["注册编号", "名称", "乡镇", "签发时间", "状态"],
                    [[g["grant_serial"], g["device_name"], towns.get(g["township_code"] or "", ""),
                      _when(g["issued_at"]), "待同步" if g["revoked_at"] is None else "已注销"] for g in grants])

    def revoke(fields: dict, alive: bool) -> list[Action]:
        return [Action("/desk/laptops/revoke", "注销", fields, danger=True)] if admin_here and alive else []

    return {"title": "笔记本", "townships": towns, "admin": admin_here, "sections": [
        Section(table, actions=[revoke({"device": d["device_id"]}, d["revoked_after_seq"] is None) for d in devs]),
        Section(pending, actions=[revoke({"grant": g["grant_serial"]}, g["revoked_at"] is None) for g in grants])]}


def assignments_page(central: Central, request: Request) -> dict:
    towns = dict(townships(central))
    names = _device_names(central)
    rows = list(reversed(assignments.list_assignments(central)))
    table = Table("assignments", "检查任务", ["编号", "检查主体", "对象", "期限", "目的", "状态", "下达人", "下达时间"],
                  [[r["id"][:8], r.get("establishment_name") or "",
                    names.get(r.get("device_id") or "", "") or towns.get(r.get("township_code") or "", ""),
                    r.get("due_date"), r.get("purpose") or "", STATUS.get(r.get("status"), r.get("status")),
                    r.get("created_by") or "", _when(r.get("created_at"))] for r in rows])
    return {"title": "检查任务", "townships": towns, "devices": names, "sections": [
        Section(table, actions=[[Action("/desk/assignments/cancel", "取消", {"assignment": r["id"]}, danger=True)]
                                if r.get("status") in assignments.OPEN else [] for r in rows])]}


def staff_page(central: Central, request: Request) -> dict:
    people = staff.list_staff(central)
    table = Table("staff", "区局人员", ["用户名", "姓名", "角色", "状态", "添加时间"],
                  [[p["username"], p["display_name"], p["role_label"], "已停用" if p["disabled"] else "正常",
                    _when(p["created_at"])] for p in people])
    done = staff.actions(central)
    log = Table("desk-actions", "最近的操作", ["时间", "用户名", "操作", "对象", "填写的内容"],
                [[_when(a["at"]), a["username"], ACTION_NAMES.get(a["action"], a["action"]), a["target"] or "",
                  _detail(a["detail"])] for a in done], note="工作台上每一次操作（最近 200 条）")
    tried = staff.attempts(central, limit=100)
    why = {"wrong": "密码不对", "unknown": "没有此用户名", "locked": "账号锁定中", "disabled": "账号已停用"}
    signins = Table("sign-ins", "最近的登录", ["时间", "用户名", "结果", "来自"],
                    [[_when(t["at"]), t["username"], "成功" if t["ok"] else f"失败：{why.get(t['why'], t['why'])}",
                      t["remote"] or ""] for t in tried],
                    note=f"最近 100 次；{staff.MAX_FAILURES} 次失败（15 分钟内）后账号锁定 15 分钟，设置新密码可解除")
    return {"title": "人员", "roles": {k: v.zh for k, v in staff.ROLES.items()}, "sections": [
        Section(table, actions=[[] if p["disabled"] else
                                [Action("/desk/staff/disable", "停用", {"username": p["username"]}, danger=True)]
                                for p in people]),
        Section(log), Section(signins)]}


ACTION_NAMES = {"conflicts/resolve": "处理冲突", "duplicates/find": "查找疑似重复", "duplicates/merge": "合并",
                "duplicates/dismiss": "不是同一主体", "held/force": "强制应用同步包",
                "held/reprocess": "重新处理暂存变更",
                "gaps/clear": "清除提醒", "assignments/create": "下达检查任务", "assignments/cancel": "取消检查任务",
                "laptops/revoke": "注销笔记本", "laptops/enrol": "注册笔记本", "staff/add": "添加人员",
                "staff/disable": "停用人员"}


PAGES = {"overview": (overview, "desk/overview.html"), "orders": (orders, "desk/tables.html"),
         "held": (held, "desk/held.html"), "gaps": (gaps, "desk/tables.html"),
         "conflicts": (conflicts_page, "desk/tables.html"), "duplicates": (duplicates_page, "desk/duplicates.html"),
         "laptops": (laptops, "desk/laptops.html"), "assignments": (assignments_page, "desk/assignments.html"),
         "staff": (staff_page, "desk/staff.html")}


def handler(name: str):
    build, template = PAGES[name]

    async def show(request: Request) -> Response:
        context = await run_in_threadpool(build, central_of(request), request)
        sent = download(request, [s.table for s in context["sections"]])
        if sent is not None:
            return sent
        done = DONE.get(request.query_params.get("done") or "")
        return page(request, template, here=name, done=done, **context)

    return show
