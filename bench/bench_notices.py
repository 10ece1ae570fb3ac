"""Milliseconds per printed notice, against a bare ReportLab page with the same font, text and QR image.

    .venv/bin/python bench/bench_notices.py [--rounds 30]

In one run, on a fresh store (one restaurant, a finalized inspection with
three failed items and three signature images), for the A4 result record,
the 80 mm result record, the A4 order and the A4 on-site record:
  * render: notices.render(content) with the notice's QR image already made
    (as the bare page gets it; reprints and previews in a process hit this cache);
  * bare: a Canvas page with the same registered font, the same text lines
    (taken from the rendered notice) drawn with drawString, the same QR image
    and the same signature images, under the same ReportLab settings — the
    floor any notice PDF pays;
  * cold: render with the QR code built anew (the first print of a notice),
    and qr: building the QR image alone;
  * print: a reprint end to end, cold — issue() in a write transaction (reads
    the store, writes the audit row) plus render().
Runs are interleaved and ratios are medians of per-round pairs (render and
bare measured back to back), so machine load hits both alike; the ratio of
the fastest runs is reported too. Goal: render ≤ 1.5 × bare,
and a cold A4 render under 150 ms. Font registration (~100 ms, once per
process) is reported separately. Writes bench/results/notices.json.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import common

from inspector_app.core import evidence, inspections, keys, settings
from inspector_app.core.db import open_store
from inspector_app.core.notices import fonts, issue, qr, render
from inspector_app.core.notices.pdf import reportlab_settings
from inspector_app.core.paths import AppPaths

sys.path.insert(0, str(common.BENCH.parent / "tests"))
from factories import make_inspection, photo_png, seed_basics  # noqa: E402

CASES = (("result", "a4"), ("result", "80mm"), ("order", "a4"), ("record", "a4"))
GOAL_RATIO, GOAL_A4_MS = 1.5, 150


def signature(seed: int) -> bytes:
    from PIL import Image, ImageDraw
    image = Image.new("L", (480, 160), 255)
    ImageDraw.Draw(image).line([(20 + i * 22, 80 + (i * 37 * seed) % 60 - 30) for i in range(20)], fill=0, width=6)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def make_store(folder: Path):
    paths = AppPaths.at(folder).ensure()
    store = open_store(paths.database)
    with store.write() as session:
        basics = seed_basics(session)
        keys.ensure_device_keys(session, paths.keys)
        inspection = make_inspection(session, basics, fail=["2.1", "3.1", "4.2"])
        for item_id in ("3.1", "4.2"):  # the checklist wants these photographed when they fail
            evidence.attach(session, paths.blobs, inspection_id=inspection.id, source=photo_png(), item_id=item_id)
        signed = {basics.inspector_ids[0]: signature(1), basics.inspector_ids[1]: signature(2)}
        inspections.sign_and_finalize(session, paths.blobs, inspection.id, inspectors=signed, operator=signature(3))
    return store, paths, inspection.id


def text_lines(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(pdf)
    try:
        return [line for page in document for line in page.get_textpage().get_text_range().splitlines()]
    finally:
        document.close()


def bare_page(lines: list[str], images: list[bytes], qr_image, paper: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    width, height = A4 if paper == "a4" else (80 * mm, max(len(lines) * 12 + 200, 400))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=fonts.FONT)
    canvas.setFont(fonts.FONT, 10)
    y = height - 40
    for line in lines:
        canvas.drawString(20, y, line)
        y -= 12
        if y < 40:
            canvas.showPage()
            canvas.setFont(fonts.FONT, 10)
            y = height - 40
    for k, data in enumerate(images):
        canvas.drawImage(ImageReader(io.BytesIO(data)), 20 + k * 40 * mm, 120, 38 * mm, 13 * mm, mask="auto")
    canvas.drawImage(ImageReader(qr_image), width - 95, 20, 25 * mm, 25 * mm)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def bare(lines, images, qr_image, paper) -> bytes:
    with reportlab_settings():
        return bare_page(lines, images, qr_image, paper)


def run(rounds: int) -> dict:
    started = time.perf_counter()
    fonts.register()
    font_ms = (time.perf_counter() - started) * 1000
    folder = Path(tempfile.mkdtemp(prefix="bench-notices-"))
    try:
        store, paths, inspection_id = make_store(folder)
        config = settings.load(paths.data_dir)

        def print_once(kind, paper):
            with store.write() as session:
                content = issue(session, paths=paths, settings=config, inspection_id=inspection_id, kind=kind,
                                paper=paper)
            return content, render(content)

        results = {}
        for kind, paper in CASES:
            content, pdf = print_once(kind, paper)  # issues the notice (first print) and warms up
            lines = text_lines(pdf)
            images = [*content.inspector_signatures, content.operator_signature]
            qr_image = qr.make(content.verify_url).image
            times = {"render": [], "bare": [], "cold": [], "qr": [], "print": []}
            for _ in range(rounds):
                qr.make(content.verify_url)  # warm: the image the bare page also gets
                t = time.perf_counter()
                render(content)
                times["render"].append(time.perf_counter() - t)
                t = time.perf_counter()
                bare(lines, images, qr_image, paper)
                times["bare"].append(time.perf_counter() - t)
                qr.make.cache_clear()
                t = time.perf_counter()
                render(content)
                times["cold"].append(time.perf_counter() - t)
                qr.make.cache_clear()
                t = time.perf_counter()
                qr.make(content.verify_url)
                times["qr"].append(time.perf_counter() - t)
                qr.make.cache_clear()
                t = time.perf_counter()
                print_once(kind, paper)
                times["print"].append(time.perf_counter() - t)
            medians = {k: statistics.median(v) * 1000 for k, v in times.items()}
            paired = statistics.median(r / b for r, b in zip(times["render"], times["bare"], strict=True))
            paired_cold = statistics.median(r / b for r, b in zip(times["cold"], times["bare"], strict=True))
            results[f"{kind}-{paper}"] = {
                **{f"{k}_ms": common.summary_ms(v) for k, v in times.items()},
                "ratio_render_to_bare": round(paired, 2),
                "ratio_cold_to_bare": round(paired_cold, 2),
                "ratio_of_minimums": round(min(times["render"]) / min(times["bare"]), 2),
                "bytes": len(pdf), "text_lines": len(lines)}
            common.log(f"{kind:<6} {paper:<4}  render {medians['render']:5.1f} ms  bare {medians['bare']:5.1f} ms"
                       f"  ×{paired:.2f} (min ×{min(times['render']) / min(times['bare']):.2f})"
                       f"   cold {medians['cold']:5.1f} ms ×{paired_cold:.2f} (qr {medians['qr']:4.1f} ms)"
                       f"   print {medians['print']:5.1f} ms  {len(pdf) / 1024:.0f} KiB")
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    a4 = [v["cold_ms"]["p50"] for k, v in results.items() if k.endswith("-a4")]
    ratios = [v["ratio_render_to_bare"] for v in results.values()]
    return {"machine": common.machine(), "rounds": rounds, "font_registration_ms": round(font_ms, 1),
            "cases": results, "goal": {"max_ratio": GOAL_RATIO, "max_a4_ms": GOAL_A4_MS},
            "met": max(ratios) <= GOAL_RATIO and max(a4) < GOAL_A4_MS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    report = run(args.rounds)
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    (common.RESULTS / "notices.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    common.log(f"font registration {report['font_registration_ms']} ms (once per process); "
               f"goal {'met' if report['met'] else 'NOT met'}; wrote bench/results/notices.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
