"""The shell: navigation, the page stack, the status bar (what has not left the laptop), idle lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QStackedWidget, QWidget)

from .establishments_page import EstablishmentsPage
from .signin import SignInDialog, role_label
from .start_dialog import StartInspectionDialog
from .today_page import TodayPage

INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TabletPress,
                QEvent.Type.TouchBegin, QEvent.Type.Wheel}


class IdleWatcher(QObject):
    """Restarts the lock timer on any user input in the application."""

    def __init__(self, timer: QTimer, parent: QObject):
        super().__init__(parent)  # dies with the window, and Qt then drops the filter
        self._timer = timer

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS and self._timer.interval() > 0:
            self._timer.start()
        return False


class MainWindow(QMainWindow):
    def __init__(self, context):
        super().__init__()
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Food safety inspection"))
        self.resize(1366, 768)
        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 15px; }"
                               "QListWidget#navigation::item { padding: 12px 10px; }")
        self.stack = QStackedWidget(objectName="pages")
        self.today = TodayPage(context)
        self.establishments = EstablishmentsPage(context)
        from .inspection_page import InspectionPage
        self.inspection = InspectionPage(context)
        from .sync_page import SyncPage
        self.sync = SyncPage(context)
        self.pages = {}
        for key, title, page in (("today", self.tr("Today"), self.today),
                                 ("establishments", self.tr("Establishments"), self.establishments),
                                 ("inspection", self.tr("Inspection"), self.inspection),
                                 ("sync", self.tr("Sync"), self.sync)):
            self.pages[key] = self.stack.addWidget(page)
            QListWidgetItem(title, self.nav)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        if not self.can_inspect:
            # Clerks see the register, today's lists and sync; inspecting is for inspectors.
            self.nav.item(self.pages["inspection"]).setHidden(True)
            self.establishments.start_button.hide()
            self.today.due.hide_actions()
            self.today.orders.hide_actions()
        for page in (self.today, self.establishments):
            page.start_inspection.connect(self.start_inspection)
            page.open_inspection.connect(self.open_inspection)
        self.inspection.closed.connect(lambda: self.show_page("today"))
        notices_button = QPushButton(self.tr("Print notices…"), objectName="printNoticesButton")
        notices_button.setMinimumHeight(44)
        notices_button.clicked.connect(lambda: self.open_notices(self.inspection.inspection_id))
        self.inspection.add_finalized_action(notices_button)
        self.inspection.finalized.connect(self.open_notices)
        self._build_menu()
        self._build_status_bar()
        self._idle_timer = QTimer(self, singleShot=True, timeout=self.lock)
        self._idle_watcher = IdleWatcher(self._idle_timer, self)
        QApplication.instance().installEventFilter(self._idle_watcher)
        self.apply_idle_setting()
        context.runner.changed.connect(lambda _kinds: self.refresh_status())
        self.refresh_status()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("Settings…"), self, objectName="settingsAction")
        settings.triggered.connect(self.open_settings)
        lock = QAction(self.tr("Lock now"), self, shortcut=QKeySequence("Ctrl+L"), triggered=self.lock)
        quit_action = QAction(self.tr("Quit"), self, shortcut=QKeySequence.StandardKey.Quit,
                              triggered=self.close)
        for action in (settings, lock, quit_action):
            menu.addAction(action)

    def _build_status_bar(self) -> None:
        self.unsent = QLabel(objectName="unsentLabel")
        self.user_label = QLabel(objectName="userLabel")
        user = self.context.user
        if user is not None:
            self.user_label.setText(f"{user.name} · {role_label(user.role)}")
        self.statusBar().addPermanentWidget(self.unsent)
        self.statusBar().addPermanentWidget(self.user_label)

    def refresh_status(self) -> None:
        from . import sync_ops
        self.context.runner.op(sync_ops.unsent, self).success(self._show_unsent).run()

    def _show_unsent(self, data: dict) -> None:
        count = data["pending"]
        text = self.tr("%n record(s) not yet sent", "", count) if count else self.tr("Everything synced")
        if data["last_ack"]:
            text += " · " + self.tr("last acknowledged {0}").format(data["last_ack"][5:])  # MM-DD
        self.unsent.setText(text)

    @property
    def can_inspect(self) -> bool:
        return getattr(self.context.user, "role", "inspector") in ("inspector", "admin")

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.pages[key])

    # --- inspections ------------------------------------------------------------------
    def start_inspection(self, establishment_id) -> None:
        if not self.can_inspect:
            return
        dialog = StartInspectionDialog(self.context, establishment_id, self)
        dialog.started.connect(self.open_inspection)
        dialog.open()

    def open_inspection(self, inspection_id) -> None:
        self.inspection.open(inspection_id)
        self.show_page("inspection")

    def open_notices(self, inspection_id, kind: str = "result") -> None:
        """Preview, print or save the notices of a finalized inspection."""
        if inspection_id is None:
            return
        from .notice_dialog import NoticeDialog
        dialog = NoticeDialog(self.context, inspection_id, self, kind=kind)
        dialog.setObjectName("noticeDialog")
        dialog.open()

    # --- settings and lock --------------------------------------------------------------
    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.context, self)
        dialog.saved.connect(self.apply_idle_setting)
        dialog.open()

    def apply_idle_setting(self) -> None:
        minutes = int(self.context.settings.get("idle_lock_minutes") or 0)
        self._idle_timer.setInterval(minutes * 60_000)
        if minutes > 0:
            self._idle_timer.start()
        else:
            self._idle_timer.stop()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        QApplication.instance().removeEventFilter(self._idle_watcher)
        self._idle_timer.stop()
        super().closeEvent(event)

    def lock(self) -> None:
        if self.context.user is None or getattr(self, "_lock_dialog", None) is not None:
            return
        self.centralWidget().hide()  # nothing on screen while the laptop is left alone
        self._lock_dialog = SignInDialog(self.context, locked_user=self.context.user, parent=self)
        self._lock_dialog.setObjectName("lockDialog")
        self._lock_dialog.finished.connect(self._unlocked)
        self._lock_dialog.open()

    def _unlocked(self, _result) -> None:
        self._lock_dialog = None
        self.centralWidget().show()
        self.apply_idle_setting()
