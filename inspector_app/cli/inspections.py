"""`inspector inspect` (an inspection from an answers file) and `inspector show inspection`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.codes import PURPOSE_CODES
from ..core.errors import ValidationError
from .common import EXIT_OK, data_paths, emit, open_store, quick_read, say

TOP_KEYS = ("items", "hazard", "notes", "signatures", "operator_refusal")
ITEM_KEYS = ("answer", "note", "value", "photos", "fixed_on_spot", "fix_note", "fix_photos", "affects_safety")
PHOTO_KEYS = {"photos": "photo", "fix_photos": "fix"}  # the key in the answers file → the evidence role
SIGNATURE_KEYS = ("inspectors", "operator")
REFUSAL_KEYS = ("reason", "witness", "witness_id_no")


def read_answers(path: str) -> dict:
    """The answers file, checked for shape: {"items": {"<item id>": {"answer": "pass"}}, …}.

    A failed item may be marked fixed on the spot ("fixed_on_spot": true with
    "fix_note", optionally "fix_photos") or as affecting food safety
    ("affects_safety": true): Order 49 Art. 33, core/failure_marks.py.
    Beside the items it may carry "hazard", "notes", the signatures
    ({"inspectors": [image, …] in the order of --inspector, "operator": image})
    and, in place of the operator's signature, "operator_refusal"
    ({"reason", "witness", "witness_id_no"}: Order 49 Art. 34). Read strictly
    (core/jsonfiles.py: no key twice, no NaN, no deep nesting, at most 8 MiB);
    the texts and values meet core's limits when they are recorded.
    """
    from ..core import jsonfiles, limits
    jsonfiles.check_size(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("answers.unreadable", field="answers", path=str(path),
                              detail=getattr(exc, "strerror", None) or str(exc)) from None
    try:
        data = jsonfiles.loads(text, path=str(path))
    except ValidationError as exc:
        if exc.code != "limits.json_invalid":
            raise
        raise ValidationError("answers.not_json", field="answers", path=str(path),
                              detail=exc.params["detail"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise ValidationError("answers.shape", field="answers")
    _known_keys(data, TOP_KEYS, "/")
    for item_id, entry in data["items"].items():
        limits.text("answers.item_id", item_id, field="items")
        if not isinstance(entry, dict):
            raise ValidationError("answers.item_not_object", field=f"items.{item_id}", item=item_id)
        unknown = set(entry) - set(ITEM_KEYS)
        if unknown:
            raise ValidationError("answers.item_unknown_keys", field=f"items.{item_id}", item=item_id,
                                  keys=", ".join(sorted(limits.shown(key) for key in unknown)))
        for key in PHOTO_KEYS:
            photos = entry.get(key, [])
            if not isinstance(photos, list) or not all(isinstance(p, str) for p in photos):
                raise ValidationError("answers.photos_not_list", field=f"items.{item_id}", item=item_id, key=key)
            for photo in photos:
                limits.text("answers.path", photo, field=f"items.{item_id}", item=item_id)
    if not isinstance(data.get("hazard", False), bool):
        raise ValidationError("answers.not_bool", field="hazard", key="hazard")
    if not isinstance(data.get("notes", ""), str):
        raise ValidationError("answers.not_text", field="answers", key="notes")
    _check_signatures(data)
    return data


def _known_keys(data: dict, allowed: tuple, where: str) -> None:
    from ..core.limits import shown
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError("answers.unknown_keys", field="answers", where=where,
                              keys=", ".join(sorted(shown(key) for key in unknown)), allowed=", ".join(allowed))


def _check_signatures(data: dict) -> None:
    signatures = data.get("signatures", {})
    if not isinstance(signatures, dict):
        raise ValidationError("answers.not_object", field="signatures", key="signatures",
                              example='{"inspectors": ["a.png", "b.png"], "operator": "op.png"}')
    _known_keys(signatures, SIGNATURE_KEYS, "/signatures")
    inspectors = signatures.get("inspectors", [])
    if not isinstance(inspectors, list) or not all(isinstance(p, str) for p in inspectors):
        raise ValidationError("answers.inspector_signatures", field="signatures")
    if not isinstance(signatures.get("operator", ""), str):
        raise ValidationError("answers.not_text", field="signatures", key="signatures.operator")
    if "operator_refusal" not in data:
        return
    refusal = data["operator_refusal"]
    if not isinstance(refusal, dict):
        raise ValidationError("answers.not_object", field="operator_refusal", key="operator_refusal",
                              example='{"reason": "…", "witness": "…"}')
    _known_keys(refusal, REFUSAL_KEYS, "/operator_refusal")
    for key in REFUSAL_KEYS:
        if (key in refusal or key != "witness_id_no") and not isinstance(refusal.get(key), str):
            raise ValidationError("answers.not_text", field="operator_refusal", key=f"operator_refusal.{key}")
    if "operator" in signatures:
        raise ValidationError("answers.operator_and_refusal", field="signatures")


def read_files(data: dict, base: Path) -> dict:
    """Every photo and signature image the answers file names, read and checked before the store opens.

    Paths are relative to the answers file. Returns {"photos": {item: [(role, Picture)]},
    "inspectors": [Picture], "operator": Picture | None, "refusal": dict | None}."""
    from ..core.evidence import read_image
    signatures, refusal = data.get("signatures", {}), data.get("operator_refusal")
    return {"photos": {item_id: [(role, read_image(base / p)) for key, role in PHOTO_KEYS.items()
                                 for p in entry.get(key) or ()]
                       for item_id, entry in data["items"].items()},
            "inspectors": [read_image(base / p) for p in signatures.get("inspectors", [])],
            "operator": read_image(base / signatures["operator"]) if "operator" in signatures else None,
            "refusal": None if refusal is None else {"reason": refusal["reason"], "witness_name": refusal["witness"],
                                                     "witness_id_no": refusal.get("witness_id_no")}}


def inspector_signatures(data: dict, files: dict, inspector_ids: list) -> dict:
    """The inspectors' signatures by user id: the answers file lists them in the order of --inspector."""
    if "inspectors" in data.get("signatures", {}) and len(files["inspectors"]) != len(inspector_ids):
        raise ValidationError("answers.signature_count", field="signatures", need=len(inspector_ids),
                              given=len(files["inspectors"]))
    return dict(zip(inspector_ids, files["inspectors"], strict=False))


def acting_password(store, args) -> str | None:
    """The password of the user named by --as, asked before the write begins (a prompt must not hold
    the store's lock): read from standard input with --password-stdin, else typed on a terminal. None
    for a user without a password. Refused, with nothing changed, when it cannot be asked for."""
    from ..core import users
    with store.session() as session:
        user = users.acting_user(session, args.acting, among=args.inspector)
        name, needed = user.name, bool(user.password_hash)
    if not needed:
        return None
    if args.password_stdin:
        from .users import _password_from_stdin
        return _password_from_stdin()
    if not sys.stdin.isatty():
        raise ValidationError("auth.password_not_given", field="password", name=name)
    import getpass
    return getpass.getpass(say("auth.password_prompt", name=name))


def cmd_inspect(args) -> int:
    """Finalizing or amending acts in an inspector's name, so it needs --as, and that inspector's
    password where they have one; the acting user is the actor of every audit row written."""
    from ..core import inspections

    def start(session, data, actor):
        return inspections.start(session, establishment_id=args.establishment, checklist_id=args.form,
                                 version=args.form_version, inspector_ids=args.inspector,
                                 hazard=args.hazard or bool(data.get("hazard")), amends_id=args.amends,
                                 notes=data.get("notes"), purpose=args.purpose, actor_id=actor)
    summary = run_inspection(args, start)
    emit(args, summary, summary_text(summary))
    return EXIT_OK


def run_inspection(args, start, after=None) -> dict:
    """An inspection from an answers file in one transaction: `start(session, data, actor)` opens the draft,
    the answers, photos and signatures go in, --finalize signs and finalizes; `after(session, inspection)`
    adds to the summary returned. What `inspect` and `recheck` share."""
    from ..core import evidence, inspections, signatures, users
    from ..core.inspection_summary import summarize
    if (args.finalize or getattr(args, "amends", None)) and not args.acting:
        raise ValidationError("auth.as_required", field="as")
    data = read_answers(args.answers)
    files = read_files(data, Path(args.answers).resolve().parent)
    blobs = data_paths(args).blobs
    store = open_store(args)
    password = acting_password(store, args) if args.acting else None
    with store.write() as session:
        actor = None
        if args.acting:
            user = users.acting_user(session, args.acting, among=args.inspector)
            users.confirm_password(user, password)
            actor = user.id
        inspection = start(session, data, actor)
        signed = {"inspectors": inspector_signatures(data, files, args.inspector), "operator": files["operator"],
                  "refusal": files["refusal"]}
        for item_id, entry in data["items"].items():
            inspections.record_answer(session, inspection.id, item_id=item_id, answer=entry.get("answer"),
                                      value=entry.get("value"), note=entry.get("note"),
                                      fixed_on_spot=entry.get("fixed_on_spot", False), fix_note=entry.get("fix_note"),
                                      affects_safety=entry.get("affects_safety", False))
            for role, photo in files["photos"][item_id]:
                evidence.attach(session, blobs, inspection_id=inspection.id, item_id=item_id, source=photo,
                                role=role, actor_id=actor)
        if args.finalize:
            inspections.sign_and_finalize(session, blobs, inspection.id, **signed, actor_id=actor)
        elif any(signed.values()):
            signatures.sign(session, blobs, inspection.id, **signed, actor_id=actor)
        summary = summarize(session, inspection)
        if after is not None:
            summary.update(after(session, inspection))
    return summary


def summary_text(s: dict) -> str:
    from ..core.codes import label
    rate = "—" if s["general_pass_rate"] is None else f"{s['general_pass_rate']:.1%}"
    return "\n".join([
        f"inspection {s['id']} ({s['status']})",
        f"  {s['establishment']['name']} — {s['checklist']['id']} v{s['checklist']['version']}",
        f"  purpose:  {s.get('purpose_label') or '—'}",
        f"  result:   {s['result_label'] or '—'} ({s['result']})",
        f"  handling: {s['handling_label'] or '—'} ({s['handling']})" + ("  立案" if s["case_filing"] else ""),
        f"  failed key items: {', '.join(s['failed_key_items']) or '—'}",
        f"  failed general items: {', '.join(s['failed_general_items']) or '—'}",
        f"  general pass rate: {rate}",
        *(f"  item {item}: {label('treatment', treatment, 'zh', treatment)} ({treatment})"
          for item, treatment in s.get("treatments", {}).items()),
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
    p.add_argument("--answers", required=True,
                   help='JSON: {"items": {"<item id>": {"answer": "pass"}}, "signatures": {…}} (see README)')
    p.add_argument("--hazard", action="store_true", help="a latent incident risk: stop operations at once")
    p.add_argument("--purpose", choices=PURPOSE_CODES, default="routine",
                   help="why: routine 日常, random 双随机, campaign 专项, complaint 投诉举报, recheck 复查, "
                        "flying 飞行")
    p.add_argument("--amends", help="the finalized inspection this one corrects (needs --as)")
    p.add_argument("--finalize", action="store_true", help="sign and finalize (needs --as)")
    p.add_argument("--as", dest="acting", metavar="USER",
                   help="who acts: a user id or credential number, one of the --inspector; "
                        "asks for their password where they have one")
    p.add_argument("--password-stdin", action="store_true", help="read the --as user's password from standard input")
    group = sub.add_parser("show", help="show a record").add_subparsers(dest="kind", required=True)
    p = command("inspection", cmd_show_inspection, group)
    p.add_argument("id")
