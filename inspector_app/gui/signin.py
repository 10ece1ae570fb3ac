"""Sign in: choose a local user and enter the password. Also the idle lock screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

def role_label(role: str) -> str:
    labels = {"inspector": QCoreApplication.translate("roles", "Inspector"),
              "clerk": QCoreApplication.translate("roles", "Township clerk"),
              "admin": QCoreApplication.translate("roles", "Administrator")}
    return labels.get(role, role)


def load_users(task):
    from ..core import users
    with task.store.session() as session:
        return [(u.id, u.name, u.role, u.credential_no) for u in users.list_users(session) if u.active]


def check_password(task, user_id, password: str):
    from ..core import users
    with task.store.session() as session:
        if not users.authenticate(session, user_id, password):
            return None
        user = users.get(session, user_id)
        session.expunge(user)
        return user


class SignInDialog(QDialog):
    """Choose a user, type the password. `locked_user` turns it into the idle lock screen."""

    def __init__(self, context, locked_user=None, parent=None):
        super().__init__(parent)
        self.context, self.locked_user = context, locked_user
        self.setWindowTitle(self.tr("Food safety inspection — sign in"))
        self.setMinimumWidth(420)
        self.user_box = QComboBox()
        self.user_box.setObjectName("userBox")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("signinMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in.setObjectName("signInButton")
        self.sign_in.setDefault(True)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User"), self.user_box)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Locked after a pause. Enter your password to continue.") if locked_user
                       else self.tr("Sign in to start inspecting."))
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if locked_user is not None:
            self.user_box.addItem(f"{locked_user.name} · {role_label(locked_user.role)}", locked_user.id)
            self.user_box.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        else:
            self.sign_in.setEnabled(False)
            self.message.setText(self.tr("Opening the data folder…"))
            context.runner.op(load_users, self).success(self._show_users).run()

    def _show_users(self, rows) -> None:
        self.user_box.clear()
        for user_id, name, role, credential in rows:
            self.user_box.addItem(f"{name} · {role_label(role)} · {credential}", user_id)
        self.sign_in.setEnabled(bool(rows))
        self.message.setText("" if rows else self.tr(
            "There are no users yet. Ask the township office to add you, or run "
            "`inspector users add` on this laptop."))
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _try(self) -> None:
        user_id = self.user_box.currentData()
        if user_id is None:
            return
        self.sign_in.setEnabled(False)
        password = self.password.text()
        self.context.runner.op(lambda task: check_password(task, user_id, password), self) \
            .success(self._checked).run()

    def _checked(self, user) -> None:
        self.sign_in.setEnabled(True)
        if user is None:
            self.message.setText(self.tr("Wrong password. Try again. A user added without a password gets "
                                         "one with `inspector users passwd`."))
            self.password.selectAll()
            return
        self.context.user = user
        self.accept()

    def reject(self) -> None:
        if self.locked_user is None:
            super().reject()
