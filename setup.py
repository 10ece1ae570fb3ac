"""Ship the top-level forms/ and resources/ folders inside the wheel.

They stay at the top of the repository (they are data, edited by people who
do not read Python), and the build copies them to inspector_app/_data/ so a
plain `pip install .` finds them through core.paths.resource_path().
"""

import shutil
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
                                ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildPyWithData})
