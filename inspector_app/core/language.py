"""Which language people are spoken to in: the desktop's setting, else the system's locale.

The command line follows the locale (Chinese on a Chinese system, English
otherwise); the desktop calls use() with the language chosen in Settings.
Messages are rendered when read, so an error raised on a worker thread reads
in the language the window shows.
"""

from __future__ import annotations

import os
import sys

_chosen: str | None = None


def system_language() -> str:
    """'zh' when the user's locale is Chinese, else 'en'."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if sys.platform == "win32":
        import locale
        code = (locale.getlocale()[0] or "").lower()
        return "zh" if code.startswith(("zh", "chinese")) else "en"
    return "en"


def use(language: str | None) -> None:
    """Speak `language` ('zh…' or 'en…') from now on; None goes back to the system's."""
    global _chosen
    _chosen = None if language is None else ("en" if language.lower().startswith("en") else "zh")


def current() -> str:
    return _chosen or system_language()
