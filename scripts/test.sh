#!/usr/bin/env bash
# Install fapai with its development tools into ./.venv and run every test and check.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
echo "== ruff" && .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy" && .venv/bin/mypy
echo "== import-linter" && .venv/bin/lint-imports
command -v chromium >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || { SUDO=$([ "$(id -u)" = 0 ] || echo sudo); $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium fonts-wqy-microhei; }  # browser tests (and CJK glyphs for their screenshots)
echo "== pytest" && .venv/bin/pytest
