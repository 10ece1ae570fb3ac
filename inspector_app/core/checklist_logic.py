"""What both forms of a checklist share: skip logic (an item's `relevant:` condition) and which items score.

The same items and conditions are read from the pydantic models of core/checklists.py
(the desktop, validation) and from the plain objects of core/reads/checklist.py
(the read-only command line), so they are told apart by their fields, never
by their class: `answer` (AnswerIs), `all`, `any`, `not_`, else a value
comparison (ValueIs).
"""

from __future__ import annotations


def evaluate(condition, answers: dict[str, dict]) -> bool:
    """Evaluate skip logic against {item_id: {"answer": ..., "value": ...}}.

    An unanswered item satisfies no positive condition, so dependent items
    stay hidden until their trigger is answered.
    """
    if condition is None:
        return True
    if hasattr(condition, "answer"):
        return (answers.get(condition.item) or {}).get("answer") in condition.answer
    if hasattr(condition, "all"):
        return all(evaluate(c, answers) for c in condition.all)
    if hasattr(condition, "any"):
        return any(evaluate(c, answers) for c in condition.any)
    if hasattr(condition, "not_"):
        return not evaluate(condition.not_, answers)
    return _value_matches(condition, (answers.get(condition.item) or {}).get("value"))


def _value_matches(condition, value) -> bool:
    if value is None:
        return False
    if condition.equals is not None and value != condition.equals:
        return False
    if condition.one_of is not None and value not in condition.one_of:
        return False
    try:
        if condition.gt is not None and not float(value) > condition.gt:
            return False
        if condition.lt is not None and not float(value) < condition.lt:
            return False
    except (TypeError, ValueError):
        return False
    return True


def scored(item) -> bool:
    """Whether an item can pass or fail (and so counts for the result): every check item, a number
    with a passing range, a choice with failing choices; text and date items are records only."""
    if item.kind == "check":
        return True
    if item.kind == "number":
        return item.range is not None
    if item.kind == "choice":
        return bool(item.fail_choices)
    return False
