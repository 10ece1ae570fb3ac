"""Run the Alembic migrations programmatically, at open, before anything reads the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision. Opening a store already at HEAD skips Alembic entirely
# (importing it costs ~0.1 s of every start), and the read commands compare it
# without loading SQLAlchemy (core/reads/store.py); a test keeps this in step.
HEAD = "0014_document_numbers"


def alembic_config(connection=None, location: Path = MIGRATIONS):
    """An Alembic configuration for a migration folder, bound to an open connection."""
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    from alembic.script import ScriptDirectory
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None  # the package ships its migrations; none at all is a broken install
    return found


def current(engine: Engine) -> str | None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:
            return None  # a new file: no version table yet


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision`. Foreign keys are off during batch rebuilds, checked after."""
    if revision == "head" and current(engine) == HEAD:
        return
    from alembic import command
    with engine.connect() as connection:
        raw = connection.connection.driver_connection  # PRAGMA foreign_keys is a no-op inside BEGIN
        assert raw is not None  # None only once a connection is invalidated; this one was just opened
        raw.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.upgrade(alembic_config(connection), revision)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
        raw.execute("PRAGMA foreign_keys=ON")
