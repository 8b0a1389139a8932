# Sourced by run.sh and test.sh: create .venv and install the given requirements file,
# skipping pip when the file has not changed since the last install.
set -euo pipefail
req="$1"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(basename "$req")"
if [ ! -f "$stamp" ] || ! cmp -s "$stamp" <(cat requirements*.txt); then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$req"
  cat requirements*.txt > "$stamp"
fi
