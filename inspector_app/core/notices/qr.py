"""QR codes: the verification URL as a black-and-white PNG, and reading codes back from files.

Codes use error-correction level M and a 4-module quiet zone (included in
the image, so the printed size covers it). Reading needs zxing-cpp, and
pypdfium2 for PDFs; both are imported only when a file is read.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from ..errors import ValidationError

QUIET_ZONE = 4  # modules, the minimum the QR standard asks for
PIXELS_PER_MODULE = 4  # printers scale the image to 20–25 mm; more pixels only cost time
THERMAL_DPI = 203
MM_PER_INCH = 25.4
PDF_SCAN_DPI = 200


@dataclass(frozen=True, eq=False)
class Code:
    """A QR code ready to draw: a grayscale image, its version and modules per side (quiet zone included)."""

    image: Image.Image
    version: int
    modules: int  # per side, with the quiet zone

    @property
    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG")
        return buffer.getvalue()

    def dots_per_module(self, size_mm: float, dpi: int = THERMAL_DPI) -> float:
        return size_mm / MM_PER_INCH * dpi / self.modules

    def size_for_whole_dots(self, min_mm: float, dpi: int = THERMAL_DPI) -> float:
        """The smallest size ≥ min_mm at which every module is a whole number of printer dots."""
        dots = math.ceil(min_mm / MM_PER_INCH * dpi / self.modules)
        return dots * self.modules / dpi * MM_PER_INCH


_BITS = b"01" + bytes(254)  # module byte 0/1 → ASCII digit, for int(…, 2)
_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER = re.compile(rb"(?=\x01\x00\x01\x01\x01\x00\x01\x00\x00\x00\x00|\x00\x00\x00\x00\x01\x00\x01\x01\x01\x00\x01)")


def _new(text: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text, optimize=8)  # the base32 token goes in alphanumeric mode, the rest as bytes
    code.best_fit()
    return code


@lru_cache(maxsize=40)
def _layout(version: int) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """Per mask pattern: the data cells it flips (as a byte-per-cell integer) and its format-info cells."""
    n = version * 4 + 17
    scratch = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M)
    scratch.modules_count = n
    scratch.makeImpl(True, 0)  # fills qrcode's blank for this version
    scratch.modules = [row[:] for row in qrcode.main.precomputed_qr_blanks[version]]
    scratch.setup_type_info(True, 0)
    if version >= 7:
        scratch.setup_type_number(True)
    data_cells = [(r, c) for r in range(n) for c in range(n) if scratch.modules[r][c] is None]
    flips, formats = [], []
    for mask in range(8):
        func, cells = qrcode.util.mask_func(mask), bytearray(n * n)
        for r, c in data_cells:
            if func(r, c):
                cells[r * n + c] = 1
        flips.append(int.from_bytes(cells, "big"))
        scratch.modules = [[None] * n for _ in range(n)]
        scratch.setup_type_info(False, mask)
        formats.append([(r * n + c, int(v)) for r in range(n) for c, v in enumerate(scratch.modules[r])
                        if v is not None])
    return flips, formats


def penalty(cells: bytes, n: int) -> int:
    """The mask penalty of ISO/IEC 18004 §7.8.3 (N1 runs, N2 blocks, N3 finder-like, N4 balance)."""
    rows = [cells[i * n:(i + 1) * n] for i in range(n)]
    lines = b"\x02".join(rows + [cells[c::n] for c in range(n)])  # a separator no pattern crosses
    score = sum(len(run) - 2 for run in _RUN.findall(lines))  # 3 + (length − 5) per run
    score += 40 * len(_FINDER.findall(lines))
    full = (1 << n) - 1
    bits = [int(row.translate(_BITS), 2) for row in rows]
    for above, below in zip(bits, bits[1:], strict=False):
        same = ~(above ^ below) & full
        score += 3 * bin(same & (same >> 1) & ~(above ^ (above >> 1)) & (full >> 1)).count("1")
    dark = cells.count(1) * 100 // (n * n)
    return score + 10 * (abs(dark - 50) // 5)


def matrix(text: str) -> tuple[int, bytes]:
    """(version, one byte per module, row by row) of `text` at level M, with the lowest-penalty mask.

    qrcode's own search places the data eight times in pure Python (~25 ms);
    here it is placed once and each mask is an XOR of byte strings.
    """
    code = _new(text)
    code.makeImpl(False, 0)
    n = code.modules_count
    flips, formats = _layout(code.version)
    plain = int.from_bytes(b"".join(map(bytes, code.modules)), "big") ^ flips[0]
    best: tuple[int, bytes] | None = None
    for mask in range(8):
        cells = bytearray((plain ^ flips[mask]).to_bytes(n * n, "big"))
        for index, value in formats[mask]:
            cells[index] = value
        score = penalty(bytes(cells), n)
        if best is None or score < best[0]:
            best = (score, bytes(cells))
    assert best is not None  # range(8) is never empty: every mask was scored
    return code.version, best[1]


@lru_cache(maxsize=32)
def make(text: str) -> Code:
    """The QR code of `text` (cached: reprints and previews draw the same code). Treat it as read-only."""
    version, cells = matrix(text)
    n = version * 4 + 17
    side = n + 2 * QUIET_ZONE
    light, margin = bytes([255]) * (side * QUIET_ZONE), bytes([255]) * QUIET_ZONE
    rows = [light]
    for r in range(n):
        rows.append(margin + cells[r * n:(r + 1) * n].translate(_GRAY) + margin)
    rows.append(light)
    image = Image.frombytes("L", (side, side), b"".join(rows))
    image = image.resize((side * PIXELS_PER_MODULE,) * 2, Image.Resampling.NEAREST)
    return Code(image, version, side)


_GRAY = bytes([255, 0]) + bytes(254)  # module byte 0/1 → white/black pixel


def version_of(text: str) -> tuple[int, int]:
    """(QR version, modules per side without the quiet zone) for `text` at level M."""
    code = _new(text)
    return code.version, code.version * 4 + 17


# Reading codes back

def _zxing():
    try:
        import zxingcpp
    except ImportError:
        raise ValidationError("notices.no_zxing", field="input") from None
    return zxingcpp


def read_image(image) -> list[str]:
    """The texts of every QR code found in a PIL image."""
    zxingcpp = _zxing()
    return [hit.text for hit in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            if hit.valid and hit.text]


def read_file(path: Path) -> list[str]:
    """QR texts from a PNG/JPEG or a PDF (pages scanned in order until one holds a code)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("notices.unreadable_input", field="input", path=str(path),
                              detail=str(exc.strerror or exc)) from None
    if data[:5] == b"%PDF-":
        return _read_pdf(data, path)
    from PIL import UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return read_image(image.convert("L"))
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError("notices.not_pdf_or_image", field="input", file=path.name,
                              detail=str(exc)) from None


def _read_pdf(data: bytes, path: Path) -> list[str]:
    _zxing()
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ValidationError("notices.no_pdfium", field="input") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ValidationError("notices.bad_pdf", field="input", file=path.name, detail=str(exc)) from None
    try:
        for page in document:
            bitmap = page.render(scale=PDF_SCAN_DPI / 72, grayscale=True)
            found = read_image(bitmap.to_pil())
            if found:
                return found
        return []
    finally:
        document.close()
