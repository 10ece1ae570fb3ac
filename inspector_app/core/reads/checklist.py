"""Installed checklists read back as plain objects: `forms list`, `forms show`, `show inspection`.

A stored version was validated when it was installed (catalog.install stores
the model's own JSON dump) and never changes, so reading it needs no
validation, and not the ~0.15 s that pydantic and the model classes of
core/checklists.py take to import. The objects here carry the fields of those
models that reading uses (rules.evaluate, skip logic, the coverage check,
`forms show`), with the models' defaults for keys an older dump lacks;
tests/core/test_reads.py holds the two forms side by side.
"""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

from .. import checklist_logic
from ..checklist_logic import evaluate
from ..codes import Text
from .store import json_value

VIOLATION_FIELDS = ("finding", "obligation", "penalty", "if_not_corrected")  # checklists.Violation's fields


def _text(data: dict | None) -> Text | None:
    return None if data is None else Text(data["zh"], data["en"])


def _condition(data: dict | None):
    """A `relevant:` condition with the fields checklist_logic tells them apart by."""
    if data is None:
        return None
    if "all" in data:
        return SimpleNamespace(all=[_condition(c) for c in data["all"]])
    if "any" in data:
        return SimpleNamespace(any=[_condition(c) for c in data["any"]])
    if "not" in data:
        return SimpleNamespace(not_=_condition(data["not"]))
    if "answer" in data:
        answer = data["answer"]
        return SimpleNamespace(item=data["item"], answer=[answer] if isinstance(answer, str) else answer)
    return SimpleNamespace(item=data["item"], equals=data.get("equals"), one_of=data.get("one_of"),
                           gt=data.get("gt"), lt=data.get("lt"))


class NumberRange:
    __slots__ = ("min", "max")

    def __init__(self, data: dict):
        self.min, self.max = data.get("min"), data.get("max")

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Item:
    """One line of the point table, as checklists.Item reads."""

    __slots__ = ("id", "text", "key", "kind", "guidance", "legal_basis", "unit", "range", "choices", "fail_choices",
                 "relevant", "applies_to", "evidence_on_fail", "rectify_days", "points", "violation")

    def __init__(self, data: dict):
        self.id, self.text = data["id"], _text(data["text"])
        self.key, self.kind = data.get("key", False), data.get("kind", "check")
        self.guidance, self.legal_basis = _text(data.get("guidance")), _text(data.get("legal_basis"))
        self.unit = data.get("unit")
        self.range = None if data.get("range") is None else NumberRange(data["range"])
        self.choices = None if data.get("choices") is None else [
            SimpleNamespace(value=c["value"], label=_text(c["label"])) for c in data["choices"]]
        self.fail_choices, self.applies_to = data.get("fail_choices"), data.get("applies_to")
        self.relevant = _condition(data.get("relevant"))
        self.evidence_on_fail = data.get("evidence_on_fail", False)
        self.rectify_days, self.points = data.get("rectify_days"), data.get("points")
        violation = data.get("violation")
        self.violation = None if violation is None else SimpleNamespace(
            **{name: _text(violation.get(name)) for name in VIOLATION_FIELDS})

    @property
    def scored(self) -> bool:
        """Whether this item can pass or fail (and so counts for the result)."""
        return checklist_logic.scored(self)

    def applies(self, category: str | None) -> bool:
        return not self.applies_to or category is None or category in self.applies_to


class StoredChecklist:
    """One installed checklist version, as checklists.Checklist reads."""

    def __init__(self, definition: dict, content_hash: str):
        self.id, self.version = definition["id"], definition["version"]
        self.title, self.basis = _text(definition["title"]), _text(definition.get("basis"))
        self.categories = list(definition["categories"])
        rule = definition["rule"]
        self.rule = SimpleNamespace(name=rule["name"], params=rule.get("params", {}))
        coverage = definition.get("coverage") or {}
        self.coverage = SimpleNamespace(mode=coverage.get("mode", "all"), min_key=coverage.get("min_key", 0),
                                        min_general=coverage.get("min_general", 0))
        self.default_rectify_days = definition.get("default_rectify_days", 15)
        self.sections = [SimpleNamespace(id=s["id"], title=_text(s["title"]), items=[Item(i) for i in s["items"]])
                         for s in definition["sections"]]
        self.items = {item.id: item for section in self.sections for item in section.items}
        self.section_of = {item.id: section.id for section in self.sections for item in section.items}
        self.content_hash = content_hash

    def relevant_items(self, answers: dict[str, dict], category: str | None = None) -> list[Item]:
        """Items shown for this category given the answers so far (skip logic)."""
        return [item for item in self.items.values()
                if item.applies(category) and evaluate(item.relevant, answers)]


def load(connection: sqlite3.Connection, checklist_id: str, version: int | None = None) -> StoredChecklist | None:
    """A stored checklist, the newest version when `version` is None; None when there is no such version."""
    sql = "SELECT definition, content_hash FROM checklist WHERE id = ?"
    params: tuple = (checklist_id,)
    if version is not None:
        sql, params = sql + " AND version = ?", (checklist_id, int(version))
    row = connection.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()
    return None if row is None else StoredChecklist(json_value(row[0]), row[1])


def latest(connection: sqlite3.Connection) -> list[dict]:
    """The newest version of every checklist: what `forms list` prints."""
    newest: dict[str, dict] = {}
    for checklist_id, version, title, categories, content_hash in connection.execute(
            "SELECT id, version, title, categories, content_hash FROM checklist ORDER BY id, version"):
        newest[checklist_id] = {"id": checklist_id, "version": version, "title": title,
                                "categories": json_value(categories), "content_hash": content_hash}
    return list(newest.values())


def describe(checklist) -> dict:
    """What `forms show` prints, from either form of a checklist (the model or StoredChecklist)."""
    coverage = checklist.coverage
    return {"id": checklist.id, "version": checklist.version, "title": checklist.title.zh,
            "title_en": checklist.title.en, "categories": list(checklist.categories),
            "rule": {"name": checklist.rule.name, "params": checklist.rule.params},
            "coverage": {"mode": coverage.mode, "min_key": coverage.min_key, "min_general": coverage.min_general},
            "content_hash": checklist.content_hash,
            "items": [{"id": item.id, "section": checklist.section_of[item.id], "kind": item.kind,
                       "key": item.key, "text": item.text.zh, "text_en": item.text.en,
                       "scored": item.scored, "evidence_on_fail": item.evidence_on_fail,
                       **_violation(item.violation)}
                      for item in checklist.items.values()]}


def _violation(violation) -> dict:
    """An item's violation (what an order says when it fails), only for items that carry one (v2 forms on)."""
    if violation is None:
        return {}
    texts = {name: getattr(violation, name) for name in VIOLATION_FIELDS}
    return {"violation": {name: {"zh": text.zh, "en": text.en} for name, text in texts.items() if text is not None}}


def show(connection: sqlite3.Connection, checklist_id: str, version: int | None = None) -> dict | None:
    """`forms show` of a stored checklist (the newest version when `version` is None), or None."""
    found = load(connection, checklist_id, version)
    return None if found is None else describe(found)
