"""Sync fixtures: a fresh world (central plus laptops) per test; the world itself is tests/sync_world.py."""

import pytest
from sync_world import World


@pytest.fixture
def world(tmp_path):
    w = World(tmp_path)
    yield w
    w.close()
