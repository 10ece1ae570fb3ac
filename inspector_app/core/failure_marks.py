"""The marks an inspector puts on a failed item beyond the failure itself (Order 49 Art. 33).

当场整改 (¶2): the operator put the failure right while the inspectors were
there; they record the measure taken (`fix_note`, required) and may photograph
it (evidence role `fix`, core/evidence.py). It still counts as found. 影响食品
安全 (¶3): a general item whose failure affects food safety goes to 调查处理,
like a failed key item (Art. 32). Both mark a failure only: an item that
passes or does not apply carries neither. What follows from them is
core/rules.treatment's to say; this module only keeps the marks well formed.
"""

from __future__ import annotations

from . import limits
from .errors import ValidationError

FLAGS = ("fixed_on_spot", "affects_safety")


def checked(item, outcome: str | None, *, fixed_on_spot=False, fix_note=None,
            affects_safety=False) -> tuple[bool, str | None, bool]:
    """(fixed_on_spot, fix_note, affects_safety) for an answer whose item outcome is `outcome`, or a coded
    error naming the item: a mark on an item that did not fail, a fix without its note, a note without a fix."""
    field = f"items.{item.id}"
    for name, flag in zip(FLAGS, (fixed_on_spot, affects_safety), strict=True):
        if not isinstance(flag, bool):
            raise ValidationError("inspection.mark_not_bool", field=field, item=item.id, key=name)
    limits.text("answer.fix_note", fix_note, field=field, item=item.id)
    fix_note = fix_note if fix_note and fix_note.strip() else None
    if (fixed_on_spot or affects_safety) and outcome != "fail":
        raise ValidationError("inspection.mark_needs_failure", field=field, item=item.id)
    if fixed_on_spot and fix_note is None:
        raise ValidationError("inspection.fix_note_needed", field=field, item=item.id)
    if fix_note is not None and not fixed_on_spot:
        raise ValidationError("inspection.fix_note_without_fix", field=field, item=item.id)
    return fixed_on_spot, fix_note, affects_safety


def state(fixed_on_spot, fix_note, affects_safety) -> dict:
    """The marks an answer carries, only those set: what the rules, the signed record and the summaries
    read, so an answer without marks reads (and hashes) exactly as it did before marks existed."""
    marks: dict = {}
    if fixed_on_spot:
        marks["fixed_on_spot"] = True
    if fix_note:
        marks["fix_note"] = fix_note
    if affects_safety:
        marks["affects_safety"] = True
    return marks
