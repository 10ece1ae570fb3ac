"""Alembic environment of the central store (separate from the laptop's): batch mode, naming convention."""

from alembic import context

from inspector_app.central.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run central migrations through inspector_app.central.store.upgrade()")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True,
                  version_table="central_alembic_version")
context.run_migrations()
