#!/usr/bin/env bash
# Installs what is missing, builds the sanitizer preset (AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize
ctest --preset sanitize "$@"
