"""The service's tests: a fresh world (central plus laptops, tests/sync_world.py) per test, in its own
folder so a test's server log and screenshots sit beside it."""

import pytest
from sync_world import World


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path / "district")
    yield w
    w.close()
