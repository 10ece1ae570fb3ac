"""Settings, generated from core.settings.SETTINGS (one editor per setting type), and the data folder.

A new data folder is remembered in a pointer file outside the data folder
(core.paths) and used from the next start: the open store stays where it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import paths as core_paths
from ..core.errors import InspectorError
from ..core.messages import render
from ..core.settings import SETTINGS
from .errors import show_error

CHOICE_LABELS = {"zh_CN": "简体中文", "en": "English", "a4": "A4", "80mm": "80 mm"}
# The district sets these (core/sync/district_settings.py): shown, never saved; the name each has there.
DISTRICT_OWNED = {"verify_base_url": "verify_url", "review_body": "review_body", "court": "court"}


def district_values(task) -> dict:
    """The settings the district sent this laptop (store worker); {} when never told any."""
    from ..core.notices.address import district_values as told
    with task.store.session() as session:
        return told(session)


def editor_for(setting, value):
    if setting.choices:
        box = QComboBox()
        for choice in setting.choices:
            box.addItem(CHOICE_LABELS.get(choice, choice), choice)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box, box.currentData
    if setting.type is bool:
        box = QCheckBox()
        box.setChecked(bool(value))
        return box, box.isChecked
    if setting.type is int:
        box = QSpinBox()
        box.setRange(0, 240)
        box.setValue(int(value))
        return box, box.value
    box = QLineEdit(str(value))
    return box, box.text


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        language = context.settings.get("language", "zh_CN")
        self.readers = {}
        form = QFormLayout()
        self.language = "en" if language == "en" else "zh"
        for setting in SETTINGS:
            widget, reader = editor_for(setting, context.settings[setting.name])
            widget.setObjectName(f"setting_{setting.name}")
            if setting.name == "sync_url":
                widget.setPlaceholderText("http://10.1.2.3:8080")
            form.addRow(setting.help_en if language == "en" else setting.help_zh, widget)
            if setting.name in DISTRICT_OWNED:
                self._district_owned(setting.name, widget)
                if setting.name == "verify_base_url":
                    form.addRow("", self._district_row())
                continue
            self.readers[setting.name] = reader
        if self.context.store is not None:  # after every district-owned field exists
            self.context.runner.op(district_values, self).success(self._show_district).run()
        self.new_folder: Path | None = None
        form.addRow(self.tr("Data folder"), self._folder_row())
        self.folder_note = QLabel(objectName="dataFolderNote", wordWrap=True)
        self.folder_note.hide()
        self.note = QLabel(self.tr("Language and text size apply the next time the app starts."), wordWrap=True)
        self.message = QLabel(objectName="settingsMessage", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.folder_note)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _district_owned(self, name: str, field: QLineEdit) -> None:
        """Read-only here: the district's value, once it sent one (else the laptop's earlier setting)."""
        field.setReadOnly(True)
        field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.district_fields = {**getattr(self, "district_fields", {}), name: field}

    def _district_row(self) -> QLabel:
        self.district_field = self.district_fields["verify_base_url"]
        self.district_note = QLabel(render("settings.district_owned", self.language, {}),
                                    objectName="districtNote", wordWrap=True)
        return self.district_note

    def _show_district(self, values: dict) -> None:
        for name, field in self.district_fields.items():
            if values.get(DISTRICT_OWNED[name]):
                field.setText(values[DISTRICT_OWNED[name]])
        told = bool(values.get("verify_url"))
        self.district_note.setText(render("settings.district_owned" if told else "settings.district_not_told",
                                          self.language, {}))

    def _folder_row(self) -> QWidget:
        self.folder = QLabel(str(self.context.paths.data_dir), objectName="dataFolder", wordWrap=True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_folder = QPushButton(self.tr("Change…"), objectName="chooseDataFolder")
        self.choose_folder.clicked.connect(self._choose_folder)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.folder, 1)
        layout.addWidget(self.choose_folder)
        return row

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"),
                                                  str(self.new_folder or self.context.paths.data_dir))
        if not folder:
            return
        self.new_folder = Path(folder)
        self.folder.setText(folder)
        arg = self.context.data_dir_arg
        self.context.runner.op(lambda task: ((Path(folder) / "inspector.sqlite3").exists(),
                                             core_paths.data_dir_source(arg)), self).on_pool() \
            .success(lambda found: self._explain_folder(*found)).run()

    def _explain_folder(self, has_store: bool, source: str) -> None:
        """Say when the new folder applies, and what the user finds there."""
        lines = [self.tr("The app uses this folder from the next start; until then it keeps working in "
                         "the current one.")]
        lines.append(self.tr("This folder already holds data: the next start opens it.") if has_store else
                     self.tr("This folder holds no data yet: the next start begins with an empty store there. "
                             "To take your records along, quit the app and copy the whole current data "
                             "folder there first."))
        if source in ("argument", "environment"):
            lines.append(self.tr("This start was given its folder with --data-dir or INSPECTOR_HOME, which "
                                 "takes precedence while it is used."))
        self.folder_note.setText("\n".join(lines))
        self.folder_note.show()
        self.layout().activate()
        self.resize(self.width(), self.layout().totalHeightForWidth(self.width()))  # room for the wrapped note

    def values(self) -> dict:
        return {name: read() for name, read in self.readers.items()}

    def _save(self) -> None:
        values, folder = self.values(), self.new_folder

        def save(_task):
            self.context.save_settings(values)
            if folder is not None:
                core_paths.choose_data_dir(folder)

        self.context.runner.op(save, self).on_pool().changes("settings") \
            .success(self._done).failure(self._failed).run()

    def _done(self, _result) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, InspectorError):
            self.message.setText(error.message)
        else:
            show_error(self, error)
