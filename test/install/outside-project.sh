#!/usr/bin/env bash
# Installs the build into a fresh prefix, builds test/install/consumer against
# it as an outside project would (with CMake's default generator, as users
# do), and checks what the programs link.
# Usage: outside-project.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
# The default generator, whatever the caller's environment prefers.
unset CMAKE_GENERATOR
# On failure, show the log of the step that failed.
trap 'status=$?; [ $status -eq 0 ] || tail -n 30 "$work"/*.log 2>/dev/null; exit $status' EXIT
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1

for tool in autograph-cc autograph-opt; do
  test -x "$work/prefix/bin/$tool" || { echo "missing bin/$tool"; exit 1; }
done
"$work/prefix/bin/autograph-opt" --version > /dev/null
# The installed converter finds the installed ag headers by itself (no -I).
"$work/prefix/bin/autograph-cc" "$source/examples/models/collatz.cc" \
  -o "$work/collatz.converted.cc" -- -std=c++17
grep -qF "::ag::while_loop" "$work/collatz.converted.cc"
test -f "$work/prefix/include/autograph/autograph.h"

cmake -S "$source/test/install/consumer" -B "$work/consumer" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log" 2>&1
cmake --build "$work/consumer" --parallel 2 > "$work/build.log" 2>&1

"$work/consumer/eager_consumer" > "$work/eager.txt"
grep -qxF "consumer: 12" "$work/eager.txt"
grep -qxF "consumer: shape error caught" "$work/eager.txt"
if ldd "$work/consumer/eager_consumer" | grep -Ei 'libMLIR|libLLVM|libclang'; then
  echo "eager_consumer must not load LLVM or MLIR"; exit 1
fi
"$work/consumer/jit_consumer" > "$work/jit.txt"
grep -qxF "jit: [3 5 7] traces: 1" "$work/jit.txt"
grep -qxF "dialect: true" "$work/jit.txt"

# examples/project: autograph_convert and autograph_add_aot_library.
cmake -S "$source/examples/project" -B "$work/project" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > "$work/project-configure.log" 2>&1
cmake --build "$work/project" --parallel 2 > "$work/project-build.log" 2>&1
"$work/project/collatz_jit" > "$work/project-jit.txt"
diff -u "$source/examples/models/collatz.expected" "$work/project-jit.txt"
"$work/project/collatz_aot_main" > "$work/project-aot.txt"
diff -u "$source/examples/models/collatz.expected" "$work/project-aot.txt"
if ldd "$work/project/collatz_aot_main" | grep -Ei 'libMLIR|libLLVM|libclang'; then
  echo "collatz_aot_main must not load LLVM or MLIR"; exit 1
fi
echo "outside project: OK"
