"""Assignments: the laptop's `assignments` and the district's `central assign|assignments`."""

from __future__ import annotations

from .common import EXIT_OK, central_store, emit, open_store, say


def _text(rows: list[dict]) -> str:
    return "\n".join(f"{r['id']}  due {r['due_date']}  {r['status']:<9} {r.get('establishment_name') or ''}"
                     + (f"  ({r['note']})" if r.get("note") else "") for r in rows) or say("cli.no_assignments")


def cmd_assignments(args) -> int:
    from ..core import assignments
    store = open_store(args)
    if args.action in ("accept", "decline"):
        with store.write() as session:
            row = assignments.respond(session, args.id, "accepted" if args.action == "accept" else "declined",
                                      reason=args.reason, user_id=args.user)
            data = {"id": str(row.id), "assignment_id": str(row.assignment_id), "response": row.response,
                    "reason": row.reason}
        emit(args, data, say("cli.assignment_accepted" if data["response"] == "accepted"
                             else "cli.assignment_declined"))
        return EXIT_OK
    with store.session() as session:
        rows = [view.to_dict() for view in assignments.mine(session, include_closed=args.all)]
    emit(args, rows, _text(rows))
    return EXIT_OK


def cmd_central_assign(args) -> int:
    from ..central import assignments
    with central_store(args) as central:
        data = assignments.assign(central, establishment_id=args.establishment, due=args.due, by=args.by or "",
                                  device_id=args.device, township=args.township, purpose=args.purpose,
                                  note=args.note)
    emit(args, data, say("cli.assignment_created", id=data["id"], name=data["establishment_name"],
                         due=data["due_date"]))
    return EXIT_OK


def cmd_central_assignments(args) -> int:
    from ..central import assignments
    with central_store(args) as central:
        if args.cancel:
            data = assignments.cancel(central, args.cancel, by=args.by or "")
            emit(args, data, say("cli.assignment_cancelled", id=data["id"]))
            return EXIT_OK
        rows = assignments.list_assignments(central, status=args.status)
    emit(args, rows, _text(rows))
    return EXIT_OK


def register(sub, command) -> None:
    p = command("assignments", cmd_assignments, help="what the district asked this laptop to inspect; "
                                                      "accept or decline one")
    p.add_argument("action", nargs="?", choices=("list", "accept", "decline"), default="list")
    p.add_argument("id", nargs="?", help="the assignment (for accept and decline)")
    p.add_argument("--reason", help="why it is declined")
    p.add_argument("--user", help="the inspector answering (user id)")
    p.add_argument("--all", action="store_true", help="include done, cancelled and declined ones")


def register_central(central) -> None:
    """Called by the central group with its sub-command maker (which adds --db)."""
    p = central("assign", cmd_central_assign, help="ask a laptop or a township's laptops to inspect a place")
    p.add_argument("--establishment", required=True, metavar="ID")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--device", metavar="ID", help="one laptop")
    p.add_argument("--township", metavar="NAME_OR_CODE", help="every laptop of a township")
    p.add_argument("--purpose", default="routine", help="routine, complaint, special campaign, re-inspection …")
    p.add_argument("--note")
    p.add_argument("--by", metavar="NAME")
    p = central("assignments", cmd_central_assignments, help="list assignments (or cancel one)")
    p.add_argument("--status", choices=("assigned", "accepted", "declined", "done", "cancelled"))
    p.add_argument("--cancel", metavar="ID")
    p.add_argument("--by", metavar="NAME")
