//===- CompiledArguments.h - memrefs compiled code passes to the runtime --===//
//
// Internal to the runtime: how the agrt_memref_* functions of
// CompiledCodeABI.def read the memrefs compiled code passes them.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_COMPILEDARGUMENTS_H
#define AUTOGRAPH_RUNTIME_COMPILEDARGUMENTS_H

#include <cstdint>
#include <string>

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
