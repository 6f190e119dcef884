#!/usr/bin/env bash
# The main job: convert the example models with autograph-cc, build them as
# written (eager) and as converted (traced and JIT-compiled on first call),
# run both, check they print the expected output, and keep every MLIR stage
# of the compiled functions. Usage: run-main-job.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: run-main-job.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$build/main-job
rm -rf "$out" && mkdir -p "$out"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "== 1. autograph-cc examples/models/mlp.cc"
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" -o "$out/mlp.converted.cc" -- -std=c++17
"$build/bin/autograph-cc" "$root/examples/models/mlp.cc" --list-functions -- -std=c++17 |
  sed "s|$root/||; s/^/   AG_FUNCTION: /"
echo "   the converted function ($out/mlp.converted.cc):"
sed -n '/^AG_FUNCTION/,/^}/p' "$out/mlp.converted.cc" | cut -c1-150 | sed 's/^/   | /'

ninja -C "$build" example-mlp example-mlp-eager example-collatz example-collatz-eager > /dev/null

for model in mlp collatz; do
  echo
  echo "== 2. $model: as written (eager) and converted (traced + JIT-compiled)"
  start=$(date +%s%N)
  "$build/bin/example-$model-eager" > "$out/$model.eager.txt"
  eager_ms=$(ms "$start")
  start=$(date +%s%N)
  AG_DUMP_DIR="$out/dumps" "$build/bin/example-$model" > "$out/$model.compiled.txt"
  compiled_ms=$(ms "$start")
  sed 's/^/   /' "$out/$model.compiled.txt"
  if cmp -s "$out/$model.eager.txt" "$out/$model.compiled.txt" &&
     cmp -s "$out/$model.compiled.txt" "$root/examples/models/$model.expected"; then
    echo "   eager and compiled output are identical and match examples/models/$model.expected"
  else
    echo "   OUTPUT DIFFERS:"; diff "$out/$model.eager.txt" "$out/$model.compiled.txt" || true
    exit 1
  fi
  echo "   whole run: eager ${eager_ms} ms, compiled ${compiled_ms} ms (includes tracing and JIT compilation)"
done

echo
echo "== 3. the MLIR of the compiled functions (AG_DUMP_DIR=$out/dumps)"
for trace in "$out"/dumps/*.ag.mlir; do
  name=$(basename "$trace" .ag.mlir)
  stages=$(find "$out/dumps/$name" -name '*.mlir' | wc -l)
  echo "   $name: traced ag module $trace, $stages lowering stages under dumps/$name/"
done
echo "   the traced mlp:"
grep -E 'ag\.(matmul|cond|relu|tanh|reduce)' "$out/dumps/mlp.ag.mlir" | sed 's/ \[unknown\]//; s/^ */   | /'
