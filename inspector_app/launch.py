"""The `inspector` entry point: the desktop app starts without loading the command line's libraries.

`inspector` alone (or `inspector gui`, with or without --data-dir) is what an
inspector double-clicks every morning; the command line imports the core
before it runs a command, which would cost the desktop its quick first
window. Everything else goes to the command line (inspector_app.cli).
"""

from __future__ import annotations

import sys

from .cli.display import desktop_request, has_display

__all__ = ["desktop_request", "has_display", "main"]


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
