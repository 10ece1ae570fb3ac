"""Helpers for the notice tests: an environment with device keys, signatures, PDF reading."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp
from factories import finalize_signed, make_inspection
from PIL import Image, ImageDraw

from inspector_app.core import evidence, keys
from inspector_app.core.paths import AppPaths


@dataclass
class Env:
    store: object
    basics: object
    paths: AppPaths
    settings: dict
    device: keys.DeviceKeys

    def finalized(self, *, fail=(), na=(), signatures: bool = False, refusal: dict | None = None, **kw):
        """A finalized inspection; `signatures` attaches both inspectors' (second one first, by user id)
        and the operator's images; `refusal` records the operator's refusal to sign instead. Whoever has
        not signed then signs with a factory image (finalizing needs every signature)."""
        with self.store.write() as session:
            inspection = make_inspection(session, self.basics, fail=fail, na=na, **kw)
            if signatures:
                for user_id, seed in ((self.basics.inspector_ids[1], 2), (self.basics.inspector_ids[0], 1)):
                    evidence.attach(session, self.paths.blobs, inspection_id=inspection.id, source=signature_png(seed),
                                    role="signature_inspector", item_id=str(user_id), name=f"inspector{seed}.png")
                if refusal is None:
                    evidence.attach(session, self.paths.blobs, inspection_id=inspection.id, source=signature_png(3),
                                    role="signature_operator", name="operator.png")
            finalize_signed(session, inspection.id, blobs=self.paths.blobs, refusal=refusal)
            return inspection.id

    def issue(self, inspection_id, kind="result", paper="a4", **kw):
        from inspector_app.core import notices
        with self.store.write() as session:
            return notices.issue(session, paths=self.paths, settings=self.settings,
                                 inspection_id=inspection_id, kind=kind, paper=paper, **kw)


def signature_png(seed: int) -> bytes:
    """A deterministic hand-signature-like PNG."""
    image = Image.new("L", (360, 120), 255)
    draw = ImageDraw.Draw(image)
    points = [(20 + i * 16, 60 + ((i * 37 * seed) % 50) - 25) for i in range(20)]
    draw.line(points, fill=0, width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def rasterize(pdf: bytes, dpi: float, page: int = 0, *, threshold: int | None = None) -> Image.Image:
    """A page as a grayscale image; `threshold` makes it pure black and white like a thermal head."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    if threshold is not None:
        image = image.point(lambda v: 255 if v > threshold else 0)
    return image


def decode(image) -> list[str]:
    return [hit.text for hit in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
