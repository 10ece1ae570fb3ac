"""Whether the desktop app can open here, and whether a command line asks only for it.

Imported by the `inspector` entry point before anything else, so it must stay tiny.
"""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    """False on a Linux machine with no X11/Wayland display and no Qt platform chosen (a server, CI)."""
    return not sys.platform.startswith("linux") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def desktop_request(argv: list[str]) -> tuple[bool, str | None]:
    """(argv asks only for the desktop app, the --data-dir it names)."""
    rest, data_dir = list(argv), None
    if len(rest) >= 2 and rest[0] == "--data-dir":
        data_dir, rest = rest[1], rest[2:]
    elif rest and rest[0].startswith("--data-dir="):
        data_dir, rest = rest[0].split("=", 1)[1], rest[1:]
    return rest in ([], ["gui"]), data_dir
