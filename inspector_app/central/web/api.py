"""The api part of the district's service (see central/web/__init__.py)."""

from __future__ import annotations

from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    return []
