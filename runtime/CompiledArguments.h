//===- CompiledArguments.h - memrefs compiled code passes to the runtime --===//
//
// Internal to the runtime: how the agrt_memref_* functions of
// CompiledCodeABI.def read the memrefs compiled code passes them.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_COMPILEDARGUMENTS_H
#define AUTOGRAPH_RUNTIME_COMPILEDARGUMENTS_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ag::detail {

/// A ranked memref descriptor of any rank, as MLIR lays it out:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}.
struct RankedDescriptorView {
  const char *aligned;
  std::int64_t offset;
  const std::int64_t *sizes;
  const std::int64_t *strides;
};

/// The descriptor an unranked memref (rank, descriptor) points to.
inline RankedDescriptorView view_descriptor(std::int64_t rank, const void *descriptor) {
  auto *words = static_cast<const std::int64_t *>(descriptor);
  RankedDescriptorView view;
  view.aligned = reinterpret_cast<const char *>(words[1]);
  view.offset = words[2];
  view.sizes = words + 3;
  view.strides = words + 3 + rank;
  return view;
}

/// The number of elements of `view` and whether they are contiguous in
/// row-major order.
inline std::int64_t element_count(const RankedDescriptorView &view, std::int64_t rank,
                                  bool &contiguous) {
  std::int64_t count = 1;
  contiguous = true;
  for (std::int64_t k = rank - 1, expected = 1; k >= 0; --k) {
    contiguous = contiguous && (view.sizes[k] == 1 || view.strides[k] == expected);
    expected *= view.sizes[k];
    count *= view.sizes[k];
  }
  return count;
}

/// The elements of a possibly strided view, copied in row-major order.
inline std::vector<char> row_major_bytes(const RankedDescriptorView &view, std::int64_t rank,
                                         std::size_t elementSize) {
  bool contiguous;
  std::int64_t count = element_count(view, rank, contiguous);
  const char *base = view.aligned + view.offset * static_cast<std::int64_t>(elementSize);
  std::vector<char> packed(static_cast<std::size_t>(count) * elementSize);
  if (contiguous) {
    if (!packed.empty())
      std::memcpy(packed.data(), base, packed.size());
    return packed;
  }
  std::vector<std::int64_t> position(static_cast<std::size_t>(rank), 0);
  for (std::int64_t n = 0; n < count; ++n) {
    std::int64_t offset = 0;
    for (std::int64_t k = 0; k < rank; ++k)
      offset += position[k] * view.strides[k];
    std::memcpy(packed.data() + n * elementSize,
                base + offset * static_cast<std::int64_t>(elementSize), elementSize);
    for (std::int64_t k = rank - 1; k >= 0 && ++position[k] == view.sizes[k]; --k)
      position[k] = 0;
  }
  return packed;
}

/// An AG_ABI_TEXT argument (a 1-d i8 memref) as a string.
inline std::string text_argument(const char *aligned, std::int64_t offset, std::int64_t size,
                                 std::int64_t stride) {
  std::string result;
  result.reserve(static_cast<std::size_t>(size > 0 ? size : 0));
  for (std::int64_t i = 0; i < size; ++i)
    result += aligned[offset + i * stride];
  return result;
}

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_COMPILEDARGUMENTS_H
