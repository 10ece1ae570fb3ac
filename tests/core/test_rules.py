"""The official result rules at their edges (the CFDA 2016 catering footnote, Tianjin's 2017 rule)."""

from datetime import date

import pytest

from inspector_app.core import checklists, rules
from inspector_app.core.rules import BASIC, COMPLIANT, NON_COMPLIANT, Tally, failure_count, ratio_2016


def tally(key_pass=0, key_fail=0, key_na=0, gen_pass=0, gen_fail=0, gen_na=0) -> Tally:
    ids = lambda p, n: [f"{p}{i}" for i in range(n)]  # noqa: E731
    return Tally(ids("kp", key_pass), ids("kf", key_fail), ids("kn", key_na),
                 ids("gp", gen_pass), ids("gf", gen_fail), ids("gn", gen_na))


class TestRatio2016:
    def test_nothing_failed_is_compliant(self):
        assert ratio_2016(tally(key_pass=7, gen_pass=23)) == COMPLIANT

    def test_exactly_seventy_percent_is_basically_compliant(self):
        assert tally(gen_pass=7, gen_fail=3).general_pass_rate == pytest.approx(0.7)
        assert ratio_2016(tally(key_pass=3, gen_pass=7, gen_fail=3)) == BASIC

    def test_just_under_seventy_percent_is_non_compliant(self):
        assert ratio_2016(tally(key_pass=3, gen_pass=69, gen_fail=31)) == NON_COMPLIANT

    def test_not_applicable_items_are_left_out_of_the_rate(self):
        # 7 passed, 3 failed, 13 n.a.: 7 / (23 - 13) = 70% → 基本符合, not 7/23.
        counted = tally(key_pass=7, gen_pass=7, gen_fail=3, gen_na=13)
        assert counted.general_pass_rate == pytest.approx(0.7)
        assert ratio_2016(counted) == BASIC

    def test_one_key_failure_is_basically_compliant(self):
        assert ratio_2016(tally(key_pass=6, key_fail=1, gen_pass=23)) == BASIC

    def test_two_key_failures_are_non_compliant(self):
        assert ratio_2016(tally(key_pass=5, key_fail=2, gen_pass=23)) == NON_COMPLIANT

    def test_parameters_change_the_threshold(self):
        counted = tally(gen_pass=7, gen_fail=3)
        assert ratio_2016(counted, general_pass_rate_min=0.8) == NON_COMPLIANT


class TestFailureCount:
    def test_tianjin_2017_profile(self):
        params = {"key_failures_noncompliant": 1, "general_failures_compliant_max": 3,
                  "general_failures_basic_max": 8}
        assert failure_count(tally(gen_fail=3), **params) == COMPLIANT
        assert failure_count(tally(gen_fail=4), **params) == BASIC
        assert failure_count(tally(gen_fail=8), **params) == BASIC
        assert failure_count(tally(gen_fail=9), **params) == NON_COMPLIANT
        assert failure_count(tally(key_fail=1), **params) == NON_COMPLIANT

    def test_default_any_general_failure_is_basically_compliant(self):
        assert failure_count(tally(gen_pass=5)) == COMPLIANT
        assert failure_count(tally(gen_fail=1)) == BASIC


def _checklist(**overrides):
    data = {
        "id": "t", "version": 1, "title": {"zh": "测", "en": "T"}, "categories": ["catering"],
        "rule": {"name": "ratio_2016"}, "default_rectify_days": 15,
        "sections": [{"id": "1", "title": {"zh": "一", "en": "One"}, "items": [
            {"id": "k1", "text": {"zh": "甲", "en": "A"}, "key": True, "rectify_days": 3},
            {"id": "k2", "text": {"zh": "乙", "en": "B"}, "key": True},
            {"id": "g1", "text": {"zh": "丙", "en": "C"}},
            {"id": "temp", "text": {"zh": "冷藏温度", "en": "Fridge"}, "kind": "number", "unit": "°C",
             "range": {"max": 8}},
            {"id": "why", "text": {"zh": "原因", "en": "Why"}, "kind": "text",
             "relevant": {"item": "g1", "answer": "fail"}},
        ]}],
    }
    data.update(overrides)
    return checklists.parse(data, source="test")


class TestEvaluate:
    day = date(2026, 11, 28)

    def test_handling_follows_the_result(self):
        c = _checklist()
        ok = {"k1": {"answer": "pass"}, "k2": {"answer": "pass"}, "g1": {"answer": "pass"}, "temp": {"value": 4}}
        assert rules.evaluate(c, ok, on=self.day).handling == rules.PASS
        one_key = {**ok, "k2": {"answer": "fail"}}
        outcome = rules.evaluate(c, one_key, on=self.day)
        assert (outcome.result, outcome.handling, outcome.case_filing) == (BASIC, rules.RECTIFY, False)

    def test_non_compliant_stops_only_with_a_hazard_and_files_a_case_on_key_failures(self):
        c = _checklist()
        bad = {"k1": {"answer": "fail"}, "k2": {"answer": "fail"}, "g1": {"answer": "pass"}}
        outcome = rules.evaluate(c, bad, on=self.day)
        assert (outcome.result, outcome.handling, outcome.case_filing) == (NON_COMPLIANT, rules.RECTIFY, True)
        assert rules.evaluate(c, bad, hazard=True, on=self.day).handling == rules.STOP

    def test_a_number_outside_its_range_fails(self):
        outcome = rules.evaluate(_checklist(), {"temp": {"value": 9.5}}, on=self.day)
        assert outcome.tally.general_failed == ["temp"]
        assert rules.evaluate(_checklist(), {"temp": {"value": 8}}, on=self.day).tally.general_passed == ["temp"]

    def test_deadline_is_the_shortest_period_of_the_failed_items(self):
        c = _checklist()
        outcome = rules.evaluate(c, {"k1": {"answer": "fail"}, "g1": {"answer": "fail"}}, on=self.day)
        assert outcome.rectification_deadline == date(2026, 12, 1)
        outcome = rules.evaluate(c, {"g1": {"answer": "fail"}}, on=self.day)
        assert outcome.rectification_deadline == date(2026, 12, 13)

    def test_nothing_answered_gives_no_result(self):
        assert rules.evaluate(_checklist(), {}, on=self.day).result is None

    def test_checklist_logic_hides_items_until_their_trigger(self):
        c = _checklist()
        assert "why" not in [i.id for i in c.relevant_items({"g1": {"answer": "pass"}})]
        assert "why" in [i.id for i in c.relevant_items({"g1": {"answer": "fail"}})]


@pytest.mark.parametrize("rule, message", [
    ({"name": "nope"}, "unknown result rule"),
    ({"name": "ratio_2016", "params": {"bogus": 1}}, "has no parameter 'bogus'"),
    ({"name": "failure_count", "params": {"general_failures_basic_max": 2.5}}, "whole number"),
])
def test_bad_rule_specs_fail_when_the_checklist_loads(rule, message):
    with pytest.raises(Exception, match=message):
        _checklist(rule=rule)
