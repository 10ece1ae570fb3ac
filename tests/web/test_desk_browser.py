"""The district desk in a real browser: Debian's chromium (headless) against `inspector central serve` with two
workers, on a district with synced work. Signing in (wrong, then right), the overview's chart, resolving a
conflict by clicking, an Excel download opened with openpyxl, and every page at 1280×800 and 1024×600 without
sideways scrolling, photographed (DESK_SCREENSHOTS=folder keeps the pictures for a person to look at)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from desk_world import ADMIN_PASSWORD, desk_world
from openpyxl import load_workbook
from PIL import Image
from web_server import running_server

from inspector_app.central import conflicts
from inspector_app.central.store import open_central
from inspector_app.central.web.desk.render import cell

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="no chromium here")
PAGES = ("/desk/", "/desk/orders", "/desk/held", "/desk/gaps", "/desk/conflicts", "/desk/duplicates",
         "/desk/laptops", "/desk/assignments", "/desk/staff")
SIZES = ((1280, 800), (1024, 600))


def chromium(profile: Path, downloads: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1280,800", "--lang=zh-CN"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def photograph(driver, folder: Path, name: str, size: tuple[int, int]) -> Path:
    path = folder / f"{name}-{size[0]}x{size[1]}.png"
    driver.save_screenshot(str(path))
    with Image.open(path) as image:
        assert image.size == size, f"{path.name} is {image.size}"
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 20, f"{path.name} is nearly blank"
    return path


def wait_for(found, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("waited in vain")


def test_the_desk_in_chromium(tmp_path):
    from selenium.webdriver.common.by import By
    world = desk_world(tmp_path / "district")
    world.close()  # the server opens the store itself
    shots = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with running_server(world.root / "central", workers=2) as base:
        driver = chromium(tmp_path / "profile", downloads)
        try:
            viewport(driver, 1280, 800)
            driver.get(f"{base}/desk/")
            assert driver.current_url.startswith(f"{base}/desk/signin")
            driver.find_element(By.ID, "username").send_keys("wang")
            driver.find_element(By.ID, "password").send_keys("not the password")
            driver.find_element(By.ID, "signin").click()
            error = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "p.error"))[0]
            assert error.text == "用户名或密码不对" and error.is_displayed()
            photograph(driver, shots, "signin-refused", (1280, 800))
            driver.find_element(By.ID, "password").send_keys(ADMIN_PASSWORD)
            driver.find_element(By.ID, "signin").click()
            wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "nav.tabs"))
            assert driver.current_url == f"{base}/desk/" and "王芳" in driver.find_element(By.CSS_SELECTOR, ".who").text

            # the overview's chart: bars drawn with a width
            bars = driver.execute_script(
                "return [...document.querySelectorAll('svg.chart rect.bar')].map(r => r.getBoundingClientRect().width)")
            assert len(bars) >= 2 and max(bars) > 20

            # the month's progress downloaded as Excel holds the rows the page shows
            shown = driver.execute_script("""
                return [...document.querySelectorAll('#progress-month-township tbody tr')]
                    .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()));""")
            driver.find_element(By.CSS_SELECTOR, "#progress-month-township a.xlsx").click()
            book_path = wait_for(lambda: next(iter(downloads.glob("progress-month-township.xlsx")), None))
            time.sleep(0.3)  # chromium renames the finished file into place; give it a moment to close it
            sheet = load_workbook(book_path).active
            assert sheet["A1"].value == "本月检查进度（按乡镇）"
            rows = [[cell(v) for v in row] for row in sheet.iter_rows(min_row=3, values_only=True)]
            assert rows == shown and rows[-1][:2] == ["合计", "2"]

            # resolve a conflict by clicking its button
            driver.get(f"{base}/desk/conflicts")
            row = driver.find_element(By.CSS_SELECTOR, "#conflicts tbody tr")
            conflict_id = int(row.find_element(By.CSS_SELECTOR, "td").text)
            row.find_element(By.NAME, "note").send_keys("两条是同一家，已电话核实")
            row.find_element(By.CSS_SELECTOR, "button").click()
            done = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "p.done"))[0]
            assert done.text == "已标记为已处理"
            assert "两条是同一家" in driver.find_element(By.ID, "conflicts-resolved").text

            # enrol a laptop: the QR code is drawn and the file offered
            driver.get(f"{base}/desk/laptops")
            driver.find_element(By.NAME, "device_name").send_keys("渔阳镇-新笔记本")
            driver.find_element(By.CSS_SELECTOR, "form[action='/desk/laptops/enrol'] button").click()
            qr = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "img.qr"))[0]
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", qr) > 100
            assert driver.find_element(By.CSS_SELECTOR, "a.download").get_attribute("download").endswith(".json")
            photograph(driver, shots, "enrolled", (1280, 800))

            # every page, both sizes: no sideways scrolling, photographed
            wide = {}
            for width, height in SIZES:
                viewport(driver, width, height)
                for path in PAGES:
                    driver.get(f"{base}{path}")
                    name = path.removeprefix("/desk").strip("/") or "overview"
                    assert driver.find_elements(By.CSS_SELECTOR, "nav.tabs"), f"{path} did not render"
                    sizes = driver.execute_script(
                        "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
                    assert sizes[0] <= sizes[1], f"{path} scrolls sideways at {width}×{height}: {sizes}"
                    wide[(path, width)] = driver.execute_script(
                        "return [...document.querySelectorAll('.scroll')].filter(s => s.scrollWidth > s.clientWidth)"
                        ".map(s => s.closest('section').id)")
                    photograph(driver, shots, name, (width, height))
            # the tables themselves fit at 1280 (a table may scroll inside its own box at 1024, never the page)
            assert not any(ids for (path, width), ids in wide.items() if width == 1280), wide
        finally:
            driver.quit()
    central = open_central(world.root / "central", migrate=False)
    try:
        resolved = next(c for c in conflicts.list_conflicts(central, include_resolved=True) if c["id"] == conflict_id)
    finally:
        central.close()
    assert resolved["resolved_by"] == "王芳 (wang)" and resolved["resolution"] == "两条是同一家，已电话核实"
