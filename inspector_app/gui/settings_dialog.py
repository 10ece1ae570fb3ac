"""Settings, generated from core.settings.SETTINGS (one editor per setting type)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout)

from ..core.errors import InspectorError
from ..core.settings import SETTINGS
from .errors import show_error

CHOICE_LABELS = {"zh_CN": "简体中文", "en": "English", "a4": "A4", "80mm": "80 mm"}


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
        for setting in SETTINGS:
            widget, reader = editor_for(setting, context.settings[setting.name])
            widget.setObjectName(f"setting_{setting.name}")
            self.readers[setting.name] = reader
            form.addRow(setting.help_en if language == "en" else setting.help_zh, widget)
        folder = QLabel(str(context.paths.data_dir), objectName="dataFolder")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Data folder"), folder)
        self.note = QLabel(self.tr("Language and text size apply the next time the app starts."), wordWrap=True)
        self.message = QLabel(objectName="settingsMessage", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return {name: read() for name, read in self.readers.items()}

    def _save(self) -> None:
        values = self.values()
        self.context.runner.op(lambda task: self.context.save_settings(values), self).on_pool() \
            .success(self._done).failure(self._failed).run()

    def _done(self, _result) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, InspectorError):
            self.message.setText(error.message)
        else:
            show_error(self, error)
