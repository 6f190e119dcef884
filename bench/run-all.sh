#!/usr/bin/env bash
# Every benchmark of docs/performance.md in one run, in that document's
# order, each with its references side by side (hand-written C++/Eigen and
# PyTorch from Debian's python3-torch, same thread count):
#   eager runtime          autograph-runtime-bench (ag vs Eigen)
#   compiled code          autograph-compiled-bench, one thread (vs C++, Eigen)
#   calling compiled code  autograph-call-bench (AOT, JIT, C++ scalars vs C++)
#   several cores          compare-threads.sh (1 and 2 threads, with PyTorch)
#   example models         compare-with-pytorch.sh
#   one training step      compare-training-step.sh
#   gradients of loops     autograph-loop-gradient-memory
# The report (Markdown) goes to stdout and to REPORT (default
# BUILD_DIR/bench-report.md). Run it on a quiet machine: each part runs its
# variants in one process, but other load moves all figures.
# Usage: bench/run-all.sh BUILD_DIR [REPORT]
set -euo pipefail
build=$(cd "${1:?usage: run-all.sh BUILD_DIR [REPORT]}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
report=${2:-$build/bench-report.md}
source "$root/bench/pytorch-env.sh"
ninja -C "$build" autograph-runtime-bench autograph-compiled-bench autograph-call-bench \
  autograph-threads-bench autograph-examples-bench autograph-training-bench \
  autograph-loop-gradient-memory > /dev/null

section() { printf '\n## %s\n\n' "$1"; }
verbatim() { echo '```'; "$@"; echo '```'; }
google_benchmark() {
  "$@" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_min_time=0.2 2> /dev/null | grep '_median'
}

{
  cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
  echo "# autograph-cc benchmarks"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) cores, git $(git -C "$root" rev-parse --short HEAD)"
  section "Eager runtime (one thread)"
  verbatim google_benchmark env AG_NUM_THREADS=1 OMP_NUM_THREADS=1 "$build/bin/autograph-runtime-bench"
  section "Compiled code (one thread)"
  verbatim google_benchmark env AG_NUM_THREADS=1 "$build/bin/autograph-compiled-bench"
  section "Calling compiled code"
  verbatim "$build/bin/autograph-call-bench"
  section "Several cores"
  bash "$root/bench/compare-threads.sh" "$build"
  section "Example models"
  bash "$root/bench/compare-with-pytorch.sh" "$build" | grep '^|'
  section "One training step"
  bash "$root/bench/compare-training-step.sh" "$build" | grep '^|'
  section "Gradients of compiled loops"
  verbatim "$build/bin/autograph-loop-gradient-memory"
  verbatim "$build/bin/autograph-loop-gradient-memory" 10000 nested
} | tee "$report"
