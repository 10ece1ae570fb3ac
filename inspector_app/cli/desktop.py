"""`inspector gui` (and `inspector` alone): the desktop app."""

from __future__ import annotations

from .common import CommandError
from .display import has_display


def cmd_gui(args) -> int:
    if not has_display():
        raise CommandError("cli.no_display")
    try:
        from ..gui.app import main as gui_main
    except ImportError as exc:
        raise CommandError("cli.no_desktop", detail=str(exc)) from None
    return gui_main(data_dir=args.data_dir)


def register(sub, command) -> None:
    command("gui", cmd_gui, help="open the desktop app")
