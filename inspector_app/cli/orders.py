"""`inspector orders` (rectification orders: list, escalate) and `inspector recheck` (复查 of an order).

Order 49 Art. 33 ¶2: the bureau follows up an order and records the result. A
re-inspection checks the order's items only and closes the order when every one
passes (core/rechecks.py); an order past its deadline may be escalated to a case
(整改未完成，依法立案调查, core/orders.escalate).
"""

from __future__ import annotations

import argparse
from datetime import date

from ..core.errors import ValidationError
from .common import EXIT_OK, emit, open_store, say
from .inspections import run_inspection, summary_text


def cmd_recheck(args) -> int:
    """The `inspect` output plus the order's status after it."""
    from ..core import orders, rechecks

    def start(session, data, actor):
        return rechecks.start(session, order_id=args.order, inspector_ids=args.inspector,
                              hazard=args.hazard or bool(data.get("hazard")), notes=data.get("notes"), actor_id=actor)

    def after(session, inspection):
        order = orders.get(session, inspection.recheck_of)
        return {"order_status": orders.shown_status(order, date.today()), "order": orders.as_dict(order, date.today())}
    summary = run_inspection(args, start, after)
    emit(args, summary, summary_text(summary) + f"\n  order {summary['order']['id']}: {summary['order_status']}")
    return EXIT_OK


def cmd_orders(args) -> int:
    from ..core import orders
    today = date.fromisoformat(args.today) if args.today else date.today()
    if args.escalate:
        rows = [_escalate(args, today)]
    else:
        with open_store(args).session() as session:
            rows = orders.listing(session, today=today, overdue_only=args.overdue, establishment_id=args.establishment)
    emit(args, rows, "\n".join(_line(row) for row in rows) or "—")
    return EXIT_OK


def _escalate(args, today: date) -> dict:
    """The bureau's decision to file a case, in the name of an active inspector or administrator (--as),
    with their password where they have one: who and when go to the audit log."""
    from ..core import orders, users
    if not args.acting:
        raise ValidationError("orders.escalator_required", field="as")
    store = open_store(args)
    with store.session() as session:
        user = users.find(session, args.acting)
        name, needed = user.name, bool(user.password_hash)
    password = _password(args, name) if needed else None
    with store.write() as session:
        user = users.find(session, args.acting)
        if not user.active:
            raise ValidationError("auth.inactive", field="as", name=user.name)
        if user.role not in ("inspector", "admin"):
            raise ValidationError("inspection.not_an_inspector", field="as", name=user.name)
        users.confirm_password(user, password)
        return orders.as_dict(orders.escalate(session, args.escalate, today=today, note=args.note,
                                              actor_id=user.id), today)


def _password(args, name: str) -> str | None:
    import sys
    if args.password_stdin:
        from .users import _password_from_stdin
        return _password_from_stdin()
    if not sys.stdin.isatty():
        raise ValidationError("auth.password_not_given", field="password", name=name)
    import getpass
    return getpass.getpass(say("auth.password_prompt", name=name))


def _line(row: dict) -> str:
    flag = "  复查未通过" if row["recheck_failed"] else ""
    late = f"  逾期{row['days_overdue']}天" if row["days_overdue"] else ""
    return (f"{row['id']}  {row['status']:<9} {row['deadline']}  {row['number'] or '—'}  "
            f"{', '.join(row['items'])}{late}{flag}")


def register(sub, command) -> None:
    p = command("orders", cmd_orders, help="rectification orders: list them, or escalate an overdue one")
    p.add_argument("--overdue", action="store_true", help="only open orders past their deadline")
    p.add_argument("--establishment", help="only this establishment's orders")
    p.add_argument("--today", help=argparse.SUPPRESS)  # tests and scripts that replay a day
    p.add_argument("--escalate", metavar="ID", help="the bureau files a case: 整改未完成，依法立案调查 (needs --as)")
    p.add_argument("--note", help="why the case is filed (with --escalate)")
    p.add_argument("--as", dest="acting", metavar="USER", help="who decides (with --escalate)")
    p.add_argument("--password-stdin", action="store_true", help="read the --as user's password from standard input")
    p = command("recheck", cmd_recheck, help="re-inspect an open rectification order's items (复查)")
    p.add_argument("--order", required=True)
    p.add_argument("--inspector", action="append", default=[], help="repeat for each inspector (two or more)")
    p.add_argument("--answers", required=True, help="JSON as for `inspect`, answering the order's items only")
    p.add_argument("--hazard", action="store_true", help="a latent incident risk: stop operations at once")
    p.add_argument("--finalize", action="store_true", help="sign and finalize (needs --as); closes the order when "
                                                             "every item passes")
    p.add_argument("--as", dest="acting", metavar="USER", help="who acts: one of the --inspector")
    p.add_argument("--password-stdin", action="store_true", help="read the --as user's password from standard input")
