"""register_search is the one search: on a read-only sqlite3 connection as through the desktop's session.

Where search finds what (names, initials, pinyin, identifiers, filters) is
tested through establishments.search in the other files; here the same
calls on both connections must give the same hits, and a bad limit is refused
before any SQL runs.
"""

import pytest
from factories import make_establishment

from inspector_app.core import establishments, register_search
from inspector_app.core.errors import ValidationError
from inspector_app.core.reads.areas import unique_id
from inspector_app.core.reads.store import reading

QUERIES = ("饭店", "渔阳", "yyfd", "yuyang", "JY2120119", "92140702MA0K", "0012", "店 渔阳", "无此店", "", "  ")


@pytest.fixture
def register(seeded):
    store, basics = seeded
    with store.write() as session:
        for n in range(25):
            make_establishment(session, name=f"渔阳饭店{n:02d}", category="catering" if n % 2 else "stall",
                               licence_no=f"JY2120119{n:07d}" if n % 3 else None)
        make_establishment(session, name="王记早点铺", category="food_sales", credit_code="92140702MA0K2AX62M")
    return store, basics


def test_both_connections_find_the_same(register):
    store, basics = register
    with store.session() as session, reading(store.path) as connection:
        for query in QUERIES:
            for filters in ({}, {"township_id": basics.township_id}, {"category": "stall", "limit": 3}):
                expected = establishments.search(session, query, **filters)
                assert register_search.search(connection, query, **filters) == expected, (query, filters)
            assert register_search.find_ids(connection, query=query) == establishments.find_ids(session, query=query)
        ids = establishments.find_ids(session, query="饭店")[:7]
        assert register_search.hits(connection, ids) == establishments.hits(session, ids)
        assert len(register_search.search(connection, "饭店", limit=100_000)) == 25


def test_an_identifier_prefix_comes_first_then_substrings(register):
    store, _ = register
    with reading(store.path) as connection:
        steps = register_search.statements("JY2120119", limit=5)
        assert len(steps) == 2 and "licence_no >= :low" in steps[0][0] and "MATCH" in steps[1][0]
        assert [hit.licence_no for hit in register_search.search(connection, "JY2120119", limit=3)] == \
            ["JY21201190000001", "JY21201190000002", "JY21201190000004"]
        assert len(register_search.statements("饭店")) == 1


def test_a_limit_below_one_is_refused(register):
    store, _ = register
    with reading(store.path) as connection, pytest.raises(ValidationError) as caught:
        register_search.search(connection, "饭店", limit=0)
    assert caught.value.code == "register.bad_limit" and caught.value.field == "limit"
    assert caught.value.message == "--limit must be at least 1"


def test_a_township_is_found_by_code_name_or_unique_prefix(register):
    store, basics = register
    with reading(store.path) as connection:
        for text in ("120119100", "渔阳镇", "渔阳", " 渔阳镇 "):
            assert unique_id(connection, text, level="township") == basics.township_id.hex, text
        for text in ("火星", "", "东关村", "蓟州区"):
            assert unique_id(connection, text, level="township") is None, text
