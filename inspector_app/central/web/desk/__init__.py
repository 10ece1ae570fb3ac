"""The district desk (区局工作台): pages for district staff under /desk/ (README: The district desk).

auth.py signs people in and guards every page and form; pages.py builds what
each page shows; actions.py carries out its buttons; render.py turns them into
HTML (jinja2 templates in central/web/templates/desk/) and Excel/CSV downloads.
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from . import actions, auth, pages, words

STYLESHEET = resources.files("inspector_app.central.web").joinpath("static/desk.css")


async def _stylesheet(request: Request) -> Response:
    return Response(STYLESHEET.read_bytes(), media_type="text/css; charset=utf-8",
                    headers={"cache-control": "max-age=3600", "x-content-type-options": "nosniff"})


async def _language(request: Request) -> Response:
    """Read the desk in Chinese or English from now on (a cookie; the tables stay Chinese); back where one was."""
    back = urlsplit(request.headers.get("referer", ""))
    same = back.netloc == request.url.netloc and back.path.startswith("/desk/") and "//" not in back.path
    response = RedirectResponse(back.path + (f"?{back.query}" if back.query else "") if same else "/desk/",
                                status_code=303)
    response.set_cookie(words.COOKIE, "en" if request.query_params.get("to") == "en" else "zh", max_age=365 * 86400,
                        path="/desk", samesite="lax", secure=request.url.scheme == "https")
    return response


async def _to_desk(request: Request) -> Response:
    return RedirectResponse("/desk/", status_code=308)


def routes() -> list[BaseRoute]:
    found: list[BaseRoute] = [
        Route("/desk", _to_desk),
        Route("/desk/static/desk.css", _stylesheet),
        Route("/desk/language", _language, methods=["GET"]),
        Route("/desk/signin", auth.signin_form, methods=["GET"]),
        Route("/desk/signin", auth.signin, methods=["POST"]),
        Route("/desk/signout", auth.guarded(auth.signout), methods=["POST"]),
        Route("/desk/", auth.guarded(pages.handler("overview")), methods=["GET"])]
    for name in pages.PAGES:
        if name != "overview":
            found.append(Route(f"/desk/{name}", auth.guarded(pages.handler(name), admin=name == "staff"),
                               methods=["GET"]))
    for path, back, done, work, admin in actions.ACTIONS:
        found.append(Route(path, auth.guarded(actions.action(path, back, done, work), admin=admin), methods=["POST"]))
    return found
