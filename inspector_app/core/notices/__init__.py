"""Printed notices with a QR code anyone can verify: 结果记录表, 现场检查笔录, 责令改正通知书, and where the
bureau seals or seizes on a stop, the 实施行政强制措施决定书 with its 场所/设施/财物清单.

The API the desktop app and the CLI call (all Qt-free):

    content = issue(session, paths=…, settings=…, inspection_id=…, kind="result", paper="a4")
    pdf = render(content)             # bytes; pure, any thread
    render_to(content, path)          # atomic write
    preview(session, …)               # read-only: what a print would show
    verify_input(session, text_or_path).to_dict()

Issue inside `store.write()`; render outside it (e.g. on a worker thread).
Names are imported on first use, so importing the package costs nothing
until a notice is made (ReportLab and the font load then).
"""

from importlib import import_module

KINDS = ("result", "record", "order", "coercive")
PAPERS = ("a4", "80mm")
KIND_TITLES = {"result": "食品生产经营监督检查结果记录表", "record": "现场检查笔录", "order": "责令改正通知书",
               "coercive": "实施行政强制措施决定书"}
_EXPORTS = {
    "NoticeContent": "content", "gather": "content",
    "existing": "issuing", "issue": "issuing", "kinds_available": "issuing", "preview": "issuing",
    "print_count": "issuing", "verify_url": "issuing",
    "render": "pdf", "render_to": "pdf",
    "Verification": "verify", "extract_token": "verify", "verify_file": "verify", "verify_input": "verify",
    "verify_token": "verify",
}
__all__ = ["KINDS", "KIND_TITLES", "PAPERS", *_EXPORTS]


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
