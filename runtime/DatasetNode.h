//===- DatasetNode.h - the stages of an ag::data pipeline (internal) -------===//
//
// A pipeline is a chain of immutable nodes from its source (tensor slices)
// to its last transformation. Dataset.cpp iterates a chain eagerly;
// DatasetLoop.cpp reads it to stage a loop over its elements.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_DATASETNODE_H
#define AUTOGRAPH_RUNTIME_DATASETNODE_H

#include "autograph/Dataset.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace ag::data::detail {

/// cardinality() of a stream without end, and of one whose length is only
/// known at run time (tf.data's INFINITE and UNKNOWN).
inline constexpr std::int64_t kInfinite = -1;
inline constexpr std::int64_t kUnknown = -2;

struct Node {
  enum class Kind { Slices, Shuffle, Batch, Repeat, Take, Map, Prefetch };
  Kind kind;
  std::shared_ptr<const Node> parent; // null for Slices
  Components components;              // Slices
  std::int64_t size = 0;              // buffer / batch size, repeat / take count
  bool flag = false;                  // drop_remainder, reshuffle_each_iteration
  std::uint64_t seed = 0;             // Shuffle
  /// Shuffle: how many times the node has been iterated (its epoch), shared
  /// with the copies that staging makes of the chain.
  std::shared_ptr<std::atomic<std::int64_t>> iterations;
  std::function<Components(const Components &)> fn; // Map
};

/// The elements of the pipeline that ends at `leaf`.
std::unique_ptr<ElementIterator> iterate(const std::shared_ptr<const Node> &leaf);
/// Pipeline::cardinality of the pipeline that ends at `leaf`.
std::int64_t cardinality(const Node &leaf);

/// The nodes of `leaf`'s chain from the source to `leaf`.
std::vector<const Node *> chainOf(const Node &leaf);

} // namespace ag::data::detail

#endif // AUTOGRAPH_RUNTIME_DATASETNODE_H
