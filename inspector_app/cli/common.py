"""What every command group shares: printing results, opening the store or the central store, exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import language
from ..core.errors import InspectorError, StoreError
from ..core.paths import AppPaths

if TYPE_CHECKING:
    import sqlite3

    from ..central.store import Central
    from ..core.db import Store

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# "orm" answers the read commands through the ORM path, as before core/reads existed: the
# benchmark (bench/bench_commands.py) and tests/test_read_commands.py compare the two paths.
READS_ENV = "INSPECTOR_READS"
T = TypeVar("T")


class CommandError(InspectorError):
    """A command that cannot run as asked (e.g. the desktop without a display)."""

    kind = "usage"


def emit(args, data: Any, text: str | None = None) -> None:
    """Print `data` as JSON with --json, else `text` (or the JSON when there is no text form)."""
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text if text is not None else json.dumps(data, ensure_ascii=False, indent=2, default=str))


def say(code: str, **params: Any) -> str:
    """A fixed sentence of the text output (core/messages/cli.py) in the locale's language; --json never uses one."""
    from ..core.messages import render
    return render(code, language.current(), params)


def data_paths(args) -> AppPaths:
    return AppPaths.at(args.data_dir)


def open_store(args, *, create: bool = False) -> Store:
    """The laptop store in the data folder; it must exist unless `create`."""
    from ..core.db import open_store as open_sqlite_store
    paths = data_paths(args)
    if not create and not paths.database.exists():
        raise StoreError("store.missing", folder=str(paths.data_dir))
    paths.ensure()
    return open_sqlite_store(paths.database)


def quick_read(args, quick: Callable[[sqlite3.Connection], T | None], full: Callable[[], T]) -> T:
    """A read command's answer: `quick` on a read-only sqlite3 connection (no ORM loaded), else `full`.

    `full` (the ORM path, through open_store) answers when the store is not at
    the newest schema (it migrates it, or explains a file that is not a
    store), when `quick` has no answer (None: an id that is not there, so
    `full` raises the error it deserves) or when it hits an SQLite error.
    """
    paths = data_paths(args)
    if not paths.database.exists():
        raise StoreError("store.missing", folder=str(paths.data_dir))
    if os.environ.get(READS_ENV) != "orm":
        import sqlite3

        from ..core.reads.store import reading
        try:
            with reading(paths.database) as connection:
                found = None if connection is None else quick(connection)
        except sqlite3.Error:
            found = None
        if found is not None:
            return found
    return full()


@contextmanager
def central_store(args) -> Iterator[Central]:
    """The central store named by --db (or the data folder's), closed when the command ends."""
    from ..central.store import open_central
    central = open_central(data_paths(args).data_dir, args.db, migrate=False)
    try:
        yield central
    finally:
        central.close()


def receipt_text(result: dict) -> str:
    """One line for an import receipt: status (reason): message."""
    text = f"{result['status']}"
    if result.get("reason"):
        text += f" ({result['reason']})"
    if result.get("message"):
        text += f": {result['message']}"
    return text


def exit_for(result: dict) -> int:
    """A refused bundle exits 1; a held or duplicate one exits 0 (it is kept, or was imported before)."""
    return EXIT_ERROR if result.get("status") == "rejected" else EXIT_OK
