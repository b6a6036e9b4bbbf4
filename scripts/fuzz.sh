#!/usr/bin/env bash
# The long run of the fuzz corpus (docs/fuzzing.md): N cases (default 20000) of a seed (default 18) against
# the Release build, two at a time; the folders of the cases not handled are kept in results/fuzz-failures
# (or FOLDER), and the last line is 'N tried, N handled'.
#   scripts/fuzz.sh [CASES] [SEED] [FOLDER]      e.g. scripts/fuzz.sh 20000 7
# Builds nothing: build the program first (cmake --preset release && cmake --build build --target clustersim).
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-20000}"
seed="${2:-18}"
keep="${3:-results/fuzz-failures}"
binary="${CLUSTERSIM:-build/clustersim}"
[ -x "$binary" ] || { echo "fuzz.sh: no program at $binary; build the release preset first" >&2; exit 2; }
exec /usr/bin/python3 tests/fuzz/fuzz.py "$binary" --seed "$seed" --cases "$cases" --jobs 2 --keep "$keep" \
  --time-limit "${FUZZ_TIME_LIMIT:-20}"
