#!/usr/bin/env bash
# The main job: convert an example model with autograph-cc, compile and run
# it, then lower the ag module its trace records through every stage to
# native code and run that. Usage: run-main-job.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: run-main-job.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$build/main-job
rm -rf "$out" && mkdir -p "$out/dumps"
llvm_bin=/usr/lib/llvm-19/bin
llvm_lib=/usr/lib/llvm-19/lib

echo "== 1. autograph-cc examples/models/mlp.cc -> $out/mlp.converted.cc"
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" -o "$out/mlp.converted.cc" -- -std=c++17
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" --list-functions -- -std=c++17 |
  sed 's/^/   AG_FUNCTION found: /'
echo "   excerpt:"
sed -n '1,16p' "$out/mlp.converted.cc" | sed 's/^/   | /'

echo
echo "== 2. compiled against autograph::runtime and run eagerly"
ninja -C "$build" example-mlp example-mlp-eager autograph_runtime_shared > /dev/null
start=$(date +%s%N)
"$build/bin/example-mlp" | tee "$out/eager.txt" | sed 's/^/   /'
echo "   ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
if diff -q "$out/eager.txt" "$root/examples/models/mlp.expected" > /dev/null; then
  echo "   output matches examples/models/mlp.expected"
else
  echo "   output differs from examples/models/mlp.expected"; exit 1
fi

echo
echo "== 3. the traced ag module (examples/models/mlp.ag.mlir) lowered to LLVM"
"$build/bin/autograph-opt" "$root/examples/models/mlp.ag.mlir" -ag-to-llvm \
  -mlir-print-ir-after-all -mlir-print-ir-tree-dir="$out/dumps" -o "$out/mlp.llvm.mlir"
echo "   every stage is in $out/dumps/ ($(find "$out/dumps" -name '*.mlir' | wc -l) files):"
find "$out/dumps" -name '*.mlir' | sort -V | sed -n '1,6p' | sed "s|$out/||; s/^/   /"
echo "   ..."
"$llvm_bin/mlir-translate" --mlir-to-llvmir "$out/mlp.llvm.mlir" -o "$out/mlp.ll"
echo "   LLVM IR: $out/mlp.ll"

echo
echo "== 4. the compiled module, run"
start=$(date +%s%N)
"$llvm_bin/mlir-cpu-runner" "$out/mlp.llvm.mlir" -e main -entry-point-result=void \
  -shared-libs="$llvm_lib/libmlir_runner_utils.so,$llvm_lib/libmlir_c_runner_utils.so,$build/runtime/libautograph_runtime_shared.so" |
  grep -v '^Unranked' | tee "$out/compiled.txt" | sed 's/^/   /'
echo "   ($(( ($(date +%s%N) - start) / 1000000 )) ms, including JIT compilation)"
numbers() { grep -oE -- '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?' "$1"; }
if [ "$(numbers "$out/compiled.txt" | tr '\n' ' ')" = "$(numbers "$out/eager.txt" | tr '\n' ' ')" ]; then
  echo
  echo "Eager and compiled results agree: $(numbers "$out/compiled.txt" | tr '\n' ' ')"
else
  echo "Eager and compiled results differ"; exit 1
fi
