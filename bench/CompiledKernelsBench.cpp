//===- CompiledKernelsBench.cpp - compiled ag code vs C++ and Eigen -------===//
//
// Each kernel three ways in one process: compiled from an ag module by the
// -ag-to-llvm pipeline (bench/kernels/compiled_kernels.mlir), hand-written
// C++, and Eigen. The ratios are in docs/performance.md.
//
//===----------------------------------------------------------------------===//
#include "CompiledKernels.h"

#include <Eigen/Dense>
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

namespace {

constexpr int64_t kCollatzStart = 837799; // 524 steps

int64_t collatzSteps(int64_t n) {
  int64_t steps = 0;
  while (n > 1) {
    n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
    ++steps;
  }
  return steps;
}

void BM_Collatz_Compiled(benchmark::State &state) {
  int64_t n = kCollatzStart;
  MemRef<int64_t, 0> input{&n, &n, 0};
  int64_t steps = 0;
  MemRef<int64_t, 0> result{&steps, &steps, 0};
  for (auto _ : state) {
    _mlir_ciface_collatz_steps(&input, &result);
    benchmark::DoNotOptimize(steps);
  }
  if (steps != collatzSteps(n))
    state.SkipWithError("the compiled collatz_steps counted a different number of steps");
  state.counters["steps"] = static_cast<double>(collatzSteps(n));
}
BENCHMARK(BM_Collatz_Compiled);

void BM_Collatz_HandWritten(benchmark::State &state) {
  int64_t n = kCollatzStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(collatzSteps(n));
  }
}
BENCHMARK(BM_Collatz_HandWritten);

constexpr int64_t kElements = 1 << 20;

std::vector<float> randomFloats(int64_t n, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> distribution(-2.f, 2.f);
  std::vector<float> values(n);
  for (float &v : values)
    v = distribution(generator);
  return values;
}

void BM_SigmoidChain_Compiled(benchmark::State &state) {
  std::vector<float> x = randomFloats(kElements, 1);
  float w = 0.75f, b = -0.25f;
  MemRef<float, 1> input{x.data(), x.data(), 0, {kElements}, {1}};
  MemRef<float, 0> weight{&w, &w, 0}, bias{&b, &b, 0};
  for (auto _ : state) {
    MemRef<float, 1> result;
    _mlir_ciface_sigmoid_chain(&result, &input, &weight, &bias);
    benchmark::DoNotOptimize(result.aligned[kElements - 1]);
    release(result);
  }
  state.SetItemsProcessed(state.iterations() * kElements);
}
BENCHMARK(BM_SigmoidChain_Compiled);

void BM_SigmoidChain_Eigen(benchmark::State &state) {
  std::vector<float> x = randomFloats(kElements, 1);
  Eigen::Map<Eigen::ArrayXf> input(x.data(), kElements);
  float w = 0.75f, b = -0.25f;
  for (auto _ : state) {
    // A fresh result each time, as the compiled function returns one.
    Eigen::ArrayXf result = (input * w + b).logistic() * 2.f - 1.f;
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(state.iterations() * kElements);
}
BENCHMARK(BM_SigmoidChain_Eigen);

// The same formula as the compiled code's sigmoid, 1 / (1 + exp(-z)), with
// Eigen's vectorised exp: logistic() above is a cheaper rational function
// (also the eager runtime's and TensorFlow's sigmoid), whose relative error
// reaches 1e-4 below about -5 (where 0.5 + p/q cancels) and below -9 (where
// it returns exp(z)).
void BM_SigmoidChain_EigenExp(benchmark::State &state) {
  std::vector<float> x = randomFloats(kElements, 1);
  Eigen::Map<Eigen::ArrayXf> input(x.data(), kElements);
  float w = 0.75f, b = -0.25f;
  for (auto _ : state) {
    Eigen::ArrayXf result = (1.f / (1.f + (-(input * w + b)).exp())) * 2.f - 1.f;
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(state.iterations() * kElements);
}
BENCHMARK(BM_SigmoidChain_EigenExp);

void BM_Matmul_Compiled(benchmark::State &state) {
  int64_t n = state.range(0);
  std::vector<float> a = randomFloats(n * n, 2), b = randomFloats(n * n, 3);
  MemRef<float, 2> lhs{a.data(), a.data(), 0, {n, n}, {n, 1}};
  MemRef<float, 2> rhs{b.data(), b.data(), 0, {n, n}, {n, 1}};
  for (auto _ : state) {
    MemRef<float, 2> result;
    _mlir_ciface_matmul(&result, &lhs, &rhs);
    benchmark::DoNotOptimize(result.aligned[0]);
    release(result);
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * n * n * n * state.iterations(), benchmark::Counter::kIsRate,
      benchmark::Counter::kIs1000);
}
BENCHMARK(BM_Matmul_Compiled)->Arg(64)->Arg(512)->Arg(1024)->Unit(benchmark::kMicrosecond);

void BM_Matmul_Eigen(benchmark::State &state) {
  int64_t n = state.range(0);
  std::vector<float> a = randomFloats(n * n, 2), b = randomFloats(n * n, 3);
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<Matrix> lhs(a.data(), n, n), rhs(b.data(), n, n);
  for (auto _ : state) {
    Matrix result = lhs * rhs;
    benchmark::DoNotOptimize(result.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * n * n * n * state.iterations(), benchmark::Counter::kIsRate,
      benchmark::Counter::kIs1000);
}
BENCHMARK(BM_Matmul_Eigen)->Arg(64)->Arg(512)->Arg(1024)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
