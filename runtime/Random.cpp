//===- Random.cpp - seeded random tensors ----------------------------------===//
//
// Element i of a call with seed s is a function of (s, i) only: SplitMix64 of
// a per-call key and the element index, so results do not depend on the
// platform's <random> implementation.
//
//===----------------------------------------------------------------------===//
#include "autograph/Random.h"

#include "TensorImpl.h"

#include <atomic>
#include <cmath>
#include <string>

namespace ag::random {
namespace {

std::atomic<std::uint64_t> global_counter{0x853c49e6748fea9bULL};

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t key_for(std::optional<std::uint64_t> seed) {
  if (seed)
    return splitmix64(*seed ^ 0x6a09e667f3bcc909ULL);
  return splitmix64(global_counter.fetch_add(0x9e3779b97f4a7c15ULL));
}

// A double in [0, 1) with 53 random bits.
double unit(std::uint64_t key, std::uint64_t i) {
  return static_cast<double>(splitmix64(key + splitmix64(i)) >> 11) * 0x1.0p-53;
}

void check_floating(DType dtype, const char *op) {
  if (!is_floating(dtype))
    throw InvalidArgumentError(std::string(op) + ": unsupported dtype " +
                               dtype_name(dtype) + " (needs float32 or float64)");
}

} // namespace

void set_seed(std::uint64_t seed) { global_counter.store(splitmix64(seed)); }

Tensor normal(const Shape &shape, double mean, double stddev,
              std::optional<std::uint64_t> seed, DType dtype) {
  check_floating(dtype, "random::normal");
  Tensor t = detail::make_uninitialized(dtype, shape, "random::normal");
  const std::uint64_t key = key_for(seed);
  const std::int64_t n = t.impl()->numel;
  for (std::int64_t i = 0; i < n; i += 2) {
    // Box-Muller: a pair of independent normals from two uniforms.
    double u1 = 1.0 - unit(key, static_cast<std::uint64_t>(i)); // (0, 1]
    double u2 = unit(key, static_cast<std::uint64_t>(i) + 1);
    double r = std::sqrt(-2.0 * std::log(u1));
    double z0 = r * std::cos(2.0 * M_PI * u2), z1 = r * std::sin(2.0 * M_PI * u2);
    for (int k = 0; k < 2 && i + k < n; ++k) {
      double v = mean + stddev * (k == 0 ? z0 : z1);
      if (dtype == DType::Float32)
        t.impl()->as<float>()[i + k] = static_cast<float>(v);
      else
        t.impl()->as<double>()[i + k] = v;
    }
  }
  return t;
}

Tensor uniform(const Shape &shape, double lo, double hi,
               std::optional<std::uint64_t> seed, DType dtype) {
  if (dtype == DType::Bool)
    throw InvalidArgumentError("random::uniform: unsupported dtype bool");
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi))
    throw InvalidArgumentError("random::uniform: needs finite lo < hi, got [" +
                               std::to_string(lo) + ", " + std::to_string(hi) +
                               ")");
  Tensor t = detail::make_uninitialized(dtype, shape, "random::uniform");
  const std::uint64_t key = key_for(seed);
  const std::int64_t n = t.impl()->numel;
  void *p = t.impl()->data;
  if (is_floating(dtype)) {
    for (std::int64_t i = 0; i < n; ++i) {
      double v = lo + (hi - lo) * unit(key, static_cast<std::uint64_t>(i));
      if (dtype == DType::Float32) {
        float f = static_cast<float>(v);
        if (!(f < static_cast<float>(hi)))
          f = std::nextafter(static_cast<float>(hi), -INFINITY);
        static_cast<float *>(p)[i] = f;
      } else {
        static_cast<double *>(p)[i] = v < hi ? v : std::nextafter(hi, -INFINITY);
      }
    }
    return t;
  }
  // Integers in [ceil(lo), ceil(hi)).
  double a = std::ceil(lo), b = std::ceil(hi);
  const double lim = dtype == DType::Int32 ? 2147483648.0 : 9.2e18;
  if (a < -lim || b > lim || !(a < b))
    throw InvalidArgumentError("random::uniform: bounds out of range for " +
                               std::string(dtype_name(dtype)));
  const std::uint64_t span = static_cast<std::uint64_t>(b - a);
  const std::int64_t base = static_cast<std::int64_t>(a);
  for (std::int64_t i = 0; i < n; ++i) {
    std::uint64_t r = splitmix64(key + splitmix64(static_cast<std::uint64_t>(i))) % span;
    std::int64_t v = static_cast<std::int64_t>(static_cast<std::uint64_t>(base) + r);
    if (dtype == DType::Int32)
      static_cast<std::int32_t *>(p)[i] = static_cast<std::int32_t>(v);
    else
      static_cast<std::int64_t *>(p)[i] = v;
  }
  return t;
}

} // namespace ag::random
