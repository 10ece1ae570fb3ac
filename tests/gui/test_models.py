"""Every table model passes Qt's model tester, and lazy rows arrive from the background."""

import pytest
from factories import make_establishment
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from inspector_app.gui import establishment_ops as ops
from inspector_app.gui.establishments_page import columns
from inspector_app.gui.table_model import PLACEHOLDER, Column, LazyTableModel, ListTableModel


@pytest.fixture
def many(context):
    with context.store.write() as session:
        for n in range(450):
            make_establishment(session, name=f"测试餐馆{n:03d}")
    return context


def test_the_lazy_model_passes_the_model_tester_and_fills_rows_in_batches(qtbot, many):
    model = LazyTableModel(many.runner, columns(), ops.fetch_rows, batch=100)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    many.runner.op(lambda task: ops.find(task, ops.Filters())).success(model.set_ids).run()
    wait_idle(qtbot, many)
    assert model.rowCount() == 451
    assert model.data(model.index(300, 0)) == PLACEHOLDER  # not fetched yet: painting never waits
    wait_idle(qtbot, many)
    assert model.data(model.index(300, 0)).startswith("测试餐馆")
    assert model.row_data(250) is None  # only the batches that were shown load


def test_a_vanished_row_shows_a_dash_instead_of_refetching_forever(qtbot, many):
    import uuid
    model = LazyTableModel(many.runner, columns(), ops.fetch_rows, batch=10)
    model.set_ids([uuid.uuid4()])
    model.data(model.index(0, 0))
    wait_idle(qtbot, many)
    assert model.data(model.index(0, 0)) == "—" and not model.loading


def test_the_list_model_passes_the_model_tester():
    model = ListTableModel([Column("a", lambda r: r[0]), Column("b", lambda r: r[1],
                                                                align=Qt.AlignmentFlag.AlignCenter)])
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows([(1, 2), (3, 4)])
    assert model.data(model.index(1, 1)) == "4"
    model.set_rows([])
    assert model.rowCount() == 0


def test_the_inspection_screens_list_models_pass_the_model_tester():
    from inspector_app.gui.section_list import MissingModel, MissingRow, SectionModel, SectionRow
    sections = SectionModel()
    QAbstractItemModelTester(sections, QAbstractItemModelTester.FailureReportingMode.Fatal)
    sections.set_rows([SectionRow("1", "许可管理", 1, 2, 1, 1, 0, True),
                       SectionRow("2", "人员管理", 0, 4, 0, 2, 1, True)])
    assert sections.rowCount() == 2
    sections.set_rows([SectionRow("1", "许可管理", 2, 2, 1, 1, 0, True)])
    missing = MissingModel()
    QAbstractItemModelTester(missing, QAbstractItemModelTester.FailureReportingMode.Fatal)
    missing.set_rows([MissingRow("4.2", "健康证明", "photo"), MissingRow("5.1", "环境", "answer")])
    assert missing.rowCount() == 2
    missing.set_rows([])
    assert missing.rowCount() == 0
