#!/usr/bin/env bash
# Screenshots of every station page, zh_CN and en, under Xvfb: scripts/screenshots.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
exec xvfb-run -a -s "-screen 0 1366x900x24" .venv/bin/python scripts/screenshots.py "${1:?usage: scripts/screenshots.sh OUT_DIR}"
