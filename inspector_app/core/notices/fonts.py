"""The one font of every notice: WenQuanYi Micro Hei, embedded (subset) in each PDF.

Registering the 5 MB .ttc costs ~100 ms, so it happens once per process.
The font has no bold face; titles use fill-and-stroke text instead (layout.py).
Some code points map to empty glyphs in this font (℃, ℉, Ⅴ, pinyin tone
vowels …) and would print blank: printable() swaps just those characters for
their compatibility form (℃ → °C) or their base letter (ǎ → a).
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import StoreError
from ..paths import resource_path

FONT = "WenQuanYiMicroHei"
FONT_FILE = ("resources", "fonts", "wqy-microhei.ttc")
_lock = threading.Lock()
_registered = False


def register() -> str:
    """Register the notice font with ReportLab (once; thread-safe); returns its name."""
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            path = resource_path(*FONT_FILE)
            try:
                pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            except (OSError, TTFError) as exc:
                raise StoreError("notices.font_missing", path=str(path), detail=str(exc)) from None
            _registered = True
    return FONT


def has_glyph(char: str) -> bool:
    """Whether the font has an outline for `char` (a missing or empty glyph prints blank)."""
    face = pdfmetrics.getFont(register()).face
    glyph = face.charToGlyph.get(ord(char))
    return glyph is not None and face.glyphPos[glyph + 1] > face.glyphPos[glyph]


@lru_cache(maxsize=4096)
def _printable_char(char: str) -> str:
    if char.isspace() or ord(char) < 0x21 or has_glyph(char):
        return char
    for candidate in (unicodedata.normalize("NFKC", char),
                      "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))):
        if candidate and candidate != char and all(c.isspace() or has_glyph(c) for c in candidate):
            return candidate
    return char


def printable(text: str) -> str:
    """`text` with characters the font cannot draw replaced by drawable equivalents."""
    return "".join(map(_printable_char, text))
