"""Shape checks for the ops of an upward bundle, before anything is applied."""

from __future__ import annotations

from operator import itemgetter

from ..core.sync import canonical
from ..core.sync.errors import SyncRejected

FIELDS = {"seq": int, "change_id": str, "device_id": str, "entity": str, "entity_id": str, "op": str, "hlc": int,
          "payload_v": int, "changed": list}
_GET = itemgetter(*FIELDS)
_EXACT = tuple(FIELDS.values())  # what parsed JSON gives; anything else takes the field-by-field check


def check_ops(ops: list, header: dict, device_id: str, hashes: list[str] | None = None) -> list[dict]:
    """Validate and hash each op (`_sha`: SHA-256 of its line as sent, which the exporter writes as
    canonical JSON; else of its canonical JSON); raises SyncRejected."""
    expected = header["seq_to"] - header["seq_from"] + 1
    if len(ops) != max(expected, 0):
        raise SyncRejected("manifest", f"the header announces {expected} ops, the payload has {len(ops)}")
    seq_from = header["seq_from"]
    for index, op in enumerate(ops):
        if not isinstance(op, dict):
            raise SyncRejected("invalid_op", f"op #{index} is not an object")
        try:
            exact = tuple(map(type, _GET(op))) == _EXACT
        except KeyError:
            exact = False
        if not exact:
            for name, kind in FIELDS.items():
                value = op.get(name)
                if not isinstance(value, kind) or isinstance(value, bool):
                    raise SyncRejected("invalid_op", f"op #{index}: bad or missing {name}")
        if op["seq"] != seq_from + index:
            raise SyncRejected("invalid_op", f"op #{index} has seq {op['seq']}; ops must be consecutive")
        if op["device_id"] != device_id:
            raise SyncRejected("device_mismatch", f"op {op['seq']} claims device {op['device_id']}")
        payload = op.get("payload")
        if payload is not None and type(payload) is not dict and not isinstance(payload, dict):
            raise SyncRejected("invalid_op", f"op {op['seq']}: payload must be an object")
        base = op.get("base_server_version")
        if base is not None and (type(base) is not int and (not isinstance(base, int) or isinstance(base, bool))):
            raise SyncRejected("invalid_op", f"op {op['seq']}: bad base_server_version")
    # the parsed ops are ours to annotate
    for op, sha in zip(ops, hashes if hashes else map(canonical.digest, ops), strict=True):
        op["_sha"] = sha
    return list(ops)
