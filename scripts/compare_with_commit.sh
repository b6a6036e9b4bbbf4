#!/usr/bin/env bash
# Shows that the working tree's clustersim writes the same output as an earlier commit's, bit for bit,
# for every scenario in configs/ and for a sweep: for a change that must not change behaviour.
#
#   scripts/compare_with_commit.sh REF            # REF: a commit, branch or tag, e.g. main~3
#
# REF is built once (Release) in build-ref/REF-HASH/ from a git worktree; the working tree is built with
# the release preset. Each scenario runs with both programs, with the firm panel on
# (output.snapshot_every) and the optional flow matrices on, and scripts/compare_outputs.py compares
# every object. The `scenario` attribute (the resolved scenario as TOML) is compared as parsed TOML, so
# that keys declared in another order still compare equal; RENAMED="old.key=new.key ..." lists keys a
# change renamed on purpose. Each run of REF uses REF's own copy of the scenario file.
# Extra --set options: BEFORE_SET / AFTER_SET (space-separated key=value) when a key was renamed.
# REF_BIN=path/to/clustersim uses an already built program of REF instead of building it.
# Outputs go to build-ref/compare/ (git ignores build-*/). Exit status 0 when every file is identical.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: scripts/compare_with_commit.sh REF}
python=/usr/bin/python3
hash=$(git rev-parse --short=12 "$ref^{commit}")
ref_dir=build-ref/$hash
out=build-ref/compare

# REF's own scenario files run with REF's program (a change may rename keys in configs/).
if [[ ! -d $ref_dir/src/configs ]]; then
  rm -rf "$ref_dir/src"
  git worktree prune
  git worktree add --detach -f "$ref_dir/src" "$hash" >/dev/null
fi
before_bin=${REF_BIN:-$ref_dir/build/clustersim}
if [[ ! -x $before_bin ]]; then
  cmake -S "$ref_dir/src" -B "$ref_dir/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCLUSTERSIM_BUILD_BENCH=OFF >/dev/null
  cmake --build "$ref_dir/build" --target clustersim -j 2
fi
cmake --preset release >/dev/null
cmake --build --preset release --target clustersim

after_bin=build/clustersim
before_bin=$(realpath "$before_bin")
here=$(pwd)
coverage=(--set output.snapshot_every=8)
before_set=(); after_set=()
for kv in ${BEFORE_SET:-talent.write_flows=true capital.write_flows=true}; do before_set+=(--set "$kv"); done
for kv in ${AFTER_SET:-talent.write_flows=true capital.write_flows=true}; do after_set+=(--set "$kv"); done
ignore=(--scenario-as-toml)
for kv in ${RENAMED:-}; do ignore+=(--renamed-key "$kv"); done

rm -rf "$out"; mkdir -p "$out/before" "$out/after"
status=0
for scenario in configs/*.toml; do
  name=$(basename "$scenario" .toml)
  (cd "$ref_dir/src" && "$before_bin" run -q "$scenario" -o "$here/$out/before/$name.h5" "${coverage[@]}" "${before_set[@]}")
  "$after_bin" run -q "$scenario" -o "$out/after/$name.h5" "${coverage[@]}" "${after_set[@]}"
  if "$python" scripts/compare_outputs.py "${ignore[@]}" "$out/before/$name.h5" "$out/after/$name.h5" \
      > "$out/$name.diff"; then
    echo "identical  $scenario"
  else
    echo "DIFFERENT  $scenario ($(wc -l < "$out/$name.diff") differences, first: $(head -1 "$out/$name.diff"))"
    status=1
  fi
done

# A sweep exercises the sweep writer: 90 runs of the baseline (rd_subsidy_openness), on 2 threads.
sweep=configs/sweeps/rd_subsidy_openness.toml
(cd "$ref_dir/src" && "$before_bin" sweep -q "$sweep" -o "$here/$out/before/sweep.h5" -j 2)
"$after_bin" sweep -q "$sweep" -o "$out/after/sweep.h5" -j 2
if "$python" scripts/compare_outputs.py "${ignore[@]}" "$out/before/sweep.h5" "$out/after/sweep.h5" \
    > "$out/sweep.diff"; then
  echo "identical  $sweep"
else
  echo "DIFFERENT  $sweep ($(wc -l < "$out/sweep.diff") differences, first: $(head -1 "$out/sweep.diff"))"
  status=1
fi
exit $status
