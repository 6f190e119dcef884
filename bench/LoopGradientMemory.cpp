//===- LoopGradientMemory.cpp - memory and time of a loop's gradient ------===//
//
// The gradient of a 10,000-step compiled loop over a state of 1,000 floats,
// v <- tanh(v * w + x): the peak resident memory it adds (the backward pass
// keeps one copy of the loop's inputs per iteration: 10,000 x (1,000 floats
// + the induction value) = 40 MB) and its time next to the forward loop
// alone. With `nested`, the same steps as 100 x 100 nested loops, the tape
// outside both: the forward pass stacks only the outer loop's 100 inputs;
// the backward pass stages each inner loop again, whose 100 inputs it
// stacks while that outer iteration is differentiated (the arrays compiled
// code makes live until the call returns: docs/state.md). A separate run,
// since peak memory is a process's high-water mark.
//
//   autograph-loop-gradient-memory [steps] [nested]
//
//===----------------------------------------------------------------------===//
#include <autograph/Function.h>
#include <autograph/GradientTape.h>
#include <autograph/autograph.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

long peakKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

ag::TensorList loop(const ag::TensorList &a, bool gradient) {
  const ag::Tensor &v0 = a[0], &w = a[1], &x = a[2], &n = a[3];
  ag::GradientTape tape;
  tape.watch(w);
  ag::TensorList out = ag::for_range(
      ag::constant(std::int64_t{0}), n, ag::constant(std::int64_t{1}),
      [&](const ag::Tensor &, const ag::TensorList &v) {
        return ag::TensorList{ag::tanh(v[0] * w + x)};
      },
      {v0}, {"v"});
  if (!gradient)
    return {ag::reduce_sum(out[0])};
  return {ag::reduce_sum(out[0]), tape.gradient(ag::reduce_sum(out[0]), w)};
}

/// The same recurrence as 100 x 100 nested loops (`steps` = outer x inner).
ag::TensorList nestedLoop(const ag::TensorList &a, bool gradient) {
  const ag::Tensor &v0 = a[0], &w = a[1], &x = a[2], &outer = a[3], &inner = a[4];
  ag::GradientTape tape;
  tape.watch(w);
  auto zero = ag::constant(std::int64_t{0}), one = ag::constant(std::int64_t{1});
  ag::TensorList out = ag::for_range(
      zero, outer, one,
      [&](const ag::Tensor &, const ag::TensorList &u) {
        return ag::for_range(
            zero, inner, one,
            [&](const ag::Tensor &, const ag::TensorList &v) {
              return ag::TensorList{ag::tanh(v[0] * w + x)};
            },
            u, {"v"});
      },
      {v0}, {"v"});
  if (!gradient)
    return {ag::reduce_sum(out[0])};
  return {ag::reduce_sum(out[0]), tape.gradient(ag::reduce_sum(out[0]), w)};
}

double secondsOf(const std::function<void()> &fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
  std::int64_t steps = argc > 1 ? std::atoll(argv[1]) : 10000;
  const std::int64_t width = 1000;
  std::vector<ag::TensorSpec> specs = {{ag::DType::Float32, {width}},
                                       {ag::DType::Float32, {width}},
                                       {ag::DType::Float32, {width}},
                                       {ag::DType::Int64, {}}};
  ag::jit::CompiledFunction forward([](const ag::TensorList &a) { return loop(a, false); },
                                    specs, "forward");
  ag::jit::CompiledFunction backward([](const ag::TensorList &a) { return loop(a, true); },
                                     specs, "forward_backward");
  if (argc > 2 && std::string(argv[2]) == "nested") {
    std::vector<ag::TensorSpec> nestedSpecs = specs;
    nestedSpecs.push_back({ag::DType::Int64, {}});
    ag::jit::CompiledFunction forward(
        [](const ag::TensorList &a) { return nestedLoop(a, false); }, nestedSpecs, "nested_forward");
    ag::jit::CompiledFunction backward(
        [](const ag::TensorList &a) { return nestedLoop(a, true); }, nestedSpecs,
        "nested_forward_backward");
    ag::TensorList args = {ag::fill({width}, 0.1f), ag::fill({width}, 0.5f),
                           ag::fill({width}, 0.01f), ag::constant(std::int64_t{2}),
                           ag::constant(std::int64_t{2})};
    forward(args);
    backward(args); // compiled and warm
    std::int64_t side = 1;
    while ((side + 1) * (side + 1) <= steps)
      ++side;
    args[3] = args[4] = ag::constant(side);
    double forwardSeconds = secondsOf([&] { forward(args); });
    long before = peakKilobytes();
    ag::TensorList result;
    double backwardSeconds = secondsOf([&] { result = backward(args); });
    long after = peakKilobytes();
    std::printf("nested: %lld x %lld steps, state f32[%lld]\n", static_cast<long long>(side),
                static_cast<long long>(side), static_cast<long long>(width));
    std::printf("forward only:        %8.2f ms\n", forwardSeconds * 1e3);
    std::printf("forward + gradient:  %8.2f ms (%.1fx)\n", backwardSeconds * 1e3,
                backwardSeconds / forwardSeconds);
    std::printf("peak memory added:   %8.1f MB (the stacks of inputs: outer %.1f MB, "
                "inner %.1f MB per outer iteration)\n",
                static_cast<double>(after - before) / 1e3,
                static_cast<double>(side) * (width * 4 + 8) / 1e6,
                static_cast<double>(side) * (width * 4 + 8) / 1e6);
    std::printf("dy/dw[0] = %g\n", static_cast<double>(result[1].to_vector<float>()[0]));
    return 0;
  }
  ag::TensorList args = {ag::fill({width}, 0.1f), ag::fill({width}, 0.5f),
                         ag::fill({width}, 0.01f), ag::constant(std::int64_t{10})};
  forward(args);
  backward(args); // compiled and warm
  args[3] = ag::constant(steps);
  double forwardSeconds = secondsOf([&] { forward(args); });
  long before = peakKilobytes();
  ag::TensorList result;
  double backwardSeconds = secondsOf([&] { result = backward(args); });
  long after = peakKilobytes();
  double stackMB = static_cast<double>(steps) * (width * 4 + 8) / 1e6;
  std::printf("steps %lld, state f32[%lld]\n", static_cast<long long>(steps),
              static_cast<long long>(width));
  std::printf("forward only:        %8.2f ms\n", forwardSeconds * 1e3);
  std::printf("forward + gradient:  %8.2f ms (%.1fx)\n", backwardSeconds * 1e3,
              backwardSeconds / forwardSeconds);
  std::printf("peak memory added:   %8.1f MB (the stacks of inputs: %.1f MB)\n",
              static_cast<double>(after - before) / 1e3, stackMB);
  std::printf("dy/dw[0] = %g\n", static_cast<double>(result[1].to_vector<float>()[0]));
  return 0;
}
