"""What a notice says, as plain frozen data gathered from the store.

`gather()` reads the store (the GUI calls it on the store worker); rendering
then needs nothing but this data, so it can run on any thread. Times are
the laptop's local time, already converted, so a render is reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import col, select

from .. import codes, establishments, evidence, identifiers, inspections, orders, rules
from ..errors import StateError, ValidationError
from ..models import Evidence, Inspection, InspectionInspector, RectificationOrder, SignatureRefusal, User
from . import KIND_TITLES  # noqa: F401 - kept in the package for verify (no ORM); pdf and parts import it here
from .grades import Grade, dynamic_grade
from .sealing import Sealing


@dataclass(frozen=True)
class Violation:
    """What an order says of a failed item (core/checklists.Violation, in Chinese): the act as found, the
    obligation article, the article that authorises 责令改正, what follows if it is not corrected."""

    finding: str
    obligation: str
    penalty: str
    if_not_corrected: str | None = None


@dataclass(frozen=True)
class Party:
    """The inspected establishment (当事人)."""

    name: str
    category: str
    category_label: str
    licence_no: str | None = None
    credit_code: str | None = None
    address: str | None = None
    legal_rep: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    licence_type: str | None = None  # JY | SC | 登记证 | 备案 (docs/registration-papers.md)
    responsible_id: str | None = None  # the keeper's resident ID, already masked

    @property
    def licence_label(self) -> str:
        """What the licence number is called on paper: 许可证编号, 登记证编号 or 备案证明编号."""
        return {"登记证": "登记证编号", "备案": "备案证明编号"}.get(self.licence_type or "", "许可证编号")


@dataclass(frozen=True)
class Person:
    name: str
    credential_no: str


@dataclass(frozen=True)
class Finding:
    """One checklist item as printed: a failed item, or a reading or note worth recording."""

    item_id: str
    text: str
    key: bool = False
    answer: str | None = None
    value: str | None = None
    note: str | None = None
    legal_basis: str | None = None
    violation: Violation | None = None  # the item's act as found and its articles (forms from v2 on)
    deadline: date | None = None  # the item's own date, when the order's items have different ones
    treatment: str | None = None  # a failed item's: core/rules CASE | ON_SPOT | ORDER (Order 49 Arts. 32, 33)
    fix_note: str | None = None  # what was done on the spot (Art. 33 ¶2)


@dataclass(frozen=True)
class Counts:
    """Item ids by kind, in checklist order (for the standard sentence of the result record)."""

    key_checked: tuple[str, ...] = ()
    key_failed: tuple[str, ...] = ()
    general_checked: tuple[str, ...] = ()
    general_failed: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeContent:
    """Everything one printed notice shows. `token` is None only in an unissued preview."""

    kind: str
    paper: str
    bureau: str
    party: Party
    inspection_id: str
    checklist_title: str
    started: datetime
    ended: datetime
    result: str | None
    handling: str | None
    deadline: date | None
    counts: Counts
    failed: tuple[Finding, ...] = ()  # an order's: only the items it lists (限期整改)
    remarks: tuple[Finding, ...] = ()
    cases: tuple[Finding, ...] = ()  # failed items going to 依法立案调查 (Order 49 Art. 32, Art. 33 ¶3)
    inspectors: tuple[Person, ...] = ()
    inspector_signatures: tuple[bytes, ...] = ()
    operator_signature: bytes | None = None
    refusal: str | None = None  # the operator refused to sign: reason and witness, as recorded
    witness: str | None = None  # the witness's name and masked ID number
    case_filing: bool = False
    year_index: int = 1
    grade: Grade | None = None
    printed_on: date | None = None
    notice_id: str | None = None
    number: str | None = None
    token: str | None = None
    verify_url: str | None = None
    copy: bool = False
    purpose: str | None = None  # codes.PURPOSES (检查类型); None on records made before it was asked
    rechecked_order: str | None = None  # a re-inspection's order: its number, "" while it has none (Art. 33 ¶2)
    hazard: bool = False  # the latent-risk mark (Order 49 Art. 31 ¶2)
    review_body: str = ""  # the 复议机关 and court the 复议/诉讼 notice names (district settings)
    court: str = ""
    contact_phone: str = ""
    sealing: Sealing | None = None  # what the bureau sealed or seized, for the 实施行政强制措施决定书

    @property
    def purpose_label(self) -> str | None:
        return (codes.label("purpose", self.purpose, "zh") or None) if self.purpose else None

    @property
    def stops(self) -> bool:
        """Operations must stop (Order 49 Art. 31 ¶2)."""
        return self.handling == "stop" or self.hazard

    @property
    def inspected_on(self) -> date:
        return self.ended.date()

    @property
    def preview(self) -> bool:
        return self.token is None


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def _value_text(item, value) -> str | None:
    if value is None:
        return None
    if item.kind == "number":
        return f"{value:g}{item.unit or ''}" if isinstance(value, (int, float)) else f"{value}{item.unit or ''}"
    if item.kind == "choice":
        return next((c.label.zh for c in item.choices if c.value == value), str(value))
    return str(value)


def _masked_id(number: str | None) -> str | None:
    """A witness's ID number with the birth month and day hidden (as the 2016 结果记录表 prints it)."""
    if not number:
        return None
    try:
        return identifiers.mask_id_number(number)
    except ValidationError:  # not a resident ID: still hide the middle
        return number[:4] + "*" * max(0, len(number) - 8) + number[-4:] if len(number) > 8 else "****"


def _refusal(session, inspection_id) -> tuple[str | None, str | None]:
    """(what to print about a refusal to sign, the witness line), from the recorded refusal; never guessed."""
    row = session.exec(select(SignatureRefusal).where(SignatureRefusal.inspection_id == inspection_id)).first()
    if row is None:
        return None, None
    masked = _masked_id(row.witness_id_no)
    witness = row.witness_name + (f"（身份证号 {masked}）" if masked else "")
    return f"理由：{row.reason}；见证人：{witness}", witness


def _year_index(session, inspection: Inspection) -> int:
    assert inspection.ended_at is not None  # only finalized inspections are counted; finalize() sets ended_at
    year = _local(inspection.ended_at).year
    ended = session.exec(select(Inspection.ended_at).where(
        Inspection.establishment_id == inspection.establishment_id, Inspection.status == "finalized")).all()
    return sum(1 for moment in ended if moment and _local(moment).year == year
               and moment <= inspection.ended_at) or 1


def _violation(item) -> Violation | None:
    v = getattr(item, "violation", None)
    if v is None:
        return None
    return Violation(v.finding.zh, v.obligation.zh, v.penalty.zh, v.if_not_corrected.zh if v.if_not_corrected else None)


def _findings(checklist, answers: dict, outcome) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    failed, remarks = [], []
    failed_ids = set(outcome.tally.failed)
    for item_id, item in checklist.items.items():
        answer = answers.get(item_id)
        if not answer:
            continue
        finding = Finding(item_id=item_id, text=item.text.zh, key=item.key, answer=answer.get("answer"),
                          value=_value_text(item, answer.get("value")), note=answer.get("note"),
                          legal_basis=item.legal_basis.zh if item.legal_basis else None,
                          violation=_violation(item), treatment=outcome.treatments.get(item_id),
                          fix_note=answer.get("fix_note"))
        if item_id in failed_ids:
            failed.append(finding)
        elif finding.value is not None or finding.note:
            remarks.append(finding)
    return tuple(failed), tuple(remarks)


def _signatures(session, blobs, inspection_id, inspector_ids) -> tuple[tuple[bytes, ...], bytes | None]:
    """Signature images: the inspectors' in their order (matched by user id where recorded), the operator's."""
    rows = session.exec(select(Evidence).where(Evidence.inspection_id == inspection_id,
                                               col(Evidence.role).not_in(evidence.PHOTO_ROLES))
                       .order_by(col(Evidence.id))).all()
    position = {str(user_id): k for k, user_id in enumerate(inspector_ids)}
    inspectors, operator = [], None
    for row in sorted(rows, key=lambda r: position.get(r.item_id or "", len(position))):
        try:
            data = evidence.blob_path(blobs, row.sha256).read_bytes()
        except OSError:
            continue  # a missing blob leaves the line blank, to be signed by hand
        if row.role == "signature_operator":
            operator = data
        elif row.role == "signature_inspector":
            inspectors.append(data)
    return tuple(inspectors), operator


def gather(session, *, inspection_id, kind: str, paper: str, bureau: str, blobs,
           printed_on: date | None = None) -> NoticeContent:
    """The content of a notice for a finalized inspection (no identity fields yet)."""
    inspection = inspections.get(session, inspection_id)
    if inspection.status != "finalized":
        raise StateError("notices.not_finalized", field="inspection")
    assert inspection.ended_at is not None  # finalize() sets ended_at
    shop = establishments.get(session, inspection.establishment_id)
    checklist = inspections.checklist_of(session, inspection)
    answers = inspections.answers_of(session, inspection)
    outcome = inspections.outcome(session, inspection, on=inspections.local_date(inspection.ended_at))
    tally = outcome.tally
    failed, remarks = _findings(checklist, answers, outcome)
    people = session.exec(select(User.id, User.name, User.credential_no)
                          .join(InspectionInspector, col(InspectionInspector.user_id) == User.id)
                          .where(InspectionInspector.inspection_id == inspection.id)
                          .order_by(col(InspectionInspector.position))).all()
    inspector_images, operator_image = _signatures(session, blobs, inspection.id, [p[0] for p in people])
    refusal, witness = _refusal(session, inspection.id)
    deadline = inspection.rectification_deadline
    order_rows = orders.for_inspection(session, inspection.id)
    cases = tuple(f for f in failed if f.treatment == rules.CASE)
    if kind == "order":  # only what needs a written order (Order 49 Art. 33 ¶2): what the order row lists
        deadline = order_rows[0].deadline if order_rows else deadline
        listed = set(order_rows[0].failed_items if order_rows else outcome.order_items)
        failed = tuple(f for f in failed if f.item_id in listed)
    each = (order_rows[0].item_deadlines or {}) if order_rows else {}  # per-item dates (core/orders.issue)
    failed = tuple(replace(f, deadline=date.fromisoformat(each[f.item_id])) if f.item_id in each else f
                   for f in failed)
    position = {item_id: i for i, item_id in enumerate(checklist.items)}

    def ordered(*groups):
        return tuple(sorted((i for g in groups for i in g), key=position.__getitem__))
    return NoticeContent(
        kind=kind, paper=paper, bureau=bureau,
        party=Party(name=shop.name, category=shop.category, category_label=codes.label("category", shop.category, "zh"),
                    licence_no=shop.licence_no, credit_code=shop.credit_code, address=shop.address,
                    legal_rep=shop.legal_rep, contact_person=shop.contact_person, phone=shop.phone,
                    licence_type=shop.licence_type, responsible_id=_masked_id(shop.responsible_id_no)),
        inspection_id=str(inspection.id), checklist_title=checklist.title.zh,
        started=_local(inspection.started_at), ended=_local(inspection.ended_at),
        result=inspection.result, handling=inspection.handling, deadline=deadline,
        counts=Counts(key_checked=ordered(tally.key_passed, tally.key_failed, tally.key_na),
                      key_failed=ordered(tally.key_failed),
                      general_checked=ordered(tally.general_passed, tally.general_failed, tally.general_na),
                      general_failed=ordered(tally.general_failed),
                      not_applicable=ordered(tally.key_na, tally.general_na)),
        failed=failed, remarks=remarks, cases=cases, inspectors=tuple(Person(n, c) for _, n, c in people),
        inspector_signatures=inspector_images, operator_signature=operator_image,
        refusal=refusal, witness=witness, case_filing=inspection.case_filing, hazard=inspection.hazard,
        year_index=_year_index(session, inspection), grade=dynamic_grade(shop.category, inspection.result),
        printed_on=printed_on or date.today(), purpose=inspection.purpose,
        rechecked_order=_rechecked_order(session, inspection))


def _rechecked_order(session, inspection: Inspection) -> str | None:
    if inspection.recheck_of is None:
        return None
    order = session.get(RectificationOrder, inspection.recheck_of)
    return (order.number or "") if order is not None else ""
