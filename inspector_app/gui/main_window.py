"""The one window: the sign-in page first, then the work pages; the status bar; the idle lock.

Before the window shows only Qt and the sign-in page are imported (the
launch goal: nothing that needs the store's libraries). The Today and
Establishments pages are built once a user has signed in, the Inspection and
Sync pages the first time they are needed. The idle lock switches the window
back to the sign-in page for the signed-in user.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from .signin import SignInPage, role_label

LAZY_PAGES = ("inspection", "sync")


class IdleWatcher(QObject):
    """Restarts the lock timer on any user input in the application."""

    def __init__(self, timer: QTimer, parent: QObject):
        super().__init__(parent)  # dies with the window, and Qt then drops the filter
        from PySide6.QtCore import QEvent
        self._timer = timer
        self._input = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TabletPress,
                       QEvent.Type.TouchBegin, QEvent.Type.Wheel}

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() in self._input and self._timer.interval() > 0:
            self._timer.start()
        return False


class MainWindow(QMainWindow):
    """Built with a signed-in context.user (tests), it opens on the work pages at once."""

    signed_in = Signal()  # the work pages are built and shown (first sign-in or unlock)

    def __init__(self, context):
        super().__init__()
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Food safety inspection"))
        self.resize(1366, 768)
        self.signin = SignInPage(context)
        self.signin.accepted.connect(self._signed_in)
        self.root = QStackedWidget(objectName="root")
        self.root.addWidget(self.signin)
        self.setCentralWidget(self.root)
        self.signin.password.setFocus()  # the last user is preselected: typing goes to the password
        self.workspace: QWidget | None = None
        self._locked = False
        self._hidden_windows: list = []
        self.settings_action = self.lock_action = self.verify_action = None
        if context.user is not None:
            self._open_workspace()

    def _build_bars(self) -> None:
        """The menu and status bars come with the work pages: the sign-in page needs
        neither, and creating QActions with shortcuts costs a first window about 30 ms
        (PySide builds the `Qt` namespace's enums then)."""
        from PySide6.QtGui import QAction, QKeySequence
        self.unsent = QLabel(objectName="unsentLabel")
        self.user_label = QLabel(objectName="userLabel")
        self.statusBar().addPermanentWidget(self.unsent)
        self.statusBar().addPermanentWidget(self.user_label)
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.verify_action = QAction(self.tr("Verify a notice…"), self, objectName="verifyAction",
                                     triggered=self.open_verify)
        self.settings_action = QAction(self.tr("Settings…"), self, objectName="settingsAction")
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action = QAction(self.tr("Lock now"), self, shortcut=QKeySequence("Ctrl+L"), triggered=self.lock)
        quit_action = QAction(self.tr("Quit"), self, shortcut=QKeySequence.StandardKey.Quit,
                              triggered=self.close)
        for action in (self.verify_action, self.settings_action, self.lock_action, quit_action):
            menu.addAction(action)

    def _set_signed_in_actions(self, enabled: bool) -> None:
        if self.settings_action is not None:
            self.verify_action.setEnabled(enabled)
            self.settings_action.setEnabled(enabled)
            self.lock_action.setEnabled(enabled)

    # Signing in
    def _signed_in(self) -> None:
        if self.workspace is None:
            self._open_workspace()
        else:
            self._unlock()
        self.signed_in.emit()

    def _open_workspace(self) -> None:
        """Build the work pages for context.user and show them (once per window)."""
        from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem

        from .establishments_page import EstablishmentsPage
        from .today_page import TodayPage
        self._build_bars()
        context = self.context
        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 15px; }"
                               "QListWidget#navigation::item { padding: 12px 10px; }")
        self.stack = QStackedWidget(objectName="pages")
        self.today = TodayPage(context)
        self.establishments = EstablishmentsPage(context)
        self._built = {"today": self.today, "establishments": self.establishments}
        self.pages: dict[str, int] = {}
        self._keys: list[str] = []
        for key, title in (("today", self.tr("Today")), ("establishments", self.tr("Establishments")),
                           ("inspection", self.tr("Inspection")), ("sync", self.tr("Sync"))):
            self.pages[key] = self.stack.addWidget(self._built.get(key) or QWidget())
            self._keys.append(key)
            QListWidgetItem(title, self.nav)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setCurrentRow(0)
        self.workspace = QWidget(objectName="workspace")
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.root.addWidget(self.workspace)
        self.root.setCurrentWidget(self.workspace)
        if not self.can_inspect:
            # Clerks see the register, today's lists and sync; inspecting is for inspectors.
            self.nav.item(self.pages["inspection"]).setHidden(True)
            self.establishments.start_button.hide()
            self.today.due.hide_actions()
            self.today.orders.hide_actions()
            self.today.assigned.hide_actions()
        for page in (self.today, self.establishments):
            page.start_inspection.connect(self.start_inspection)
            page.open_inspection.connect(self.open_inspection)
            page.recheck_order.connect(self.start_recheck)
        user = context.user
        self.user_label.setText(f"{user.name} · {role_label(user.role)}")
        self._idle_timer = QTimer(self, singleShot=True, timeout=self.lock)
        self._idle_watcher = IdleWatcher(self._idle_timer, self)
        QApplication.instance().installEventFilter(self._idle_watcher)
        self.apply_idle_setting()
        self._set_signed_in_actions(True)
        context.runner.changed.connect(lambda _kinds: self.refresh_status())
        self.refresh_status()

    # Pages
    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self.page(self._keys[row])
            self.stack.setCurrentIndex(row)

    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use (Inspection and Sync wait until needed)."""
        built = self._built.get(key)
        if built is None:
            built = self._build_inspection() if key == "inspection" else self._build_sync()
            index = self.pages[key]
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[key] = built
        return built

    def _build_inspection(self) -> QWidget:
        from PySide6.QtWidgets import QPushButton

        from .inspection_page import InspectionPage
        page = InspectionPage(self.context)
        page.closed.connect(lambda: self.show_page("today"))
        notices_button = QPushButton(self.tr("Print notices…"), objectName="printNoticesButton")
        notices_button.setMinimumHeight(44)
        notices_button.clicked.connect(lambda: self.open_notices(page.inspection_id))
        page.add_finalized_action(notices_button)
        page.finalized.connect(self.open_notices)
        return page

    def _build_sync(self) -> QWidget:
        from .sync_page import SyncPage
        return SyncPage(self.context)

    @property
    def inspection(self):
        return self.page("inspection")

    @property
    def sync(self):
        return self.page("sync")

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.pages[key])

    # Status bar
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

    # Inspections
    def start_inspection(self, establishment_id) -> None:
        if not self.can_inspect:
            return
        from .start_dialog import StartInspectionDialog
        dialog = StartInspectionDialog(self.context, establishment_id, self)
        dialog.started.connect(self.open_inspection)
        dialog.open()

    def start_recheck(self, establishment_id, order_id) -> None:
        """复查: the start dialog for an open order's re-inspection (its items only)."""
        if not self.can_inspect:
            return
        from .start_dialog import StartInspectionDialog
        dialog = StartInspectionDialog(self.context, establishment_id, self, order_id=order_id)
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

    def open_verify(self) -> None:
        """核验执法文书: check a notice's QR code (an address, a code, a PDF or a photo)."""
        from .verify_dialog import VerifyDialog
        dialog = VerifyDialog(self.context, self)
        dialog.setObjectName("verifyDialog")
        dialog.open()

    # Settings and lock
    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.context, self)
        dialog.saved.connect(self.apply_idle_setting)
        dialog.open()

    def apply_idle_setting(self) -> None:
        if self.workspace is None:
            return
        minutes = int(self.context.settings.get("idle_lock_minutes") or 0)
        self._idle_timer.setInterval(minutes * 60_000)
        if minutes > 0 and not self._locked:
            self._idle_timer.start()
        else:
            self._idle_timer.stop()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.workspace is not None:
            QApplication.instance().removeEventFilter(self._idle_watcher)
            self._idle_timer.stop()
        super().closeEvent(event)

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Hide everything (the window's pages and its open dialogs) until the user's password is given."""
        if self.context.user is None or self.workspace is None or self._locked:
            return
        self._locked = True
        self._idle_timer.stop()
        self._hidden_windows = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible() and self._owns(w)]
        for window in self._hidden_windows:
            window.hide()
        self.signin.lock(self.context.user)
        self.root.setCurrentWidget(self.signin)
        self._set_signed_in_actions(False)

    def _owns(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _unlock(self) -> None:
        self._locked = False
        self.root.setCurrentWidget(self.workspace)
        for window in self._hidden_windows:
            if shiboken6.isValid(window):
                window.show()
        self._hidden_windows = []
        self._set_signed_in_actions(True)
        self.apply_idle_setting()
