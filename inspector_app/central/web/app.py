"""One ASGI application over one central store: the parts' routes, and errors that never leak.

A client sees a short reason and a 4xx for what it did wrong, a plain 500
for what went wrong here (the details go to the log); never a stack trace.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from ...core.errors import InspectorError, NotFound, StateError, ValidationError
from ..store import Central, open_central

logger = logging.getLogger(__name__)
ENV_DATA_DIR, ENV_DB = "INSPECTOR_CENTRAL_DATA_DIR", "INSPECTOR_CENTRAL_DB"
STATUS = {NotFound: 404, ValidationError: 400, StateError: 409}


def part_routes() -> list[BaseRoute]:
    """Every part's routes, in the order they are matched."""
    routes: list[BaseRoute] = [Route("/healthz", _alive)]
    for name in ("api", "verify_page", "desk"):
        module = __import__(f"{__package__}.{name}", fromlist=["routes"])
        routes += module.routes()
    return routes


def create_app(data_dir: Path | str, db: str | None = None, *, central: Central | None = None) -> Starlette:
    """The service over the central store in `data_dir` (or `db`); `central` lends an open one (tests)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = central is None
        app.state.central = central or open_central(Path(data_dir), db, migrate=False)
        try:
            yield
        finally:
            if owned:
                app.state.central.close()

    app = Starlette(routes=part_routes(), lifespan=lifespan,
                    exception_handlers={InspectorError: _refused, Exception: _failed})
    return app


def from_environment() -> Starlette:
    """The app uvicorn's workers import (server.serve passes the store through the environment)."""
    return create_app(os.environ[ENV_DATA_DIR], os.environ.get(ENV_DB) or None)


async def _alive(request: Request) -> Response:
    """For a reverse proxy's health check: the process answers and its store is reachable."""
    with central_of(request).engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    return PlainTextResponse("ok")


def central_of(request: Request) -> Central:
    return request.app.state.central


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InspectorError)
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    return JSONResponse(exc.to_dict(), status_code=status)


async def _failed(request: Request, exc: Exception) -> Response:
    logger.error("request %s %s failed", request.method, request.url.path, exc_info=exc)
    return PlainTextResponse("internal error; the district's log has the details", status_code=500)
