"""`inspector users add|list|passwd`: the laptop's local users."""

from __future__ import annotations

import getpass
import sys

from ..core.codes import ROLE_CODES
from ..core.errors import ValidationError
from .common import EXIT_OK, emit, open_store, say


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ValidationError("cli.no_password_on_stdin", field="password")
    return password


def cmd_users_add(args) -> int:
    from ..core import areas, users
    password = None
    if args.password_stdin:
        password = _password_from_stdin()
    elif args.password:
        password = getpass.getpass(say("cli.password_prompt"))
    with open_store(args).write() as session:
        township = areas.find(session, args.township, level="township").id if args.township else None
        user = users.add(session, name=args.name, role=args.role, credential_no=args.credential,
                         password=password, township_id=township)
        data = {"id": str(user.id), "name": user.name, "role": user.role, "credential_no": user.credential_no}
    emit(args, data, f"{data['id']}  {data['name']} ({data['role']})")
    return EXIT_OK


def cmd_users_passwd(args) -> int:
    from ..core import users
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin \
        else getpass.getpass(say("cli.new_password_prompt"))
    with open_store(args).write() as session:
        user = users.set_password(session, args.user, password)
        data = {"id": str(user.id), "name": user.name}
    emit(args, data, say("cli.password_set", name=data["name"]))
    return EXIT_OK


def cmd_users_list(args) -> int:
    from ..core import users
    with open_store(args).session() as session:
        rows = [{"id": str(u.id), "name": u.name, "role": u.role, "credential_no": u.credential_no,
                 "active": u.active} for u in users.list_users(session, args.role)]
    emit(args, rows, "\n".join(f"{r['id']}  {r['role']:<9} {r['credential_no']:<12} {r['name']}" for r in rows))
    return EXIT_OK


def register(sub, command) -> None:
    group = sub.add_parser("users", help="local users").add_subparsers(dest="action", required=True)
    p = command("add", cmd_users_add, group)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLE_CODES,
                   help="inspector 监管执法人员 or clerk 市场监管所内勤 (a 市场监管所's account), admin 区局管理员")
    p.add_argument("--credential", required=True, help="enforcement credential number (执法证号)")
    p.add_argument("--township")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--password", action="store_true", help="ask for a password")
    p = command("list", cmd_users_list, group)
    p.add_argument("--role", choices=ROLE_CODES)
    p = command("passwd", cmd_users_passwd, group, help="set a user's password (the desktop sign-in needs one)")
    p.add_argument("--user", required=True, help="the user's id")
    p.add_argument("--password-stdin", action="store_true")
