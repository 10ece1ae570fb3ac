"""Where things live: the user's data folder, and the shipped forms/ and resources/.

The data folder is, in this order: --data-dir, $INSPECTOR_HOME, the folder
chosen in Settings (a small pointer file in the user's config folder), the
platform's per-user data folder. Nothing happens at import time; callers
build an AppPaths and pass it down. platformdirs is imported only when it is
needed: the desktop app reads this module before its first window shows.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

APP_NAME = "inspector_app"
ENV_HOME = "INSPECTOR_HOME"
POINTER_FILE = "location.json"


def config_dir() -> Path:
    """The per-user config folder (the pointer file lives here, outside any data folder)."""
    import platformdirs
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def platform_data_dir() -> Path:
    import platformdirs
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def pointer_file() -> Path:
    return config_dir() / POINTER_FILE


def chosen_data_dir() -> Path | None:
    """The folder chosen in Settings, or None (no pointer, or an unreadable one: never blocks a start)."""
    from . import jsonfiles
    from .errors import ValidationError
    try:
        jsonfiles.check_size(pointer_file())
        stored = jsonfiles.loads(pointer_file().read_text(encoding="utf-8"), path=str(pointer_file()))
    except (OSError, ValueError, ValidationError):
        return None
    folder = stored.get("data_dir") if isinstance(stored, dict) else None
    return Path(folder).expanduser() if isinstance(folder, str) and folder.strip() else None


def choose_data_dir(folder: Path | str) -> Path:
    """Remember `folder` as this user's data folder from the next start on (atomic write)."""
    folder = Path(folder).expanduser().resolve()
    target = pointer_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{POINTER_FILE}.{os.getpid()}")
    tmp.write_text(json.dumps({"data_dir": str(folder)}, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, target)
    return folder


def data_dir_source(explicit: Path | str | None = None) -> str:
    """Which rule picks the folder: "argument", "environment", "chosen" or "platform"."""
    if explicit:
        return "argument"
    if os.environ.get(ENV_HOME):
        return "environment"
    return "chosen" if chosen_data_dir() is not None else "platform"


def default_data_dir() -> Path:
    """The folder when no --data-dir is given: INSPECTOR_HOME, else the chosen one, else the platform's."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return chosen_data_dir() or platform_data_dir()


class AppPaths:
    """Every file of one data folder. One folder = one laptop's store. Immutable.

    A plain class rather than a dataclass: importing dataclasses costs the
    desktop app's first window a few milliseconds.
    """

    __slots__ = ("data_dir",)
    data_dir: Path

    def __init__(self, data_dir: Path):
        object.__setattr__(self, "data_dir", Path(data_dir))

    def __setattr__(self, name, value):
        raise AttributeError("AppPaths is immutable")

    def __eq__(self, other):
        return isinstance(other, AppPaths) and other.data_dir == self.data_dir

    def __hash__(self):
        return hash(self.data_dir)

    def __repr__(self):
        return f"AppPaths(data_dir={self.data_dir!r})"

    @classmethod
    def at(cls, data_dir: Path | str | None = None) -> AppPaths:
        """`data_dir` when given (--data-dir), else default_data_dir()."""
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

    def ensure(self) -> AppPaths:
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
