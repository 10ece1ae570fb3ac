"""`inspector areas list`: the district's townships and villages."""

from __future__ import annotations

from .common import EXIT_OK, emit, open_store


def cmd_areas_list(args) -> int:
    from ..core import areas
    with open_store(args).session() as session:
        rows = [{"id": str(t.id), "code": t.code, "name": t.name, "population": t.population,
                 "villages": [v.name for v in areas.villages(session, t.id)] if args.villages else None}
                for t in areas.townships(session)]
    emit(args, rows, "\n".join(f"{r['code']}  {r['name']}" for r in rows))
    return EXIT_OK


def register(sub, command) -> None:
    group = sub.add_parser("areas", help="townships and villages").add_subparsers(dest="action", required=True)
    p = command("list", cmd_areas_list, group)
    p.add_argument("--villages", action="store_true")
