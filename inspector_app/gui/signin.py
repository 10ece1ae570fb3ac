"""Sign in: the main window's first page (choose a local user, type the password), and the idle lock.

The page shows before the store is open, so this module imports Qt widgets
only: the password field takes typing at once and the user list fills in
when the store worker has read it. Layouts use stretches rather than
alignment flags because the first use of Qt's `Qt` namespace costs the
first window tens of milliseconds (PySide builds its ~90 enums then).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import codes, language


def role_label(role: str) -> str:
    """The catalogue's word for a role (core/codes.py); here rather than in labels.py, which the first
    window does not need."""
    return codes.label("role", role, language.current(), default=role)


LAST_USER_FILE = "last_user.json"


def load_users(task):
    """([(id, name, role, credential no.)] of active users, the last signed-in user's id or None);
    None when the store did not open."""
    if task.store is None:
        return None
    import json

    from ..core import users
    with task.store.session() as session:
        rows = [(u.id, u.name, u.role, u.credential_no) for u in users.list_users(session) if u.active]
    try:
        last = json.loads((task.context.paths.data_dir / LAST_USER_FILE).read_text(encoding="utf-8"))["user"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # a damaged file: nobody is preselected
        last = None
    return rows, last


def check_password(task, user_id, password: str):
    """The user when the password is right, else None; remembers who signed in last on this laptop."""
    import json

    from ..core import users
    with task.store.session() as session:
        if not users.authenticate(session, user_id, password):
            return None
        user = users.get(session, user_id)
        session.expunge(user)
    with contextlib.suppress(OSError):  # only a convenience for the next sign-in
        (task.context.paths.data_dir / LAST_USER_FILE).write_text(json.dumps({"user": str(user.id)}),
                                                                  encoding="utf-8")
    return user


class SignInPage(QWidget):
    """Choose a user, type the password; lock(user) turns it into the idle lock for that user.

    `accepted` is emitted once context.user holds the user whose password
    was checked (on the store worker, like every store read).
    """

    accepted = Signal()
    users_loaded = Signal(int)  # how many users are offered (the benchmark and tests wait for it)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("signinPage")
        self.context = context
        self.locked_user = None
        self._rows: list | None = None
        self._last_user: str | None = None
        self._checking = False
        self.heading = QLabel(self.tr("Food safety inspection"), objectName="signinHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.title = QLabel(self.tr("Sign in to start inspecting."), objectName="signinTitle", wordWrap=True)
        self.user_box = QComboBox(objectName="userBox")
        self.user_box.setMinimumHeight(36)
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumHeight(36)
        self.password.returnPressed.connect(self._try)
        self.message = QLabel(self.tr("Opening the data folder…"), objectName="signinMessage", wordWrap=True)
        self.sign_in = QPushButton(self.tr("Sign in"), objectName="signInButton")
        self.sign_in.setMinimumHeight(44)
        self.sign_in.setMinimumWidth(120)
        self.sign_in.setDefault(True)
        self.sign_in.setEnabled(False)
        self.sign_in.clicked.connect(self._try)
        self.folder_button = QPushButton(self.tr("Use another data folder…"), objectName="signinFolderButton")
        self.folder_button.clicked.connect(self._choose_folder)
        self.folder_button.hide()
        self._build()

    def _build(self) -> None:
        card = QWidget(objectName="signinCard")
        card.setMinimumWidth(440)
        card.setMaximumWidth(520)
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        for row, (label, field) in enumerate(((self.tr("User"), self.user_box),
                                              (self.tr("Password"), self.password))):
            form.addWidget(QLabel(label), row, 0)
            form.addWidget(field, row, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        layout = QVBoxLayout(card)
        layout.setSpacing(14)
        for widget in (self.heading, self.title):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)

    # Users
    def load_users(self) -> None:
        """Ask the store worker for the users (queued behind the op that opens the store)."""
        self.context.runner.op(load_users, self).success(self.show_users).run()

    def show_users(self, found) -> None:
        if found is None:
            return  # the store did not open; store_failed() says why
        rows, self._last_user = found
        self._rows = rows
        if self.locked_user is None:
            self._fill_users()
        self.users_loaded.emit(len(rows))

    def _fill_users(self) -> None:
        rows = self._rows or []
        self.user_box.clear()
        for user_id, name, role, credential in rows:
            self.user_box.addItem(f"{name} · {role_label(role)} · {credential}", user_id)
            if str(user_id) == self._last_user:
                self.user_box.setCurrentIndex(self.user_box.count() - 1)
        self.user_box.setEnabled(True)
        self.sign_in.setEnabled(bool(rows) and not self._checking)
        self.message.setText("" if rows else self.tr(
            "There are no users yet. Ask your market supervision office (市场监管所) or the district bureau (区局) "
            "to add you, or run `inspector users add` on this laptop."))

    def store_failed(self, text: str) -> None:
        """The store did not open: say why, and offer another folder (used from the next start)."""
        self.message.setText(text)
        self.sign_in.setEnabled(False)
        self.folder_button.show()

    def _choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ..core import paths
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"))
        if not folder:
            return
        arg = self.context.data_dir_arg
        self.context.runner.op(lambda task: (paths.choose_data_dir(folder), paths.data_dir_source(arg)), self) \
            .on_pool().success(lambda found: self._folder_chosen(*found)).run()

    def _folder_chosen(self, folder, source: str) -> None:
        text = self.tr("Start the app again to use {0}.").format(folder)
        if source in ("argument", "environment"):
            text += " " + self.tr("This start was given its folder with --data-dir or INSPECTOR_HOME, which "
                                  "takes precedence while it is used.")
        self.message.setText(text)

    # Lock
    def lock(self, user) -> None:
        """Offer only `user`, who must give the password again (the idle lock)."""
        self.locked_user = user
        self.title.setText(self.tr("Locked after a pause. Enter your password to continue."))
        self.user_box.clear()
        self.user_box.addItem(f"{user.name} · {role_label(user.role)}", user.id)
        self.user_box.setEnabled(False)
        self.password.clear()
        self.message.clear()
        self.sign_in.setEnabled(not self._checking)
        self.password.setFocus()

    def _unlocked(self) -> None:
        self.locked_user = None
        self.title.setText(self.tr("Sign in to start inspecting."))
        self.password.clear()
        if self._rows is not None:
            self._fill_users()

    # Checking
    def _try(self) -> None:
        user_id = self.user_box.currentData()
        if user_id is None or self._checking or not self.sign_in.isEnabled():
            return
        self._checking = True
        self.sign_in.setEnabled(False)
        self.message.setText(self.tr("Checking the password…"))
        password = self.password.text()
        self.context.runner.op(lambda task: check_password(task, user_id, password), self) \
            .success(self._checked).failure(self._check_failed).run()

    def _check_failed(self, error: BaseException) -> None:
        from .errors import message_for
        self._checking = False
        self.sign_in.setEnabled(True)
        self.message.setText(message_for(error))

    def _checked(self, user) -> None:
        self._checking = False
        self.sign_in.setEnabled(True)
        if user is None:
            self.message.setText(self.tr("Wrong password. Try again. A user added without a password gets "
                                         "one with `inspector users passwd`."))
            self.password.selectAll()
            return
        self.message.setText(self.tr("Signing in…"))
        self.context.user = user
        if self.locked_user is not None:
            self._unlocked()
        self.accepted.emit()
