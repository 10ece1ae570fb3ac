"""Who is at the desk: the session cookie, sign-in and sign-out, CSRF on every form, roles.

The cookie holds only a random token (HttpOnly, SameSite=Strict, Secure over
https); the session itself is a row in the central database (central/staff.py),
so any worker or server answers for it. Every POST carries the session's CSRF
token; the sign-in form, made before there is a session, carries a token that
must match a cookie of its own (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ....core.errors import InspectorError
from ... import staff
from ..app import central_of
from .render import page
from .words import language_of

COOKIE, SIGNIN_COOKIE = "desk_session", "desk_signin"
Handler = Callable[[Request], Awaitable[Response]]


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/desk", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def current(request: Request) -> dict | None:
    if "desk_user" not in request.scope:
        request.scope["desk_user"] = staff.session(central_of(request), request.cookies.get(COOKIE))
    return request.scope["desk_user"]


def _safe_next(target: str | None) -> str:
    """Only a desk page of this site after signing in (never another site: //evil, /\\evil)."""
    if target and target.startswith("/desk/") and not target.startswith(("//", "/\\")) and "\\" not in target:
        return target
    return "/desk/"


def guarded(handler: Handler, *, admin: bool = False) -> Handler:
    """A page or action for signed-in staff; POSTs must carry the session's CSRF token; `admin` for admins."""

    async def wrapped(request: Request) -> Response:
        who = await run_in_threadpool(current, request)
        if who is None:
            if request.method == "GET":
                return RedirectResponse(f"/desk/signin?next={quote(request.url.path)}", status_code=303)
            return _signin_page(request, error=_say(request, "desk.not_signed_in"), status=401)
        if request.method == "POST":
            form = await request.form()
            if not staff.csrf_ok(who, form.get("csrf")):  # type: ignore[arg-type]  # a str field, or None
                return page(request, "desk/message.html", status=403, error=_say(request, "desk.csrf"))
        if admin and who["role"] != staff.ADMIN:
            return page(request, "desk/message.html", status=403, error=_say(request, "desk.admin_only"))
        return await handler(request)

    return wrapped


def _say(request: Request, code: str, **params) -> str:
    return InspectorError(code, **params).message_in(language_of(request))


async def signin_form(request: Request) -> Response:
    if await run_in_threadpool(current, request) is not None:
        return RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    return _signin_page(request)


def _signin_page(request: Request, *, error: str | None = None, status: int = 200, username: str = "",
                 then: str | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    response = page(request, "desk/signin.html", status=status, error=error, signin_token=token,
                    username=username, next=_safe_next(then or request.query_params.get("next")))
    _cookie(request, response, SIGNIN_COOKIE, token, 3600)
    return response


async def signin(request: Request) -> Response:
    form = await request.form()
    given, expected = str(form.get("signin_token") or ""), request.cookies.get(SIGNIN_COOKIE) or ""
    username, then = str(form.get("username") or "")[:64], str(form.get("next") or "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return _signin_page(request, error=_say(request, "desk.csrf"), status=403, username=username, then=then)
    remote = request.client.host if request.client else None
    try:
        made = await run_in_threadpool(staff.sign_in, central_of(request), username,
                                       str(form.get("password") or ""), remote=remote)
    except InspectorError as exc:
        return _signin_page(request, error=exc.message_in(language_of(request)),
                            status=401 if exc.kind == "invalid" else 423, username=username, then=then)
    response = RedirectResponse(_safe_next(then), status_code=303)
    _cookie(request, response, COOKIE, made["token"], int(staff.SESSION_FOR.total_seconds()))
    response.delete_cookie(SIGNIN_COOKIE, path="/desk")
    return response


async def signout(request: Request) -> Response:
    await run_in_threadpool(staff.sign_out, central_of(request), request.cookies.get(COOKIE))
    response = RedirectResponse("/desk/signin", status_code=303)
    response.delete_cookie(COOKIE, path="/desk", httponly=True, samesite="strict")
    return response
