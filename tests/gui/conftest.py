"""GUI fixtures: an AppContext on a fresh data folder with a signed-in inspector."""

import pytest
from gui_helpers import seed_basics_with_passwords

from inspector_app.core import users
from inspector_app.gui import app as gui_app
from inspector_app.gui.errors import show_error
from inspector_app.gui.runner import Runner


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


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Never read or write the real user's data-folder pointer (core.paths.config_dir)."""
    from inspector_app.core import paths
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    return tmp_path / "config"
