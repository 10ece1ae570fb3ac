"""The rooms of docs/architecture.md are a test: core knows no screen, the command line or the district;
the district never reaches into the desktop; the desktop never into the command line, and it asks core
instead of querying the store itself; command-line modules import each other in one direction. The
contracts live in pyproject.toml ([tool.importlinter])."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "inspector_app"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the inspector_app found in `root`, with the project's contracts."""
    return subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                           "sys.exit(lint_imports(no_cache=True))"],
                          cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A copy of the package (sources only) and its contracts, to plant violations in."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(PACKAGE, root / "inspector_app", ignore=shutil.ignore_patterns("__pycache__", "_data"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_code_keeps_every_contract():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("where, line, contract", [
    ("core/planted.py", "from inspector_app.gui import labels", "core knows no screen"),
    ("core/planted.py", "def later():\n    from ..central import store", "core knows no screen"),
    ("core/planted.py", "import PySide6.QtCore", "core knows no screen"),
    ("central/planted.py", "from ..cli import common", "the district reuses core"),
    ("gui/planted.py", "from inspector_app.cli import program", "the desktop does not reach"),
    ("gui/planted.py", "def later():\n    from sqlalchemy import select", "the desktop asks core"),
    ("gui/planted.py", "from sqlmodel import select", "the desktop asks core"),
    ("cli/common.py", "from . import program  # program imports common: a circle", "command-line modules"),
])
def test_a_planted_violation_breaks_its_contract(planted, where, line, contract):
    target = planted / "inspector_app" / where
    original = target.read_text(encoding="utf-8") if target.exists() else None
    target.write_text((original or "") + "\n" + line + "\n", encoding="utf-8")
    try:
        done = lint_imports(planted)
        assert done.returncode != 0, done.stdout
        broken = [row for row in done.stdout.splitlines() if row.endswith("BROKEN")]
        assert any(row.startswith(contract) for row in broken), done.stdout
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_text(original, encoding="utf-8")
