"""`inspector central staff add|passwd|disable|list`: the people who sign in to the district desk.

A password is typed at a prompt (twice) or read from standard input with
--password-stdin; it is never an argument, so it stays out of the shell's
history and the process list.
"""

from __future__ import annotations

import getpass
import sys

from ..core import language
from ..core.errors import ValidationError
from .common import EXIT_OK, central_store, emit, say


def _password(args) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ValidationError("cli.no_password_on_stdin", field="password")
        return password
    first = getpass.getpass(say("desk.password_prompt", username=args.username))
    if getpass.getpass(say("desk.password_again")) != first:
        raise ValidationError("desk.passwords_differ", field="password")
    return first


def _line(row: dict) -> str:
    state = " 已停用/disabled" if row["disabled"] else ""
    return f"{row['username']:<16} {row['role']:<15} {row['display_name']}{state}"


def cmd_staff_add(args) -> int:
    from ..central import staff
    password = _password(args)
    with central_store(args) as central:
        row = staff.create(central, username=args.username, display_name=args.name, role=args.role,
                           password=password)
    role = staff.ROLES[row["role"]].get(language.current())
    emit(args, row, say("desk.staff_added", username=row["username"], role=role))
    return EXIT_OK


def cmd_staff_passwd(args) -> int:
    from ..central import staff
    password = _password(args)
    with central_store(args) as central:
        row = staff.set_password(central, args.username, password)
    emit(args, row, say("desk.password_set", username=row["username"]))
    return EXIT_OK


def cmd_staff_disable(args) -> int:
    from ..central import staff
    with central_store(args) as central:
        row = staff.disable(central, args.username)
    emit(args, row, say("desk.staff_disabled", username=row["username"]))
    return EXIT_OK


def cmd_staff_list(args) -> int:
    from ..central import staff
    with central_store(args) as central:
        rows = staff.list_staff(central)
    emit(args, rows, "\n".join(_line(r) for r in rows) or say("desk.no_staff_yet"))
    return EXIT_OK


def register_central(group, command) -> None:
    """Called by the central group with its sub-parsers and the command maker."""
    staff = group.add_parser("staff", help="district staff who sign in to the desk").add_subparsers(
        dest="staff_action", required=True)

    def sub(name, func, **kw):
        p = command(name, func, staff, **kw)
        p.add_argument("--db", metavar="URL", help="database URL (as for the other central commands)")
        return p

    p = sub("add", cmd_staff_add, help="add a staff account (asks for the password)")
    p.add_argument("username")
    p.add_argument("--name", required=True, help="the person's name, shown on the desk and on what they do")
    p.add_argument("--role", required=True, choices=("district_admin", "district_clerk"))
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = sub("passwd", cmd_staff_passwd, help="set a new password (lifts a lockout, signs out everywhere)")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = sub("disable", cmd_staff_disable, help="disable an account (signs it out everywhere)")
    p.add_argument("username")
    sub("list", cmd_staff_list, help="staff accounts")
