"""`inspector forms list|show|validate`: the installed checklists."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, emit, open_store, quick_read, say


def cmd_forms_list(args) -> int:
    from ..core.reads import checklist
    rows = quick_read(args, checklist.latest, lambda: _list_through_orm(args))
    emit(args, rows, "\n".join(f"{r['id']:<16} v{r['version']}  {r['title']}" for r in rows))
    return EXIT_OK


def _list_through_orm(args) -> list[dict]:
    from ..core import catalog
    with open_store(args).session() as session:
        return [{"id": r.id, "version": r.version, "title": r.title, "categories": r.categories,
                 "content_hash": r.content_hash} for r in catalog.latest(session)]


def cmd_forms_show(args) -> int:
    from ..core.reads import checklist
    data = quick_read(args, lambda connection: checklist.show(connection, args.id, args.version),
                      lambda: _show_through_orm(args))
    text = "\n".join([f"{data['id']} v{data['version']}  {data['title']}"] +
                     [f"  {'★' if i['key'] else ' '} {i['id']:<6} {i['kind']:<6} {i['text']}" for i in data["items"]])
    emit(args, data, text)
    return EXIT_OK


def _show_through_orm(args) -> dict:
    from ..core import catalog
    from ..core.reads.checklist import describe
    with open_store(args).session() as session:
        return describe(catalog.get(session, args.id, args.version))


def cmd_forms_validate(args) -> int:
    from ..core import checklists
    checklist = checklists.load_file(Path(args.path))
    data = {"valid": True, "id": checklist.id, "version": checklist.version, "items": len(checklist.items),
            "key_items": sum(item.key for item in checklist.items.values()),
            "content_hash": checklist.content_hash}
    emit(args, data, say("cli.form_valid", id=checklist.id, version=checklist.version, items=data["items"],
                         key_items=data["key_items"]))
    return EXIT_OK


def register(sub, command) -> None:
    group = sub.add_parser("forms", help="checklists").add_subparsers(dest="action", required=True)
    command("list", cmd_forms_list, group)
    p = command("show", cmd_forms_show, group)
    p.add_argument("id")
    p.add_argument("--version", type=int)
    p = command("validate", cmd_forms_validate, group)
    p.add_argument("path")
