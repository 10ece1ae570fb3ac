"""One error vocabulary. Every message says what went wrong and what to do next.

An error names a code from the message catalogue (core/messages/) and the
values its sentence needs; the sentence is rendered when read, in the
language people are spoken to in (core/language.py). Scripts rely on
`kind` (the class of problem) and `code` (the exact one); the desktop picks
errors by code, never by their text.
"""

from __future__ import annotations

from typing import Any

from . import language


class InspectorError(Exception):
    """Base of every error a user may see."""

    kind = "error"

    def __init__(self, code: str, /, *, field: str | None = None, **params: Any):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    @property
    def message(self) -> str:
        return self.message_in(language.current())

    def message_in(self, lang: str) -> str:
        from .messages import render
        return render(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict:
        data = {"error": self.kind, "code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class ValidationError(InspectorError):
    """Input that breaks a rule of the trade; `field` names the culprit."""

    kind = "invalid"


class NotFound(InspectorError):
    kind = "not_found"


class FormError(InspectorError):
    """A checklist file that does not match the schema."""

    kind = "form_error"


class StateError(InspectorError):
    """An operation the record's state forbids (e.g. changing a finalized inspection)."""

    kind = "state_error"


class StoreError(InspectorError):
    """The data folder or database cannot be used."""

    kind = "store_error"


class BundleError(InspectorError):
    kind = "bundle_error"


class ConflictError(InspectorError):
    kind = "conflict"


class SyncUnavailable(InspectorError):
    kind = "sync_unavailable"


class Cancelled(InspectorError):
    """The user cancelled a long operation; shown silently."""

    kind = "cancelled"
