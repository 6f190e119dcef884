// A C++ bool mixed with tensors in && / || becomes a 0-d boolean through
// ag::condition, so the converted code compiles and traces; the tensor
// operand is still only evaluated when C++ would evaluate it.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s --check-prefix=SOURCE
// RUN: autograph-cc %s --emit=ag --function=mixed --signature="f32[]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE
// RUN: autograph-cc %s --emit=ag --function=mixed --signature="f32[]" -- -std=c++17 | autograph-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor mixed(ag::Tensor x) {
  bool verbose = true;
  // SOURCE: ::ag::cond(::ag::condition(verbose), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition(x > 0.f)}; }
  // LOC: ag.compare gt, {{.*}} loc("{{.*}}mixed-conditions.cpp":[[@LINE+1]]:0)
  if (verbose && x > 0.f)
    x = -x;
  // SOURCE: ::ag::cond(::ag::condition(x < -5.f), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::constant(true)}; }, [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition(!verbose)}; })
  // LOC: ag.compare lt, {{.*}} loc("{{.*}}mixed-conditions.cpp":[[@LINE+1]]:0)
  if (x < -5.f || !verbose)
    x = x + 1.f;
  return x;
}

// `verbose` is known while tracing: only the tensor comparisons are staged,
// each once. The ops of the ifs are at the ifs' lines.
// TRACE-LABEL: func.func @mixed(
// TRACE: ag.compare gt
// TRACE: ag.cond
// TRACE: ag.compare lt
// TRACE: ag.cond
// TRACE: ag.cond
// TRACE-NOT: ag.cond
// TRACE: return
