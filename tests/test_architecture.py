"""Layering rules: the core runs without a screen."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "inspector_app" / "core"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_imports_no_qt():
    offenders = [f"{path.relative_to(CORE)}: {module}" for path in CORE.rglob("*.py")
                 for module in imported_modules(path) if module.split(".")[0] in QT]
    assert not offenders, offenders


def test_the_architecture_check_sees_the_core():
    assert len(list(CORE.rglob("*.py"))) > 10
