"""Migrations and models agree, and each migration runs on its own."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from inspector_app.core import migrate
from inspector_app.core.db import make_engine


def test_the_models_match_the_migrated_schema(tmp_path):
    engine = make_engine(tmp_path / "s.sqlite3")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                SQLModel.metadata)
    # FTS5 shadow tables are not in the metadata; everything else must match.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("establishment_"))]
    assert diff == []


def test_each_revision_upgrades_step_by_step(tmp_path):
    engine = make_engine(tmp_path / "s.sqlite3")
    revisions = [r.revision for r in reversed(list(
        ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(engine, revision)
        assert migrate.current(engine) == revision
    assert revisions[-1] == migrate.head()


def test_the_fast_path_head_constant_is_the_real_head():
    assert migrate.head() == migrate.HEAD
