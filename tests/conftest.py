"""Shared fixtures: a fresh migrated store per test, and a small seeded register."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"  # messages in English unless a test asks for Chinese

import pytest  # noqa: E402
from factories import seed_basics  # noqa: E402

from inspector_app.core import language  # noqa: E402
from inspector_app.core.db import open_store  # noqa: E402


@pytest.fixture(autouse=True)
def spoken_language():
    """The desktop sets the language people are spoken to in; no test leaks its choice into the next."""
    yield
    language.use(None)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "store.sqlite3")
    yield store
    store.close()


@pytest.fixture
def seeded(store):
    """A store with the shipped checklists, one township, two inspectors and a restaurant."""
    with store.write() as session:
        basics = seed_basics(session)
    return store, basics
