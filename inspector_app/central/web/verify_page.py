"""GET /v/{token}: the page a phone opens from a notice's QR code (see central/web/__init__.py).

One small server-rendered page: inline CSS, system fonts, no script, no
external request, so it loads over a slow 3G link. In Simplified Chinese,
`?lang=en` gives English. The verdict is central/verification.py's; a token
that is not genuine gets the same friendly page with a 400 (not a token at
all) or 404 (no genuine notice behind it). The verdict can change when a
later inspection arrives, so caches keep it for a minute only.

Phones scan the same notices again and again, so each process keeps the pages
it rendered (a bounded LRU) for as long as the store has not changed: its
update sequence counter (central/store.py next_usn), its number of laptops and its settings, looked at no more than
once a second (a verdict is at most a second older than the store, well within
the minute a browser may keep it). A page served from there costs about what
a static response does (bench/bench_verify_page.py).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Route

from ...core import codes
from ...core.notices import KIND_TITLES
from .. import district_settings, verification
from .. import models as m
from ..store import get_meta
from .app import central_of

TEMPLATES = Environment(loader=PackageLoader(__package__, "templates"), autoescape=select_autoescape(),
                        trim_blocks=True, lstrip_blocks=True)
MAX_AGE = {200: 60, 404: 60, 400: 3600}  # a later inspection or a first sync can change a verdict; garbage stays
KIND_EN = {"result": "Inspection result record", "record": "On-site inspection record", "order": "Rectification order",
           "coercive": "Decision on administrative coercive measures"}
TEXT = {
    "zh": {"lang": "zh-CN", "title": "执法文书核验", "other": "English", "other_lang": "en",
           "genuine": "真实有效", "genuine_note": "这份执法文书由本区执法人员签发，内容未被改动。",
           "current": "这是该经营者目前最新的检查结果。",
           "unknown": "本区还没有收到这次检查的记录（执法人员同步后即可查到），暂时无法判断是否为最新结果。",
           "superseded": "已不是最新结果",
           "amended": "这次检查已于 {on} 被更正，请以更正后的执法文书为准。",
           "later_inspection": "该经营者在 {on} 又接受了检查，请以最新的检查结果为准。",
           "order_closed": "这份执法文书责令改正的事项已于 {on} 整改完成。",
           "forged": "不是真实的执法文书",
           "bad_token": "这不是有效的核验码：可能扫描不完整或被改动过。",
           "no_notice": "本区没有签发过这份执法文书，或者执法文书的内容被改动过。",
           "revoked": "签发这份执法文书的设备已被注销，本区也没有这次检查的记录。",
           "advice": "请不要相信这份执法文书上的内容。如有疑问，请拨打 12315 或联系{bureau}。",
           "establishment": "经营者", "licence": "许可证编号", "kind": "文书", "date": "检查日期",
           "result": "检查结果", "handling": "结果处理", "deadline": "整改期限", "bureau": "出具机关",
           "none": "—", "footer": "{bureau} · 食品安全监督检查执法文书核验"},
    "en": {"lang": "en", "title": "Notice verification", "other": "简体中文", "other_lang": "zh",
           "genuine": "Genuine", "genuine_note": "This notice was issued by the district's inspectors and has not "
                                                 "been altered.",
           "current": "It is the latest inspection result for this establishment.",
           "unknown": "The district has not received this inspection yet (it will once the inspectors sync), so "
                      "it cannot say yet whether this is the latest result.",
           "superseded": "No longer the current result",
           "amended": "This inspection was corrected on {on}; the corrected notice applies.",
           "later_inspection": "The establishment was inspected again on {on}; the latest result applies.",
           "order_closed": "What this notice orders to be corrected was found rectified on {on}.",
           "forged": "Not a genuine notice",
           "bad_token": "This is not a valid verification code: the scan may be incomplete or altered.",
           "no_notice": "The district never issued this notice, or its content was altered.",
           "revoked": "The device that signed this notice was revoked, and the district has no record of this "
                      "inspection.",
           "advice": "Do not rely on what this notice says. In doubt, call 12315 or contact {bureau}.",
           "establishment": "Establishment", "licence": "Licence no.", "kind": "Notice", "date": "Inspected on",
           "result": "Result", "handling": "Handling", "deadline": "Deadline", "bureau": "Issued by",
           "none": "—", "footer": "{bureau} · food-safety inspection notice verification"},
}
REFUSAL = {"verify.unknown_signer": "no_notice", "verify.bad_signature": "no_notice", "verify.revoked": "revoked"}


def routes() -> list[BaseRoute]:
    return [Route("/v/{token}", page, methods=["GET", "HEAD"]), Route("/v/", page, methods=["GET", "HEAD"])]


async def page(request: Request) -> HTMLResponse:
    """The verdict on one token as a page: from this process's pages while the store is unchanged, else
    rendered on Starlette's thread pool (the lookups are blocking database reads)."""
    key = (request.path_params.get("token", ""), "en" if request.query_params.get("lang") == "en" else "zh")
    found = PAGES.get(key)
    if found is None:
        found = await run_in_threadpool(_render_page, request, key)
    status, body = found
    return HTMLResponse(body, status_code=status, headers={
        "Cache-Control": f"public, max-age={MAX_AGE.get(status, 60)}",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                                   "form-action 'none'; frame-ancestors 'none'",
        "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
        "X-Robots-Tag": "noindex"})


def _render_page(request: Request, key: tuple[str, str]) -> tuple[int, str]:
    text, language = key
    with central_of(request).engine.connect() as connection:
        stamp = PAGES.stamp(connection)
        verdict = verification.verify(connection, text)
        bureau = _bureau(connection, stamp)
    found = (verdict.status, render(verdict, language, bureau))
    PAGES.put(key, found, stamp)
    return found


class RenderedPages:
    """This process's rendered pages, dropped all at once when the store changes (see the module's docstring)."""

    SIZE, STAMP_SECONDS = 20_000, 1.0  # ~2 kB a page: at most ~40 MB
    LONGEST_TOKEN = 400  # a genuine token is at most ~256 characters (a 160-byte record in base32)

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str, str], tuple[int, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._checked = 0.0

    def get(self, key: tuple[str, str]) -> tuple[int, str] | None:
        """A page rendered since the store last changed; None when unknown or the store was not looked at
        within the last second (the thread-pool path looks, and renders)."""
        with self._lock:
            if time.monotonic() - self._checked > self.STAMP_SECONDS:
                return None
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
            return found

    def stamp(self, connection) -> tuple:
        """The store's state now (taken before the verdict's reads: a change during them drops the page)."""
        now = (get_meta(connection, "usn"),
               connection.execute(select(func.count()).select_from(m.device)).scalar(),
               connection.execute(select(func.max(m.district_setting.c.updated_at))).scalar())
        with self._lock:
            if now != self._stamp:
                self._pages.clear()
                self._stamp = now
            self._checked = time.monotonic()
        return now

    def put(self, key: tuple[str, str], found: tuple[int, str], stamp: tuple) -> None:
        if len(key[0]) > self.LONGEST_TOKEN:  # no genuine token is this long: not worth memory a stranger chose
            return
        with self._lock:
            if stamp == self._stamp:
                self._pages[key] = found
                if len(self._pages) > self.SIZE:
                    self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._stamp, self._checked = None, 0.0


PAGES = RenderedPages()


_BUREAU: dict = {"stamp": None, "name": ""}


def _bureau(connection, stamp: tuple) -> str:
    """The bureau's name, read again only when the store's state changed (a rename changes it)."""
    if _BUREAU["stamp"] != stamp:
        _BUREAU.update(name=district_settings.read(connection)["bureau_name"], stamp=stamp)
    return _BUREAU["name"]


def render(verdict: verification.Verdict, language: str, bureau: str) -> str:
    t = TEXT[language]
    facts = verdict.facts if verdict.genuine else None
    rows: list[tuple[str, str]] = []
    if facts is not None:
        rows = [(t["establishment"], verdict.name or facts.name),
                (t["licence"], facts.licence_no or t["none"]),
                (t["kind"], KIND_TITLES[facts.kind] if language == "zh" else KIND_EN[facts.kind]),
                (t["date"], facts.inspected_on.isoformat()),
                (t["result"], codes.label("result", facts.result, language, t["none"])),
                (t["handling"], codes.label("handling", facts.handling, language, t["none"])),
                (t["deadline"], facts.deadline.isoformat() if facts.deadline else t["none"]),
                (t["bureau"], bureau)]
    superseded = verdict.superseded
    return TEMPLATES.get_template("verify.html").render(
        t=t, verdict=verdict, rows=rows, bureau=bureau,
        reason=t[REFUSAL.get(verdict.code or "", "bad_token")] if not verdict.genuine else None,
        superseded=t[superseded.why].format(on=superseded.on or t["none"]) if superseded else None,
        advice=t["advice"].format(bureau=bureau), footer=t["footer"].format(bureau=bureau))
