"""core/reads: the store opened read-only, and installed checklists read without pydantic.

A stored checklist (reads/checklist.py) must read exactly as the model
core/checklists.py parses from the same JSON: every item's fields, the rules'
outcome and the coverage check for any answers, skip logic of every kind, and
the models' defaults for keys an older dump lacks.
"""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from inspector_app.core import catalog, checklists, rules
from inspector_app.core.codes import CATEGORY_CODES
from inspector_app.core.models import Establishment
from inspector_app.core.paths import forms_dir
from inspector_app.core.reads import checklist as stored
from inspector_app.core.reads import establishment
from inspector_app.core.reads.inspection import missing_items
from inspector_app.core.reads.store import open_readonly, reading

SKIPPING = {
    "id": "skipping", "version": 1, "title": {"zh": "跳题", "en": "Skip logic"}, "categories": ["catering"],
    "rule": {"name": "failure_count"}, "coverage": {"mode": "sample", "min_key": 1, "min_general": 2},
    "sections": [{"id": "1", "title": {"zh": "一", "en": "One"}, "items": [
        {"id": "a", "text": {"zh": "甲", "en": "A"}, "key": True},
        {"id": "n", "text": {"zh": "温度", "en": "Temperature"}, "kind": "number", "unit": "°C",
         "range": {"max": -18}, "rectify_days": 3},
        {"id": "c", "text": {"zh": "方式", "en": "How"}, "kind": "choice", "fail_choices": ["none"],
         "choices": [{"value": v, "label": {"zh": v, "en": v}} for v in ("own", "contracted", "none")]},
        {"id": "b", "text": {"zh": "乙", "en": "B"}, "relevant": {"item": "a", "answer": "fail"}},
        {"id": "v", "text": {"zh": "丙", "en": "C"}, "relevant": {"item": "n", "gt": -30, "lt": 0}},
        {"id": "o", "text": {"zh": "丁", "en": "D"}, "relevant": {"item": "c", "one_of": ["own", "none"]}},
        {"id": "all", "text": {"zh": "戊", "en": "E"}, "evidence_on_fail": True,
         "relevant": {"all": [{"item": "a", "answer": ["pass", "na"]}, {"item": "c", "equals": "own"}]}},
        {"id": "any", "text": {"zh": "己", "en": "F"}, "applies_to": ["unit_canteen"],
         "relevant": {"any": [{"item": "b", "answer": "fail"}, {"not": {"item": "n", "lt": -18}}]}},
        {"id": "t", "text": {"zh": "备注", "en": "Note"}, "kind": "text"},
        {"id": "d", "text": {"zh": "日期", "en": "Date"}, "kind": "date"},
    ]}],
}


def forms() -> list[checklists.Checklist]:
    return checklists.load_directory(forms_dir()) + [checklists.parse(SKIPPING, source="test")]


def as_stored(model: checklists.Checklist) -> stored.StoredChecklist:
    """What catalog.install stores, read back as the read-only commands read it."""
    dump = json.loads(json.dumps(model.model_dump(mode="json", by_alias=True)))
    return stored.StoredChecklist(dump, model.content_hash)


def random_answers(model, rng: random.Random) -> dict[str, dict]:
    answers = {}
    for item in model.items.values():
        roll = rng.random()
        if roll < 0.2:
            continue
        if item.kind == "number":
            answers[item.id] = {"answer": None, "value": rng.choice([-40, -20, -18, -5, 3, None]), "note": None}
        elif item.kind == "choice":
            answers[item.id] = {"answer": None, "value": rng.choice([c.value for c in item.choices]), "note": None}
        else:
            answers[item.id] = {"answer": rng.choice(["pass", "pass", "fail", "na"]), "value": None, "note": None}
    return answers


@pytest.mark.parametrize("model", forms(), ids=lambda m: m.id)
def test_a_stored_checklist_reads_as_the_model(model):
    view = as_stored(model)
    assert stored.describe(view) == stored.describe(model)
    shown = {i["id"]: i.get("violation") for i in stored.describe(view)["items"]}
    assert {k for k, v in shown.items() if v} == {i.id for i in model.items.values() if i.violation}
    assert [s.id for s in view.sections] == [s.id for s in model.sections]
    for item in model.items.values():
        mine = view.items[item.id]
        for name in ("key", "kind", "unit", "fail_choices", "applies_to", "evidence_on_fail", "rectify_days",
                     "points", "scored"):
            assert getattr(mine, name) == getattr(item, name), (item.id, name)
        assert tuple(mine.text) == (item.text.zh, item.text.en)
        assert [mine.applies(c) for c in (None, *CATEGORY_CODES)] == [item.applies(c) for c in (None, *CATEGORY_CODES)]
        if item.range is not None:
            assert all(mine.range.contains(v) == item.range.contains(v) for v in (-40.0, -18.0, 0.0, 5.0, 100.0))
    rng = random.Random(model.id)
    for _ in range(200):
        answers = random_answers(model, rng)
        category = rng.choice([None, *model.categories, "stall"])
        assert [i.id for i in view.relevant_items(answers, category)] == \
            [i.id for i in model.relevant_items(answers, category)]
        assert rules.evaluate(view, answers, category=category, hazard=True, on=date(2026, 11, 28)) == \
            rules.evaluate(model, answers, category=category, hazard=True, on=date(2026, 11, 28))
        assert missing_items(view, answers, category) == missing_items(model, answers, category)


def test_checklist_logic_is_exercised():
    """The hand-made checklist above reaches every kind of condition, the same both ways."""
    model = checklists.parse(SKIPPING, source="test")
    shown_by = {"b": {"a": {"answer": "fail"}}, "v": {"n": {"value": -20}}, "o": {"c": {"value": "none"}},
                "all": {"a": {"answer": "na"}, "c": {"value": "own"}}}
    for form in (model, as_stored(model)):
        unanswered = {i.id for i in form.relevant_items({}, "unit_canteen")}
        assert not unanswered & set(shown_by) and "any" in unanswered  # `not` of an unanswered item holds
        for item_id, answers in shown_by.items():
            assert item_id in {i.id for i in form.relevant_items(answers, "unit_canteen")}, (item_id, form)
        assert "any" not in {i.id for i in form.relevant_items({"n": {"value": -20}}, "unit_canteen")}
        assert "any" not in {i.id for i in form.relevant_items({}, "catering")}  # applies_to


def test_an_older_dump_takes_the_models_defaults():
    lean = {"id": "lean", "version": 2, "title": {"zh": "简", "en": "Lean"}, "categories": ["stall"],
            "rule": {"name": "ratio_2016"},
            "sections": [{"id": "1", "title": {"zh": "一", "en": "One"},
                          "items": [{"id": "1.1", "text": {"zh": "甲", "en": "A"}}]}]}
    model = checklists.parse(lean, source="lean")
    view = stored.StoredChecklist(lean, model.content_hash)
    assert stored.describe(view) == stored.describe(model)
    assert view.default_rectify_days == model.default_rectify_days and view.basis is None


def test_the_show_fields_follow_the_model():
    assert tuple(establishment.FIELDS) == tuple(Establishment.model_fields)
    assert tuple(checklists.Violation.model_fields) == stored.VIOLATION_FIELDS


def test_forms_read_from_the_store_match_the_catalogue(seeded):
    store, _ = seeded
    with store.session() as session, reading(store.path) as connection:
        models = {record.id: catalog.get(session, record.id) for record in catalog.latest(session)}
        assert [row["id"] for row in stored.latest(connection)] == sorted(models)
        for checklist_id, model in models.items():
            assert stored.show(connection, checklist_id) == stored.describe(model)
            assert stored.show(connection, checklist_id, model.version) == stored.describe(model)
        assert stored.load(connection, "catering", 99) is None and stored.show(connection, "nope") is None


def test_only_a_store_at_head_is_opened(store, tmp_path):
    with closing(open_readonly(store.path)) as connection:
        assert connection.execute("SELECT count(*) FROM area").fetchone() == (0,)
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            connection.execute("INSERT INTO area (id, code, name, level) VALUES ('x', '1', 'x', 'township')")
    with closing(sqlite3.connect(store.path)) as writer:
        writer.execute("UPDATE alembic_version SET version_num = '0001'")
        writer.commit()
    assert open_readonly(store.path) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"junk" * 1000)
    assert open_readonly(tmp_path / "junk.sqlite3") is None
    assert open_readonly(tmp_path / "absent.sqlite3") is None
    assert not (tmp_path / "absent.sqlite3").exists()
