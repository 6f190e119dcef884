#!/usr/bin/env bash
# Large ops at 1 and 2 threads side by side: ag compiled (JIT), ag eager and
# Eigen by hand (autograph-threads-bench), PyTorch eager and TorchScript
# (bench/pytorch_threads.py, Debian's python3-torch): a 1M sigmoid chain, a
# 1M sum, a 1024 matmul. Usage: bench/compare-threads.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: compare-threads.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/pytorch-env.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ninja -C "$build" autograph-threads-bench > /dev/null
"$build/bin/autograph-threads-bench" --json "$out/ag.json" > /dev/null
"$python" "$root/bench/pytorch_threads.py" --json "$out/torch.json" > /dev/null
"$python" - "$out/ag.json" "$out/torch.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1])) + json.load(open(sys.argv[2]))
print("| workload | variant | 1 thread | 2 threads | 2 threads / 1 thread (speedup) | 1 thread / ag compiled | 2 threads / ag compiled |")
print("|---|---|---|---|---|---|---|")
for workload in ("chain", "sum", "matmul"):
    compiled = next(r for r in rows if r["workload"] == workload and r["variant"] == "ag compiled")
    for r in (r for r in rows if r["workload"] == workload):
        one, two = r["us"]
        print(f"| {workload} | {r['variant']} | {one:.1f} us | {two:.1f} us | {one / two:.2f}x "
              f"| {one / compiled['us'][0]:.2f} | {two / compiled['us'][1]:.2f} |")
PY
