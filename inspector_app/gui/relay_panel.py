"""The clerk's relay on the Sync page: carry bundles between laptops and the district without reading them.

Collect takes the bundles from a stick and checks that each is intact and who
sent it; deliver puts them on the stick for the laptop or the district they
are for. Shown to clerks and administrators only. The panel's texts are in
its own translation context (self.tr: lupdate finds plurals only there).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import sync_ops
from .sync_status import sync_table
from .sync_texts import reason_text, status_colour, status_label
from .table_model import Column, ListTableModel
from .theme import GREY

translate = QCoreApplication.translate


def direction_text(row: dict) -> str:
    if row.get("status") == "delivered":
        return translate("SyncPage", "For the district") if row.get("device_id") is None \
            else translate("SyncPage", "For a laptop")
    kind = row.get("kind")
    if kind == "up":
        return translate("SyncPage", "From a laptop")
    if kind in ("down", "snapshot"):
        return translate("SyncPage", "From the district")
    return "—"


class RelayPanel(QWidget):
    """The relay tab; `page` (the SyncPage) chooses the drive and shows the outcome in its banner."""

    def __init__(self, page, parent=None):
        super().__init__(parent, objectName="relayBox")
        self.page = page
        self.relay_model = ListTableModel([
            Column(self.tr("Result"), lambda r: status_label(r.get("status")),
                   foreground=lambda r: status_colour(r.get("status"))),
            Column(self.tr("Direction"), direction_text),
            Column(self.tr("Laptop"),
                   lambda r: r.get("device_name") or str(r.get("device_id") or "")[:8] or "—"),
            Column(self.tr("Range"),
                   lambda r: "{0}–{1}".format(*r["range"]) if r.get("range") else "",
                   tooltip=lambda r: self.tr("Change numbers from the laptop, or the district's "
                                             "update numbers")),
            Column(self.tr("File"), lambda r: Path(r.get("file") or "").name,
                   tooltip=lambda r: r.get("file") or ""),
            Column(self.tr("Note"), lambda r: reason_text(r.get("reason"), r.get("message"))
                   if r.get("status") == "damaged" else ""),
        ], self)
        self.relay_view = sync_table("relayTable", self.relay_model)
        hint = QLabel(self.tr("Carry bundles between laptops and the district. The relay checks that "
                              "each bundle is intact and who sent it; it cannot read what is inside."),
                      wordWrap=True)
        hint.setStyleSheet(f"color: {GREY};")
        self.collect_button = QPushButton(self.tr("Collect from a drive…"), objectName="collectButton")
        self.deliver_button = QPushButton(self.tr("Deliver to a drive…"), objectName="deliverButton")
        self.upward_box = QCheckBox(self.tr("Also copy collected bundles for the district"),
                                    objectName="upwardBox")
        self.collect_button.clicked.connect(self.collect)
        self.deliver_button.clicked.connect(self.deliver)
        row = QHBoxLayout()
        row.addWidget(self.collect_button)
        row.addWidget(self.deliver_button)
        row.addWidget(self.upward_box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.relay_view, 1)

    def collect(self) -> None:
        folder = self.page.choose_folder(self.tr("Choose the drive to collect bundles from"))
        if not folder:
            return
        self.page.context.runner.op(lambda task: sync_ops.relay_collect(task, folder), self.page) \
            .success(self._collected).failure(self.page.show_failure).run()

    def _collected(self, result: dict) -> None:
        self.relay_model.set_rows(result["bundles"])
        text = self.tr("Collected: {0} intact, {1} already collected, {2} damaged.").format(
            result["intact"], result["duplicate"], result["damaged"])
        self.page.show_message("error" if result["damaged"] else "ok", text)

    def deliver(self) -> None:
        folder = self.page.choose_folder(self.tr("Choose the drive to deliver bundles to"))
        if not folder:
            return
        upward = self.upward_box.isChecked()
        self.page.context.runner.op(lambda task: sync_ops.relay_deliver(task, folder, upward), self.page) \
            .success(self._delivered).failure(self.page.show_failure).run()

    def _delivered(self, result: dict) -> None:
        rows = [{"status": "delivered", **d} for d in result["delivered"]]
        self.relay_model.set_rows(rows)
        if rows:
            self.page.show_message("ok", self.tr("Put %n bundle(s) on the drive.", "", len(rows)))
        else:
            self.page.show_message("warn", self.tr("Nothing to deliver to this drive."))
