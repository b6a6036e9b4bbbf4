#!/usr/bin/env bash
# Installs what is missing, builds the Release preset and runs the default scenario:
# configs/baseline.toml -> results/baseline.h5. Extra arguments go to `clustersim run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
build/clustersim run configs/baseline.toml -o results/baseline.h5 "$@"
