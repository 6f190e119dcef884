#!/usr/bin/env bash
# Runs many random programs outside ctest's fixed seeds (issue #20):
#
#   test/random_programs/run_many.sh BUILD_DIR FIRST_SEED COUNT
#
# installs BUILD_DIR (`cmake --install`, once) into WORK/prefix, then builds
# test/random_programs as an outside project against it, BATCH seeds at a
# time (each seed eager, converted and AOT, as in ctest), runs their tests and
# prints a summary: programs, mismatches, failures to build, with the seeds.
# Every failing seed's program and logs are kept in WORK/failures/SEED/.
#
# Environment: WORK (default BUILD_DIR/random-programs-many), BATCH (20),
# JOBS (2), AOT=0 to skip the AOT builds (about half of the build time).
# Exit status 0 when every program built and matched.
set -uo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 BUILD_DIR FIRST_SEED COUNT" >&2
  exit 2
fi
build=$(cd "$1" && pwd) first=$2 count=$3
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK:-$build/random-programs-many}
batch=${BATCH:-20} jobs=${JOBS:-2} aot=${AOT:-1}
mkdir -p "$work/failures"
unset CMAKE_GENERATOR

if [ ! -x "$work/prefix/bin/autograph-cc" ] || [ -n "${REINSTALL:-}" ]; then
  echo "installing $build into $work/prefix"
  cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1 ||
    { tail -20 "$work/install.log"; exit 1; }
fi

aot_flag=ON kinds="eager converted aot"
if [ "$aot" = 0 ]; then aot_flag=OFF kinds="eager converted"; fi
programs=0 mismatches=() build_failures=() start=$(date +%s)
dir=$work/batch

for ((batch_first = first; batch_first < first + count; batch_first += batch)); do
  batch_last=$((batch_first + batch - 1))
  if [ $batch_last -ge $((first + count)) ]; then batch_last=$((first + count - 1)); fi
  seeds=$(seq -s ';' "$batch_first" "$batch_last")
  echo "seeds $batch_first..$batch_last"
  if ! cmake -G Ninja -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix" "-DAUTOGRAPH_RANDOM_PROGRAM_SEEDS=$seeds" \
      -DAUTOGRAPH_RANDOM_PROGRAM_AOT=$aot_flag > "$work/configure.log" 2>&1; then
    tail -20 "$work/configure.log"
    exit 1
  fi
  # The previous batch's programs are not targets any more.
  ninja -C "$dir" -t cleandead > /dev/null
  rm -rf "$dir"/Testing/Temporary/LastTestsFailed*.log
  ninja -C "$dir" -k 0 -j "$jobs" > "$work/build.log" 2>&1
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure > "$work/test.log" 2>&1
  for seed in $(seq "$batch_first" "$batch_last"); do
    programs=$((programs + 1))
    failed=""
    for kind in $kinds; do
      if ! ninja -C "$dir" -n "random-program-$seed-$kind" 2>/dev/null |
          grep -q "no work to do"; then
        failed="$failed $kind"
      fi
    done
    tests=$(grep -E "^[0-9]+:random_program/$seed/" \
      "$dir/Testing/Temporary/LastTestsFailed.log" 2>/dev/null | sed 's/^[0-9]*://')
    if [ -n "$failed" ]; then
      build_failures+=("$seed (build:$failed)")
    elif [ -n "$tests" ]; then
      mismatches+=("$seed ($(echo $tests | sed "s#random_program/$seed/##g"))")
    else
      continue
    fi
    keep=$work/failures/$seed
    mkdir -p "$keep"
    cp "$dir/seed-$seed/random_program_$seed.cpp" "$dir/seed-$seed/functions.txt" "$keep/"
    cp "$dir"/seed-"$seed"/*.expected "$keep/" 2>/dev/null
    # This seed's failed build steps and tests, with their output.
    awk -v s="random_program_$seed[._]|random-program-$seed-|seed-$seed/" '
      /^FAILED: / { show = ($0 ~ s) } /^\[[0-9]+\/[0-9]+\] / { show = 0 } show' \
      "$work/build.log" > "$keep/build.log"
    awk -v s="random_program/$seed/" '
      /^ *[0-9]+\/[0-9]+ Test +#/ { show = ($0 ~ s) } show' \
      "$work/test.log" > "$keep/test.log"
  done
  elapsed=$(($(date +%s) - start))
  echo "  $programs programs in ${elapsed}s: ${#mismatches[@]} mismatching, ${#build_failures[@]} failing to build"
done

elapsed=$(($(date +%s) - start))
echo
echo "programs: $programs (seeds $first..$((first + count - 1)), ${kinds// /, })"
echo "time: ${elapsed}s ($(awk -v p=$programs -v s=$elapsed 'BEGIN { printf "%.1f", s ? p * 60 / s : 0 }') programs/minute)"
echo "mismatches: ${#mismatches[@]}"
for m in "${mismatches[@]}"; do echo "  $m"; done
echo "failures to build: ${#build_failures[@]}"
for m in "${build_failures[@]}"; do echo "  $m"; done
echo "kept in $work/failures/"
[ ${#mismatches[@]} -eq 0 ] && [ ${#build_failures[@]} -eq 0 ]
