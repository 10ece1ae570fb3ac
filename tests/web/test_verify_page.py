"""The public verification page, end to end: a laptop issues a notice and syncs, a real server answers, and
Debian's chromium (headless, phone-sized) opens /v/{token} as a phone that scanned the QR code would."""

from __future__ import annotations

import base64
import re
import shutil
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image
from web_server import running_server

from inspector_app.core import notices, settings
from inspector_app.core.notices import token

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
PHONE = (390, 844)
PHONE_NO = "13912345678"
GREEN, AMBER, BLUE, RED = (0x1B, 0x7F, 0x3B), (0xA6, 0x5D, 0x00), (0x24, 0x5B, 0x9E), (0xB3, 0x26, 0x1E)
PERSONAL = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{17}[\dXx](?!\d)")  # a mobile or an ID card number

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromedriver (system-deps --tests)")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="verify-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", f"--window-size={PHONE[0]},{PHONE[1]}", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.set_window_size(*PHONE)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})  # the page may be cached 60 s
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def issue_notice(laptop, inspection_id: str, kind: str = "result") -> str:
    with laptop.store.write() as session:
        return notices.issue(session, paths=laptop.paths, settings=settings.load(laptop.paths.data_dir),
                             inspection_id=inspection_id, kind=kind).token


def credentials(laptop) -> list[str]:
    with laptop.store.session() as session:
        return [row[0] for row in session.connection().exec_driver_sql("SELECT credential_no FROM user")]


def forge(text: str) -> str:
    """The same token with one byte of its signed facts changed: still well-formed, no longer genuine."""
    data = bytearray(base64.b32decode(text + "=" * (-len(text) % 8)))
    data[43] ^= 0x01  # the result code: 符合 becomes something else
    return token.encode(bytes(data))


def eventually(check, seconds: float = 5.0) -> bool:
    """The service keeps rendered pages until it next looks at the store (at most a second later)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def open_page(browser, url: str, shot: Path) -> dict:
    """Load the page like a phone; the screenshot goes to `shot`. Returns what the test checks."""
    browser.get(url)
    browser.save_screenshot(str(shot))
    return {"text": browser.find_element("tag name", "body").text,
            "verdict": browser.find_element("id", "verdict").get_attribute("data-verdict"),
            "scroll_width": browser.execute_script("return document.scrollingElement.scrollWidth"),
            "inner_width": browser.execute_script("return window.innerWidth"),
            "requests": browser.execute_script("return performance.getEntriesByType('resource').length")}


def banner_colour(shot: Path) -> tuple[int, int, int]:
    """The most common colour of the verdict banner's band near the top of the screenshot."""
    image = Image.open(shot).convert("RGB")
    assert image.width >= PHONE[0] - 20  # a phone-sized shot (device pixels may be more)
    scale = image.width / PHONE[0]
    band = image.crop((0, int(70 * scale), image.width, int(110 * scale)))
    return max(band.getcolors(band.width * band.height), key=lambda c: c[0])[1]


def test_a_phone_sees_a_genuine_current_notice_then_superseded_and_forgeries_plainly(world, browser, tmp_path):
    laptop = world.laptop("a")
    eid = laptop.add_establishment(name="蓟州区渔阳镇李记面馆", phone=PHONE_NO, legal_rep="李建国",
                                   licence_no="JY11201190012345")
    first = laptop.inspect(eid)
    notice = issue_notice(laptop, first)
    world.sync(laptop)
    secret = [PHONE_NO, *credentials(laptop)]
    assert all(len(c) >= 6 for c in secret[1:])

    with running_server(world.root / "central") as base:
        page = open_page(browser, f"{base}/v/{notice}", tmp_path / "genuine.png")
        assert page["verdict"] == "current"
        assert "真实有效" in page["text"] and "最新的检查结果" in page["text"]
        assert "蓟州区渔阳镇李记面馆" in page["text"] and "JY11201190012345" in page["text"]
        assert "符合" in page["text"] and "天津市蓟州区市场监督管理局" in page["text"]
        assert not any(s in page["text"] for s in secret) and not PERSONAL.search(page["text"])
        assert "李建国" not in page["text"]  # the legal representative is a person: not on the public page
        assert page["scroll_width"] <= page["inner_width"] <= PHONE[0]
        assert page["requests"] == 0  # no font, script or image fetched: one request on a slow link
        assert banner_colour(tmp_path / "genuine.png") == GREEN

        raw = httpx.get(f"{base}/v/{notice}")
        assert raw.status_code == 200 and len(raw.content) < 10_000
        assert "max-age=60" in raw.headers["cache-control"]
        assert not any(s in raw.text for s in secret)
        head = httpx.head(f"{base}/v/{notice}")
        assert head.status_code == 200 and head.content == b""
        english = httpx.get(f"{base}/v/{notice}?lang=en")
        assert english.status_code == 200 and "Genuine" in english.text and 'lang="en"' in english.text

        later = laptop.inspect(eid, fail=("1.1",))
        assert world.up(laptop)["status"] == "applied"
        assert eventually(lambda: "已不是最新结果" in httpx.get(f"{base}/v/{notice}").text)  # within a second
        page = open_page(browser, f"{base}/v/{notice}", tmp_path / "superseded.png")
        assert page["verdict"] == "superseded" and "已不是最新结果" in page["text"]
        assert "又接受了检查" in page["text"] and "蓟州区渔阳镇李记面馆" in page["text"]
        assert banner_colour(tmp_path / "superseded.png") == AMBER
        english = open_page(browser, f"{base}/v/{notice}?lang=en", tmp_path / "superseded-en.png")
        assert english["verdict"] == "superseded" and "No longer the current result" in english["text"]
        assert "inspected again on" in english["text"] and english["scroll_width"] <= english["inner_width"]

        unsynced = issue_notice(laptop, laptop.inspect(eid))  # printed on the spot, the laptop not back yet
        page = open_page(browser, f"{base}/v/{unsynced}", tmp_path / "not-yet-received.png")
        assert page["verdict"] == "unknown" and "真实有效" in page["text"] and "还没有收到" in page["text"]
        assert banner_colour(tmp_path / "not-yet-received.png") == BLUE
        assert later

        for name, bad, status in (("forged", forge(notice), 404), ("garbage", "NOT-A-TOKEN%20<script>", 400),
                                  ("truncated", notice[:60], 400)):
            page = open_page(browser, f"{base}/v/{bad}", tmp_path / f"{name}.png")
            assert page["verdict"] == "not_genuine", name
            assert "不是真实的执法文书" in page["text"] and "12315" in page["text"]
            assert "李记面馆" not in page["text"] and "<script>" not in browser.page_source.split("<main>")[0]
            assert page["scroll_width"] <= page["inner_width"]
            assert banner_colour(tmp_path / f"{name}.png") == RED
            answer = httpx.get(f"{base}/v/{bad}")
            assert answer.status_code == status and "Traceback" not in answer.text, name
            assert answer.headers["content-type"].startswith("text/html")
