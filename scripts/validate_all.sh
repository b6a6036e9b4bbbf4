#!/usr/bin/env bash
# Runs every validation case of docs/validation.md in full and remakes its figures in docs/figures/:
#   stylised facts   the baseline, seeds 1-5, firm panel every year -> scripts/stylised_facts.py
#                    (table on stdout, docs/figures/validation_growth_rate_density.png)
#   gravity          configs/validation/gravity.toml (the baseline, 2 years, trade flows written)
#                    -> scripts/validate_gravity.py (tables on stdout, docs/figures/validation_gravity.png);
#                    exits 1 if the elasticity of the flows is not the one the trade costs imply
# Runs go to a temporary directory that is removed at the end (KEEP=DIR keeps them there instead).
#
# Usage: scripts/validate_all.sh              (from anywhere; paths are relative to the repository)
#   CLUSTERSIM=/path/to/clustersim scripts/validate_all.sh   (default: build/clustersim)
set -euo pipefail
cd "$(dirname "$0")/.."

clustersim=${CLUSTERSIM:-build/clustersim}
python=/usr/bin/python3
if [[ ! -x "$clustersim" ]]; then
  echo "validate_all: no clustersim binary at '$clustersim' (build it, or set CLUSTERSIM)" >&2
  exit 2
fi
if [[ -n "${KEEP:-}" ]]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d -t clustersim-validation-XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi

echo "validate_all: stylised facts (the baseline, seeds 1-5, firm panel every year)" >&2
for seed in 1 2 3 4 5; do
  "$clustersim" run configs/baseline.toml --seed "$seed" --set output.snapshot_every=4 \
    -o "$work/baseline-seed$seed.h5" -q &
  if (( seed % 2 == 0 )); then wait; fi
done
wait
"$python" scripts/stylised_facts.py "$work"/baseline-seed{1,2,3,4,5}.h5 \
  --figure docs/figures/validation_growth_rate_density.png

echo "validate_all: gravity (configs/validation/gravity.toml, PPML on the trade flows of the last tick)" >&2
CLUSTERSIM="$clustersim" "$python" scripts/validate_gravity.py --scenario configs/validation/gravity.toml \
  --keep "$work/gravity.h5" --figure docs/figures/validation_gravity.png
