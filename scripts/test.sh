#!/usr/bin/env bash
# Set up everything the test suite needs, then run it: ./scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-deps.sh --tests
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/ruff check .
.venv/bin/mypy  # core/ and central/, as [tool.mypy] in pyproject.toml says
export QT_QPA_PLATFORM=offscreen
# The quick tests first (what `pytest -m "not slow"` runs while working), then the slow ones, every time;
# one worker per core, each test file on one worker (module fixtures, one PostgreSQL database).
parallel=(-n auto --dist loadfile)
.venv/bin/python -m pytest "${parallel[@]}" -m "not slow" "$@"
status=0
.venv/bin/python -m pytest "${parallel[@]}" -m slow "$@" || status=$?
[ "$status" -eq 5 ] && status=0  # no slow test among those selected
exit "$status"
