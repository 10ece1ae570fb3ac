"""Credit codes, food licence numbers and ID numbers (GB 32100-2015; the 2015 licensing measures; the 2016 结果记录表).

Inspectors copy these by hand from paper licences, so typos are common and
must be caught at entry with a message that says which rule failed. The
credit code has a real check character; JY/SC licence numbers have no public
check-digit algorithm, so only their format is checked.
"""

from __future__ import annotations

import random
import re

from .errors import ValidationError

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [3 ** i % 31 for i in range(17)]
USCC_AUTHORITIES = "123456789ANY"  # 1 编制, 5 民政, 9 市场监管, A 军队, N 农业, Y 其他 …
_VALUES = {ch: value for value, ch in enumerate(USCC_ALPHABET)}
_LOOKALIKES = {"I": "1", "O": "0", "S": "5", "Z": "2"}
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
LICENCE_PREFIXES = ("JY", "SC")
ID_WEIGHTS = [2 ** (18 - i) % 11 for i in range(1, 18)]  # GB 11643-1999: 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …
ID_CHECK = "10X98765432"  # the check character for Σ(digit × weight) mod 11 = 0, 1, 2 …


def to_half_width(text: str) -> str:
    """Full-width ASCII (ＪＹ１２, full-width space) as typed by Chinese IMEs → plain ASCII."""
    return text.translate(_WIDE)


def _compact(text: str) -> str:
    return "".join(to_half_width(text or "").split()).upper()


def uscc_check_char(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015)."""
    if len(first17) != 17 or any(ch not in _VALUES for ch in first17):
        raise ValidationError("identifiers.uscc_cannot_check", field="credit_code", number=first17,
                              alphabet=USCC_ALPHABET)
    total = sum(_VALUES[ch] * weight for ch, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(text: str) -> str:
    return _compact(text)


def validate_uscc(text: str, field: str = "credit_code") -> str:
    """The normalized code, or ValidationError naming the first rule it breaks."""
    code = normalize_uscc(text)
    if not code:
        raise ValidationError("identifiers.uscc_empty", field=field)
    if len(code) != 18:
        raise ValidationError("identifiers.uscc_length", field=field, number=code, length=len(code))
    for position, ch in enumerate(code, start=1):
        if ch in _VALUES:
            continue
        if ch in _LOOKALIKES:
            raise ValidationError("identifiers.uscc_lookalike", field=field, number=code, position=position,
                                  char=ch, suggestion=_LOOKALIKES[ch])
        if ch in "IOSVZ":
            raise ValidationError("identifiers.uscc_unused_letter", field=field, number=code, position=position,
                                  char=ch)
        raise ValidationError("identifiers.uscc_bad_character", field=field, number=code, position=position,
                              char=repr(ch), letters=USCC_ALPHABET[10:])
    if code[0] not in USCC_AUTHORITIES:
        raise ValidationError("identifiers.uscc_authority", field=field, number=code, char=code[0],
                              allowed=", ".join(USCC_AUTHORITIES))
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError("identifiers.uscc_check", field=field, number=code, expected=expected,
                              given=code[17])
    return code


def make_uscc(rng: random.Random, *, division: str = "120119", authority: str = "9",
              entity_type: str = "2") -> str:
    """A valid demo code: authority + type + division + MA… entity ID + check."""
    if not re.fullmatch(r"\d{6}", division):
        raise ValidationError("identifiers.bad_division", field="division", division=repr(division))
    body = authority + entity_type + division + "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(7))
    return validate_uscc(body + uscc_check_char(body))


def normalize_licence(text: str) -> str:
    return _compact(text)


def validate_licence(text: str, field: str = "licence") -> str:
    """`JY`/`SC` + 14 digits, normalized; the check digit itself cannot be verified."""
    number = normalize_licence(text)
    if not number:
        raise ValidationError("identifiers.licence_empty", field=field)
    prefix, digits = number[:2], number[2:]
    if prefix not in LICENCE_PREFIXES:
        raise ValidationError("identifiers.licence_prefix", field=field, number=number, prefix=prefix)
    for position, ch in enumerate(digits, start=3):
        if not ch.isascii() or not ch.isdigit():
            raise ValidationError("identifiers.licence_character", field=field, number=number, position=position,
                                  char=repr(ch), prefix=prefix)
    if len(digits) != 14:
        raise ValidationError("identifiers.licence_length", field=field, number=number, length=len(digits),
                              prefix=prefix)
    return number


def licence_type(number: str) -> str | None:
    """The licence kind ("JY" or "SC") of a well-formed number, else None."""
    try:
        return validate_licence(number)[:2]
    except ValidationError:
        return None


def make_licence(rng: random.Random, *, prefix: str = "JY", business_type: int | None = None,
                 region: str = "120119", sequence: int) -> str:
    """A well-formed demo number. JY: 1-digit business type (default 2) + region + 6-digit
    sequence; SC: 3-digit food category (default 101) + region + 4-digit sequence. The last
    digit is random because the real check algorithm is unknown."""
    if prefix not in LICENCE_PREFIXES:
        raise ValidationError("identifiers.demo_licence_prefix", field="licence", prefix=repr(prefix))
    kind_width, seq_width = (1, 6) if prefix == "JY" else (3, 4)
    kind = business_type if business_type is not None else (2 if prefix == "JY" else 101)
    kind_text, seq_text = str(kind), f"{sequence:0{seq_width}d}"
    if len(kind_text) != kind_width or not kind_text.isdigit() or len(seq_text) != seq_width \
            or sequence < 0 or not re.fullmatch(r"\d{6}", region):
        raise ValidationError("identifiers.demo_licence_format", field="licence", prefix=prefix,
                              kind_width=kind_width, seq_width=seq_width)
    return validate_licence(f"{prefix}{kind_text}{region}{seq_text}{rng.randrange(10)}")


def validate_id_number(text: str, field: str = "id_number") -> str:
    """A resident ID number, normalized: 17 digits and the GB 11643-1999 check character, or a legacy
    15-digit number (no check character). The sentences never repeat the number: it is personal data."""
    number = _compact(text)
    if len(number) not in (15, 18):
        raise ValidationError("identifiers.id_number_length", field=field, length=len(number))
    for position, ch in enumerate(number, start=1):
        if not (ch.isascii() and ch.isdigit()) and not (ch == "X" and position == 18):
            raise ValidationError("identifiers.id_number_character", field=field, position=position)
    if len(number) == 18:
        expected = ID_CHECK[sum(int(ch) * w for ch, w in zip(number, ID_WEIGHTS, strict=False)) % 11]
        if number[17] != expected:
            raise ValidationError("identifiers.id_number_check", field=field)
    return number


def mask_id_number(text: str) -> str:
    """Resident ID for printed notices with the birth month and day hidden (as on the 2016 结果记录表):
    digits 11–14 of an 18-digit ID, 9–12 of a legacy 15-digit one."""
    number = _compact(text)
    if re.fullmatch(r"\d{17}[\dX]", number):
        return number[:10] + "****" + number[14:]
    if re.fullmatch(r"\d{15}", number):
        return number[:8] + "****" + number[12:]
    raise ValidationError("identifiers.id_number_length", field="id_number", length=len(number))
