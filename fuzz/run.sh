#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzzing build (docs/reliability.md):
#
#   bash fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
#
# BUILD_DIR was configured with -DAUTOGRAPH_BUILD_FUZZERS=ON (Clang, ASan and
# UBSan). Each target (default: all four) runs for SECONDS (default 60) on
# its kept corpus (fuzz/corpus/TARGET) and its seeds from the repository
# (test inputs and examples), in a scratch copy: the repository's corpus is
# only changed by `FUZZ_MERGE=1`, which merges what the run found into it
# (minimised). Prints executions per target; exits non-zero on a finding,
# whose input is kept in BUILD_DIR/fuzz-findings/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: bash fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}" && pwd)
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-ops fuzz-safetensors fuzz-autograph-opt fuzz-converter)

# Per target: the longest input and the repository's seed directories.
max_len() {
  case $1 in
    fuzz-ops) echo 512 ;;
    fuzz-safetensors) echo 2048 ;;
    *) echo 8192 ;;
  esac
}
dictionary() {
  case $1 in
    fuzz-safetensors) echo "-dict=$root/fuzz/safetensors.dict" ;;
    fuzz-autograph-opt) echo "-dict=$root/fuzz/mlir.dict" ;;
    *) echo "" ;;
  esac
}
seeds() {
  case $1 in
    fuzz-autograph-opt) echo "$root/test/Dialect $root/test/Lowering $root/test/tools/autograph-opt" ;;
    fuzz-converter) echo "$root/examples/models $root/test/programs $root/test/tools/autograph-cc" ;;
    *) echo "" ;;
  esac
}

# Leaks are not findings (process-lifetime registries are never freed);
# allocations beyond rss_limit_mb are (no input may make the program ask
# for unbounded memory).
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:${ASAN_OPTIONS:-}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}
findings=$build/fuzz-findings
mkdir -p "$findings"
status=0
for target in "${targets[@]}"; do
  binary=$build/bin/$target
  [ -x "$binary" ] || { echo "fuzz/run.sh: no $binary (build it first)" >&2; exit 2; }
  corpus=$root/fuzz/corpus/$target
  mkdir -p "$corpus"
  work=$(mktemp -d)
  cp -r "$corpus/." "$work/"
  log=$build/fuzz-$target.log
  # shellcheck disable=SC2046
  if "$binary" "$work" $(seeds "$target") $(dictionary "$target") -max_total_time="$seconds" \
      -max_len="$(max_len "$target")" -rss_limit_mb=4096 -timeout=25 \
      -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$findings/$target-" \
      > "$log" 2>&1; then
    result=ok
  else
    result="FINDING (see $log and $findings)"
    status=1
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-20s %10s executions in %ss, coverage %s: %s\n' "$target" "${executions:-?}" \
    "$seconds" "${coverage:-?}" "$result"
  if [ "${FUZZ_MERGE:-0}" = 1 ] && [ "$result" = ok ]; then
    "$binary" -set_cover_merge=1 "$corpus" "$work" -max_len="$(max_len "$target")" \
      -close_fd_mask=3 > "$build/fuzz-$target-merge.log" 2>&1
    echo "  corpus: $(ls "$corpus" | wc -l) inputs in fuzz/corpus/$target"
  fi
  rm -rf "$work"
done
exit $status
