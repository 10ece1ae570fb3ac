"""The catalogue of messages people read: every error code with its Chinese and English sentence.

One module per area (store, register, inspections, sync, central …), each a
dict MESSAGES of code → Text(zh, en) with `{name}` placeholders filled from
the error's params. A test checks that both languages name the same
placeholders and that every code raised in the code base is here.
"""

from __future__ import annotations

import importlib
from functools import cache

from ..codes import Text

AREAS = ("general", "store", "bundles", "cli", "sync", "inspections", "register", "identifiers", "areas", "users",
         "checklists", "notices", "settings", "assignments", "enrolment", "relay", "central", "duplicates",
         "auth", "limits", "http", "figures", "desk", "workdays", "orders", "numbering")


@cache
def catalogue() -> dict[str, Text]:
    merged: dict[str, Text] = {}
    for area in AREAS:
        table = importlib.import_module(f"{__name__}.{area}").MESSAGES
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"message codes defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


def render(code: str, language: str, params: dict) -> str:
    """The sentence for `code` in `language`; an unknown code (a newer program's) is shown as it is.
    A param that is itself a Text (a paper's name) is put in the same language."""
    text = catalogue().get(code)
    if text is None:
        return code
    template = text.get(language)
    try:
        return template.format(**{k: v.get(language) if isinstance(v, Text) else v for k, v in params.items()})
    except (KeyError, IndexError, ValueError):
        return template
