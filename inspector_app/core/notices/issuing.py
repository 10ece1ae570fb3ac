"""Issuing notices: the first print makes the notice (id, number, signed token); reprints are copies.

A notice is one row per (inspection, kind). The first print creates it —
for an order it also writes the number onto the rectification order, which
syncs — and every print, first or not, adds one audit-log row. A reprint
reuses the id and token, is marked 副本, and changes no other row.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from sqlmodel import func, select

from .. import audit, keys, orders
from ..errors import StateError, ValidationError
from ..ids import as_uuid
from ..models import AuditLog, Notice, new_id
from . import KINDS, PAPERS, coercive, numbering, sealing, token
from .address import own_base, redress, verify_url
from .content import NoticeContent, gather

PRINT_ACTION = "notice.print"
PURPOSES = ("print", "pdf")


def _check(kind: str, paper: str) -> None:
    if kind not in KINDS:
        raise ValidationError("notices.unknown_kind", field="kind", kind=repr(kind), allowed=", ".join(KINDS))
    if paper not in PAPERS:
        raise ValidationError("notices.unknown_paper", field="paper", paper=repr(paper), allowed=", ".join(PAPERS))


def existing(session, inspection_id, kind: str) -> Notice | None:
    """The notice already issued for this inspection and kind, if any."""
    return session.exec(select(Notice).where(Notice.inspection_id == as_uuid(inspection_id, "inspection"),
                                             Notice.kind == kind)).first()


def kinds_available(session, inspection_id) -> list[str]:
    """The notice kinds this inspection can have (an order only where one was issued; the coercive-measures
    decision only where the inspection stopped operations and the bureau recorded what it sealed)."""
    inspection_id = as_uuid(inspection_id, "inspection")
    has = {"order": bool(orders.for_inspection(session, inspection_id)),
           "coercive": coercive.possible(session, inspection_id)}
    return [kind for kind in KINDS if has.get(kind, True)]


def print_count(session, notice_id) -> int:
    """How often a notice was printed or saved (from the audit log)."""
    return session.exec(select(func.count()).select_from(AuditLog).where(
        AuditLog.action == PRINT_ACTION, AuditLog.entity_id == str(notice_id))).one()


def _content(session, *, paths, settings, inspection_id, kind, paper, printed_on) -> NoticeContent:
    paper = paper or settings["paper"]
    _check(kind, paper)
    content = gather(session, inspection_id=inspection_id, kind=kind, paper=paper,
                     bureau=settings["bureau_name"], blobs=paths.blobs, printed_on=printed_on)
    if kind == "order" and not orders.for_inspection(session, uuid.UUID(content.inspection_id)):
        raise StateError("notices.no_order", field="kind")
    review_body, court = redress(settings, session)
    things = sealing.of(session, content.inspection_id, start=content.inspected_on)
    if kind == "coercive" and not (content.stops and things):
        raise StateError("sealing.not_stopped" if not content.stops else "sealing.missing", field="kind")
    return replace(content, review_body=review_body, court=court, sealing=things,
                   contact_phone=str(settings.get("unit_phone") or ""))


def _identify(content: NoticeContent, notice: Notice, base_url: str, *, copy: bool) -> NoticeContent:
    return replace(content, notice_id=str(notice.id), number=notice.number, token=notice.token,
                   verify_url=verify_url(base_url, notice.token), copy=copy)


def preview(session, *, paths, settings, inspection_id, kind: str, paper: str | None = None,
            printed_on: date | None = None) -> NoticeContent:
    """What a print would show, without issuing anything (read-only).

    An unissued notice previews without a QR code and is marked 样张; an issued
    one previews as the copy a print would now give.
    """
    content = _content(session, paths=paths, settings=settings, inspection_id=inspection_id, kind=kind,
                       paper=paper, printed_on=printed_on)
    notice = existing(session, content.inspection_id, kind)
    return content if notice is None else _identify(content, notice, own_base(settings, session), copy=True)


def facts_of(content: NoticeContent, notice_id: uuid.UUID) -> token.TokenFacts:
    return token.TokenFacts(notice_id=notice_id, kind=content.kind, inspection_id=uuid.UUID(content.inspection_id),
                            name=content.party.name, licence_no=content.party.licence_no or "",
                            inspected_on=content.inspected_on, result=content.result,
                            handling=content.handling, deadline=content.deadline)


def _create(session, content: NoticeContent, *, paths, actor_id, local_prefix: str | None = None) -> Notice:
    device = keys.load_device_keys(session, paths.keys)
    notice_id = new_id()
    number = None
    order_row = orders.for_inspection(session, uuid.UUID(content.inspection_id))[:1] if content.kind == "order" else []
    if order_row and order_row[0].number:
        number = order_row[0].number  # numbered already (e.g. on another laptop): keep it
    if number is None:
        number = numbering.assign(session, kind=content.kind, year=content.inspected_on.year,
                                  local_prefix=local_prefix)
    text = token.sign(facts_of(content, notice_id), device.sign, device.sign_key_id)
    notice = Notice(id=notice_id, inspection_id=uuid.UUID(content.inspection_id), kind=content.kind,
                    paper=content.paper, number=number, token=text, key_id=device.sign_key_id,
                    device_id=device.device_id, created_by=actor_id)
    session.add(notice)
    if order_row and order_row[0].number != number:
        order_row[0].number = number  # a syncable change: the outbox records it on flush
        session.add(order_row[0])
    session.flush()
    return notice


def issue(session, *, paths, settings, inspection_id, kind: str, paper: str | None = None,
          purpose: str = "print", actor_id=None, printed_on: date | None = None) -> NoticeContent:
    """Issue (first time) or reissue (副本) a notice and log the print; returns what to render.

    Call in a write transaction (`store.write()`), then render the result,
    e.g. on a worker thread. The audit row is written here, so a print that
    then fails still counts as printed: open the printer dialog before issuing.
    """
    if purpose not in PURPOSES:
        raise ValidationError("notices.bad_purpose", field="purpose", allowed=", ".join(PURPOSES))
    content = _content(session, paths=paths, settings=settings, inspection_id=inspection_id, kind=kind,
                       paper=paper, printed_on=printed_on)
    notice = existing(session, content.inspection_id, kind)
    copy = notice is not None
    if notice is None:
        notice = _create(session, content, paths=paths, actor_id=actor_id,
                         local_prefix=settings.get("local_number_prefix"))
    audit.record(session, action=PRINT_ACTION, entity="notice", entity_id=notice.id, actor_id=actor_id,
                 detail={"inspection": content.inspection_id, "kind": kind, "paper": content.paper,
                         "copy": copy, "purpose": purpose, "number": notice.number})
    return _identify(content, notice, own_base(settings, session), copy=copy)
