"""A plain (non-editable) install finds forms/, resources/ and the migrations."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_forms_and_migrations_and_finds_them(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "wheel"), str(ROOT)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {p.name for p in (ROOT / "forms").glob("*.yaml")}
    assert shipped and shipped <= {Path(n).name for n in names if n.startswith("inspector_app/_data/forms/")}
    assert any(n.startswith("inspector_app/core/migrations/versions/") for n in names)
    assert "inspector_app/central/web/templates/verify.html" in names  # the public verification page
    desk = {f"inspector_app/central/web/templates/desk/{p.name}"
            for p in (ROOT / "inspector_app/central/web/templates/desk").glob("*.html")}
    assert desk and desk | {"inspector_app/central/web/static/desk.css"} <= set(names)  # the district desk's pages
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = ("import inspector_app.core.paths as p, inspector_app.core.checklists as c;"
             "d = p.forms_dir(); print(d); print(len(c.load_directory(d)))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
                         check=True, capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert out[0].startswith(str(site)) and int(out[1]) == len(shipped)
