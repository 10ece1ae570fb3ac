"""Result rules: answers + checklist → 符合 / 基本符合 / 不符合, handling and deadline.

Pure functions, no store. Each checklist names its rule from RULES with
parameters, because the official rule differs by table and by regime
(Order 49 Art. 31 sets no thresholds): the 2016 catering footnote uses a general-item
pass rate, Tianjin's 2017 rule counts failures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .errors import FormError, ValidationError

COMPLIANT, BASIC, NON_COMPLIANT = "compliant", "basically_compliant", "non_compliant"
PASS, RECTIFY, STOP = "pass", "rectify", "stop"
# What follows one failed item (Order 49 Arts. 32, 33): 调查处理 (a case for the bureau to confirm),
# 当场整改 (fixed on the spot, recorded) or 限期整改 (a written order with a deadline).
CASE, ON_SPOT, ORDER = "case", "on_spot", "order"

# The editions of these rules. A finalized record keeps the edition it was decided under
# (Inspection.rules_edition) and central recomputes it by that edition (docs/sync-protocol.md §8.3).
# 1: handling from the result alone; every failure goes to the written order; a case only with 不符合.
# 2: Order 49 Arts. 31–33 item by item: a hazard always stops operations (Art. 31 ¶2); a failed key item
#    or a general item marked as affecting food safety proposes a case (Art. 32, Art. 33 ¶3); a minor
#    general item fixed on the spot needs no written order (Art. 33 ¶2).
EDITIONS = (1, 2)
EDITION = 2  # what new finalizations use


@dataclass(frozen=True)
class Tally:
    """What was checked, split by key (重点项) and general (一般项) items."""

    key_passed: list[str] = field(default_factory=list)
    key_failed: list[str] = field(default_factory=list)
    key_na: list[str] = field(default_factory=list)
    general_passed: list[str] = field(default_factory=list)
    general_failed: list[str] = field(default_factory=list)
    general_na: list[str] = field(default_factory=list)

    @property
    def general_pass_rate(self) -> float | None:
        """passed ÷ (checked − not applicable); None when no general item was applicable."""
        applicable = len(self.general_passed) + len(self.general_failed)
        return None if applicable == 0 else len(self.general_passed) / applicable

    @property
    def failed(self) -> list[str]:
        return self.key_failed + self.general_failed


@dataclass(frozen=True)
class Outcome:
    result: str | None
    handling: str | None
    case_filing: bool
    tally: Tally
    rectification_deadline: date | None
    deadline_estimated: bool = False  # counted through a year with no official holiday schedule
    item_deadlines: dict[str, date] = field(default_factory=dict)  # each failed item's own deadline
    treatments: dict[str, str] = field(default_factory=dict)  # failed item → CASE | ON_SPOT | ORDER
    edition: int = 1

    def items_treated(self, treatment: str) -> list[str]:
        """The failed items (key first, in checklist order) that go the way `treatment` says."""
        return [i for i in self.tally.failed if self.treatments.get(i) == treatment]

    @property
    def order_items(self) -> list[str]:
        """What the written order (责令改正) lists: Art. 33 ¶2 限期整改 only."""
        return self.items_treated(ORDER)

    def to_dict(self) -> dict:
        rate = self.tally.general_pass_rate
        return {
            "result": self.result,
            "handling": self.handling,
            "case_filing": self.case_filing,
            "failed_key_items": list(self.tally.key_failed),
            "failed_general_items": list(self.tally.general_failed),
            "general_pass_rate": None if rate is None else round(rate, 4),
            "rectification_deadline": self.rectification_deadline.isoformat()
            if self.rectification_deadline else None,
            "deadline_estimated": self.deadline_estimated,
            "item_deadlines": {item: day.isoformat() for item, day in self.item_deadlines.items()},
            "treatments": {i: self.treatments[i] for i in self.tally.failed if i in self.treatments},
            "rules_edition": self.edition,
        }


# The rules

def ratio_2016(tally: Tally, *, general_pass_rate_min: float = 0.70, key_failures_max: int = 1) -> str:
    """CFDA 2016 catering table 1-3 footnote.

    符合: nothing checked fails. 基本符合: at most `key_failures_max` key items
    fail and the general pass rate is at least `general_pass_rate_min`.
    不符合: more key failures, or a lower rate. One key failure with every
    general item passing is 基本符合 (the footnote is silent on it).
    """
    if not tally.failed:
        return COMPLIANT
    rate = tally.general_pass_rate
    if len(tally.key_failed) > key_failures_max or (rate is not None and rate < general_pass_rate_min - 1e-9):
        return NON_COMPLIANT
    return BASIC


def failure_count(tally: Tally, *, key_failures_noncompliant: int = 1,
                  general_failures_compliant_max: int = 0, general_failures_basic_max: int = 8) -> str:
    """Count failures, for tables without an official footnote (and Tianjin 2017).

    不符合 when key failures reach `key_failures_noncompliant` or general
    failures exceed `general_failures_basic_max`; 符合 when no key item fails
    and general failures are at most `general_failures_compliant_max`;
    基本符合 in between.
    """
    key, general = len(tally.key_failed), len(tally.general_failed)
    if key >= key_failures_noncompliant or general > general_failures_basic_max:
        return NON_COMPLIANT
    if key == 0 and general <= general_failures_compliant_max:
        return COMPLIANT
    return BASIC


RULES: dict[str, Callable[..., str]] = {"ratio_2016": ratio_2016, "failure_count": failure_count}

_PARAM_TYPES: dict[str, dict[str, type]] = {
    "ratio_2016": {"general_pass_rate_min": float, "key_failures_max": int},
    "failure_count": {"key_failures_noncompliant": int, "general_failures_compliant_max": int,
                      "general_failures_basic_max": int},
}


def check_rule_spec(spec) -> None:
    """Refuse unknown rules and parameters when a checklist loads, not when it is used."""
    if spec.name not in RULES:
        raise ValueError(f"unknown result rule '{spec.name}'; known: {sorted(RULES)}")
    allowed = _PARAM_TYPES[spec.name]
    for name, value in spec.params.items():
        if name not in allowed:
            raise ValueError(f"rule {spec.name} has no parameter '{name}'; known: {sorted(allowed)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"rule parameter '{name}' must be a non-negative number")
        if allowed[name] is int and not float(value).is_integer():
            raise ValueError(f"rule parameter '{name}' must be a whole number")


# From answers to an outcome

def item_outcome(item, answer: dict | None) -> str | None:
    """pass / fail / na for one scored item, or None when it was not checked.

    An explicit pass/fail/na answer wins; otherwise a number outside its
    range fails and a failing choice fails.
    """
    if not answer:
        return None
    explicit = answer.get("answer")
    if explicit in ("pass", "fail", "na"):
        return explicit
    value = answer.get("value")
    if value is None:
        return None
    if item.kind == "number" and item.range is not None:
        return "pass" if item.range.contains(float(value)) else "fail"
    if item.kind == "choice" and item.fail_choices:
        return "fail" if value in item.fail_choices else "pass"
    return None


def tally(checklist, answers: dict[str, dict], category: str | None = None) -> Tally:
    buckets: dict[str, list[str]] = {k: [] for k in ("kp", "kf", "kn", "gp", "gf", "gn")}
    for item in checklist.relevant_items(answers, category):
        if not item.scored:
            continue
        outcome = item_outcome(item, answers.get(item.id))
        if outcome is None:
            continue
        buckets[("k" if item.key else "g") + outcome[0]].append(item.id)
    return Tally(buckets["kp"], buckets["kf"], buckets["kn"], buckets["gp"], buckets["gf"], buckets["gn"])


def deadline_for(checklist, failed: list[str], on: date, calendar=None
                 ) -> tuple[date | None, bool, dict[str, date]]:
    """(earliest deadline, estimated, {item: its deadline}) for the failed items, counted from `on`.

    Each item has its own period (its rectify_days, else the checklist's default). With a
    core/workdays.WorkCalendar the periods are working days (行政处罚法 第八十五条; 民法典 第二百零一条:
    the first day is not counted), estimated when a year counted has no official schedule; without one
    (rules edition 1) calendar days, as records finalized before working days were signed.
    """
    if not failed:
        return None, False, {}
    days = {item: checklist.items[item].rectify_days if checklist.items[item].rectify_days is not None
            else checklist.default_rectify_days for item in failed}
    if calendar is None:
        each = {item: on + timedelta(days=n) for item, n in days.items()}
        return min(each.values()), False, each
    by_length = {n: calendar.add_working_days(on, n) for n in set(days.values())}  # items share few lengths
    each = {item: by_length[n].date for item, n in days.items()}
    return min(each.values()), any(deadline.estimated for deadline in by_length.values()), each


def treatment(item, answer: dict | None) -> str:
    """What follows one failed item under edition 2 (Order 49 Arts. 32, 33).

    A key item (Art. 32) or a general item the inspector marks as affecting
    food safety (Art. 33 ¶3) goes to 调查处理: a case, even when it was also
    put right on the spot. A general item that is minor is fixed on the spot
    (¶2, recorded) or ordered in writing with a deadline (¶2).
    """
    answer = answer or {}
    if item.key or answer.get("affects_safety"):
        return CASE
    return ON_SPOT if answer.get("fixed_on_spot") else ORDER


def evaluate(checklist, answers: dict[str, dict], *, category: str | None = None,
             hazard: bool = False, on: date | None = None, edition: int = 1, calendar=None) -> Outcome:
    """The result, handling, case filing, each failure's treatment and the deadline these answers give.

    Edition 1 (records finalized before edition 2): 符合 → 通过; 基本符合 →
    书面限期整改; 不符合 → 立即停止 where the inspector marked a hazard, otherwise
    书面限期整改, with a case (立案) when a key item failed; every failure goes to
    the written order. Edition 2 (Order 49 Arts. 31–33): the hazard mark
    always means 立即停止 (Art. 31 ¶2); each failure is treated by `treatment`
    and a case is proposed when any failure goes to 调查处理, whatever the
    result. A failure fixed on the spot still counts in the result.
    The deadline is the earliest of the own deadlines of the items the
    written order lists, counted from `on` (deadline_for): in working days
    through `calendar` when given (edition 2), else in calendar days.
    """
    if isinstance(edition, bool) or edition not in EDITIONS:
        raise ValidationError("checklists.unknown_rules_edition", field="rules_edition", edition=repr(edition),
                              known=", ".join(map(str, EDITIONS)))
    counted = tally(checklist, answers, category)
    if not counted.key_passed + counted.key_failed + counted.key_na + \
            counted.general_passed + counted.general_failed + counted.general_na:
        return Outcome(None, None, False, counted, None, edition=edition)
    try:
        result = RULES[checklist.rule.name](counted, **checklist.rule.params)
    except TypeError as exc:  # guarded by check_rule_spec; kept for forms built in code
        raise FormError("checklists.bad_rule_parameters", id=checklist.id, detail=str(exc)) from None
    if edition == 1:
        case_filing = bool(counted.key_failed) and result == NON_COMPLIANT
        handling = PASS if result == COMPLIANT else STOP if result == NON_COMPLIANT and hazard else RECTIFY
        treatments = {} if handling == PASS else dict.fromkeys(counted.failed, ORDER)
    else:
        treatments = {i: treatment(checklist.items[i], answers.get(i)) for i in counted.failed}
        case_filing = CASE in treatments.values()
        handling = STOP if hazard else PASS if result == COMPLIANT else RECTIFY
    ordered = counted.failed if edition == 1 else [i for i in counted.failed if treatments[i] == ORDER]
    if on is None:
        return Outcome(result, handling, case_filing, counted, None, treatments=treatments, edition=edition)
    deadline, estimated, each = deadline_for(checklist, ordered, on, calendar)
    return Outcome(result, handling, case_filing, counted, deadline, deadline_estimated=estimated,
                   item_deadlines=each, treatments=treatments, edition=edition)
