"""The desk's charts: well-formed accessible SVG, one bar per row and value, data escaped, drawn by chromium."""

import shutil
import xml.etree.ElementTree as ET

import pytest

from inspector_app.central.tables import Table
from inspector_app.central.web.charts import bar_chart, inline, share_chart

NS = {"s": "http://www.w3.org/2000/svg"}
NASTY = '<b>&"镇\'</b>'


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    ids = {el.get("id") for el in root.iter()}
    assert all(ref in ids for ref in root.get("aria-labelledby").split())
    assert root[0].tag.endswith("title") and root[1].tag.endswith("desc")
    return root


def bars(root: ET.Element, kind: str = "bar") -> list[ET.Element]:
    return [el for el in root.iter("{http://www.w3.org/2000/svg}rect") if el.get("class") == kind]


def texts(root: ET.Element, kind: str) -> list[str]:
    return [el.text for el in root.iter("{http://www.w3.org/2000/svg}text") if el.get("class") == kind]


def progress(n: int, *, total: bool = True) -> Table:
    rows = [[f"第{k}镇", k, 2 * k, k % 3] for k in range(n)]
    if total:
        rows.append(["合计", sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)])
    return Table("p", "进度", ["乡镇", "检查次数", "检查主体数", "下达责令改正通知书"], rows)


@pytest.mark.parametrize("n", [0, 1, 30])
def test_one_bar_per_row_and_value(n):
    table = progress(n)
    one = parse(bar_chart(table, "乡镇", ["检查次数"], title="本月检查次数"))
    assert len(bars(one)) == n  # the total row is not charted
    assert texts(one, "label") == [f"第{k}镇" for k in range(n)]
    assert texts(one, "value") == [str(k) for k in range(n)]
    grouped = parse(bar_chart(table, "乡镇", ["检查次数", "检查主体数", "下达责令改正通知书"], title="分组"))
    assert len(bars(grouped)) == 3 * n
    if n == 0:
        assert texts(one, "no-data") == ["暂无数据"]
    assert one.find("s:title", NS).text == "本月检查次数"


def test_bar_lengths_follow_the_values():
    root = parse(bar_chart(progress(30), "乡镇", ["检查次数"], title="t"))
    widths = [float(b.get("width")) for b in bars(root)]
    assert widths[0] == 0.0
    assert widths == sorted(widths) and widths[-1] > 300
    assert widths[10] == pytest.approx(widths[20] / 2, rel=1e-3)
    with_total = parse(bar_chart(progress(3), "乡镇", ["检查次数"], title="t", include_total=True))
    assert len(bars(with_total)) == 4 and texts(with_total, "label")[-1] == "合计"


def test_text_from_records_is_escaped_not_markup():
    table = Table("p", "t", ["乡镇", "n"], [[NASTY, 3], ["很长很长很长很长很长很长很长很长很长的名字", 1]])
    svg = bar_chart(table, "乡镇", ["n"], title=f"标题{NASTY}")
    root = parse(svg)
    assert "<b>" not in svg and "&lt;b&gt;&amp;&#34;镇&#39;&lt;/b&gt;" in svg
    assert texts(root, "label")[0] == NASTY
    assert root.find("s:title", NS).text == f"标题{NASTY}"
    assert NASTY in root.find("s:desc", NS).text
    clipped = texts(root, "label")[1]
    assert clipped.endswith("…") and len(clipped) < 20
    full = [el.find("s:title", NS).text for el in root.iter("{http://www.w3.org/2000/svg}text")
            if el.get("class") == "label"]
    assert full[1] == "很长很长很长很长很长很长很长很长很长的名字"
    shares = share_chart(table, "乡镇", ["n"], title=NASTY)
    assert "<b>" not in shares and parse(shares).find("s:title", NS).text == NASTY
    assert str(inline(svg)) == svg


def test_share_chart_splits_each_row_to_100_percent():
    table = Table("r", "结果", ["名称", "符合", "基本符合", "不符合"],
                  [["餐饮服务", 10, 5, 5], ["学校食堂", 0, 0, 0], ["渔阳镇", 1, 0, 0], ["合计", 11, 5, 5]])
    root = parse(share_chart(table, "名称", ["符合", "基本符合", "不符合"], title="结果分布"))
    segments = bars(root, "seg")
    assert len(segments) == 4 * 3  # the total row is the reference: kept
    frames = bars(root, "frame")
    full = float(frames[0].get("width"))
    first = [float(s.get("width")) for s in segments[:3]]
    assert sum(first) == pytest.approx(full, abs=0.2) and first[0] == pytest.approx(full / 2, abs=0.1)
    assert [float(s.get("width")) for s in segments[3:6]] == [0.0, 0.0, 0.0]
    assert texts(root, "count") == ["n=20", "暂无数据", "n=1", "n=21"]
    assert "50.0%" in texts(root, "value") and "100.0%" in texts(root, "value")
    assert "学校食堂：暂无数据" in root.find("s:desc", NS).text
    assert texts(parse(share_chart(Table("e", "e", ["a", "b"], []), "a", ["b"], title="空")), "no-data") == ["暂无数据"]


def test_non_numbers_and_negatives_draw_as_zero():
    table = Table("p", "t", ["乡镇", "n"], [["甲", None], ["乙", "x"], ["丙", -4], ["丁", float("nan")], ["戊", 2.5]])
    root = parse(bar_chart(table, "乡镇", ["n"], title="t"))
    assert [float(b.get("width")) for b in bars(root)][:4] == [0.0] * 4
    assert texts(root, "value") == ["0", "0", "0", "0", "2.5"]


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")), reason="no chromium here")
def test_chromium_draws_the_bars_and_labels(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    table = progress(30)
    page = tmp_path / "charts.html"
    page.write_text("<!doctype html><html lang='zh-CN'><meta charset='utf-8'><body>"
                    + bar_chart(table, "乡镇", ["检查次数", "检查主体数"], title="本月")
                    + share_chart(Table("r", "r", ["名称", "符合", "不符合"], [[NASTY, 3, 1]]), "名称",
                                  ["符合", "不符合"], title="结果")
                    + "</body></html>", encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,1200"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.as_uri())
        drawn = driver.execute_script("""
            const bars = [...document.querySelectorAll('svg rect.bar')].map(r => r.getBoundingClientRect().width);
            const labels = [...document.querySelectorAll('svg text.label')].map(t => t.getBBox().width);
            const segs = [...document.querySelectorAll('svg rect.seg')].map(r => r.getBoundingClientRect().width);
            return {bars, labels, segs, bold: document.querySelectorAll('svg b').length,
                    name: document.querySelectorAll('svg text.label')[30].textContent};""")
    finally:
        driver.quit()
    assert len(drawn["bars"]) == 60 and drawn["bars"][0] == 0 and max(drawn["bars"]) > 200
    assert all(width > 10 for width in drawn["labels"])  # Chinese labels laid out, not empty boxes
    assert drawn["segs"][0] == pytest.approx(3 * drawn["segs"][1], rel=0.02)
    assert drawn["bold"] == 0 and drawn["name"].startswith(NASTY)
