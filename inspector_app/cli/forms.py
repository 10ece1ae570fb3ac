"""`inspector forms list|show|validate`: the installed checklists."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, emit, open_store, say


def cmd_forms_list(args) -> int:
    from ..core import catalog
    with open_store(args).session() as session:
        rows = [{"id": r.id, "version": r.version, "title": r.title, "categories": r.categories,
                 "content_hash": r.content_hash} for r in catalog.latest(session)]
    emit(args, rows, "\n".join(f"{r['id']:<16} v{r['version']}  {r['title']}" for r in rows))
    return EXIT_OK


def cmd_forms_show(args) -> int:
    from ..core import catalog
    with open_store(args).session() as session:
        checklist = catalog.get(session, args.id, args.version)
    data = {"id": checklist.id, "version": checklist.version, "title": checklist.title.zh,
            "title_en": checklist.title.en, "categories": list(checklist.categories),
            "rule": {"name": checklist.rule.name, "params": checklist.rule.params},
            "coverage": checklist.coverage.model_dump(), "content_hash": checklist.content_hash,
            "items": [{"id": item.id, "section": checklist.section_of[item.id], "kind": item.kind,
                       "key": item.key, "text": item.text.zh, "text_en": item.text.en,
                       "scored": item.scored, "evidence_on_fail": item.evidence_on_fail}
                      for item in checklist.items.values()]}
    text = "\n".join([f"{checklist.id} v{checklist.version}  {checklist.title.zh}"] +
                     [f"  {'★' if i['key'] else ' '} {i['id']:<6} {i['kind']:<6} {i['text']}" for i in data["items"]])
    emit(args, data, text)
    return EXIT_OK


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
