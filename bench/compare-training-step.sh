#!/usr/bin/env bash
# One training step of the digits MLP (64-128-10, batch 32, Adam) side by
# side, one thread each: ag compiled (JIT), ag eager, Eigen by hand (from
# autograph-training-bench), PyTorch eager and with a TorchScript model
# (bench/pytorch_training_step.py, Debian's python3-torch); then 20 epochs
# of fit against PyTorch's loop, with the held-out accuracy.
# Usage: bench/compare-training-step.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: compare-training-step.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/pytorch-env.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ninja -C "$build" autograph-training-bench > /dev/null
"$build/bin/autograph-training-bench" --json "$out/ag.json"
OMP_NUM_THREADS=1 "$python" "$root/bench/pytorch_training_step.py" --json "$out/torch.json"
"$python" - "$out/ag.json" "$out/torch.json" <<'PY'
import json, sys
ag, torch = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
c = ag["compiled_us"]
print()
print("| one training step (one thread) | time | PyTorch eager / it | it / ag compiled |")
print("|---|---|---|---|")
for name, us in (("ag compiled (JIT)", c), ("ag eager", ag["eager_us"]),
                 ("Eigen by hand", ag["eigen_us"]),
                 ("ag train_on_batch (fit's step, with metrics)", ag["train_on_batch_us"]),
                 ("PyTorch eager", torch["torch_eager_us"]),
                 ("PyTorch, TorchScript model", torch["torchscript_us"])):
    print(f"| {name} | {us:.1f} us | {torch['torch_eager_us'] / us:.1f}x | {us / c:.2f}x |")
print()
print("| 20 epochs of 45 batches | per epoch | test accuracy |")
print("|---|---|---|")
print(f"| ag fit, compiled step | {ag['epoch_compiled_ms']:.2f} ms | {ag['accuracy_compiled']:.4f} |")
print(f"| ag fit, eager | {ag['epoch_eager_ms']:.2f} ms | {ag['accuracy_eager']:.4f} |")
print(f"| PyTorch loop, eager | {torch['epoch_torch_eager_ms']:.2f} ms | {torch['accuracy_torch_eager']:.4f} |")
PY
