"""The district's conflicts view finds duplicate establishments and merges one with a click."""

import shutil

import sync_world
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from sqlalchemy import select

from inspector_app.central import models as m
from inspector_app.central.store import open_central
from inspector_app.gui.conflicts_view import ConflictsView


def test_find_duplicates_then_merge(qtbot, context, tmp_path):
    world = sync_world.World(tmp_path / "w")
    a, b = world.laptop("a"), world.laptop("b")
    first = a.add_establishment(name="路口烧饼铺")
    second = b.add_establishment(name="路口 烧饼铺", phone="13911112222")
    world.up(a)
    world.up(b)
    world.close()
    shutil.copy(tmp_path / "w" / "central" / "central.sqlite3", context.paths.data_dir / "central.sqlite3")

    view = ConflictsView(context)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    wait_idle(qtbot, context)
    assert view.model.rowCount() == 0 and not view.merge_button.isVisible()
    qtbot.mouseClick(view.find_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert "1" in view.message.text()
    assert "路口烧饼铺" in view.model.data(view.model.index(0, 4))  # "possibly the same place as …"
    view.table.selectRow(0)
    assert view.merge_button.isVisible()
    view.note.setText("同一家，核实过")  # (QTest types ASCII only)
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    central = open_central(context.paths.data_dir, migrate=False)
    try:
        with central.engine.connect() as c:
            rows = {r.id: r.data for r in c.execute(select(m.record.c.id, m.record.c.data).where(
                m.record.c.entity == "establishment"))}
            [resolution] = c.execute(select(m.conflict.c.resolution)).scalars().all()
    finally:
        central.close()
    assert rows[second]["merged_into"] == first and rows[first]["phone"] == "13911112222"
    assert "同一家，核实过" in resolution
