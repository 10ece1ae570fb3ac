"""Ship the top-level forms/ and resources/ folders inside the wheel.

They stay at the top of the repository (they are data, edited by people who
do not read Python), and the build copies them to inspector_app/_data/ so a
plain `pip install .` finds them through core.paths.resource_path().
"""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("forms", "resources")


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "inspector_app" / "_data"
        for name in DATA_DIRS:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
        compile_translations(target / "resources" / "i18n")


def compile_translations(folder: Path) -> None:
    """Build .qm catalogues from the .ts sources with the lrelease shipped in PySide6."""
    try:
        import PySide6
    except ImportError:
        return  # the app compiles them on first start instead
    tool = Path(list(PySide6.__path__)[0]) / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    for ts in sorted(folder.glob("*.ts")):
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


setup(cmdclass={"build_py": BuildPyWithData})
