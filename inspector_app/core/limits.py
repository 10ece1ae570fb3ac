"""How long, and of what characters, the things people type may be: one table, each limit with its reason.

Core applies these wherever a value comes in (the register, users, answers
and notes, the operator's refusal, photos), so the desktop, the command line
and scripts meet the same limits, and central checks the registry rows
laptops send against the same table (docs/sync-protocol.md §8). A refusal
names the field and the limit, and never echoes a control character back to
a terminal. Answer values must also be something a bundle carries exactly
(docs/sync-protocol.md §2, canonical JSON): no NaN or Infinity, whole numbers
within ±(2^53 − 1), no broken UTF-16, text keys, shallow nesting.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, NamedTuple

from . import language
from .codes import Text
from .errors import ValidationError


class Label(Text):
    """A field's name in both languages; it reads in the language spoken when the message is read."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(self.get(language.current()), spec)

    def filled(self, **context) -> Label:
        return Label(self.zh.format(**context), self.en.format(**context)) if context else self


class Limit(NamedTuple):
    label: Label
    chars: int
    lines: bool  # a note: line breaks and tabs allowed; else one line
    why: str


FIELDS: dict[str, Limit] = {
    "establishment.name": Limit(Label("经营主体名称", "the establishment's name"), 100, False,
                                "registered names (企业名称, 个体工商户字号) run to about 50 characters; "
                                "100 leaves room for a branch or a stall described by its place"),
    "establishment.address": Limit(Label("地址", "the address"), 200, False,
                                   "a full address down to building and room is under 100 characters; "
                                   "200 leaves room for a market stall's row and number"),
    "establishment.legal_rep": Limit(Label("法定代表人", "the legal representative"), 50, False,
                                     "a person's name; transliterated minority names stay well under 50"),
    "establishment.responsible_id_no": Limit(Label("负责人身份证号", "the responsible person's ID number"), 30,
                                             False, "18 characters (GB 11643-1999) or 15 digits, typed with spaces"),
    "establishment.contact_person": Limit(Label("联系人", "the contact person"), 50, False,
                                          "a person's name, as for the legal representative"),
    "establishment.phone": Limit(Label("联系电话", "the phone number"), 20, False,
                                 "mobile and landline numbers with area code and extension fit in 20"),
    "establishment.licence_no": Limit(Label("许可证编号", "the licence number"), 30, False,
                                      "JY/SC + 14 digits, or a township's 登记证/备案 number, typed with spaces"),
    "establishment.licence_type": Limit(Label("许可证类型", "the licence type"), 20, False,
                                        "JY, SC, 登记证 or 备案: a code, never a sentence"),
    "establishment.credit_code": Limit(Label("统一社会信用代码", "the unified social credit code"), 30, False,
                                       "18 characters (GB 32100-2015), typed with spaces"),
    "establishment.category": Limit(Label("类别", "the category"), 30, False,
                                    "a category code of core/codes.py; only codes are stored"),
    "establishment.risk_grade": Limit(Label("风险等级", "the risk grade"), 5, False,
                                      "A, B, C or D (risk grading drives inspection frequency)"),
    "establishment.status": Limit(Label("经营状态", "the status"), 20, False,
                                  "open, suspended or closed: a code, never a sentence"),
    "area.name": Limit(Label("镇乡街或村居", "the township or village"), 50, False,
                       "a division's name or 12-digit code (GB/T 2260 and its village extension)"),
    "user.name": Limit(Label("姓名", "the name"), 50, False,
                       "a person's name, printed on notices beside the credential number"),
    "user.credential_no": Limit(Label("执法证号", "the credential number"), 30, False,
                                "law-enforcement credential numbers are 11 to 20 characters"),
    "inspection.notes": Limit(Label("检查记录", "the inspection's notes"), 5000, True,
                              "the free-text 现场检查记录 of the 现场检查笔录: a page or two"),
    "order.escalation_note": Limit(Label("立案说明", "the note on filing the case"), 2000, True,
                                   "why the bureau files a case when an order is not rectified: a paragraph"),
    "answer.note": Limit(Label("检查项 {item} 的备注", "the note of item {item}"), 2000, True,
                         "what is wrong, where and how many: a paragraph, printed on the notices"),
    "answer.fix_note": Limit(Label("检查项 {item} 的当场整改情况", "the on-the-spot fix of item {item}"), 2000, True,
                             "the measure taken and its effect (Order 49 Art. 33 ¶2), printed on the notices"),
    "answer.text": Limit(Label("检查项 {item} 的填写内容", "the text of item {item}"), 2000, True,
                         "a text item's answer is a note of its own"),
    "answers.item_id": Limit(Label("检查项编号", "an item number"), 20, False,
                             "checklist item numbers are like 4.2 or S.3"),
    "answers.path": Limit(Label("检查项 {item} 的图片路径", "a picture's path for {item}"), 1000, False,
                          "a path relative to the answers file; file systems stop near 1,000"),
    "refusal.reason": Limit(Label("拒绝签字的理由", "the reason for refusing to sign"), 500, True,
                            "a sentence or two, written on the record in place of the signature "
                            "(Order 49 Art. 34)"),
    "refusal.witness_name": Limit(Label("见证人姓名", "the witness's name"), 50, False,
                                  "a person's name, written on the record (Order 49 Art. 34)"),
    "refusal.witness_id_no": Limit(Label("见证人身份证号", "the witness's ID number"), 30, False,
                                   "an 18-character resident ID number, or a passport number"),
    "sealing.name": Limit(Label("查封扣押清单第 {item} 项的名称", "the name of sealed thing {item}"), 60, False,
                          "one line of the 场所/设施/财物清单: a room, a machine, or a product with its brand"),
    "sealing.spec": Limit(Label("查封扣押清单第 {item} 项的规格或位置", "the detail of sealed thing {item}"), 60, False,
                          "a product's specification and batch, or where a place or machine is"),
    "sealing.quantity": Limit(Label("查封扣押清单第 {item} 项的数量", "the quantity of sealed thing {item}"), 20, False,
                              "a number with its unit (12箱, 35千克, 1间)"),
    "evidence.name": Limit(Label("照片文件名", "the picture's file name"), 255, False,
                           "most file systems stop at 255 characters"),
}

PHOTOS_PER_ITEM = 20  # photos of one item: what shows one problem from every side
PHOTOS_PER_INSPECTION = 200  # a visit of ~60 items, a few photographed each
IMAGE_BYTES = 20 * 2**20  # a phone photo is 2-12 MB; bundles carry blobs up to 64 MiB (sync-protocol §12)
USER_FILE_BYTES = 8 * 2**20  # an answers file: 500 items with a full note each stay under 4 MiB
USER_JSON_DEPTH = 16  # an answers file nests 4 deep; settings and requests 1
VALUE_DEPTH = 16  # a stored answer value's nesting; its finalize op stays within the readers' 32 (§2)
WHOLE = 2**53 - 1  # the whole numbers every JSON reader keeps exactly (RFC 7493 I-JSON §2.2)
SENT_DEPTH = 28  # an answer value sits 5 levels down its finalize op; readers stop past 32 (sync-protocol §12)

_SIMPLE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]*")  # nothing needs a closer look
_NOTE_OK = {"\n", "\t"}
_NOTE_BAD_FORMAT = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # bidi overrides


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _bad_character(value: str, lines: bool) -> int | None:
    """The index of the first character the field cannot hold, or None."""
    if value.isprintable():
        return None
    for index, ch in enumerate(value):
        if ch.isprintable():
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Zl", "Zp") and not (lines and ch in _NOTE_OK):
            return index
        if category == "Cf" and (not lines or ch in _NOTE_BAD_FORMAT):
            return index
    return None


def text(key: str, value: Any, *, field: str | None = None, **context) -> str | None:
    """`value` checked against FIELDS[key] (None passes): text, not too long, no character the field
    cannot hold. Returns it unchanged; raises ValidationError naming the field and the limit."""
    if value is None:
        return None
    limit = FIELDS[key]
    label = limit.label.filled(**context)
    if not isinstance(value, str):
        raise ValidationError("limits.not_text", field=field, label=label)
    index = _bad_character(value, limit.lines)
    if index is not None:
        raise ValidationError("limits.bad_character", field=field, label=label, position=index + 1,
                              code=code_point(value[index]))
    if len(value) > limit.chars:
        raise ValidationError("limits.too_long", field=field, label=label, length=len(value), limit=limit.chars)
    return value


def shown(value: Any, width: int = 40) -> str:
    """A value safe to put in a message: control characters as U+XXXX, cut to `width` characters."""
    value = str(value)
    cut = value[:width]
    if not cut.isprintable():
        cut = "".join(ch if ch.isprintable() else f"<{code_point(ch)}>" for ch in cut)
    return cut + ("…" if len(value) > width else "")


def value_problem(value: Any, where: str, *, depth: int = VALUE_DEPTH, whole: bool = True) -> ValidationError | None:
    """Why a bundle cannot carry `value` exactly, or None when it can. The error names the place
    (`where`, then `.key` and `[index]` down to the culprit) in its field and message. `whole=False`
    lets whole numbers of any size pass."""
    stack = [(value, 1, where)]
    while stack:
        item, level, place = stack.pop()
        if item is None or isinstance(item, bool):
            continue
        problem = _scalar_problem(item, place, whole)
        if problem is not None:
            return problem
        if not isinstance(item, (list, dict)):
            continue
        if level >= depth:
            return ValidationError("limits.value_too_deep", field=place, where=place, limit=depth)
        if isinstance(item, list):  # children pushed last first: the first culprit in reading order is named
            stack.extend((child, level + 1, f"{place}[{n}]") for n, child in reversed(list(enumerate(item))))
            continue
        for key, child in reversed(list(item.items())):
            inner = f"{place}.{shown(key, 20)}" if place else shown(key, 20)
            if not isinstance(key, str):
                return ValidationError("limits.value_key_not_text", field=place, where=inner)
            broken = _broken(key)
            if broken is not None:
                return ValidationError("limits.value_broken_text", field=place, where=inner, code=broken)
            stack.append((child, level + 1, inner))
    return None


def _scalar_problem(item: Any, place: str, whole: bool) -> ValidationError | None:
    if isinstance(item, float):
        if math.isfinite(item):
            return None
        shown_as = "NaN" if item != item else ("Infinity" if item > 0 else "-Infinity")
        return ValidationError("limits.value_not_finite", field=place, where=place, value=shown_as)
    if isinstance(item, int):
        if not whole or -WHOLE <= item <= WHOLE:
            return None
        return ValidationError("limits.value_too_big", field=place, where=place, limit=f"{WHOLE:,}")
    if isinstance(item, str):
        broken = _broken(item)
        return None if broken is None else ValidationError("limits.value_broken_text", field=place, where=place,
                                                           code=broken)
    if isinstance(item, (list, dict)):
        return None
    return ValidationError("limits.value_type", field=place, where=place, type=type(item).__name__)


def _broken(value: str) -> str | None:
    """The first unpaired surrogate of a string (UTF-8 cannot hold it), as U+XXXX, or None."""
    if _SIMPLE.fullmatch(value):
        return None
    for ch in value:
        if "\ud800" <= ch <= "\udfff":
            return code_point(ch)
    return None


def carried(value: Any) -> bool:
    """True when a bundle carries `value` exactly (see value_problem): what core lets in."""
    return value_problem(value, "") is None


def sendable(value: Any) -> bool:
    """True when canonical JSON writes an answer value and every reader takes its op back (sync-protocol
    §2, §12). What stopped exports before these limits had this False; whole numbers of any size always
    went out, so they pass, and an op that went out once is written byte for byte the same again."""
    return value_problem(value, "", depth=SENT_DEPTH, whole=False) is None


REGISTRY = {"establishment": "establishment.", "user": "user."}  # rows central sends on to every laptop
# per registry entity: field name → its character limit, for the fast pass below
_REGISTRY_CHARS = {entity: {key[len(prefix):]: limit.chars for key, limit in FIELDS.items() if key.startswith(prefix)}
                   for entity, prefix in REGISTRY.items()}


def registry_problem(entity: str, payload: dict, changed=None) -> str | None:
    """Why central refuses a laptop's register row (sync-protocol §8): a text field beyond these limits,
    which central would otherwise pass down to every laptop. Only the fields an update changed are
    checked, so a row stored before the limits can still be edited. None when the row is fine."""
    prefix = REGISTRY.get(entity)
    if prefix is None or not isinstance(payload, dict):
        return None
    names = payload.keys() if changed is None else set(changed) & payload.keys()
    get = payload.get
    for name, limit in _REGISTRY_CHARS[entity].items():  # a central import checks tens of thousands of rows:
        value = get(name)  # most pass text() at a glance (a missing field is None, which passes)
        if value is not None and not (type(value) is str and len(value) <= limit and value.isprintable()) \
                and name in names:
            break  # text() decides, in field order, which problem is named
    else:
        return None
    for name in sorted(names):
        if prefix + name in FIELDS:
            try:
                text(prefix + name, payload[name], field=name)
            except ValidationError as exc:
                return exc.message_in("en")
    return None
