"""The `inspector` command. With no command it opens the desktop app.

Township IT and acceptance tests script it, so every command that prints
data takes --json, errors go to stderr with a non-zero exit code, and a
failed command leaves the store as it was (one transaction per command).
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
import sys
from pathlib import Path

from . import __version__
from .core import areas, catalog, checklists, district, establishments, evidence, inspections, keys, users
from .core.categories import CATEGORY_CODES
from .core.db import Store, open_store
from .core.errors import InspectorError, StoreError, ValidationError
from .core.inspection_summary import summarize
from .core.models import ROLES
from .core.paths import AppPaths

EXIT_ERROR, EXIT_USAGE = 1, 2
# Feature modules that add commands: each has register(subparsers, command).
EXTENSIONS: tuple[str, ...] = ("inspector_app.cli_notices", "inspector_app.cli_sync", "inspector_app.cli_assignments")


class CommandError(InspectorError):
    code = "usage"


def _emit(args, data, text: str | None = None) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text if text is not None else json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _paths(args) -> AppPaths:
    return AppPaths.at(args.data_dir)


def _store(args, *, create: bool = False) -> Store:
    paths = _paths(args)
    if not create and not paths.database.exists():
        raise StoreError(f"no store in {paths.data_dir}; run `inspector init` (or `inspector demo`) first")
    paths.ensure()
    return open_store(paths.database)


# --- commands -------------------------------------------------------------------

def cmd_init(args) -> int:
    store = _store(args, create=True)
    with store.write() as session:
        added = catalog.install_shipped(session)
        district.ensure_areas(session)
        device = keys.ensure_device_keys(session, _paths(args).keys)
    _emit(args, {"data_dir": str(_paths(args).data_dir), "device_id": device.device_id,
                 "sign_key_id": device.sign_key_id,
                 "installed_forms": [f"{i}.v{v}" for i, v in added]},
          f"Store ready in {_paths(args).data_dir} ({len(added)} checklist(s) installed).")
    return 0


def cmd_demo(args) -> int:
    from .core import demo
    paths = _paths(args)
    if paths.database.exists() and args.replace:
        for suffix in ("", "-wal", "-shm"):
            Path(str(paths.database) + suffix).unlink(missing_ok=True)
    store = _store(args, create=True)
    report = demo.build(store, establishments=args.establishments, seed=args.seed)
    _emit(args, report, f"Demo district ready in {paths.data_dir}: " +
          ", ".join(f"{v} {k}" for k, v in report["counts"].items()))
    return 0


def cmd_users_add(args) -> int:
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ValidationError("no password on standard input; give one, or leave out --password-stdin",
                                  field="password")
    elif args.password:
        password = getpass.getpass("Password: ")
    with _store(args).write() as session:
        township = areas.find(session, args.township, level="township").id if args.township else None
        user = users.add(session, name=args.name, role=args.role, credential_no=args.credential,
                         password=password, township_id=township)
        data = {"id": str(user.id), "name": user.name, "role": user.role, "credential_no": user.credential_no}
    _emit(args, data, f"{data['id']}  {data['name']} ({data['role']})")
    return 0


def cmd_users_passwd(args) -> int:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else getpass.getpass("New password: ")
    with _store(args).write() as session:
        user = users.set_password(session, args.user, password)
        data = {"id": str(user.id), "name": user.name}
    _emit(args, data, f"password set for {data['name']}")
    return 0


def cmd_users_list(args) -> int:
    with _store(args).session() as session:
        rows = [{"id": str(u.id), "name": u.name, "role": u.role, "credential_no": u.credential_no,
                 "active": u.active} for u in users.list_users(session, args.role)]
    _emit(args, rows, "\n".join(f"{r['id']}  {r['role']:<9} {r['credential_no']:<12} {r['name']}" for r in rows))
    return 0


def cmd_areas_list(args) -> int:
    with _store(args).session() as session:
        rows = [{"id": str(t.id), "code": t.code, "name": t.name, "population": t.population,
                 "villages": [v.name for v in areas.villages(session, t.id)] if args.villages else None}
                for t in areas.townships(session)]
    _emit(args, rows, "\n".join(f"{r['code']}  {r['name']}" for r in rows))
    return 0


def cmd_establishments_add(args) -> int:
    fields = {k: getattr(args, k) for k in ("licence_no", "credit_code", "address", "phone", "legal_rep",
                                             "contact_person", "risk_grade") if getattr(args, k)}
    with _store(args).write() as session:
        row = establishments.add(session, name=args.name, category=args.category, township=args.township,
                                 village=args.village, **fields)
        data = {"id": str(row.id), "name": row.name, "category": row.category, "licence_no": row.licence_no,
                "credit_code": row.credit_code}
    _emit(args, data, f"{data['id']}  {data['name']}")
    return 0


def cmd_establishments_search(args) -> int:
    with _store(args).session() as session:
        township = areas.find(session, args.township, level="township").id if args.township else None
        hits = establishments.search(session, args.query, limit=args.limit, township_id=township,
                                     category=args.category)
        rows = [hit.to_dict() for hit in hits]
    _emit(args, rows, "\n".join(f"{r['id']}  {r['name']}  [{r['category']}] {r['township']}"
                                f"  {r['licence_no'] or ''}" for r in rows) or "(no match)")
    return 0


def cmd_establishments_show(args) -> int:
    with _store(args).session() as session:
        row = establishments.get(session, args.id)
        names = areas.names(session)
        data = {**json.loads(row.model_dump_json()), "township": names.get(row.township_id),
                "village": names.get(row.village_id)}
        data["inspections"] = [
            {"id": str(i.id), "status": i.status, "result": i.result, "ended_at": i.ended_at}
            for i in inspections.history(session, row.id)]
    _emit(args, data)
    return 0


def cmd_forms_list(args) -> int:
    with _store(args).session() as session:
        rows = [{"id": r.id, "version": r.version, "title": r.title, "categories": r.categories,
                 "content_hash": r.content_hash} for r in catalog.latest(session)]
    _emit(args, rows, "\n".join(f"{r['id']:<16} v{r['version']}  {r['title']}" for r in rows))
    return 0


def cmd_forms_show(args) -> int:
    with _store(args).session() as session:
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
    _emit(args, data, text)
    return 0


def cmd_forms_validate(args) -> int:
    checklist = checklists.load_file(Path(args.path))
    data = {"valid": True, "id": checklist.id, "version": checklist.version, "items": len(checklist.items),
            "key_items": sum(item.key for item in checklist.items.values()),
            "content_hash": checklist.content_hash}
    _emit(args, data, f"OK: {checklist.id} v{checklist.version}, {data['items']} items "
                      f"({data['key_items']} key)")
    return 0


def _read_answers(path: str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read the answers file {path}: {exc}", field="answers") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"the answers file {path} is not valid JSON: {exc}", field="answers") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise ValidationError('the answers file must look like {"items": {"<item id>": {"answer": "pass"}}}',
                              field="answers")
    for item_id, entry in data["items"].items():
        if not isinstance(entry, dict):
            raise ValidationError(f'item {item_id}: give an object like {{"answer": "pass"}}',
                                  field=f"items.{item_id}")
        unknown = set(entry) - {"answer", "note", "value", "photos"}
        if unknown:
            raise ValidationError(f"item {item_id}: unknown keys {sorted(unknown)}", field=f"items.{item_id}")
        photos = entry.get("photos", [])
        if not isinstance(photos, list) or not all(isinstance(p, str) for p in photos):
            raise ValidationError(f"item {item_id}: photos must be a list of file paths", field=f"items.{item_id}")
    return data


def cmd_inspect(args) -> int:
    data = _read_answers(args.answers)
    base = Path(args.answers).resolve().parent
    with _store(args).write() as session:
        inspection = inspections.start(session, establishment_id=args.establishment, checklist_id=args.form,
                                       version=args.form_version, inspector_ids=args.inspector,
                                       hazard=args.hazard or bool(data.get("hazard")),
                                       amends_id=args.amends, notes=data.get("notes"))
        for item_id, entry in data["items"].items():
            inspections.record_answer(session, inspection.id, item_id=item_id, answer=entry.get("answer"),
                                      value=entry.get("value"), note=entry.get("note"))
            for photo in entry.get("photos") or ():
                evidence.attach(session, _paths(args).blobs, inspection_id=inspection.id, item_id=item_id,
                                source=base / photo)
        if args.finalize:
            inspections.finalize(session, inspection.id)
        summary = summarize(session, inspection)
    _emit(args, summary, _summary_text(summary))
    return 0


def _summary_text(s: dict) -> str:
    rate = "—" if s["general_pass_rate"] is None else f"{s['general_pass_rate']:.1%}"
    return "\n".join([
        f"inspection {s['id']} ({s['status']})",
        f"  {s['establishment']['name']} — {s['checklist']['id']} v{s['checklist']['version']}",
        f"  result:   {s['result_label'] or '—'} ({s['result']})",
        f"  handling: {s['handling_label'] or '—'} ({s['handling']})" + ("  立案" if s["case_filing"] else ""),
        f"  failed key items: {', '.join(s['failed_key_items']) or '—'}",
        f"  failed general items: {', '.join(s['failed_general_items']) or '—'}",
        f"  general pass rate: {rate}",
        f"  rectify by: {s['rectification_deadline'] or '—'}",
    ])


def cmd_show_inspection(args) -> int:
    with _store(args).session() as session:
        summary = summarize(session, inspections.get(session, args.id), with_answers=True)
    _emit(args, summary, _summary_text(summary))
    return 0


def cmd_gui(args) -> int:
    from .launch import has_display
    if not has_display():
        raise CommandError("there is no display for the desktop app here; run it in a desktop session, "
                           "or use the commands listed by `inspector --help`")
    try:
        from .gui.app import main as gui_main
    except ImportError as exc:
        raise CommandError(f"the desktop app is not available in this build ({exc}); "
                           "use the commands listed by `inspector --help`") from None
    return gui_main(data_dir=args.data_dir)


# --- parser ---------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser = _Parser(prog="inspector", description="Food-safety inspection, offline first.")
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $INSPECTOR_HOME, else the folder chosen in the "
                                           "desktop app's Settings, else the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, func, parent=sub, **kw):
        p = parent.add_parser(name, parents=[common], **kw)
        p.__class__ = _Parser
        p.set_defaults(func=func)
        return p

    command("init", cmd_init, help="create the store (safe to repeat)")
    p = command("demo", cmd_demo, help="build a realistic demo district")
    p.add_argument("--establishments", type=int, default=5000)
    p.add_argument("--seed", type=int, default=2018)
    p.add_argument("--replace", action="store_true", help="replace an existing store in the data folder")
    command("gui", cmd_gui, help="open the desktop app")

    group = sub.add_parser("users", help="local users").add_subparsers(dest="action", required=True)
    p = command("add", cmd_users_add, group)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--credential", required=True, help="enforcement credential number (执法证号)")
    p.add_argument("--township")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--password", action="store_true", help="ask for a password")
    p = command("list", cmd_users_list, group)
    p.add_argument("--role", choices=ROLES)
    p = command("passwd", cmd_users_passwd, group, help="set a user's password (the desktop sign-in needs one)")
    p.add_argument("--user", required=True, help="the user's id")
    p.add_argument("--password-stdin", action="store_true")

    group = sub.add_parser("areas", help="townships and villages").add_subparsers(dest="action", required=True)
    p = command("list", cmd_areas_list, group)
    p.add_argument("--villages", action="store_true")

    group = sub.add_parser("establishments", help="the register").add_subparsers(dest="action", required=True)
    p = command("add", cmd_establishments_add, group)
    p.add_argument("--name", required=True)
    p.add_argument("--category", required=True, choices=CATEGORY_CODES)
    p.add_argument("--township", required=True, help="township name or division code")
    p.add_argument("--village")
    p.add_argument("--licence", dest="licence_no")
    p.add_argument("--credit-code")
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--legal-rep")
    p.add_argument("--contact-person")
    p.add_argument("--risk-grade", choices=("A", "B", "C", "D"))
    p = command("search", cmd_establishments_search, group)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--township")
    p.add_argument("--category", choices=CATEGORY_CODES)
    p = command("show", cmd_establishments_show, group)
    p.add_argument("id")

    group = sub.add_parser("forms", help="checklists").add_subparsers(dest="action", required=True)
    command("list", cmd_forms_list, group)
    p = command("show", cmd_forms_show, group)
    p.add_argument("id")
    p.add_argument("--version", type=int)
    p = command("validate", cmd_forms_validate, group)
    p.add_argument("path")

    p = command("inspect", cmd_inspect, help="run an inspection from an answers file")
    p.add_argument("--establishment", required=True)
    p.add_argument("--form", required=True)
    p.add_argument("--form-version", type=int)
    p.add_argument("--inspector", action="append", default=[], help="repeat for each inspector (two or more)")
    p.add_argument("--answers", required=True, help='JSON: {"items": {"<item id>": {"answer": "pass"}}}')
    p.add_argument("--hazard", action="store_true", help="a latent incident risk: stop operations at once")
    p.add_argument("--amends", help="the finalized inspection this one corrects")
    p.add_argument("--finalize", action="store_true")

    group = sub.add_parser("show", help="show a record").add_subparsers(dest="kind", required=True)
    p = command("inspection", cmd_show_inspection, group)
    p.add_argument("id")
    for name in EXTENSIONS:
        importlib.import_module(name).register(sub, command)
    return parser


class _Parser(argparse.ArgumentParser):
    """Usage errors honour --json too: scripts always get {"error", "message"} on stderr."""

    def error(self, message):
        if "--json" in sys.argv[1:]:
            json.dump({"error": "usage", "message": message}, sys.stderr, ensure_ascii=False)
            sys.stderr.write("\n")
            raise SystemExit(EXIT_USAGE)
        super().error(message)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args.json = False
        args.func = cmd_gui
    try:
        return args.func(args)
    except InspectorError as exc:
        if getattr(args, "json", False):
            json.dump(exc.to_dict(), sys.stderr, ensure_ascii=False)
            sys.stderr.write("\n")
        else:
            print(f"inspector: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `inspector … | head`
        sys.stdout = open(os.devnull, "w")
        return 0


if __name__ == "__main__":
    sys.exit(main())
