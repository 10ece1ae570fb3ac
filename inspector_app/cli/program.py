"""Build the `inspector` parser from the command groups and run one command.

Township IT and acceptance tests script it, so every command that prints
data takes --json, errors go to stderr with a non-zero exit code (as JSON
with --json, usage errors included), and a failed command leaves the store
as it was (one transaction per command). A full disk is always the one
message `store.disk_full` (core/disk.py), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys

from .. import __version__
from ..core.errors import InspectorError
from .common import EXIT_ERROR, EXIT_USAGE, data_paths

# Each module adds its commands: register(sub, command).
GROUPS = ("store", "desktop", "users", "areas", "establishments", "forms", "inspections", "notices", "sync",
          "relay", "assignments", "holidays", "orders", "central")


class UsageError(Exception):
    """argparse found a mistake in the command line; main() reports it (as JSON with --json)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser, self.message = parser, message


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(self, message)


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser = Parser(prog="inspector", description="Food-safety inspection, offline first.")
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $INSPECTOR_HOME, else the folder chosen in the "
                                           "desktop app's Settings, else the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name, func, parent=sub, **kw):
        p = parent.add_parser(name, parents=[common], **kw)
        p.set_defaults(func=func)
        return p

    for group in GROUPS:
        importlib.import_module(f"{__package__}.{group}").register(sub, command)
    return parser


def _report_usage(error: UsageError, argv: list[str]) -> int:
    if "--json" in argv:
        json.dump({"error": "usage", "code": "usage", "message": error.message}, sys.stderr, ensure_ascii=False)
        sys.stderr.write("\n")
    else:
        error.parser.print_usage(sys.stderr)
        print(f"{error.parser.prog}: error: {error.message}", file=sys.stderr)
    return EXIT_USAGE


def _report(exc: InspectorError, args) -> int:
    if getattr(args, "json", False):
        json.dump(exc.to_dict(), sys.stderr, ensure_ascii=False)
        sys.stderr.write("\n")
    else:
        print(f"inspector: {exc.message}", file=sys.stderr)
    return EXIT_ERROR


def _disk_full(exc: Exception, args) -> InspectorError | None:
    """The last line of defence: a full disk that no core function named (an OSError or SQLite error
    from anywhere: the central store, a key file, a log) is still the one disk-full message, never a
    traceback."""
    from ..core import disk
    try:
        folder: str | os.PathLike | None = data_paths(args).data_dir
    except Exception:
        folder = None
    if not disk.is_disk_full(exc, folder):
        return None
    filename = getattr(exc, "filename", None)
    if filename:
        folder = os.path.dirname(os.path.abspath(os.fsdecode(filename)))
    return disk.disk_full(folder or os.getcwd())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        return _report_usage(error, argv)
    if not getattr(args, "func", None):
        from .desktop import cmd_gui
        args.json, args.func = False, cmd_gui
    try:
        return args.func(args)
    except InspectorError as exc:
        return _report(exc, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `inspector … | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until the process ends
        return 0
    except Exception as exc:
        full = _disk_full(exc, args)
        if full is None:
            raise
        return _report(full, args)
