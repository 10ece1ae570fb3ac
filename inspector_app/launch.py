"""The `inspector` entry point: the desktop app starts without loading the command line's libraries.

`inspector` alone (or `inspector gui`, with or without --data-dir) is what an
inspector double-clicks every morning; the command line imports the whole core
(SQLAlchemy, pydantic, cryptography …) before it even parses its arguments,
which would cost the desktop its quick first window. Everything else goes to cli.main.
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    wanted, data_dir = desktop_request(argv)
    if wanted and has_display():
        try:
            from .gui.app import main as gui_main
        except ImportError:
            pass  # a build without Qt: the command line explains
        else:
            return gui_main(data_dir=data_dir)
    from .cli import main as cli_main
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
