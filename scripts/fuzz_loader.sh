#!/usr/bin/env bash
# The scenario loader under libFuzzer (docs/fuzzing.md): builds tests/fuzz/config_loader_fuzzer.cpp with
# clang++-14 and AddressSanitizer + UndefinedBehaviorSanitizer into build-fuzz/ (a configure of its own; the
# GCC builds are untouched), then fuzzes for SECONDS (default 60) from a seed corpus made of configs/ and
# the CSV data files. Inputs that crash, leak, hang or exhaust memory are written to build-fuzz/findings/;
# replay one with `build-fuzz/tests/config_loader_fuzzer FILE`.
#   scripts/fuzz_loader.sh [SECONDS] [more libFuzzer options, e.g. -jobs=2 -workers=2]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitizers" -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" \
  -DCLUSTERSIM_FUZZ_LOADER=ON -DCLUSTERSIM_BUILD_BENCH=OFF -DCLUSTERSIM_MPI=OFF >/dev/null
cmake --build build-fuzz -j1 --target config_loader_fuzzer

# Seeds: the first byte says what the rest is (see the fuzzer's source): 0 a scenario, 1-5 a CSV file of
# regions, industries, initial clusters, schedule, pilots.
seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds" build-fuzz/corpus build-fuzz/findings
seed() { { printf "\\x$1"; cat; } > "$seeds/$2"; }
for file in configs/*.toml configs/*/*.toml tests/data/*.toml tests/fuzz/tiny/tiny.toml; do
  seed 00 "scenario-$(echo "$file" | tr / _)" < "$file"
done
seed 01 regions-china31.csv < configs/data/china31-regions.csv
seed 01 regions-tiny.csv < tests/fuzz/tiny/regions.csv
seed 02 industries.csv < configs/data/industries.csv
seed 02 industries-tiny.csv < tests/fuzz/tiny/industries.csv
printf 'region,industry,size\nAnhui,transportation,2.5\n"Beijing",information_technology,1e3\n' | seed 03 clusters.csv
printf 'from,tick,regions,set.openness,set.planner_mode\n2023-04-01,,Anhui;Beijing,0.7,\n,2,,,coordinated\n' \
  | seed 04 schedule.csv
printf 'regions,industry,budget,from,until\nShanghai;Anhui,future_information,5,2023-04-01,2023-10-01\n' \
  | seed 05 pilots.csv

build-fuzz/tests/config_loader_fuzzer -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=2048 \
  -dict=tests/fuzz/config_loader.dict -artifact_prefix=build-fuzz/findings/ -print_final_stats=1 "$@" \
  build-fuzz/corpus "$seeds"
