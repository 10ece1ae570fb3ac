"""Running the `inspector` command in this process, as the command-line tests do: quicker than a
subprocess and the same code (program.main with an argv)."""

import contextlib
import io
import json
import sqlite3
from pathlib import Path

from inspector_app import cli


def call(data: Path, *args) -> tuple[int, str, str]:
    """(exit code, standard output, standard error) of one command on the data folder `data`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def ok(data: Path, *args) -> dict:
    """The --json output of a command that must succeed."""
    code, out, err = call(data, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def rows(data: Path, sql: str, *params) -> list:
    """A query on the store, read-only, beside the program."""
    connection = sqlite3.connect(f"file:{data / 'inspector.sqlite3'}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()
