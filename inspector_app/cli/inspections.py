"""`inspector inspect` (an inspection from an answers file) and `inspector show inspection`."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import ValidationError
from .common import EXIT_OK, data_paths, emit, open_store, quick_read

ITEM_KEYS = {"answer", "note", "value", "photos"}


def read_answers(path: str) -> dict:
    """The answers file, checked for shape: {"items": {"<item id>": {"answer": "pass"}}, …}."""
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
        unknown = set(entry) - ITEM_KEYS
        if unknown:
            raise ValidationError(f"item {item_id}: unknown keys {sorted(unknown)}", field=f"items.{item_id}")
        photos = entry.get("photos", [])
        if not isinstance(photos, list) or not all(isinstance(p, str) for p in photos):
            raise ValidationError(f"item {item_id}: photos must be a list of file paths", field=f"items.{item_id}")
    return data


def cmd_inspect(args) -> int:
    from ..core import evidence, inspections
    from ..core.inspection_summary import summarize
    data = read_answers(args.answers)
    base = Path(args.answers).resolve().parent
    with open_store(args).write() as session:
        inspection = inspections.start(session, establishment_id=args.establishment, checklist_id=args.form,
                                       version=args.form_version, inspector_ids=args.inspector,
                                       hazard=args.hazard or bool(data.get("hazard")),
                                       amends_id=args.amends, notes=data.get("notes"))
        for item_id, entry in data["items"].items():
            inspections.record_answer(session, inspection.id, item_id=item_id, answer=entry.get("answer"),
                                      value=entry.get("value"), note=entry.get("note"))
            for photo in entry.get("photos") or ():
                evidence.attach(session, data_paths(args).blobs, inspection_id=inspection.id, item_id=item_id,
                                source=base / photo)
        if args.finalize:
            inspections.finalize(session, inspection.id)
        summary = summarize(session, inspection)
    emit(args, summary, summary_text(summary))
    return EXIT_OK


def summary_text(s: dict) -> str:
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
    from ..core.reads.inspection import summary as read_summary

    def full() -> dict:
        from ..core import inspections
        from ..core.inspection_summary import summarize
        with open_store(args).session() as session:
            return summarize(session, inspections.get(session, args.id), with_answers=True)

    summary = quick_read(args, lambda connection: read_summary(connection, args.id, with_answers=True), full)
    emit(args, summary, summary_text(summary))
    return EXIT_OK


def register(sub, command) -> None:
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
