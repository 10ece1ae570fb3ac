"""Fixtures for notices: a seeded store with device keys (see notice_helpers for the helpers).

Seeding a store takes most of a second, so one is built per session and
each test gets a copy of its file (and of its keys folder).
"""

import shutil

import pytest
from factories import seed_basics
from notice_helpers import Env

from inspector_app.core import keys, settings
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths

DB = "store.sqlite3"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    root = tmp_path_factory.mktemp("notice-template")
    store = open_store(root / DB)
    with store.write() as session:
        basics = seed_basics(session)
        keys.ensure_device_keys(session, AppPaths.at(root).keys)
    store.close()  # the last connection checkpoints the WAL into the main file
    return root, basics


@pytest.fixture
def env(seeded_template, tmp_path):
    root, basics = seeded_template
    for name in (DB, DB + "-wal"):
        if (root / name).exists():
            shutil.copy2(root / name, tmp_path / name)
    paths = AppPaths.at(tmp_path).ensure()
    shutil.copytree(AppPaths.at(root).keys, paths.keys)
    store = open_store(tmp_path / DB)
    with store.session() as session:
        device = keys.load_device_keys(session, paths.keys)
    yield Env(store, basics, paths, settings.load(tmp_path), device)
    store.close()


@pytest.fixture
def keyed(store, tmp_path):
    """A bare store with this laptop's keys (enough for token tests)."""
    paths = AppPaths.at(tmp_path).ensure()
    with store.write() as session:
        device = keys.ensure_device_keys(session, paths.keys)
    return Env(store, None, paths, settings.load(tmp_path), device)
