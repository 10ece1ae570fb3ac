"""Alembic environment: batch mode for SQLite, the models' naming convention."""

from alembic import context
from sqlmodel import SQLModel

from inspector_app.core import models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through inspector_app.core.migrate.upgrade()")

context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=True, compare_type=True)
context.run_migrations()
