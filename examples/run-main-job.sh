#!/usr/bin/env bash
# The main job: convert an example model with autograph-cc, compile it ahead
# of time from the command line, then run every example model three ways --
# as written (eager), converted (traced and JIT-compiled on first call) and
# AOT-compiled (a program linked with the runtime only) -- check that they
# print the same, expected output, and keep every MLIR stage.
# Usage: run-main-job.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: run-main-job.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$build/main-job
rm -rf "$out" && mkdir -p "$out"
models="mlp collatz loops branches rows early_exit generic training_log datasets dynamic_rnn gradients train_loop"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "== 1. autograph-cc examples/models/mlp.cc: the converted source"
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" -o "$out/mlp.converted.cc" -- -std=c++17
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" --list-functions -- -std=c++17 |
  sed "s|$root/||; s/^/   AG_FUNCTION: /"
echo "   the converted function ($out/mlp.converted.cc):"
sed -n '/^AG_FUNCTION/,/^}/p' "$out/mlp.converted.cc" | cut -c1-150 | sed 's/^/   | /'

echo
echo "== 2. autograph-cc --emit=obj: mlp compiled ahead of time for f32[?,2] inputs"
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" --emit=obj -o "$out/mlp.o" \
  --header "$out/mlp_aot.h" --dump-dir "$out/aot-dumps" -v \
  --function=mlp --signature="f32[?,2],f32[2,2],f32[2],f32[2,1],f32[1]" -- -std=c++17 2>&1 |
  grep -v "compiling to trace:" | sed "s|$root/||; s/^/   /"
echo "   $out/mlp.o ($(stat -c %s "$out/mlp.o") bytes) and its header $out/mlp_aot.h:"
grep -E '^inline|^/// ' "$out/mlp_aot.h" | cut -c1-150 | sed 's/^/   | /'
echo "   every stage: $out/aot-dumps ($(find "$out/aot-dumps" -type f | wc -l) files)"

targets=""
for model in $models; do
  targets="$targets example-$model-eager example-$model example-$model-aot"
done
ninja -C "$build" $targets > /dev/null

for model in $models; do
  echo
  echo "== 3. $model: eager, JIT and AOT"
  start=$(date +%s%N)
  "$build/bin/example-$model-eager" > "$out/$model.eager.txt"
  eager_ms=$(ms "$start")
  start=$(date +%s%N)
  AG_DUMP_DIR="$out/dumps" "$build/bin/example-$model" > "$out/$model.jit.txt"
  jit_ms=$(ms "$start")
  start=$(date +%s%N)
  "$build/bin/example-$model-aot" > "$out/$model.aot.txt"
  aot_ms=$(ms "$start")
  sed 's/^/   /' "$out/$model.aot.txt"
  for mode in eager jit aot; do
    if ! cmp -s "$out/$model.$mode.txt" "$root/examples/models/$model.expected"; then
      echo "   $mode OUTPUT DIFFERS from examples/models/$model.expected:"
      diff "$root/examples/models/$model.expected" "$out/$model.$mode.txt" || true
      exit 1
    fi
  done
  echo "   eager, JIT and AOT output are identical and match examples/models/$model.expected"
  echo "   whole run: eager ${eager_ms} ms, JIT ${jit_ms} ms (includes tracing and compiling), AOT ${aot_ms} ms"
done
if ldd "$build/bin/example-mlp-aot" | grep -qEi 'libMLIR|libLLVM'; then
  echo "example-mlp-aot must not load LLVM or MLIR"; exit 1
fi
echo "   (the AOT programs load no LLVM or MLIR: ldd $build/bin/example-mlp-aot)"

echo
echo "== 4. the MLIR of the JIT-compiled functions (AG_DUMP_DIR=$out/dumps)"
for trace in "$out"/dumps/*.ag.mlir; do
  name=$(basename "$trace" .ag.mlir)
  stages=$(find "$out/dumps/$name" -name '*.mlir' | wc -l)
  echo "   $name: traced ag module $trace, $stages lowering stages under dumps/$name/"
done
echo "   the traced mlp, with the user's source lines:"
grep -E 'ag\.(matmul|cond|relu|tanh|reduce)' "$out/dumps/mlp.ag.mlir" | sed 's/^ */   | /'
grep -E '^#loc[0-9]+ = loc\(".*mlp.cc"' "$out/dumps/mlp.ag.mlir" | sed "s|$root/||; s/^/   | /"
echo
echo "== 5. training models: eager and JIT (fit's step, or the AG_FUNCTION, compiled)"
training="transfer_learning digits"
targets=""
for model in $training; do
  targets="$targets example-$model-eager example-$model"
done
ninja -C "$build" $targets > /dev/null
for model in $training; do
  "$build/bin/example-$model-eager" > "$out/$model.eager.txt"
  AG_FALLBACK=error "$build/bin/example-$model" > "$out/$model.jit.txt"
  for mode in eager jit; do
    if ! cmp -s "$out/$model.$mode.txt" "$root/examples/models/$model.expected"; then
      echo "   $model $mode OUTPUT DIFFERS from examples/models/$model.expected:"
      diff "$root/examples/models/$model.expected" "$out/$model.$mode.txt" || true
      exit 1
    fi
  done
  echo "   $model: eager and JIT output match examples/models/$model.expected"
done
echo "   the digits classifier (examples/models/digits.cc) with Keras's progress bars:"
AG_FALLBACK=error "$build/bin/example-digits" --verbose | sed -n '1,3p;40,$p' | sed 's/^/   | /'

echo
echo "== 6. a saved model: trained and saved by one program, loaded by another"
ninja -C "$build" example-export-trunk example-use-trunk autograph-saved-model > /dev/null
"$build/bin/example-export-trunk" "$out/saved-trunk" | sed 's/^/   exporter (eager): /'
"$build/bin/example-use-trunk" "$out/saved-trunk" | sed -n '1,2p' | sed 's/^/   loader (compiled): /'
"$build/bin/autograph-saved-model" show "$out/saved-trunk" | sed 's/^/   | /'
if ldd "$build/bin/example-use-trunk" | grep -qEi 'libMLIR|libLLVM|libclang'; then
  echo "example-use-trunk must not load LLVM, MLIR or Clang"; exit 1
fi
echo "   (the loader links autograph::runtime only: ldd $build/bin/example-use-trunk)"

echo
echo "main job: OK"
