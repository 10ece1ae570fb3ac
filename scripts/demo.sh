#!/usr/bin/env bash
# Install the app and open it on the demo district (built once into ./demo-data).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-deps.sh --desktop
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
DATA="${INSPECTOR_DEMO_DIR:-$PWD/demo-data}"
if [ ! -f "$DATA/inspector.sqlite3" ]; then
  .venv/bin/inspector --data-dir "$DATA" demo --establishments "${DEMO_ESTABLISHMENTS:-20000}"
fi
exec .venv/bin/inspector --data-dir "$DATA" "$@"
