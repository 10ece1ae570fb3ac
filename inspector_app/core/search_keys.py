"""What establishment search matches on, so "zscg" and "zhangsan" both find 张三餐馆.

Inspectors type pinyin initials on a phone-style IME far more often than
Han characters. Two FTS5 columns are fed from here: `haystack` for a trigram
index (queries of 3+ characters) and `grams` for a unicode61 index, because
trigram cannot match 1–2 character queries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .identifiers import to_half_width

SEPARATOR = "|"  # joins haystack parts; normalize_query removes it, so no match straddles two parts
_NON_HAN = "\x00"  # tags text pypinyin could not convert, so it is kept whole


def _fold(text: str | None) -> str:
    return to_half_width(text or "").lower()


def _tag_non_han(chunk: str) -> str:
    return _NON_HAN + chunk


@lru_cache(maxsize=4096)
def keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) from one pypinyin call; haystack and grams both need them."""
    from pypinyin import lazy_pinyin  # 0.25 s to import its dictionaries: only when writing rows
    initials, full = [], []
    for item in lazy_pinyin(_fold(name), errors=_tag_non_han):
        if item.startswith(_NON_HAN):
            kept = "".join(ch for ch in item if ch.isascii() and ch.isalnum())
            initials.append(kept)
            full.append(kept)
        else:
            initials.append(item[:1])
            full.append(item)
    return "".join(initials), "".join(full)


def initials(name: str) -> str:
    """张三餐馆 → "zscg"; Latin letters and digits are kept, punctuation dropped."""
    return keys(name)[0]


def full_pinyin(name: str) -> str:
    """张三餐馆 → "zhangsancanguan" (toneless, ü written v)."""
    return keys(name)[1]


def _compact(text: str | None) -> str:
    return "".join(_fold(text).split())


def haystack(*, name: str, licence: str | None = None, credit_code: str | None = None,
             extra: Iterable[str] = ()) -> str:
    """One lower-cased string for the trigram index; `|` keeps parts from matching across."""
    first, full = keys(name)
    parts = [_fold(name), first, full, _compact(licence), _compact(credit_code), *map(_fold, extra)]
    return SEPARATOR.join(part.replace(SEPARATOR, " ") for part in parts if part.strip())


def _is_token_char(ch: str) -> bool:
    """What FTS5 unicode61 keeps in a token by default: categories L*, N* and Co."""
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "Co"


def _ngrams(text: str, into: dict[str, None]) -> None:
    chars = [ch for ch in text if _is_token_char(ch)]
    for i, ch in enumerate(chars):
        into[ch] = None
        if i + 1 < len(chars):
            into[ch + chars[i + 1]] = None


def grams(*, name: str, licence: str | None = None, credit_code: str | None = None) -> str:
    """Distinct 1- and 2-character grams, space-separated, one unicode61 token each.

    Grams of the name skip spaces and punctuation (张三·餐馆 gives 三餐), then grams of the
    initials, then the 1- and 2-character prefixes of licence and credit code.
    """
    found: dict[str, None] = {}
    _ngrams(_fold(name), found)
    _ngrams(keys(name)[0], found)
    for code in (licence, credit_code):
        kept = [ch for ch in _compact(code) if _is_token_char(ch)]
        if kept:
            found[kept[0]] = None
            found["".join(kept[:2])] = None
    return " ".join(found)


def normalize_query(text: str) -> str:
    """Strip, lower-case, full-width → half-width, runs of spaces (and `|`) → one space."""
    return " ".join(_fold(text).replace(SEPARATOR, " ").split())
