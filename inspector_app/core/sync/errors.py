"""Why a bundle was refused or held: a stable reason code plus a sentence for people."""

from __future__ import annotations

from ..errors import BundleError, Cancelled, InspectorError

# Reason codes scripts and the desktop app may rely on.
REASONS = {
    "empty": "the file is empty",
    "too_large": "the file is larger than a bundle may be",
    "malformed": "the file is not a well-formed bundle",
    "truncated": "the file is cut short (the stick was pulled or the copy failed)",
    "unsafe_zip": "the archive contains an unsafe entry",
    "zip_bomb": "the archive would expand beyond the limits",
    "format_newer": "the bundle was made by a newer program; update this one",
    "signature": "a signature does not verify: the file was changed or forged",
    "payload_hash": "the encrypted payload does not match its signed hash",
    "manifest": "a file inside the bundle does not match its signed manifest",
    "decrypt": "the payload cannot be decrypted with this machine's keys",
    "untrusted_sender": "the sender is not enrolled with this district",
    "unknown_device": "the device is not known to central",
    "revoked": "the device was revoked",
    "wrong_recipient": "the bundle is addressed to someone else",
    "wrong_kind": "the bundle is of the wrong kind for this command",
    "device_mismatch": "an operation names another device than the signer",
    "op_mismatch": "an operation differs from the one already received under the same sequence number",
    "replay": "the bundle is older than what was already applied",
    "epoch": "the bundle belongs to an older central epoch",
    "ack_forgery": "the acknowledgement is impossible for this laptop",
    "key_mismatch": "the device signed with a key other than its registered one",
    "key_retired": "the device signed with a key it had retired by a key rotation",
    "grant_used": "the enrolment file was already used by another laptop",
    "invalid_op": "an operation is malformed",
}


class SyncRejected(BundleError):
    """A bundle refused for `reason` (a key of REASONS); nothing was changed."""

    code = "bundle_rejected"

    def __init__(self, reason: str, detail: str = ""):
        assert reason in REASONS, reason
        message = REASONS[reason] + (f": {detail}" if detail else "")
        super().__init__(message)
        self.reason = reason
        self.detail = detail

    def to_dict(self) -> dict:
        return {**super().to_dict(), "reason": self.reason}


def check_cancel(cancel) -> None:
    """Raise Cancelled when the caller's cancel flag is set."""
    if cancel is None:
        return
    stop = cancel.is_set() if hasattr(cancel, "is_set") else cancel()
    if stop:
        raise Cancelled("cancelled; nothing was changed")


def report(progress, done: int, total: int, stage: str) -> None:
    if progress is not None:
        progress(done, total, stage)


__all__ = ["SyncRejected", "REASONS", "check_cancel", "report", "BundleError", "InspectorError", "Cancelled"]
