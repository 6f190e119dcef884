//===- LoopGradientMemory.cpp - memory and time of a loop's gradient ------===//
//
// The gradient of a 10,000-step compiled loop over a state of 1,000 floats,
// v <- tanh(v * w + x): the peak resident memory it adds (the backward pass
// keeps one copy of the loop's inputs per iteration: 10,000 x (1,000 floats
// + the induction value) = 40 MB) and its time next to the forward loop
// alone.
//
//   autograph-loop-gradient-memory [steps]
//
//===----------------------------------------------------------------------===//
#include <autograph/Function.h>
#include <autograph/GradientTape.h>
#include <autograph/autograph.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

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
