#!/usr/bin/env bash
# The example models side by side: ag eager, JIT and AOT (and hand-written
# C++ where meaningful) from autograph-examples-bench, PyTorch eager and
# TorchScript from bench/pytorch_examples.py (Debian's python3-torch), as one
# table of microseconds per call and ratios to ag's compiled code (AOT, or
# JIT where a case has no AOT function).
# Usage: bench/compare-with-pytorch.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: compare-with-pytorch.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/pytorch-env.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ninja -C "$build" autograph-examples-bench > /dev/null
"$build/bin/autograph-examples-bench" --json "$out/ag.json"
OMP_NUM_THREADS=1 "$python" "$root/bench/pytorch_examples.py" --json "$out/torch.json"
"$python" - "$out/ag.json" "$out/torch.json" <<'PY'
import json, sys
ag = {r["name"]: r for r in json.load(open(sys.argv[1]))}
torch = {r["name"]: r for r in json.load(open(sys.argv[2]))}
print()
print("| function | ag eager | ag JIT | ag AOT | C++ | PyTorch eager | TorchScript | PyTorch eager / ag compiled | TorchScript / ag compiled |")
print("|---|---|---|---|---|---|---|---|---|")
fmt = lambda us: "-" if us is None else (f"{us:.3g} us" if us < 1000 else f"{us / 1000:.3g} ms")
for name, a in ag.items():
    t = torch[name]
    compiled = a["aot_us"] if a["aot_us"] is not None else a["jit_us"]  # AOT, else JIT
    print(f"| `{name}` | {fmt(a['eager_us'])} | {fmt(a['jit_us'])} | {fmt(a['aot_us'])} | "
          f"{fmt(a['cpp_us'])} | {fmt(t['torch_eager_us'])} | {fmt(t['torchscript_us'])} | "
          f"{t['torch_eager_us'] / compiled:.0f}x | {t['torchscript_us'] / compiled:.0f}x |")
PY
