"""`inspector recheck` and `inspector orders`: the follow-through of a rectification order on the command line.

Order 49 Art. 33 ¶2: the bureau follows up the rectification and records its result. A re-inspection
answers the order's items only; the order closes only when every one passes, a partial pass leaves it
open and flagged, a closed order is not re-inspected, an item not on the order is refused (a coded
error, the store as it was). An order past its deadline is listed as overdue and may be escalated.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_calls import call, ok, rows
from factories import fingerprint, signature_png

from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir

ORDER_ITEMS = ["2.1", "4.3"]


def write_answers(folder: Path, answers: dict[str, str], name: str = "answers.json") -> Path:
    for n in (1, 2, 3):
        (folder / f"s{n}.png").write_bytes(signature_png(n))
    path = folder / name
    path.write_text(json.dumps({"items": {i: {"answer": a} for i, a in answers.items()},
                                "signatures": {"inspectors": ["s1.png", "s2.png"], "operator": "s3.png"}}),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, dict]:
    """Two inspectors, a restaurant, and a finalized inspection (2.1 and 4.3 failed: an order)."""
    folder = tmp_path_factory.mktemp("orders")
    data = folder / "data"
    ok(data, "init")
    ids = {"li": ok(data, "users", "add", "--name", "李明", "--role", "inspector", "--credential", "12011900001")["id"],
           "wang": ok(data, "users", "add", "--name", "王芳", "--role", "inspector", "--credential",
                      "12011900002")["id"]}
    ids["shop"] = ok(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
                     "--township", "渔阳镇")["id"]
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    answers = {i: "fail" if i in ORDER_ITEMS else "pass" for i, item in catering.items.items() if item.kind == "check"}
    found = ok(data, "inspect", "--establishment", ids["shop"], "--form", "catering", "--inspector", ids["li"],
               "--inspector", ids["wang"], "--answers", write_answers(folder, answers), "--as", ids["li"],
               "--purpose", "complaint", "--finalize")
    assert found["purpose"] == "complaint"
    (order,) = found["orders"]
    ids["order"], ids["found"], ids["deadline"] = order["id"], found["id"], order["deadline"]
    return data, ids


@pytest.fixture
def world(base, tmp_path) -> tuple[Path, dict, Path]:
    data, ids = base
    shutil.copytree(data, tmp_path / "data")
    return tmp_path / "data", ids, tmp_path


def recheck_args(ids, answers: Path, *extra) -> list:
    return ["recheck", "--order", ids["order"], "--inspector", ids["li"], "--inspector", ids["wang"],
            "--answers", answers, "--as", ids["li"], *extra]


# Art. 33 ¶2: (the re-inspection's answers, the order's status after it, flagged)
CASES = [
    ({"2.1": "pass", "4.3": "pass"}, "closed", False),
    ({"2.1": "pass", "4.3": "fail"}, "open", True),
    ({"2.1": "fail", "4.3": "fail"}, "open", True),
]


@pytest.mark.parametrize("answers, status, flagged", CASES)
def test_recheck_closes_the_order_only_when_every_item_passes(world, answers, status, flagged):
    data, ids, folder = world
    out = ok(data, *recheck_args(ids, write_answers(folder, answers), "--finalize"))
    assert (out["purpose"], out["recheck_of"], out["status"]) == ("recheck", ids["order"], "finalized")
    assert out["order_status"] == status and out["order"]["recheck_failed"] is flagged
    assert out["orders"] == []  # no second order: the first one is still the one to rectify
    (listed,) = ok(data, "orders", "--establishment", ids["shop"])
    assert (listed["status"], listed["recheck_failed"], listed["items"]) == (status, flagged, ORDER_ITEMS)
    assert listed["last_recheck_id"] == out["id"]


def test_a_recheck_draft_shows_the_order_still_open(world):
    data, ids, folder = world
    out = ok(data, *recheck_args(ids, write_answers(folder, {"2.1": "pass"})))
    assert (out["status"], out["missing_items"], out["order_status"]) == ("draft", ["4.3"], "open")


@pytest.mark.parametrize("answers, code", [
    ({"2.1": "pass", "4.3": "pass", "3.1": "pass"}, "inspection.recheck_item_not_on_order"),
    ({"2.1": "pass"}, "inspection.unanswered"),  # every listed item is checked again
])
def test_a_bad_recheck_is_refused_and_changes_nothing(world, answers, code):
    data, ids, folder = world
    before = fingerprint(data / "inspector.sqlite3")
    status, _, err = call(data, *recheck_args(ids, write_answers(folder, answers), "--finalize"), "--json")
    assert status == 1 and json.loads(err)["code"] == code
    assert fingerprint(data / "inspector.sqlite3") == before


def test_a_closed_order_is_not_rechecked(world):
    data, ids, folder = world
    ok(data, *recheck_args(ids, write_answers(folder, {"2.1": "pass", "4.3": "pass"}), "--finalize"))
    status, _, err = call(data, *recheck_args(ids, write_answers(folder, {"2.1": "pass", "4.3": "pass"})), "--json")
    assert status == 1 and json.loads(err)["code"] == "orders.recheck_not_open"


def test_overdue_orders_and_escalation(world):
    data, ids, _ = world
    deadline = date.fromisoformat(ids["deadline"])
    assert ok(data, "orders", "--overdue", "--today", deadline) == []
    late = (deadline + timedelta(days=4)).isoformat()
    (row,) = ok(data, "orders", "--overdue", "--today", late)
    assert (row["id"], row["status"], row["days_overdue"]) == (ids["order"], "overdue", 4)
    status, _, err = call(data, "orders", "--escalate", ids["order"], "--as", ids["li"], "--today", deadline, "--json")
    assert status == 1 and json.loads(err)["code"] == "orders.not_overdue"
    (done,) = ok(data, "orders", "--escalate", ids["order"], "--note", "逾期未整改", "--as", ids["li"], "--today", late)
    assert (done["status"], done["escalated_by"], done["escalation_note"]) == ("escalated", ids["li"], "逾期未整改")
    assert rows(data, "SELECT actor_id FROM audit_log WHERE action = 'order.escalate'") == \
        [(ids["li"].replace("-", ""),)]
    assert ok(data, "orders", "--overdue", "--today", late)[0]["status"] == "escalated"
    status, _, err = call(data, "orders", "--escalate", ids["order"], "--as", ids["li"], "--today", late, "--json")
    assert status == 1 and json.loads(err)["code"] == "orders.escalated_already"
