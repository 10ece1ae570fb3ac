"""Checklists are data: forms/<id>.v<version>.yaml, validated into frozen models.

A bad file fails loudly with the file, the item and the reason. Every
inspection stores the (id, version) it used, and old versions stay loadable.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import ErrorDetails

from . import checklist_logic
from .checklist_logic import evaluate
from .codes import CATEGORY_CODES
from .errors import FormError

ITEM_KINDS = ("check", "number", "text", "choice", "date")
FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.ya?ml$")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
LATER_ITEM_FIELDS = ("violation",)  # item fields newer than the first forms: dumped only when set


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """A string in Simplified Chinese (always) and English (always, for the English UI)."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str = "zh") -> str:
        return self.en if language.startswith("en") else self.zh


# Skip logic

class AnswerIs(_Frozen):
    """True when an earlier item was answered with one of `answer` (pass/fail/na)."""

    item: str
    answer: list[Literal["pass", "fail", "na"]] = Field(min_length=1)

    @field_validator("answer", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class ValueIs(_Frozen):
    """True when an earlier item's value satisfies the comparison(s) given."""

    item: str
    equals: Any = None
    one_of: list[Any] | None = None
    gt: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _has_comparison(self):
        if self.equals is None and self.one_of is None and self.gt is None and self.lt is None:
            raise ValueError("a value condition needs equals, one_of, gt or lt")
        return self


class AllOf(_Frozen):
    all: list[Condition] = Field(min_length=1)


class AnyOf(_Frozen):
    any: list[Condition] = Field(min_length=1)


class NotCondition(_Frozen):
    not_: Condition = Field(alias="not")


Condition = Annotated[AnswerIs | ValueIs | AllOf | AnyOf | NotCondition, Field(union_mode="left_to_right")]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotCondition.model_rebuild()


def condition_items(condition) -> set[str]:
    """Every item id a condition reads, for checking that they come earlier."""
    if isinstance(condition, (AnswerIs, ValueIs)):
        return {condition.item}
    if isinstance(condition, AllOf):
        return set().union(*(condition_items(c) for c in condition.all))
    if isinstance(condition, AnyOf):
        return set().union(*(condition_items(c) for c in condition.any))
    return condition_items(condition.not_)


# Items, sections, checklists

class NumberRange(_Frozen):
    min: float | None = None
    max: float | None = None

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Choice(_Frozen):
    value: str
    label: Text


class Violation(_Frozen):
    """What an order says when this item fails (docs/architecture.md "Notices"): the act as found
    (未…, 超过…), the article that sets the obligation, the article that authorises 责令改正 and its
    sanction, and what follows if it is not corrected. The SAMR 范本's sentence 「经查，你（单位）<finding>
    的行为，违反了<obligation>的规定。依据<penalty>的规定……」 is built from it."""

    finding: Text
    obligation: Text
    penalty: Text
    if_not_corrected: Text | None = None


class Item(_Frozen):
    """One line of the point table (检查要点)."""

    id: str = Field(pattern=ID_PATTERN)
    text: Text
    key: bool = False
    kind: Literal["check", "number", "text", "choice", "date"] = "check"
    guidance: Text | None = None
    legal_basis: Text | None = None
    unit: str | None = None
    range: NumberRange | None = None
    choices: list[Choice] | None = None
    fail_choices: list[str] | None = None
    relevant: Condition | None = None
    applies_to: list[str] | None = None
    evidence_on_fail: bool = False
    rectify_days: int | None = Field(default=None, ge=0, le=365)
    points: float | None = None
    violation: Violation | None = None

    @model_serializer(mode="wrap")
    def _without_unset_additions(self, handler: SerializerFunctionWrapHandler) -> dict:
        """Fields added after version 1 of the forms are left out when unset, so a checklist that does not
        use them dumps (and hashes) exactly as it did: its installed copies on laptops and at central
        keep matching (docs/sync-protocol.md §9.2)."""
        data = handler(self)
        for name in LATER_ITEM_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        return data

    @model_validator(mode="after")
    def _kind_fields(self):
        if self.kind == "number" and not self.unit:
            raise ValueError("a number item needs a unit")
        if self.kind != "number" and (self.unit or self.range):
            raise ValueError("unit and range belong to number items only")
        if self.kind == "choice":
            if not self.choices:
                raise ValueError("a choice item needs choices")
            values = [c.value for c in self.choices]
            if len(set(values)) != len(values):
                raise ValueError("choice values must be unique")
            unknown = set(self.fail_choices or ()) - set(values)
            if unknown:
                raise ValueError(f"fail_choices not among the choices: {sorted(unknown)}")
        elif self.choices or self.fail_choices:
            raise ValueError("choices belong to choice items only")
        if self.applies_to:
            unknown = set(self.applies_to) - set(CATEGORY_CODES)
            if unknown:
                raise ValueError(f"unknown categories in applies_to: {sorted(unknown)}")
        return self

    @property
    def scored(self) -> bool:
        """Whether this item can pass or fail (and so counts for the result)."""
        return checklist_logic.scored(self)

    def applies(self, category: str | None) -> bool:
        return not self.applies_to or category is None or category in self.applies_to


class Section(_Frozen):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    items: list[Item] = Field(min_length=1)


class RuleSpec(_Frozen):
    """Which result rule decides 符合 / 基本符合 / 不符合, and its parameters."""

    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class Coverage(_Frozen):
    """How much must be checked: every relevant item (Order 49) or a sample (2016)."""

    mode: Literal["all", "sample"] = "all"
    min_key: int = Field(default=0, ge=0)
    min_general: int = Field(default=0, ge=0)


class Checklist(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    title: Text
    basis: Text | None = None
    categories: list[str] = Field(min_length=1)
    rule: RuleSpec
    coverage: Coverage = Coverage()
    default_rectify_days: int = Field(default=15, ge=0, le=365)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self):
        unknown = set(self.categories) - set(CATEGORY_CODES)
        if unknown:
            raise ValueError(f"unknown categories: {sorted(unknown)}")
        seen: set[str] = set()
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(f"item {item.id}: the id is used twice")
                if item.relevant is not None:
                    later = condition_items(item.relevant) - seen
                    if later:
                        raise ValueError(
                            f"item {item.id}: 'relevant' refers to {sorted(later)}, "
                            "which must be earlier items of this checklist")
                seen.add(item.id)
        from .rules import check_rule_spec  # rules import checklists for types
        check_rule_spec(self.rule)
        return self

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for section in self.sections for item in section.items}

    @cached_property
    def section_of(self) -> dict[str, str]:
        return {item.id: section.id for section in self.sections for item in section.items}

    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.model_dump(mode="json", by_alias=True))

    def relevant_items(self, answers: dict[str, dict], category: str | None = None) -> list[Item]:
        """Items shown for this category given the answers so far (skip logic)."""
        return [item for item in self.items.values()
                if item.applies(category) and evaluate(item.relevant, answers)]


def content_hash(data: dict) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Loading

def parse(data: Any, *, source: str) -> Checklist:
    """Validate a parsed YAML/JSON document; errors name the source, the item and the reason."""
    if not isinstance(data, dict):
        raise FormError("checklists.not_a_mapping", source=source)
    try:
        return Checklist.model_validate(data)
    except ValidationError as exc:
        raise FormError("checklists.invalid", source=source,
                        problems="; ".join(_describe(err, data) for err in exc.errors())) from None


def _describe(error: ErrorDetails, data: dict) -> str:
    loc = list(error.get("loc", ()))
    where = []
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        try:
            section = data["sections"][loc[1]]
            where.append(f"section {section.get('id', loc[1])}")
            if len(loc) >= 4 and loc[2] == "items" and isinstance(loc[3], int):
                where.append(f"item {section['items'][loc[3]].get('id', loc[3])}")
                loc = loc[4:]
            else:
                loc = loc[2:]
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    path = ".".join(str(part) for part in loc if not str(part).startswith(("function-", "tagged-")))
    message = error.get("msg", "invalid").removeprefix("Value error, ")
    return " ".join(where + ([f"field '{path}':"] if path else []) + [message])


# libyaml's loader where PyYAML was built with it (every wheel is): the same safe subset, ten times faster;
# installing the 14 shipped checklists took 0.36 s in pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path) -> Checklist:
    """Load one checklist file; the file name must match its id and version."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError("checklists.unreadable", file=path.name, detail=str(exc)) from None
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise FormError("checklists.bad_yaml", file=path.name, detail=str(exc)) from None
    checklist = parse(data, source=path.name)
    match = FILE_NAME.match(path.name)
    if match and (match["id"] != checklist.id or int(match["version"]) != checklist.version):
        raise FormError("checklists.name_mismatch", file=path.name, file_id=match["id"],
                        file_version=match["version"], id=checklist.id, version=checklist.version)
    return checklist


def load_directory(directory: Path) -> list[Checklist]:
    """Every checklist file of a folder, sorted by id and version."""
    found = [load_file(path) for path in sorted(Path(directory).glob("*.y*ml"))]
    keys = [(c.id, c.version) for c in found]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise FormError("checklists.defined_twice", folder=str(directory), versions=str(sorted(duplicates)))
    return sorted(found, key=lambda c: (c.id, c.version))
