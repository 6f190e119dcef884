//===- CallOverheadBench.cpp - what calling compiled code costs ----------===//
//
// Small calls of compiled code from C++, JIT (ag::function over autograph-cc's
// output) and AOT (ag::aot::), next to the same work hand-written:
//
//  * increment: `n + 1` on a 0-d int64; the call is all there is;
//  * collatz: examples/models/collatz.cc's collatz_steps for n = 1..20000
//    in turn (85 iterations per call on average), each a separate call.
//
// Each figure is per call, including making the 0-d argument tensor and
// reading the result back, as a C++ caller does; the AOT functions are
// also called on C++ scalars (ag::aot::scalar::, no tensors).
//
//===----------------------------------------------------------------------===//
#include "Timing.h"

#include <autograph/Function.h>
#include <autograph/autograph.h>

#include <cstdint>
#include <cstdio>

namespace jit {
#include "call_overhead.converted.cc"
#include "collatz.converted.cc"
} // namespace jit
#line 26 "bench/CallOverheadBench.cpp"
#include "call_overhead_aot.h"
#include "collatz_aot.h"

namespace {

volatile std::int64_t sink;

[[gnu::noinline]] std::int64_t incrementCpp(std::int64_t n) { return n + 1; }

[[gnu::noinline]] std::int64_t collatzCpp(std::int64_t n) {
  std::int64_t steps = 0;
  while (n > 1) {
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    ++steps;
  }
  return steps;
}

constexpr std::int64_t kCollatzCalls = 20000;

template <typename Call> double perCollatzCall(Call call) {
  return microsecondsPerCall([&] {
           std::int64_t total = 0;
           for (std::int64_t n = 1; n <= kCollatzCalls; ++n)
             total += call(n);
           sink = total;
         }) /
         kCollatzCalls;
}

std::int64_t valueOf(const ag::Tensor &t) { return t.item<std::int64_t>(); }

} // namespace

int main() {
  // Both compiled variants must agree with the hand-written code first.
  for (std::int64_t n : {1, 27, 97, 837799}) {
    std::int64_t expected = collatzCpp(n);
    if (valueOf(jit::collatz_steps(ag::constant(n))) != expected ||
        valueOf(ag::aot::collatz_steps(ag::constant(n))) != expected) {
      std::fprintf(stderr, "collatz_steps(%lld) disagrees\n", static_cast<long long>(n));
      return 1;
    }
  }
  if (ag::aot::scalar::collatz_steps(27) != collatzCpp(27) ||
      ag::aot::scalar::increment(41) != 42 ||
      valueOf(ag::aot::increment(ag::constant(std::int64_t{41}))) != 42 ||
      valueOf(jit::increment(ag::constant(std::int64_t{41}))) != 42) {
    std::fprintf(stderr, "increment disagrees\n");
    return 1;
  }

  std::int64_t counter = 0;
  double cpp = microsecondsPerCall([&] { sink = incrementCpp(counter++); });
  double aot = microsecondsPerCall(
      [&] { sink = valueOf(ag::aot::increment(ag::constant(counter++))); });
  double jitted = microsecondsPerCall(
      [&] { sink = valueOf(jit::increment(ag::constant(counter++))); });
  double tensorOnly = microsecondsPerCall(
      [&] { sink = valueOf(ag::constant(counter++)); });
  std::printf("%-34s %10s %10s %10s\n", "per call (ns)", "C++", "AOT", "JIT");
  std::printf("%-34s %10.1f %10.1f %10.1f\n", "increment (0-d int64)", cpp * 1e3,
              aot * 1e3, jitted * 1e3);
  double aotScalar =
      microsecondsPerCall([&] { sink = ag::aot::scalar::increment(counter++); });
  std::printf("%-34s %10s %10.1f\n", "  of which ag::constant + item", "",
              tensorOnly * 1e3);
  std::printf("%-34s %10s %10.1f\n", "  on C++ scalars (aot::scalar)", "",
              aotScalar * 1e3);

  double collatzCppTime = perCollatzCall([](std::int64_t n) { return collatzCpp(n); });
  double collatzAot = perCollatzCall(
      [](std::int64_t n) { return valueOf(ag::aot::collatz_steps(ag::constant(n))); });
  double collatzJit = perCollatzCall(
      [](std::int64_t n) { return valueOf(jit::collatz_steps(ag::constant(n))); });
  std::printf("%-34s %10.1f %10.1f %10.1f\n", "collatz_steps(1..20000)",
              collatzCppTime * 1e3, collatzAot * 1e3, collatzJit * 1e3);
  std::printf("%-34s %10s %9.2fx %9.2fx\n", "  ratio to C++", "",
              collatzAot / collatzCppTime, collatzJit / collatzCppTime);
  double collatzScalar =
      perCollatzCall([](std::int64_t n) { return ag::aot::scalar::collatz_steps(n); });
  std::printf("%-34s %10s %10.1f\n", "  on C++ scalars (aot::scalar)", "",
              collatzScalar * 1e3);
  std::printf("%-34s %10s %9.2fx\n", "  ratio to C++", "", collatzScalar / collatzCppTime);
  return 0;
}
