#!/usr/bin/env bash
# Run the benchmark suite at one scale: bash bench/run.sh --scale 100000 [--skip load] [--only queries ...]
# Results: bench/results/<scale>-<time>.json and .md (git-ignored). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  echo "Lancez d'abord bash scripts/run.sh ou scripts/test.sh (création de .venv)." >&2
  exit 1
fi
.venv/bin/python -m pip install --quiet -r requirements-bench.txt
exec .venv/bin/python -m bench "$@"
