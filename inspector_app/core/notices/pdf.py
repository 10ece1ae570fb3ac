"""NoticeContent → PDF bytes. Pure: no store, no Qt, safe from any thread.

ReportLab keeps per-font subsetting state and its settings in module
globals, so renders are serialized by a lock (one takes ~20–60 ms). Streams
are written binary (no ASCII85: a quarter smaller, and ReportLab's encoder
is pure Python without its optional C accelerator). The same content always
gives the same bytes (invariant PDF), which the golden tests rely on.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from reportlab import rl_config

from .. import codes, disk
from ..errors import ValidationError
from . import KINDS, PAPERS, coercive, onsite_record, order, parts, result_record
from .content import KIND_TITLES, NoticeContent
from .layout import PAPERS as PAPER_SPECS
from .layout import Meta, build, cn_date, footer, styles

STORIES = {"result": result_record.story, "record": onsite_record.story, "order": order.story,
           "coercive": coercive.story}
_lock = threading.Lock()


@contextmanager
def reportlab_settings():
    """Hold the render lock with binary streams on; restores ReportLab's setting afterwards."""
    with _lock:
        saved, rl_config.useA85 = rl_config.useA85, 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def render(content: NoticeContent) -> bytes:
    """The notice as PDF bytes."""
    if content.kind not in KINDS:
        raise ValidationError("notices.unknown_kind", field="kind", kind=repr(content.kind),
                              allowed=", ".join(KINDS))
    if content.paper not in PAPERS:
        raise ValidationError("notices.unknown_paper", field="paper", paper=repr(content.paper),
                              allowed=", ".join(PAPERS))
    if content.kind == "coercive" and content.sealing is None:
        raise ValidationError("sealing.missing", field="kind")
    paper = PAPER_SPECS[content.paper]
    with reportlab_settings():
        st = styles(content.paper)
        flow = STORIES[content.kind](content, paper, st)
        decorate = None
        if paper.footer:
            decorate = footer(paper=paper, code=parts.qr_code(content),
                              copy=f"{cn_date(content.printed_on)}打印" if content.copy else None,
                              page_label=content.kind == "record",
                              signature_line=onsite_record.SIGN_EVERY_PAGE if content.kind == "record" else None,
                              closing=parts.issuer_lines(content) if content.kind == "result" else ())
        result = codes.label("result", content.result, "zh")
        meta = Meta(title=f"{KIND_TITLES[content.kind]} {content.party.name}", author=content.bureau,
                    subject=f"{content.number or content.notice_id or ''} {result}".strip())
        return build(flow, paper, meta, decorate)


def render_to(content: NoticeContent, path: Path | str) -> Path:
    """Render and write atomically (a temp file in the same folder, then rename); ValidationError if it cannot,
    StoreError("store.disk_full") when the disk is full (core/disk.py). A failed write leaves no file behind."""
    data = render(content)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".notice-", suffix=".pdf")
    except OSError as exc:
        if disk.is_disk_full(exc):
            raise disk.disk_full(target.parent) from None
        raise ValidationError("notices.cannot_create", field="out", path=str(target),
                              detail=str(exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if disk.is_disk_full(exc):
            raise disk.disk_full(target.parent) from None
        raise ValidationError("notices.cannot_write", field="out", path=str(target),
                              detail=str(exc.strerror or exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
