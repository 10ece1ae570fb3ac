"""The Core table behind a SQLModel class, for bulk statements and column access.

SQLModel gives every `table=True` class a `__table__` but does not declare it,
so a type checker cannot see it; `table_of` reads it through the mapper instead.
"""

from __future__ import annotations

from sqlalchemy import Table, inspect
from sqlmodel import SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """`model.__table__`, typed."""
    table = inspect(model).local_table
    if not isinstance(table, Table):  # mapped to a join or a select, which no model here is
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table
