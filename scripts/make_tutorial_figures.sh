#!/usr/bin/env bash
# Regenerates the figures of the tutorial in docs/figures/ from real runs of the program:
#   baseline_run.png                 plot_run.py panel figure of configs/baseline.toml
#   baseline_map_welfare_per_head.png plot_map.py map of welfare per head at the last date of the baseline
#   sweep_fan_welfare_total.png      plot_sweep.py fan chart (welfare) of configs/sweeps/rd_subsidy_openness.toml
#   sweep_heatmap_welfare_total.png  plot_sweep.py heat map of the same sweep (subsidy rate x openness)
#   compare_baseline_high_rd_subsidy.{md,csv,png}
#                                    compare_runs.py table and figure, baseline vs configs/high_rd_subsidy.toml
#   baseline_welfare_R.png           the R example, scripts/plot_run.R (left out with a note without Rscript)
# The sweep runs as docs/tutorial.md runs it (10 replicates, 90 runs: about 2 minutes on two cores).
# Runs go to a temporary directory that is removed at the end.
#
# Usage: scripts/make_tutorial_figures.sh            (from anywhere; paths are relative to the repository)
#   CLUSTERSIM=/path/to/clustersim scripts/make_tutorial_figures.sh   (default: build/clustersim)
#   JOBS=4 scripts/make_tutorial_figures.sh                            (sweep threads, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."

clustersim=${CLUSTERSIM:-build/clustersim}
jobs=${JOBS:-2}
python=/usr/bin/python3
figures=docs/figures

if [[ ! -x "$clustersim" ]]; then
  echo "make_tutorial_figures: no clustersim binary at '$clustersim' (build it, or set CLUSTERSIM)" >&2
  exit 2
fi

work=$(mktemp -d -t clustersim-tutorial-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$figures"

echo "make_tutorial_figures: running the baseline, the R&D subsidy scenario and the policy grid sweep" >&2
"$clustersim" run configs/baseline.toml -o "$work/baseline.h5" -q
"$clustersim" run configs/high_rd_subsidy.toml -o "$work/high_rd_subsidy.h5" -q
"$clustersim" sweep configs/sweeps/rd_subsidy_openness.toml -o "$work/rd_subsidy_openness.h5" -j "$jobs" -q

"$python" scripts/plot_run.py "$work/baseline.h5" -o "$figures/baseline_run.png"
"$python" scripts/plot_map.py "$work/baseline.h5" --var welfare_per_head -o "$figures/baseline_map_welfare_per_head.png"
"$python" scripts/plot_sweep.py "$work/rd_subsidy_openness.h5" --plot fan -o "$figures/sweep_fan_welfare_total.png"
"$python" scripts/plot_sweep.py "$work/rd_subsidy_openness.h5" --plot heatmap \
  -o "$figures/sweep_heatmap_welfare_total.png"
"$python" scripts/compare_runs.py "$work/baseline.h5" "$work/high_rd_subsidy.h5" \
  --csv "$figures/compare_baseline_high_rd_subsidy.csv" -o "$figures/compare_baseline_high_rd_subsidy.png" \
  > "$figures/compare_baseline_high_rd_subsidy.md"

if command -v Rscript >/dev/null; then
  Rscript scripts/plot_run.R "$work/baseline.h5" "$figures/baseline_welfare_R.png"
else
  echo "make_tutorial_figures: note: no Rscript; $figures/baseline_welfare_R.png not made" >&2
fi

ls -l "$figures" >&2
