"""The central import's fast paths give exactly what the checks they short-cut give.

A bundle of tens of thousands of ops goes through one-glance checks (register
text limits, canonical lines parsed in one loop); anything unusual falls back
to the full check. These tests hold each fast path to the full check's verdict
on the inputs where the two could part: text the glance cannot judge (a
full-width space, a bidi override, a line break), values that are not text,
too-long fields, and JSON lines that are valid but not canonical, or not valid.
"""

from __future__ import annotations

import random

import pytest

from inspector_app.core import limits
from inspector_app.core.errors import ValidationError
from inspector_app.core.sync import canonical
from inspector_app.core.sync.errors import SyncRejected


def full_check(entity: str, payload: dict, changed=None) -> str | None:
    """registry_problem as it was before its fast pass: text() on every limited field, in name order."""
    prefix = limits.REGISTRY.get(entity)
    if prefix is None or not isinstance(payload, dict):
        return None
    for name in sorted(payload if changed is None else set(changed) & payload.keys()):
        if prefix + name in limits.FIELDS:
            try:
                limits.text(prefix + name, payload[name], field=name)
            except ValidationError as exc:
                return exc.message_in("en")
    return None


PIECES = ["a", "店", " ", "\u3000", "\n", "\t", "\x00", "\x1b", "\u200b", "\u202e", "\ud800", "\u2028", "é", "🍜"]
NAMES = ["name", "address", "phone", "category", "legal_rep", "credential_no", "licence_no", "id", "notes"]


def test_register_limits_fast_pass_names_the_same_problem_as_the_full_check():
    rng = random.Random(11)
    refused = 0
    for _ in range(20_000):
        entity = rng.choice(["establishment", "user", "inspection"])
        payload: dict = {}
        for name in rng.sample(NAMES, rng.randint(0, 7)):
            roll = rng.random()
            if roll < 0.1:
                payload[name] = None
            elif roll < 0.15:
                payload[name] = rng.choice([0, 5, True, ["x"], {"a": 1}])
            else:
                payload[name] = "".join(rng.choice(PIECES) for _ in range(rng.choice([0, 3, 19, 21, 51, 101])))
        changed = None if rng.random() < 0.5 else rng.sample(NAMES, rng.randint(0, 4))
        expected = full_check(entity, payload, changed)
        assert limits.registry_problem(entity, payload, changed) == expected, (entity, payload, changed)
        refused += expected is not None
    assert 2_000 < refused < 18_000  # both verdicts were exercised


def test_register_row_that_passes_at_a_glance_and_one_that_does_not():
    row = {"name": "渔阳饭店", "address": "人民西大街1号", "phone": "13800001111", "created_at": "x", "version": 3}
    assert limits.registry_problem("establishment", row) is None
    full_width_space = {**row, "address": "人民西大街\u30001号"}  # not printable to Python, allowed by the limits
    assert limits.registry_problem("establishment", full_width_space) is None
    assert "U+202E" in limits.registry_problem("establishment", {**row, "name": "饭店\u202e"})
    assert limits.registry_problem("establishment", {**row, "phone": "1" * 21}) is not None
    assert limits.registry_problem("establishment", {**row, "phone": 13800001111}) is not None
    assert limits.registry_problem("establishment", {**row, "phone": "1" * 21}, changed=["name"]) is None


LINES = [
    b'{"a":1,"b":[1,2,{"c":"\xe5\xba\x97"}]}',
    b'{"b":1,"a":2}',  # valid, keys not sorted: the strict reader's verdict
    b'{"a":1, "b":2}',  # a space
    b'{"a":1.5e3}',
    b'{"a":"\\u5e97"}',  # an escape canonical JSON does not write
    b'{"a":1,"a":2}',  # duplicate key
    b'{"a":NaN}',
    b'\xef\xbb\xbf{"a":1}',  # byte order mark
    b'{"a":"\xff"}',  # not UTF-8
    b'[' * 40 + b']' * 40,  # too deep
    b'[[[[1]]]]',
    b'{"a":123456789012345678901234567890}',  # beyond 64 bits
    b'{"a":"\\ud800"}',  # a lone surrogate, escaped
    b'',
    b'{"a":1}x',
]


def verdict(call):
    try:
        return ("ok", call())
    except SyncRejected as exc:
        return ("refused", exc.reason, exc.message)


@pytest.mark.parametrize("line", LINES)
def test_lines_parsed_together_match_the_strict_reader_line_by_line(line):
    assert verdict(lambda: canonical.loads_lines([line], what="ops")) == \
        verdict(lambda: [canonical.loads(line, what="ops")])


def test_lines_parsed_together_stop_at_the_first_bad_line_in_order():
    good = b'{"a":1}'
    assert canonical.loads_lines([good, b'{"b":2,"a":1}', good], what="ops") == [{"a": 1}, {"a": 1, "b": 2}, {"a": 1}]
    first_bad = verdict(lambda: canonical.loads(b'{"a":1,"a":2}', what="ops"))
    assert verdict(lambda: canonical.loads_lines([good, b'{"a":1,"a":2}', b'{"a":NaN}'], what="ops")) == first_bad


def strict_lines(lines):
    return verdict(lambda: [canonical.loads(line, what="ops") for line in lines])


GOOD = b'{"a":1,"b":[1,2,{"c":"\xe5\xba\x97"}]}'
BATCHES = [
    [GOOD] * 120,  # more than one batch, all canonical
    [b'{"a":[1', b'2]}', b'{"b":1},{"c":2}'],  # joined, the batch would read as three canonical values
    [b'[1', b'2]', b'3,4'],
    [GOOD, b'{"a":1}', b'{"a":[1', b'2]}'],
    [GOOD] * 60 + [b'{"b":1,"a":2}'] + [GOOD] * 3,  # a non-canonical line in the second batch
    [GOOD, b'[' * 33 + b']' * 33],  # too deep, among canonical lines
    [GOOD, b'{"a":"' + b'[' * 40 + b'"}'],  # openings inside a string: counted, then the depth is measured
    [GOOD, b'1', b'"x"', b'null', b'[]'],  # values that are not objects are the ops check's business
    [GOOD, b'{"a":1}\n{"a":2}'],  # a line break inside a line given by a caller
    [],
]


@pytest.mark.parametrize("lines", BATCHES)
def test_lines_checked_a_batch_at_a_time_match_the_strict_reader_line_by_line(lines):
    """docs/sync-protocol.md §7.3: every op line is canonical JSON; a batch is accepted whole only when
    writing its values back gives every line exactly, else each line gets the strict reader's verdict."""
    assert verdict(lambda: canonical.loads_lines(lines, what="ops")) == strict_lines(lines)


def test_random_batches_of_canonical_and_broken_lines_match_the_strict_reader():
    rng = random.Random(7)
    for _ in range(300):
        lines = [rng.choice([GOOD, GOOD, GOOD, *LINES, *BATCHES[1], *BATCHES[2]]) for _ in range(rng.randint(0, 120))]
        assert verdict(lambda lines=lines: canonical.loads_lines(lines, what="ops")) == strict_lines(lines)


def _random_ops(rng, device_id: str, existing: list[str], start_hlc: int) -> list[dict]:
    ids = existing + [f"e-{n}" for n in range(40)]
    ops = []
    for seq in range(1, 401):
        entity = rng.choice(["establishment"] * 6 + ["user", "rectification_order"])
        kind = rng.choice(["insert"] * 6 + ["update"])
        payload = {"id": "?", "name": rng.choice(["渔阳饭店", "店" * 300, "饭店\u202e", None, 5]),
                   "phone": rng.choice(["13800001111", "1" * 30]), "version": 3, "server_usn": 9,
                   "status": rng.choice(["open", "issued"])}
        hlc = start_hlc + seq if rng.random() < 0.9 else (start_hlc << 1)  # some from a clock far ahead
        ops.append({"seq": seq, "change_id": f"c-{seq}", "device_id": device_id, "entity": entity,
                    "entity_id": rng.choice(ids), "op": kind, "hlc": hlc,
                    "payload_v": rng.choice([1] * 20 + [2]), "changed": ["name", "phone"],
                    "payload": payload, "base_server_version": None, "_sha": f"{seq:064x}"})
    return ops


def test_applying_a_run_of_ops_inline_gives_what_applying_each_gives(world):
    """sync-protocol §8: Applier.apply_all takes plain register inserts inline; records, log rows,
    conflicts, versions, alerts and counts must be exactly apply()'s, op by op, in every mix."""
    from inspector_app.central.apply import Applier
    from inspector_app.central.store import put_record
    rng = random.Random(3)
    with world.central.tx() as c:
        existing = [f"old-{n}" for n in range(5)]
        for rid in existing:
            put_record(c, "establishment", rid, {"name": "老店", "phone": "1"}, usn=1, source="other")
        for case in range(12):
            base, cutoff = None, rng.choice([None, 350])
            outcomes = []
            for inline in (False, True):
                applier = Applier(c, device_id="d" * 32, bundle_id="b" * 32, have_blob=lambda sha: False)
                base = base or (applier.now, applier._now_bound, applier.now_hlc, applier._hlc_plain)
                applier.now, applier._now_bound, applier.now_hlc, applier._hlc_plain = base
                ops = _random_ops(random.Random(case), applier.device_id, existing, applier.now_hlc - 5000)
                applier.prefetch(ops[:300])  # the rest are loaded when met, as a late lookup would be
                if inline:
                    applier.apply_all(ops, cutoff)
                else:
                    for op in ops:
                        applier.apply(op, quarantine=cutoff is not None and op["seq"] > cutoff)
                outcomes.append((applier.records, applier.touched, applier.op_rows, applier.conflicts,
                                 applier.versions, applier.alerts, applier.counts, ops))
            assert outcomes[0] == outcomes[1]
            assert outcomes[0][6]["applied"] and outcomes[0][6]["rejected"] and outcomes[0][6]["held"]
        c.rollback()
