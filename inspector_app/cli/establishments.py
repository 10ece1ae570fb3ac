"""`inspector establishments add|search|show`: the register."""

from __future__ import annotations

import json

from ..core.codes import CATEGORY_CODES
from .common import EXIT_OK, emit, open_store, quick_read, say

OPTIONAL_FIELDS = ("licence_no", "credit_code", "address", "phone", "legal_rep", "responsible_id_no", "contact_person",
                   "risk_grade")


def cmd_establishments_add(args) -> int:
    from ..core import establishments
    fields = {k: getattr(args, k) for k in OPTIONAL_FIELDS if getattr(args, k)}
    with open_store(args).write() as session:
        row = establishments.add(session, name=args.name, category=args.category, township=args.township,
                                 village=args.village, **fields)
        data = {"id": str(row.id), "name": row.name, "category": row.category, "licence_no": row.licence_no,
                "credit_code": row.credit_code}
    emit(args, data, f"{data['id']}  {data['name']}")
    return EXIT_OK


def cmd_establishments_search(args) -> int:
    def quick(connection) -> list[dict] | None:
        from ..core import register_search
        from ..core.reads.areas import unique_id
        township = unique_id(connection, args.township, level="township") if args.township else None
        if args.township and township is None:
            return None  # no such township, or several: areas.find says which
        return [hit.to_dict() for hit in register_search.search(
            connection, args.query, limit=args.limit, township_id=township, category=args.category)]

    rows = quick_read(args, quick, lambda: _search_through_orm(args))
    emit(args, rows, "\n".join(f"{r['id']}  {r['name']}  [{r['category']}] {r['township']}"
                               f"  {r['licence_no'] or ''}" for r in rows) or say("cli.no_match"))
    return EXIT_OK


def _search_through_orm(args) -> list[dict]:
    from ..core import areas, establishments
    with open_store(args).session() as session:
        township = areas.find(session, args.township, level="township").id if args.township else None
        hits = establishments.search(session, args.query, limit=args.limit, township_id=township,
                                     category=args.category)
        return [hit.to_dict() for hit in hits]


def cmd_establishments_show(args) -> int:
    from ..core.reads import establishment
    emit(args, quick_read(args, lambda connection: establishment.show(connection, args.id),
                          lambda: _show_through_orm(args)))
    return EXIT_OK


def _show_through_orm(args) -> dict:
    from ..core import areas, establishments, inspections
    from ..core.reads.establishment import FIELDS
    with open_store(args).session() as session:
        row = establishments.get(session, args.id)
        names = areas.names(session)
        record = json.loads(row.model_dump_json())
        data = {**{name: record[name] for name in FIELDS}, "township": names.get(row.township_id),
                "village": names.get(row.village_id)}
        data["inspections"] = [
            {"id": str(i.id), "status": i.status, "result": i.result, "ended_at": i.ended_at}
            for i in inspections.history(session, row.id)]
    return data


def register(sub, command) -> None:
    group = sub.add_parser("establishments", help="the register").add_subparsers(dest="action", required=True)
    p = command("add", cmd_establishments_add, group)
    p.add_argument("--name", required=True)
    p.add_argument("--category", required=True, choices=CATEGORY_CODES)
    p.add_argument("--township", required=True, help="township name or division code")
    p.add_argument("--village")
    p.add_argument("--licence", dest="licence_no",
                   help="JY/SC licence; a workshop's 登记证 or a stall's 备案证明 number (docs/registration-papers.md)")
    p.add_argument("--credit-code")
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--legal-rep")
    p.add_argument("--id-number", dest="responsible_id_no",
                   help="the responsible person's resident ID number (printed masked on documents)")
    p.add_argument("--contact-person")
    p.add_argument("--risk-grade", choices=("A", "B", "C", "D"))
    p = command("search", cmd_establishments_search, group)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--township")
    p.add_argument("--category", choices=CATEGORY_CODES)
    p = command("show", cmd_establishments_show, group)
    p.add_argument("id")
