"""One error vocabulary. Every message says what went wrong and what to do next."""


class InspectorError(Exception):
    """Base of every error a user may see; the message is shown as is."""

    code = "error"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict:
        data = {"error": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class ValidationError(InspectorError):
    """Input that breaks a rule of the trade; `field` names the culprit."""

    code = "invalid"


class NotFound(InspectorError):
    code = "not_found"


class FormError(InspectorError):
    """A checklist file that does not match the schema."""

    code = "form_error"


class StateError(InspectorError):
    """An operation the record's state forbids (e.g. changing a finalized inspection)."""

    code = "state_error"


class StoreError(InspectorError):
    """The data folder or database cannot be used."""

    code = "store_error"


class BundleError(InspectorError):
    code = "bundle_error"


class ConflictError(InspectorError):
    code = "conflict"


class SyncUnavailable(InspectorError):
    code = "sync_unavailable"


class Cancelled(InspectorError):
    """The user cancelled a long operation; shown silently."""

    code = "cancelled"
