#!/usr/bin/env bash
# Regenerates the figures of the tutorial in docs/figures/ from real runs of the program:
#   baseline_run.png                 plot_run.py panel figure of configs/baseline.toml
#   baseline_map_welfare_per_head.png plot_map.py map of welfare per head (its default) at the last date of the baseline
#   sweep_fan_welfare_total.png      plot_sweep.py fan charts (welfare, change from no subsidy at openness 0.5)
#                                    of configs/sweeps/rd_subsidy_openness.toml
#   sweep_heatmap_welfare_total.png  plot_sweep.py heat map of the same sweep at the end of 2035 (% change)
#   compare_baseline_high_rd_subsidy.{md,csv,png}
#                                    compare_runs.py table and figure, configs/high_rd_subsidy.toml against
#                                    configs/baseline.toml over seeds 1 to 10 (paired by seed)
#   baseline_welfare_R.png           the R example, scripts/plot_run.R (left out with a note without Rscript)
# The sweep runs as docs/tutorial.md runs it (10 replicates, 90 runs: about 2 minutes on two idle cores), and
# the 20 runs of the comparison about a minute more.
# Runs go to a temporary directory that is removed at the end.
#
# Usage: scripts/make_tutorial_figures.sh            (from anywhere; paths are relative to the repository)
#   CLUSTERSIM=/path/to/clustersim scripts/make_tutorial_figures.sh   (default: build/clustersim)
#   JOBS=4 scripts/make_tutorial_figures.sh                            (sweep threads and parallel runs, default 2)
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

echo "make_tutorial_figures: running the baseline and the R&D subsidy scenario (seeds 1 to 10) and the policy grid sweep" >&2
# Seed 1 is the scenarios' own seed: seed1/baseline.h5 is the tutorial's results/baseline.h5. The 20 runs
# go $jobs at a time.
for seed in $(seq 1 10); do
  mkdir -p "$work/seed$seed"
  echo "configs/baseline.toml $work/seed$seed/baseline.h5 $seed"
  echo "configs/high_rd_subsidy.toml $work/seed$seed/high_rd_subsidy.h5 $seed"
done | xargs -P "$jobs" -L 1 sh -c '"$0" run "$1" -o "$2" --seed "$3" -q' "$clustersim"
"$clustersim" sweep configs/sweeps/rd_subsidy_openness.toml -o "$work/rd_subsidy_openness.h5" -j "$jobs" -q

baseline=policy.rd_subsidy_rate=0,policy.openness=0.5
"$python" scripts/plot_run.py "$work/seed1/baseline.h5" -o "$figures/baseline_run.png"
"$python" scripts/plot_map.py "$work/seed1/baseline.h5" -o "$figures/baseline_map_welfare_per_head.png"
"$python" scripts/plot_sweep.py "$work/rd_subsidy_openness.h5" --plot fan --baseline "$baseline" \
  -o "$figures/sweep_fan_welfare_total.png"
"$python" scripts/plot_sweep.py "$work/rd_subsidy_openness.h5" --plot heatmap --baseline "$baseline" --at 2035-12-31 \
  -o "$figures/sweep_heatmap_welfare_total.png"
"$python" scripts/compare_runs.py -a "$work"/seed*/baseline.h5 -b "$work"/seed*/high_rd_subsidy.h5 \
  --vars welfare_total real_gdp_total gdp_total rd_spending innovations subsidies \
  --csv "$figures/compare_baseline_high_rd_subsidy.csv" -o "$figures/compare_baseline_high_rd_subsidy.png" \
  > "$work/compare.md"
mv "$work/compare.md" "$figures/compare_baseline_high_rd_subsidy.md"

if command -v Rscript >/dev/null; then
  Rscript scripts/plot_run.R "$work/seed1/baseline.h5" "$figures/baseline_welfare_R.png"
else
  echo "make_tutorial_figures: note: no Rscript; $figures/baseline_welfare_R.png not made" >&2
fi

ls -l "$figures" >&2
