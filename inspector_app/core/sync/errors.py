"""Why a bundle was refused or held: a stable reason code; the sentence for people is in the message catalogue."""

from __future__ import annotations

from ..errors import BundleError, Cancelled, InspectorError


class SyncRejected(BundleError):
    """A bundle refused for `reason` (bundle.<reason> in core/messages/bundles.py); nothing was changed."""

    kind = "bundle_rejected"

    def __init__(self, reason: str, detail: str = ""):
        from ..messages import catalogue
        assert f"bundle.{reason}" in catalogue(), reason
        super().__init__(f"bundle.{reason}")
        self.reason = reason
        self.detail = detail

    def message_in(self, lang: str) -> str:
        """The reason's sentence; the detail (for experts and the log) follows as it is."""
        return super().message_in(lang) + (f" ({self.detail})" if self.detail else "")

    def to_dict(self) -> dict:
        return {**super().to_dict(), "reason": self.reason}


def check_cancel(cancel) -> None:
    """Raise Cancelled when the caller's cancel flag is set."""
    if cancel is None:
        return
    stop = cancel.is_set() if hasattr(cancel, "is_set") else cancel()
    if stop:
        raise Cancelled("cancelled")


def report(progress, done: int, total: int, stage: str) -> None:
    if progress is not None:
        progress(done, total, stage)


__all__ = ["SyncRejected", "check_cancel", "report", "BundleError", "InspectorError", "Cancelled"]
