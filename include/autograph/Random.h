//===- Random.h - seeded random tensors -------------------------*- C++ -*-===//
//
// The generator is ag's own (SplitMix64 streams, Box-Muller for normals), so a
// seed gives the same numbers on every platform and compiler. Without a seed
// each call draws a fresh stream from a global sequence (set_seed resets it).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RANDOM_H
#define AUTOGRAPH_RANDOM_H

#include "autograph/DType.h"
#include "autograph/Shape.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <optional>

namespace ag::random {

/// Normal(mean, stddev) samples; dtype float32 or float64.
Tensor normal(const Shape &shape, double mean = 0.0, double stddev = 1.0,
              std::optional<std::uint64_t> seed = std::nullopt,
              DType dtype = DType::Float32);

/// Uniform samples in [lo, hi); for integer dtypes integers in [lo, hi).
Tensor uniform(const Shape &shape, double lo = 0.0, double hi = 1.0,
               std::optional<std::uint64_t> seed = std::nullopt,
               DType dtype = DType::Float32);

/// Restarts the global sequence used by unseeded calls.
void set_seed(std::uint64_t seed);

} // namespace ag::random

#endif // AUTOGRAPH_RANDOM_H
