#!/usr/bin/env bash
# Set everything up on a fresh machine, then serve the dashboard on http://127.0.0.1:8501.
# Generates the demo database on first run if no database is there yet.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh requirements.txt
db="${CONSULTATION_DB:-data/consultation.duckdb}"
if [ ! -f "$db" ]; then
  echo "Génération des données de démonstration dans $db…"
  .venv/bin/python -m consultation demo --out "$db"
else
  .venv/bin/python -m consultation upgrade --db "$db"  # a file written by an older version
fi
exec .venv/bin/python -m consultation serve "$@"
