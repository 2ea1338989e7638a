#!/usr/bin/env bash
# Install fapai into ./.venv and run its main job: the platform on SQLite with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
exec .venv/bin/fapai serve --demo "$@"
