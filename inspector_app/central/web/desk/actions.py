"""The desk's buttons: the same central functions as the `inspector central …` commands, in a person's name.

Every action is a POST checked for the session's CSRF token (auth.guarded),
records the signed-in staff member as `by`, and answers with a redirect back
to its page (so reloading does not repeat it). A refusal is shown as its
sentence on a page of its own; nothing was changed.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ....core.errors import InspectorError, NotFound, ValidationError
from ....core.sync import canonical, enrolment
from ... import admin, assignments, conflicts, duplicates, importer, reprocess, staff
from ... import models as m
from ..app import central_of
from .render import page
from .words import language_of

STATUS = {"invalid": 400, "not_found": 404, "state_error": 409, "conflict": 409}


def _by(request: Request) -> str:
    who = request.scope["desk_user"]
    return f"{who['display_name']} ({who['username']})"


def _text(form, name: str, label: str, *, required: bool = True, limit: int = 500) -> str:
    value = str(form.get(name) or "").strip()[:limit]
    if required and not value:
        raise ValidationError("desk.field_required", field=name, label=label)
    return value


def _number(form, name: str) -> int:
    value = str(form.get(name) or "").strip()
    if not value.isdigit() or len(value) > 12:
        raise ValidationError("desk.bad_number", field=name, value=value[:20])
    return int(value)


SECRET = ("csrf", "password", "password2")
TARGETS = ("conflict", "bundle", "alert", "device", "grant", "duplicate", "assignment", "username", "device_name",
           "establishment")


def _done(request: Request, path: str, form) -> Any:
    """Keep who did it: the action, what it was about, the form's other fields (never a password or token)."""
    fields = {k: str(v)[:200] for k, v in form.items() if k not in SECRET}
    target = next((fields[k] for k in TARGETS if fields.get(k)), None)
    staff.record_action(central_of(request), request.scope["desk_user"]["username"],
                        path.removeprefix("/desk/"), target, fields)


def action(path: str, back: str, done: str, work: Callable[[Request, Any], Any]):
    def work_and_record(request: Request, form) -> Any:
        result = work(request, form)
        _done(request, path, form)
        return result

    async def run(request: Request) -> Response:
        form = await request.form()
        try:
            result = await run_in_threadpool(work_and_record, request, form)
        except InspectorError as exc:
            return page(request, "desk/message.html", status=STATUS.get(exc.kind, 400),
                        error=exc.message_in(language_of(request)), back=back)
        if isinstance(result, Response):
            return result
        return RedirectResponse(f"{back}?done={done}", status_code=303)

    return run


def resolve(request, form):
    return conflicts.resolve(central_of(request), _number(form, "conflict"), by=_by(request),
                             note=_text(form, "note", "处理说明", required=False) or None)


def dismiss(request, form):
    return conflicts.resolve(central_of(request), _number(form, "conflict"), by=_by(request),
                             note="不是同一主体 / not the same place")


def merge(request, form):
    return duplicates.merge(central_of(request), _text(form, "keep", "保留"), _text(form, "duplicate", "重复"),
                            by=_by(request))


def find_duplicates(request, form):
    return duplicates.find(central_of(request))


def force(request, form):
    return importer.force_held(central_of(request), _text(form, "bundle", "同步包"), by=_by(request))


def reprocess_all(request, form):
    return reprocess.reprocess(central_of(request), by=_by(request))


def clear(request, form):
    return conflicts.clear_alert(central_of(request), _number(form, "alert"))


def revoke(request, form):
    device, grant = _text(form, "device", "", required=False), _text(form, "grant", "", required=False)
    if not (device or grant):
        raise NotFound("central.no_device", field="device", device="")
    return admin.revoke(central_of(request), device or None, grant=grant or None)


def enrol(request, form) -> Response:
    """Issue an enrolment and show it at once: the QR code to scan and the file to download (kept nowhere)."""
    import qrcode
    name = _text(form, "device_name", "笔记本名称", limit=64)
    doc = admin.issue_enrolment(central_of(request), device_name=name, township=_text(form, "township", "乡镇"))
    image = qrcode.make(enrolment.qr_text(doc), error_correction=qrcode.constants.ERROR_CORRECT_L)
    png = io.BytesIO()
    image.save(png)
    grant = doc["grant"]["body"]
    return page(request, "desk/enrolled.html", grant=grant, name=name,
                qr=base64.b64encode(png.getvalue()).decode("ascii"),
                file=base64.b64encode(canonical.dumps(doc, floats=False)).decode("ascii"),
                filename=f"enrolment-{grant['serial']}.json")


def _establishment(central, text: str) -> str:
    """An establishment by its id, or by its exact name when only one place has it."""
    r = m.record.c
    with central.engine.connect() as c:
        if c.execute(select(r.id).where(r.entity == "establishment", r.id == text)).first():
            return text
        hits = c.execute(select(r.id).where(r.entity == "establishment", r.deleted.is_(False),
                                            r.data["name"].as_string() == text)).scalars().all()
    if len(hits) > 1:
        raise ValidationError("desk.several_establishments", field="establishment", name=text, count=len(hits))
    if not hits:
        raise NotFound("assignments.no_establishment", field="establishment", id=text)
    return hits[0]


def assign(request, form):
    central = central_of(request)
    target = _text(form, "target", "对象")
    kind, _, value = target.partition(":")
    place = _establishment(central, _text(form, "establishment", "检查主体"))
    return assignments.assign(central, establishment_id=place,
                              due=_text(form, "due", "期限"), by=_by(request),
                              device_id=value if kind == "device" else None,
                              township=value if kind == "township" else None,
                              purpose=_text(form, "purpose", "目的", required=False) or "routine",
                              note=_text(form, "note", "备注", required=False) or None)


def cancel(request, form):
    return assignments.cancel(central_of(request), _text(form, "assignment", "检查任务"), by=_by(request))


def add_staff(request, form):
    if str(form.get("password") or "") != str(form.get("password2") or ""):
        raise ValidationError("desk.passwords_differ", field="password")
    return staff.create(central_of(request), username=_text(form, "username", "用户名"),
                        display_name=_text(form, "display_name", "姓名"), role=_text(form, "role", "角色"),
                        password=str(form.get("password") or ""))


def disable_staff(request, form):
    return staff.disable(central_of(request), _text(form, "username", "用户名"))


# (path, page to go back to, what the page then says, the work, admins only)
ACTIONS = [("/desk/conflicts/resolve", "/desk/conflicts", "resolved", resolve, False),
           ("/desk/duplicates/find", "/desk/duplicates", "found", find_duplicates, False),
           ("/desk/duplicates/merge", "/desk/duplicates", "merged", merge, False),
           ("/desk/duplicates/dismiss", "/desk/duplicates", "dismissed", dismiss, False),
           ("/desk/held/force", "/desk/held", "forced", force, False),
           ("/desk/held/reprocess", "/desk/held", "reprocessed", reprocess_all, False),
           ("/desk/gaps/clear", "/desk/gaps", "cleared", clear, False),
           ("/desk/assignments/create", "/desk/assignments", "assigned", assign, False),
           ("/desk/assignments/cancel", "/desk/assignments", "cancelled", cancel, False),
           ("/desk/laptops/revoke", "/desk/laptops", "revoked", revoke, True),
           ("/desk/laptops/enrol", "/desk/laptops", "", enrol, True),
           ("/desk/staff/add", "/desk/staff", "staff_added", add_staff, True),
           ("/desk/staff/disable", "/desk/staff", "staff_disabled", disable_staff, True)]
