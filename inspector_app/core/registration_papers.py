"""Which paper an establishment's licence field holds, by its category, and the check of its number.

Food businesses hold a 食品经营许可证 (JY…) or a 食品生产许可证 (SC…), checked by
identifiers.validate_licence. Tianjin's small workshops hold a 食品小作坊登记证 (since
2024 worded 食品小作坊许可) and its stalls a 食品摊贩备案证明 (stalls are filed, not
licensed). No format of either number is published, so the check is the loose pattern of
docs/registration-papers.md — for the district to confirm — strict only about what a
mistyped paper number shows: stray symbols, too few digits, too short or too long.
"""

from __future__ import annotations

import re

from . import codes
from .errors import ValidationError
from .identifiers import LICENCE_PREFIXES, normalize_licence, validate_licence

PAPER_OF_CATEGORY = {"workshop": "登记证", "stall": "备案"}  # licence_type codes (core/codes.py LICENCE_TYPES)
MIN_LENGTH, MAX_LENGTH, MIN_DIGITS = 6, 30, 4
# Letters and digits, Chinese characters (an issuer's 代字 such as 津蓟), and the separators printed
# numbers use: 〔2024〕, (2024), [2024], 2024-001.
_ALLOWED = re.compile(r"[0-9A-Z\u4e00-\u9fff〔〕()\[\]\-]")
_LICENCE_LIKE = re.compile(rf"(?:{'|'.join(LICENCE_PREFIXES)})\d")


def paper_for(category: str | None) -> str | None:
    """The licence_type code a category's own paper has (登记证, 备案), or None for JY/SC categories."""
    return PAPER_OF_CATEGORY.get(category or "")


def validate_number(text: str, *, category: str | None, field: str = "licence") -> tuple[str, str]:
    """(normalized number, licence_type code) for the licence field of an establishment in `category`.

    A workshop or a stall may also hold a JY/SC licence (a number starting JY or SC and a digit
    is checked as one); any other category takes JY/SC only, as before.
    """
    paper = paper_for(category)
    number = normalize_licence(text)
    if paper is None or _LICENCE_LIKE.match(number):
        number = validate_licence(text, field=field)
        return number, number[:2]
    name = codes.LICENCE_TYPES[paper]
    if not number:
        raise ValidationError("identifiers.paper_empty", field=field, paper=name)
    for position, ch in enumerate(number, start=1):
        if not _ALLOWED.fullmatch(ch):
            raise ValidationError("identifiers.paper_character", field=field, paper=name, number=number,
                                  position=position, char=repr(ch))
    if not MIN_LENGTH <= len(number) <= MAX_LENGTH:
        raise ValidationError("identifiers.paper_length", field=field, paper=name, number=number,
                              length=len(number), min=MIN_LENGTH, max=MAX_LENGTH)
    if sum(ch.isascii() and ch.isdigit() for ch in number) < MIN_DIGITS:
        raise ValidationError("identifiers.paper_digits", field=field, paper=name, number=number,
                              digits=MIN_DIGITS)
    return number, paper
