#!/usr/bin/env bash
# Install fapai into ./.venv and run its main job: replay a bundled auction.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
echo "== fapai replay examples/preemptive-right-auction.json" >&2
.venv/bin/fapai replay examples/preemptive-right-auction.json
