"""Build the one-folder desktop bundle with PyInstaller: python build_installer.py

Run it from a clean virtual environment on the target system (PyInstaller
cannot cross-compile: build the Windows bundle on Windows). The bundle carries
forms/ and resources/ next to the code, where core.paths.resource_path()
looks first in a frozen build, and the compiled Qt translations.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ENTRY = ROOT / "build" / "inspector_entry.py"


def compile_translations() -> None:
    """The .qm catalogues are build products (not in git): make them before bundling."""
    from inspector_app.gui import translations
    for language in translations.LANGUAGES:
        if language != "en" and translations.qm_file(language) is None:
            sys.exit(f"could not compile the {language} translation")


def build(name: str, clean: bool) -> Path:
    compile_translations()
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("PyInstaller is missing: pip install pyinstaller, then run this again")
    ENTRY.parent.mkdir(exist_ok=True)
    ENTRY.write_text("import sys\nfrom inspector_app.launch import main\nsys.exit(main())\n", encoding="utf-8")
    sep = os.pathsep
    args = [
        str(ENTRY), "--noconfirm", "--onedir", "--name", name,
        "--add-data", f"{ROOT / 'forms'}{sep}forms",
        "--add-data", f"{ROOT / 'resources'}{sep}resources",
        "--add-data", f"{ROOT / 'inspector_app' / 'core' / 'migrations'}{sep}inspector_app/core/migrations",
        "--collect-submodules", "reportlab.graphics.barcode",
        "--collect-submodules", "inspector_app",
        "--collect-all", "pypdfium2", "--collect-all", "pypdfium2_raw",
        "--collect-binaries", "zxingcpp", "--collect-binaries", "pyrage",
        "--collect-data", "pypinyin",
        "--add-data", f"{ROOT / 'inspector_app' / 'core' / 'sync' / 'central_migrations'}{sep}"
                      "inspector_app/central/migrations",
        "--exclude-module", "numpy",
        "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
        "--specpath", str(ROOT / "build"),
    ]
    if clean:
        args.append("--clean")
    pyinstaller.run(args)
    return ROOT / "dist" / name


def smoke_test(bundle: Path) -> None:
    """The frozen app must find its forms and migrate a fresh store."""
    exe = bundle / ("inspector.exe" if os.name == "nt" else "inspector")
    data = ROOT / "build" / "smoke-data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([str(exe), "--data-dir", str(data), "init", "--json"], check=True, env=env)
    subprocess.run([str(exe), "--data-dir", str(data), "forms", "list"], check=True, env=env)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="inspector")
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--no-smoke-test", action="store_true")
    options = parser.parse_args()
    bundle = build(options.name, options.clean)
    if not options.no_smoke_test:
        smoke_test(bundle)
    print(f"bundle ready: {bundle}")
