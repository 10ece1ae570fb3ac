"""Run the Alembic migrations programmatically, at open, before anything reads the store."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision`. Foreign keys are off during batch rebuilds, checked after."""
    if revision == "head" and current(engine) == head():
        return
    with engine.connect() as connection:
        raw = connection.connection.driver_connection  # PRAGMA foreign_keys is a no-op inside BEGIN
        raw.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.upgrade(alembic_config(connection), revision)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
        raw.execute("PRAGMA foreign_keys=ON")
