//===- ThreadsBench.cpp - large ops on one thread and on two --------------===//
//
// Three workloads at 1 and 2 threads (ag::set_num_threads; OpenMP chunks
// for the hand-written code: parts of the array, rows of the product),
// each compiled (JIT,
// ag::function), eager and hand-written with Eigen:
//
//   chain   sigmoid(x * w + b) * 2 - 1, x f32[1048576], w and b 0-d
//   sum     reduce_sum of f32[1048576]
//   matmul  f32[1024,1024] x f32[1024,1024]
//
// bench/compare-threads.sh adds PyTorch (bench/pytorch_threads.py).
//
//   autograph-threads-bench [--json FILE]
//
//===----------------------------------------------------------------------===//
#include "Timing.h"

#include <autograph/Function.h>
#include <autograph/autograph.h>

#include <Eigen/Core>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr std::int64_t kElements = 1 << 20;
constexpr std::int64_t kMatrix = 1024;
using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<float> randomValues(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> values(n);
  for (float &v : values)
    v = dist(rng);
  return values;
}

/// fn(begin, end) over [0, n) in `threads` contiguous parts, in parallel.
template <class Fn> void handSplit(std::int64_t n, int threads, Fn fn) {
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int t = 0; t < threads; ++t) {
    std::int64_t part = (n + threads - 1) / threads;
    std::int64_t begin = std::min(n, part * t), end = std::min(n, begin + part);
    fn(begin, end);
  }
}

ag::Tensor chain(ag::Tensor x, ag::Tensor w, ag::Tensor b) {
  return ag::sigmoid(x * w + b) * 2.f - 1.f;
}
ag::Tensor sum(ag::Tensor x) { return ag::reduce_sum(x); }
ag::Tensor product(ag::Tensor a, ag::Tensor b) { return ag::matmul(a, b); }

struct Row {
  std::string workload, variant;
  double us[2];
};

} // namespace

int main(int argc, char **argv) {
  std::string json;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--json")
      json = argv[i + 1];

  std::vector<float> xs = randomValues(kElements, 1);
  ag::Tensor x = ag::constant(xs, {kElements});
  ag::Tensor w = ag::constant(0.75f), b = ag::constant(-0.25f);
  std::vector<float> as = randomValues(kMatrix * kMatrix, 2),
                     bs = randomValues(kMatrix * kMatrix, 3);
  ag::Tensor a = ag::constant(as, {kMatrix, kMatrix});
  ag::Tensor bm = ag::constant(bs, {kMatrix, kMatrix});
  Eigen::Map<const Eigen::ArrayXf> xe(xs.data(), kElements);
  Eigen::Map<const RowMajor> ae(as.data(), kMatrix, kMatrix), be(bs.data(), kMatrix, kMatrix);
  Eigen::ArrayXf chainOut(kElements);
  RowMajor productOut(kMatrix, kMatrix);
  volatile float sink = 0;

  auto compiledChain = ag::function(chain, "chain");
  auto compiledSum = ag::function(sum, "sum");
  auto compiledProduct = ag::function(product, "product");

  // The compiled results must be the eager ones (compiled sigmoid is a
  // polynomial: within 1e-6; the sum to 1e-6 of the sum of magnitudes).
  ag::set_num_threads(2);
  if (ag::reduce_max(ag::abs(compiledChain(x, w, b) - chain(x, w, b))).item<float>() > 1e-6f ||
      std::abs(compiledSum(x).item<float>() - sum(x).item<float>()) >
          1e-6f * ag::reduce_sum(ag::abs(x)).item<float>() ||
      ag::reduce_max(ag::abs(compiledProduct(a, bm) - product(a, bm))).item<float>() > 1e-3f) {
    std::fprintf(stderr, "compiled and eager results differ: chain %g, sum %g vs %g, matmul %g\n",
                 ag::reduce_max(ag::abs(compiledChain(x, w, b) - chain(x, w, b))).item<float>(),
                 compiledSum(x).item<float>(), sum(x).item<float>(),
                 ag::reduce_max(ag::abs(compiledProduct(a, bm) - product(a, bm))).item<float>());
    return 1;
  }

  std::vector<Row> rows = {
      {"chain", "ag compiled", {}}, {"chain", "ag eager", {}}, {"chain", "Eigen by hand", {}},
      {"sum", "ag compiled", {}},   {"sum", "ag eager", {}},   {"sum", "Eigen by hand", {}},
      {"matmul", "ag compiled", {}}, {"matmul", "ag eager", {}}, {"matmul", "Eigen by hand", {}}};
  for (int t = 0; t < 2; ++t) {
    int threads = t + 1;
    ag::set_num_threads(threads);
    const float wv = 0.75f, bv = -0.25f;
    std::vector<std::function<void()>> calls = {
        [&] { sink = compiledChain(x, w, b).data<float>()[0]; },
        [&] { sink = chain(x, w, b).data<float>()[0]; },
        [&] {
          handSplit(kElements, threads, [&](std::int64_t s, std::int64_t e) {
            chainOut.segment(s, e - s) =
                (1.f / (1.f + (-(xe.segment(s, e - s) * wv + bv)).exp())) * 2.f - 1.f;
          });
          sink = chainOut[0];
        },
        [&] { sink = compiledSum(x).item<float>(); },
        [&] { sink = sum(x).item<float>(); },
        [&] {
          float partial[2] = {0.f, 0.f};
          handSplit(kElements, threads, [&](std::int64_t s, std::int64_t e) {
            partial[s == 0 ? 0 : 1] = xe.segment(s, e - s).sum();
          });
          sink = partial[0] + partial[1];
        },
        [&] { sink = compiledProduct(a, bm).data<float>()[0]; },
        [&] { sink = product(a, bm).data<float>()[0]; },
        [&] {
          handSplit(kMatrix, threads, [&](std::int64_t s, std::int64_t e) {
            productOut.middleRows(s, e - s).noalias() = ae.middleRows(s, e - s) * be;
          });
          sink = productOut(0, 0);
        }};
    for (std::size_t i = 0; i < rows.size(); ++i)
      rows[i].us[t] = microsecondsPerCall(calls[i]);
  }

  std::printf("%-8s %-15s %12s %12s %8s\n", "workload", "variant", "1 thread", "2 threads",
              "speedup");
  for (const Row &row : rows)
    std::printf("%-8s %-15s %10.1f us %10.1f us %7.2fx\n", row.workload.c_str(),
                row.variant.c_str(), row.us[0], row.us[1], row.us[0] / row.us[1]);
  if (!json.empty()) {
    std::ofstream out(json);
    out << "[";
    for (std::size_t i = 0; i < rows.size(); ++i)
      out << (i ? ",\n" : "") << "{\"workload\": \"" << rows[i].workload
          << "\", \"variant\": \"" << rows[i].variant << "\", \"us\": [" << rows[i].us[0]
          << ", " << rows[i].us[1] << "]}";
    out << "]\n";
  }
  return 0;
}
