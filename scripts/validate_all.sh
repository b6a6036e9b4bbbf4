#!/usr/bin/env bash
# Runs every validation case of docs/validation.md in full and remakes its figures in docs/figures/:
#   stylised facts   the baseline, seeds 1-5, firm panel every year -> scripts/stylised_facts.py
#                    (table on stdout, docs/figures/validation_growth_rate_density.png)
#   core-periphery   the break and sustain points at mu 0.4, sigma 5 and the tomahawk
#                    -> scripts/validate_core_periphery.py (docs/figures/validation_tomahawk.png), then
#                    the other points of docs/validation.md's table
#   Wright's law     configs/validation/wright.toml at three exponents, and the baseline with the firm
#                    panel every tick -> scripts/validate_wright.py (tables on stdout,
#                    docs/figures/validation_wright_law.png, docs/figures/validation_wright_decomposition.png)
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

echo "validate_all: Wright's law (configs/validation/wright.toml at b = 0.152, 0.322, 0.515; the baseline's price fall)" >&2
mkdir -p "$work/wright"
CLUSTERSIM=$clustersim "$python" scripts/validate_wright.py --keep "$work/wright" \
  --law-figure docs/figures/validation_wright_law.png \
  --decomposition-figure docs/figures/validation_wright_decomposition.png

echo "validate_all: core-periphery limit (bisections over the trade cost, about 45 s per point)" >&2
CLUSTERSIM=$clustersim "$python" scripts/validate_core_periphery.py --mu 0.4 --sigma 5 \
  --figure docs/figures/validation_tomahawk.png
for point in "0.2 3" "0.5 3" "0.2 8" "0.5 8" "0.3 4" "0.45 6"; do
  read -r mu sigma <<< "$point"
  CLUSTERSIM=$clustersim "$python" scripts/validate_core_periphery.py --mu "$mu" --sigma "$sigma" | tail -3
done

echo "validate_all: gravity (configs/validation/gravity.toml, PPML on the trade flows of the last tick)" >&2
CLUSTERSIM="$clustersim" "$python" scripts/validate_gravity.py --scenario configs/validation/gravity.toml \
  --keep "$work/gravity.h5" --figure docs/figures/validation_gravity.png
