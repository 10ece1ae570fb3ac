"""GUI fixtures: an AppContext on a fresh data folder with a signed-in inspector."""

import pytest
from factories import seed_basics

from inspector_app.core import users
from inspector_app.gui import app as gui_app
from inspector_app.gui.errors import show_error
from inspector_app.gui.runner import Runner

PASSWORD = "secret-1"


@pytest.fixture
def context(qapp, tmp_path):
    gui_app.setup_fonts(qapp, large_text=False)
    context = gui_app.build_context(tmp_path / "data")
    gui_app.open_context_store(context)
    with context.store.write() as session:
        context.basics = seed_basics_with_passwords(session)
        context.user = users.get(session, context.basics.inspector_ids[0])
        session.expunge(context.user)
    context.runner = Runner(context, show_error)
    yield context
    context.runner.shutdown()
    context.store.close()


def seed_basics_with_passwords(session):
    """seed_basics on a store that already has the district's areas (from open_context_store)."""
    basics = seed_basics(session, with_areas=False)
    for user_id in [*basics.inspector_ids, basics.clerk_id]:
        users.get(session, user_id).password_hash = users.hash_password(PASSWORD)
    return basics


def wait_idle(qtbot, context, timeout=10_000):
    qtbot.waitUntil(lambda: context.runner.idle, timeout=timeout)


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Never read or write the real user's data-folder pointer (core.paths.config_dir)."""
    from inspector_app.core import paths
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    return tmp_path / "config"
