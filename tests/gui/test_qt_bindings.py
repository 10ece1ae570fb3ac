"""The Qt bindings we ship must not corrupt the interpreter.

PySide6 6.12.0 drops a reference to None on every void method call; on
Python 3.11 None is not immortal, so a long session ends in "Fatal Python
error: none_dealloc". pyproject.toml keeps 6.12.0 out; this test catches a
release with the same fault.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("检查")
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50
