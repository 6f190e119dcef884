//===- RuntimeBench.cpp - eager runtime vs Eigen used directly -------------===//
//
// Each ag benchmark has an Eigen counterpart in the same process:
//   * scalar-op overhead: a 0-d add;
//   * an elementwise chain sigmoid(x * w + b) * 2 - 1 over 1M floats;
//   * matmul of square float32 matrices (64, 512, 1024).
//
//===----------------------------------------------------------------------===//
#include <autograph/autograph.h>

#include <Eigen/Core>
#include <benchmark/benchmark.h>

namespace {

constexpr int kChainSize = 1 << 20;

// --- scalar-op overhead --------------------------------------------------------

void BM_AgScalarAdd(benchmark::State &state) {
  ag::Tensor a = ag::constant(1.5f), b = ag::constant(2.25f);
  for (auto _ : state) {
    ag::Tensor c = a + b;
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_AgScalarAdd);

// A chain of dependent 0-d adds, like an eager loop accumulating a scalar.
void BM_AgScalarAccumulate(benchmark::State &state) {
  ag::Tensor one = ag::constant(1.f);
  ag::Tensor acc = ag::constant(0.f);
  for (auto _ : state) {
    acc += one;
    benchmark::DoNotOptimize(acc);
  }
}
BENCHMARK(BM_AgScalarAccumulate);

// C++ scalar mixed in: creates the 0-d constant, then adds.
void BM_AgScalarAddCxxScalar(benchmark::State &state) {
  ag::Tensor a = ag::constant(1.5f);
  for (auto _ : state) {
    ag::Tensor c = a + 2.f;
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_AgScalarAddCxxScalar);

// A 0-d unary op (through the generic op layer: infer, then kernel).
void BM_AgScalarUnary(benchmark::State &state) {
  ag::Tensor a = ag::constant(0.5f);
  for (auto _ : state) {
    ag::Tensor c = ag::exp(a);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_AgScalarUnary);

// Eigen with a dynamically sized 1-element array: allocates its result.
void BM_EigenScalarAddDynamic(benchmark::State &state) {
  Eigen::ArrayXf a = Eigen::ArrayXf::Constant(1, 1.5f);
  Eigen::ArrayXf b = Eigen::ArrayXf::Constant(1, 2.25f);
  for (auto _ : state) {
    Eigen::ArrayXf c = a + b;
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_EigenScalarAddDynamic);

// Eigen with a fixed 1x1 array on the stack: the floor (no allocation).
void BM_EigenScalarAddFixed(benchmark::State &state) {
  Eigen::Array<float, 1, 1> a, b;
  a << 1.5f;
  b << 2.25f;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    Eigen::Array<float, 1, 1> c = a + b;
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_EigenScalarAddFixed);

// --- elementwise chain ------------------------------------------------------------

void BM_AgChain(benchmark::State &state) {
  ag::Tensor x = ag::random::uniform({kChainSize}, -1, 1, 1);
  ag::Tensor w = ag::random::uniform({kChainSize}, -1, 1, 2);
  ag::Tensor b = ag::random::uniform({kChainSize}, -1, 1, 3);
  for (auto _ : state) {
    ag::Tensor y = ag::sigmoid(x * w + b) * 2.f - 1.f;
    benchmark::DoNotOptimize(y);
  }
  state.SetItemsProcessed(state.iterations() * kChainSize);
}
BENCHMARK(BM_AgChain)->Unit(benchmark::kMicrosecond);

// Scalar weight and bias (broadcast 0-d tensors).
void BM_AgChainScalarParams(benchmark::State &state) {
  ag::Tensor x = ag::random::uniform({kChainSize}, -1, 1, 1);
  ag::Tensor w = ag::constant(0.5f), b = ag::constant(0.25f);
  for (auto _ : state) {
    ag::Tensor y = ag::sigmoid(x * w + b) * 2.f - 1.f;
    benchmark::DoNotOptimize(y);
  }
  state.SetItemsProcessed(state.iterations() * kChainSize);
}
BENCHMARK(BM_AgChainScalarParams)->Unit(benchmark::kMicrosecond);

// Eigen evaluating the same ops one at a time into fresh arrays (what an
// eager runtime must do: every op materialises its result).
void BM_EigenChainOpByOp(benchmark::State &state) {
  Eigen::ArrayXf x = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf w = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf b = Eigen::ArrayXf::Random(kChainSize);
  for (auto _ : state) {
    Eigen::ArrayXf t1 = x * w;
    Eigen::ArrayXf t2 = t1 + b;
    Eigen::ArrayXf t3 = t2.logistic();
    Eigen::ArrayXf t4 = t3 * 2.f;
    Eigen::ArrayXf y = t4 - 1.f;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kChainSize);
}
BENCHMARK(BM_EigenChainOpByOp)->Unit(benchmark::kMicrosecond);

// The same five passes into buffers allocated once (no allocation cost at
// all: the floor for an eager runtime that materialises every op).
void BM_EigenChainOpByOpPreallocated(benchmark::State &state) {
  Eigen::ArrayXf x = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf w = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf b = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf t1(kChainSize), t2(kChainSize), t3(kChainSize), t4(kChainSize),
      y(kChainSize);
  for (auto _ : state) {
    t1 = x * w;
    t2 = t1 + b;
    t3 = t2.logistic();
    t4 = t3 * 2.f;
    y = t4 - 1.f;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kChainSize);
}
BENCHMARK(BM_EigenChainOpByOpPreallocated)->Unit(benchmark::kMicrosecond);

// Eigen fusing the whole expression into one pass (what a compiler can do).
void BM_EigenChainFused(benchmark::State &state) {
  Eigen::ArrayXf x = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf w = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf b = Eigen::ArrayXf::Random(kChainSize);
  Eigen::ArrayXf y(kChainSize);
  for (auto _ : state) {
    y = (x * w + b).logistic() * 2.f - 1.f;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kChainSize);
}
BENCHMARK(BM_EigenChainFused)->Unit(benchmark::kMicrosecond);

// --- matmul -----------------------------------------------------------------------------

void BM_AgMatMul(benchmark::State &state) {
  const std::int64_t n = state.range(0);
  ag::Tensor a = ag::random::uniform({n, n}, -1, 1, 1);
  ag::Tensor b = ag::random::uniform({n, n}, -1, 1, 2);
  for (auto _ : state) {
    ag::Tensor c = ag::matmul(a, b);
    benchmark::DoNotOptimize(c);
  }
  state.counters["GFLOPS"] = benchmark::Counter(
      2.0 * n * n * n * state.iterations(), benchmark::Counter::kIsRate,
      benchmark::Counter::OneK::kIs1000);
  state.counters["GFLOPS"].value /= 1e9;
}
BENCHMARK(BM_AgMatMul)->Arg(64)->Arg(512)->Arg(1024)->Unit(benchmark::kMicrosecond);

void BM_EigenMatMul(benchmark::State &state) {
  const Eigen::Index n = state.range(0);
  using M = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  M a = M::Random(n, n), b = M::Random(n, n), c(n, n);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] = benchmark::Counter(
      2.0 * n * n * n * state.iterations(), benchmark::Counter::kIsRate,
      benchmark::Counter::OneK::kIs1000);
  state.counters["GFLOPS"].value /= 1e9;
}
BENCHMARK(BM_EigenMatMul)->Arg(64)->Arg(512)->Arg(1024)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
