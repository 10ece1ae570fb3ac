"""table_of reaches the very table SQLModel made for a model (bulk inserts and Core columns rely on it)."""

import inspect

import pytest
from sqlalchemy.exc import NoInspectionAvailable
from sqlmodel import SQLModel

from inspector_app.core import models
from inspector_app.core.tables import table_of


def test_every_table_model_gives_its_own_table():
    found = [cls for _, cls in inspect.getmembers(models, inspect.isclass)
             if issubclass(cls, SQLModel) and "__table__" in vars(cls)]
    assert len(found) > 20
    for model in found:
        assert table_of(model) is vars(model)["__table__"]
        assert table_of(model).name == model.__tablename__


def test_a_model_without_a_table_is_refused():
    with pytest.raises(NoInspectionAvailable):
        table_of(models.Syncable)
