"""The packed register id list gives the same ids in the same order as find_ids, in 16 bytes each."""

import uuid

import pytest
from factories import make_establishment

from inspector_app.core import establishments, register_ids
from inspector_app.core.register_ids import UuidList


def test_packed_ids_match_find_ids_for_every_filter(seeded):
    store, basics = seeded
    with store.write() as session:
        for n in range(30):
            make_establishment(session, name=f"渔阳饭店{n:02d}", category="catering" if n % 2 else "stall")
    with store.session() as session:
        for filters in ({}, {"query": "饭店"}, {"query": "yyfd"}, {"category": "stall"}, {"query": "无此店"}):
            packed = register_ids.find(session, **filters)
            assert list(packed) == establishments.find_ids(session, **filters), filters


def test_a_uuid_list_indexes_slices_and_finds_without_building_uuids():
    ids = [uuid.uuid4() for _ in range(50)]
    packed = UuidList.from_uuids(ids)
    assert len(packed) == 50 and packed[7] == ids[7] and packed[-1] == ids[-1]
    assert packed[10:13] == ids[10:13] and packed.key(3) == ids[3].bytes
    assert packed.index(ids[42]) == 42 and ids[42] in packed and uuid.uuid4() not in packed
    assert UuidList.from_hex(i.hex for i in ids) == packed
    with pytest.raises(IndexError):
        packed[50]
    with pytest.raises(ValueError):
        packed.index("not a uuid")


def test_a_match_straddling_two_ids_is_not_a_hit():
    a, b = uuid.UUID(bytes=bytes(range(16))), uuid.UUID(bytes=bytes(range(16, 32)))
    straddle = uuid.UUID(bytes=bytes(range(8, 24)))
    packed = UuidList.from_uuids([a, b])
    assert straddle not in packed and packed.index(b) == 1
