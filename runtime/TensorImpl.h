//===- TensorImpl.h - the storage behind ag::Tensor (internal) --*- C++ -*-===//
#ifndef AUTOGRAPH_RUNTIME_TENSORIMPL_H
#define AUTOGRAPH_RUNTIME_TENSORIMPL_H

#include "autograph/Tensor.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ag::detail {

inline constexpr int kInlineRank = 4;
inline constexpr std::size_t kInlineBytes = 64;

/// One tensor value. Concrete tensors own their elements in one of four ways:
/// inline (small tensors, no allocation beyond the impl block, which itself
/// comes from a per-thread free list), a block of the caching allocator, a
/// view of another impl's buffer (`base`), or an adopted external buffer
/// (`deleter`).
struct TensorImpl {
  std::atomic<std::int32_t> refs{1};
  DType dtype = DType::Float32;
  bool symbolic = false;
  std::int32_t rank = 0;
  std::int64_t numel = 1; // -1 when an extent is unknown (symbolic)
  std::int64_t *dims = nullptr;
  void *data = nullptr;
  TensorImpl *base = nullptr;  // owner of `data` for a view
  void *block = nullptr;       // caching-allocator block owned
  std::size_t block_bytes = 0;
  Tensor::Deleter deleter = nullptr;
  void *deleter_context = nullptr;
  void *handle = nullptr;      // symbolic
  Tracer *tracer = nullptr;    // symbolic
  // An undefined tensor that says why (Tensor::undefined): every use raises
  // InvalidArgumentError with this text. Marked symbolic so that eager fast
  // paths leave it to checked_impl.
  std::string *undefined_reason = nullptr;
  // An undefined tensor that staged control flow may replace by zeros of the
  // type its other definition has (Tensor::return_placeholder).
  bool return_placeholder = false;
  std::int64_t inline_dims[kInlineRank];
  alignas(64) unsigned char inline_data[kInlineBytes];

  std::size_t nbytes() const noexcept {
    return static_cast<std::size_t>(numel) * dtype_size(dtype);
  }
  template <class T> T *as() const noexcept { return static_cast<T *>(data); }
};

/// A fresh impl (refs 1, no dims, no data) from the per-thread free list.
TensorImpl *new_impl();
/// Drops one reference; frees the impl and its buffer with the last one.
void release_impl(TensorImpl *impl) noexcept;

/// Sets the rank and extents (allocating the extents array above kInlineRank).
inline void set_dims(TensorImpl *impl, const std::int64_t *dims, int rank) {
  impl->rank = rank;
  impl->dims = rank <= kInlineRank ? impl->inline_dims
                                   : new std::int64_t[static_cast<std::size_t>(rank)];
  for (int i = 0; i < rank; ++i)
    impl->dims[i] = dims[i];
}

/// An uninitialised concrete tensor. The extents must be non-negative; the
/// element count and byte size are checked for overflow (errors name `op`).
Tensor make_uninitialized(DType dtype, const std::int64_t *dims, int rank,
                          const char *op);
inline Tensor make_uninitialized(DType dtype, const Shape &shape,
                                 const char *op) {
  return make_uninitialized(dtype, shape.data(), static_cast<int>(shape.size()),
                            op);
}
/// An uninitialised tensor with the (already validated) extents of
/// `shape_of`: the fast path of elementwise ops.
Tensor make_like(DType dtype, const TensorImpl &shape_of);
/// A tensor of `dims` sharing `base`'s buffer from `byte_offset` (buffers are
/// immutable, so views are safe).
Tensor make_view(const Tensor &base, const std::int64_t *dims, int rank,
                 std::size_t byte_offset);

inline TensorImpl *impl_of(const Tensor &t) noexcept { return t.impl(); }

/// The impl of a defined tensor, else ag::InvalidArgumentError naming `op`.
const TensorImpl &checked_impl(const Tensor &t, const char *op);
/// Same, and the tensor must be concrete (ag::TracingError otherwise).
const TensorImpl &concrete_impl(const Tensor &t, const char *op);

/// The extents of an impl as a Shape.
Shape shape_of(const TensorImpl &impl);
std::string shape_string(const TensorImpl &impl);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_TENSORIMPL_H
