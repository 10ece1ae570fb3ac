"""Qt translations: the UI is written in English and shown in Simplified Chinese by default.

Sources are resources/i18n/inspector_<lang>.ts (edited with Qt Linguist,
updated with `python -m inspector_app.gui.translations --update`). The build
compiles them to .qm; a development checkout compiles stale ones on start
with the lrelease tool that ships in the PySide6 wheel.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QTranslator

from ..core import language as spoken
from ..core.paths import resource_path

logger = logging.getLogger(__name__)
LANGUAGES = ("zh_CN", "en")
GUI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> Path:
    folder = Path(list(PySide6.__path__)[0]).resolve()
    return folder / (f"{name}.exe" if sys.platform == "win32" else name)


def ts_file(language: str) -> Path:
    return resource_path("resources", "i18n", f"inspector_{language}.ts")


def qm_file(language: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled catalogue, compiling it first when the .ts is newer (development)."""
    ts = ts_file(language)
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    target = qm if _writable(qm.parent) else Path(cache_dir or ts.parent) / qm.name
    target.parent.mkdir(parents=True, exist_ok=True)
    import subprocess  # only when a development checkout compiles; not on every start
    try:
        subprocess.run([str(_tool("lrelease")), "-silent", str(ts), "-qm", str(target)], check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("cannot compile %s: %s", ts, exc)
        return qm if qm.exists() else None
    return target


def _writable(folder: Path) -> bool:
    try:
        probe = folder / ".write-test"
        probe.touch()
        probe.unlink()
        return True
    except OSError:
        return False


def install(app, language: str, keep: list, cache_dir: Path | None = None) -> None:
    """Load Qt's own and our catalogues for `language`; English needs none.

    Core speaks the same language from then on (core.language: zh_CN → zh), so
    the catalogue's labels and core's error messages read like the rest of the
    window.
    """
    spoken.use("en" if language == "en" else "zh")
    for translator in keep:
        app.removeTranslator(translator)
    keep.clear()
    if language == "en":
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        keep.append(qt_own)
    path = qm_file(language, cache_dir)
    ours = QTranslator(app)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        keep.append(ours)
    else:
        logger.warning("no %s translation found; the interface stays in English", language)


def update_sources() -> None:
    """Refresh the .ts files from the GUI sources (keeps existing translations)."""
    import subprocess
    sources = sorted(str(p) for p in GUI_DIR.rglob("*.py"))
    for language in LANGUAGES:
        if language == "en":
            continue
        subprocess.run([str(_tool("lupdate")), "-no-obsolete", *sources, "-ts", str(ts_file(language))],
                       check=True)


if __name__ == "__main__" and "--update" in sys.argv:
    update_sources()
