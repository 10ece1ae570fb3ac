"""Where things live: the user's data folder, and the shipped forms/ and resources/.

Nothing happens at import time; callers build an AppPaths and pass it down.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "inspector_app"
ENV_HOME = "INSPECTOR_HOME"


def default_data_dir() -> Path:
    """INSPECTOR_HOME if set, else the platform's per-user data folder."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class AppPaths:
    """Every file of one data folder. One folder = one laptop's store."""

    data_dir: Path

    @classmethod
    def at(cls, data_dir: Path | str | None = None) -> "AppPaths":
        return cls(Path(data_dir).expanduser().resolve() if data_dir else default_data_dir())

    @property
    def database(self) -> Path:
        return self.data_dir / "inspector.sqlite3"

    @property
    def blobs(self) -> Path:
        """Evidence photos and signature images, stored by SHA-256."""
        return self.data_dir / "blobs"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def keys(self) -> Path:
        return self.data_dir / "keys"

    def ensure(self) -> "AppPaths":
        for folder in (self.data_dir, self.blobs, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resource_path(*parts: str) -> Path:
    """A shipped data file or folder (forms/…, resources/…).

    Looks in a PyInstaller bundle, then in the installed package
    (inspector_app/_data, put there by the build), then in the source
    checkout, so the same call works frozen, installed and in development.
    """
    package_dir = Path(__file__).resolve().parent.parent
    candidates = []
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS))
    candidates += [package_dir / "_data", package_dir.parent]
    for root in candidates:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    return candidates[-1].joinpath(*parts)


def forms_dir() -> Path:
    return resource_path("forms")
