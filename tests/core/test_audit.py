"""The audit log names who acted, whether the caller has the user's id as a UUID or as text."""

import sqlite3

import pytest

from inspector_app.core import audit
from inspector_app.core.errors import ValidationError


def test_an_actor_given_as_text_is_recorded_as_that_user(seeded):
    store, basics = seeded
    user = basics.inspector_ids[0]
    with store.write() as session:
        for actor in (user, str(user), user.hex, str(user).upper()):
            audit.record(session, action="test.actor", entity="test", actor_id=actor)
        audit.record(session, action="test.actor", entity="test")
    stored = sqlite3.connect(store.path).execute(
        "SELECT actor_id FROM audit_log WHERE action = 'test.actor' ORDER BY seq").fetchall()
    assert stored == [(user.hex,)] * 4 + [(None,)]


def test_an_actor_that_is_no_id_is_refused(seeded):
    store, _ = seeded
    with pytest.raises(ValidationError) as caught, store.write() as session:
        audit.record(session, action="test.actor", entity="test", actor_id="李明")
    assert caught.value.code == "general.bad_id"
