//===- Tensor.cpp - ag::Tensor, dtypes, shapes ----------------------------===//
#include "autograph/Tensor.h"

#include "Allocator.h"
#include "ElementConversion.h"
#include "TensorImpl.h"
#include "autograph/Tracer.h"

#include <cstring>
#include <new>
#include <string>

namespace ag {

// --- dtypes and shapes ---------------------------------------------------------

const char *dtype_name(DType dtype) noexcept {
  switch (dtype) {
  case DType::Float32: return "float32";
  case DType::Float64: return "float64";
  case DType::Int32: return "int32";
  case DType::Int64: return "int64";
  case DType::Bool: return "bool";
  }
  return "invalid-dtype";
}

const char *dtype_short_name(DType dtype) noexcept {
  switch (dtype) {
  case DType::Float32: return "f32";
  case DType::Float64: return "f64";
  case DType::Int32: return "i32";
  case DType::Int64: return "i64";
  case DType::Bool: return "bool";
  }
  return "invalid-dtype";
}

std::string format_shape(const std::int64_t *dims, std::size_t rank) {
  std::string s = "[";
  for (std::size_t i = 0; i < rank; ++i) {
    if (i)
      s += ',';
    if (dims[i] < 0)
      s += '?';
    else
      s += std::to_string(dims[i]);
  }
  s += ']';
  return s;
}

std::string format_shape(const Shape &shape) {
  return format_shape(shape.data(), shape.size());
}

namespace {
// Extents as written (eager messages show a negative extent as is).
std::string raw_extents(const std::int64_t *dims, std::size_t rank) {
  std::string s = "[";
  for (std::size_t i = 0; i < rank; ++i)
    s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}
} // namespace

std::int64_t checked_num_elements(const Shape &shape, const char *op) {
  std::int64_t n = 1;
  for (std::int64_t d : shape) {
    if (d < 0)
      throw InvalidArgumentError(std::string(op) + ": invalid shape " +
                                 raw_extents(shape.data(), shape.size()) +
                                 " (extents must be non-negative)");
    if (__builtin_mul_overflow(n, d, &n))
      throw InvalidArgumentError(std::string(op) + ": shape " +
                                 format_shape(shape) +
                                 " has too many elements");
  }
  return n;
}

bool operator==(const TensorSpec &a, const TensorSpec &b) noexcept {
  return a.dtype == b.dtype && a.shape == b.shape;
}

std::string format_spec(const TensorSpec &spec) {
  return std::string(dtype_short_name(spec.dtype)) + format_shape(spec.shape);
}

// --- impl management ------------------------------------------------------------

namespace detail {
namespace {

// Per-thread free list of impl blocks: a 0-d op costs no malloc. The list is
// trivially destructible (it stays usable while other thread-exit and static
// destructors release tensors); a separate guard frees the blocks at thread
// exit and turns the list off.
struct ImplFreeList {
  static constexpr int kMax = 4096;
  void *head;
  int count;
  bool disabled;
  bool guarded;
};
thread_local ImplFreeList impl_free_list{nullptr, 0, false, false};

void delete_block(void *p) noexcept {
  ::operator delete(p, std::align_val_t(alignof(TensorImpl)));
}

struct ImplFreeListGuard {
  ~ImplFreeListGuard() {
    ImplFreeList &fl = impl_free_list;
    fl.disabled = true;
    while (fl.head) {
      void *next = *static_cast<void **>(fl.head);
      delete_block(fl.head);
      fl.head = next;
    }
    fl.count = 0;
  }
};
thread_local ImplFreeListGuard impl_free_list_guard;

void free_impl_memory(TensorImpl *impl) noexcept {
  impl->~TensorImpl();
  ImplFreeList &fl = impl_free_list;
  if (fl.count < ImplFreeList::kMax && !fl.disabled) {
    if (!fl.guarded) {
      fl.guarded = true;
      (void)&impl_free_list_guard; // construct the guard for this thread
    }
    *reinterpret_cast<void **>(impl) = fl.head;
    fl.head = impl;
    ++fl.count;
  } else {
    delete_block(impl);
  }
}

} // namespace

TensorImpl *new_impl() {
  ImplFreeList &fl = impl_free_list;
  void *mem;
  if (fl.head) {
    mem = fl.head;
    fl.head = *static_cast<void **>(mem);
    --fl.count;
  } else {
    mem = ::operator new(sizeof(TensorImpl),
                         std::align_val_t(alignof(TensorImpl)));
  }
  return new (mem) TensorImpl;
}

void release_impl(TensorImpl *impl) noexcept {
  while (impl) {
    if (impl->refs.load(std::memory_order_relaxed) != 1 &&
        impl->refs.fetch_sub(1, std::memory_order_acq_rel) != 1)
      return;
    TensorImpl *base = impl->base;
    if (impl->dims && impl->dims != impl->inline_dims)
      delete[] impl->dims;
    if (impl->block)
      free_buffer(impl->block, impl->block_bytes);
    if (impl->deleter)
      impl->deleter(impl->data, impl->deleter_context);
    delete impl->undefined_reason;
    free_impl_memory(impl);
    impl = base; // drop the view's reference to its base
  }
}

Tensor make_uninitialized(DType dtype, const std::int64_t *dims, int rank,
                          const char *op) {
  std::int64_t n = 1;
  for (int i = 0; i < rank; ++i) {
    if (dims[i] < 0)
      throw InvalidArgumentError(std::string(op) + ": invalid shape " +
                                 raw_extents(dims, static_cast<std::size_t>(rank)) +
                                 " (extents must be non-negative)");
    if (__builtin_mul_overflow(n, dims[i], &n))
      throw InvalidArgumentError(std::string(op) + ": shape " +
                                 format_shape(dims, rank) +
                                 " has too many elements");
  }
  std::int64_t bytes;
  if (__builtin_mul_overflow(n, static_cast<std::int64_t>(dtype_size(dtype)),
                             &bytes))
    throw InvalidArgumentError(std::string(op) + ": shape " +
                               format_shape(dims, rank) + " is too large");
  TensorImpl *impl = new_impl();
  Tensor t(impl);
  impl->dtype = dtype;
  impl->numel = n;
  set_dims(impl, dims, rank);
  if (static_cast<std::size_t>(bytes) <= kInlineBytes) {
    impl->data = impl->inline_data;
  } else {
    std::size_t cap = 0;
    void *p = allocate_buffer(static_cast<std::size_t>(bytes), &cap);
    if (!p)
      throw ResourceExhaustedError(std::string(op) + ": cannot allocate " +
                                   std::to_string(bytes) + " bytes for " +
                                   dtype_name(dtype) + format_shape(dims, rank));
    impl->block = p;
    impl->block_bytes = cap;
    impl->data = p;
  }
  return t;
}

Tensor make_like(DType dtype, const TensorImpl &shape_of) {
  std::size_t bytes = static_cast<std::size_t>(shape_of.numel) * dtype_size(dtype);
  TensorImpl *impl = new_impl();
  Tensor t(impl);
  impl->dtype = dtype;
  impl->numel = shape_of.numel;
  set_dims(impl, shape_of.dims, shape_of.rank);
  if (bytes <= kInlineBytes) {
    impl->data = impl->inline_data;
  } else {
    std::size_t cap = 0;
    void *p = allocate_buffer(bytes, &cap);
    if (!p)
      throw ResourceExhaustedError("cannot allocate " + std::to_string(bytes) +
                                   " bytes for " + dtype_name(dtype) +
                                   shape_string(shape_of));
    impl->block = p;
    impl->block_bytes = cap;
    impl->data = p;
  }
  return t;
}

Tensor make_view(const Tensor &base, const std::int64_t *dims, int rank,
                 std::size_t byte_offset) {
  TensorImpl *b = base.impl();
  TensorImpl *impl = new_impl();
  Tensor t(impl);
  impl->dtype = b->dtype;
  set_dims(impl, dims, rank);
  std::int64_t n = 1;
  for (int i = 0; i < rank; ++i)
    n *= dims[i];
  impl->numel = n;
  if (static_cast<std::size_t>(n) * dtype_size(b->dtype) <= kInlineBytes) {
    // Small: copy rather than keep a possibly large base alive.
    impl->data = impl->inline_data;
    std::memcpy(impl->data, static_cast<const char *>(b->data) + byte_offset,
                static_cast<std::size_t>(n) * dtype_size(b->dtype));
  } else {
    // View the root owner directly so chains of views stay one level deep.
    TensorImpl *root = b->base ? b->base : b;
    root->refs.fetch_add(1, std::memory_order_relaxed);
    impl->base = root;
    impl->data = static_cast<char *>(b->data) + byte_offset;
  }
  return t;
}

const TensorImpl &checked_impl(const Tensor &t, const char *op) {
  if (!t.impl())
    throw InvalidArgumentError(std::string(op) +
                               ": use of an undefined ag::Tensor "
                               "(default-constructed or moved-from)");
  if (t.impl()->undefined_reason)
    throw InvalidArgumentError(std::string(op) + ": " +
                               *t.impl()->undefined_reason);
  return *t.impl();
}

const TensorImpl &concrete_impl(const Tensor &t, const char *op) {
  const TensorImpl &impl = checked_impl(t, op);
  if (impl.symbolic)
    throw TracingError(std::string(op) +
                       ": needs the value of a symbolic tensor (" +
                       dtype_short_name(impl.dtype) + shape_string(impl) +
                       "), which is only known when the traced function "
                       "runs; this is not possible while tracing");
  return impl;
}

Shape shape_of(const TensorImpl &impl) {
  return Shape(impl.dims, impl.dims + impl.rank);
}

std::string shape_string(const TensorImpl &impl) {
  return format_shape(impl.dims, static_cast<std::size_t>(impl.rank));
}

} // namespace detail

// --- Tensor ------------------------------------------------------------------

using detail::checked_impl;
using detail::concrete_impl;
using detail::TensorImpl;

Tensor::Tensor(const Tensor &other) noexcept : impl_(other.impl_) {
  if (impl_)
    impl_->refs.fetch_add(1, std::memory_order_relaxed);
}

Tensor &Tensor::operator=(const Tensor &other) noexcept {
  if (other.impl_)
    other.impl_->refs.fetch_add(1, std::memory_order_relaxed);
  TensorImpl *old = impl_;
  impl_ = other.impl_;
  detail::release_impl(old);
  return *this;
}

Tensor &Tensor::operator=(Tensor &&other) noexcept {
  if (this != &other) {
    TensorImpl *old = impl_;
    impl_ = other.impl_;
    other.impl_ = nullptr;
    detail::release_impl(old);
  }
  return *this;
}

Tensor::~Tensor() { detail::release_impl(impl_); }

bool Tensor::defined() const noexcept {
  return impl_ && !impl_->undefined_reason;
}

Tensor Tensor::undefined(const std::string &reason) {
  TensorImpl *impl = detail::new_impl();
  impl->symbolic = true;
  impl->undefined_reason = new std::string(reason);
  return Tensor(impl);
}

Tensor Tensor::return_placeholder(const std::string &reason) {
  Tensor t = undefined(reason);
  t.impl_->return_placeholder = true;
  return t;
}

bool Tensor::is_return_placeholder() const noexcept {
  return impl_ && impl_->return_placeholder;
}

Tensor::RowIterator Tensor::begin() const {
  const TensorImpl &impl = concrete_impl(*this, "iteration");
  if (impl.rank == 0)
    throw InvalidArgumentError("iteration: cannot iterate over a 0-d tensor");
  return RowIterator(this, 0);
}

Tensor::RowIterator Tensor::end() const {
  const TensorImpl &impl = concrete_impl(*this, "iteration");
  return RowIterator(this, impl.rank == 0 ? 0 : impl.dims[0]);
}

DType Tensor::dtype() const { return checked_impl(*this, "dtype").dtype; }

Shape Tensor::shape() const { return detail::shape_of(checked_impl(*this, "shape")); }

std::int64_t Tensor::rank() const { return checked_impl(*this, "rank").rank; }

std::int64_t Tensor::dim(std::int64_t axis) const {
  const TensorImpl &impl = checked_impl(*this, "dim");
  std::int64_t a = axis < 0 ? axis + impl.rank : axis;
  if (a < 0 || a >= impl.rank)
    throw InvalidArgumentError("dim: axis " + std::to_string(axis) +
                               " is out of range for shape " +
                               detail::shape_string(impl));
  return impl.dims[a];
}

std::int64_t Tensor::num_elements() const {
  return checked_impl(*this, "num_elements").numel;
}

TensorSpec Tensor::spec() const {
  const TensorImpl &impl = checked_impl(*this, "spec");
  return TensorSpec{impl.dtype, detail::shape_of(impl)};
}

bool Tensor::is_symbolic() const { return checked_impl(*this, "is_symbolic").symbolic; }

const void *Tensor::raw_data() const { return concrete_impl(*this, "data").data; }

void *Tensor::mutable_raw_data() {
  return concrete_impl(*this, "mutable_raw_data").data;
}

void Tensor::check_element_type(DType expected, std::size_t size,
                                const char *op) const {
  const TensorImpl &impl = concrete_impl(*this, op);
  if (impl.dtype != expected || size != dtype_size(impl.dtype))
    throw InvalidArgumentError(std::string(op) + ": requested " +
                               dtype_name(expected) + " elements of a " +
                               dtype_name(impl.dtype) + " tensor");
}

void Tensor::read_elements(DType as, void *out, std::size_t count,
                           const char *op) const {
  const TensorImpl &impl = concrete_impl(*this, op);
  if (static_cast<std::int64_t>(count) != impl.numel)
    throw InvalidArgumentError(std::string(op) + ": needs a tensor with " +
                               std::to_string(count) +
                               " element(s), got shape " +
                               detail::shape_string(impl));
  detail::convert_elements(impl.dtype, impl.data, as, out,
                           static_cast<std::int64_t>(count));
}

Tensor::operator bool() const {
  const TensorImpl &impl = checked_impl(*this, "bool");
  if (impl.symbolic)
    throw TracingError(
        "the truth value of a symbolic tensor (" +
        std::string(dtype_short_name(impl.dtype)) + detail::shape_string(impl) +
        ") is not known while tracing: control flow on a tensor must be "
        "staged; mark the enclosing function AG_FUNCTION and convert it with "
        "autograph-cc");
  if (impl.rank != 0)
    throw InvalidArgumentError(
        "bool: the truth value of a tensor of shape " +
        detail::shape_string(impl) +
        " is ambiguous; a condition must be a scalar (0-d) tensor");
  switch (impl.dtype) {
  case DType::Float32: return *impl.as<float>() != 0.0f;
  case DType::Float64: return *impl.as<double>() != 0.0;
  case DType::Int32: return *impl.as<std::int32_t>() != 0;
  case DType::Int64: return *impl.as<std::int64_t>() != 0;
  case DType::Bool: return *impl.as<bool>();
  }
  return false;
}

Tensor Tensor::from_data(DType dtype, const Shape &shape, const void *data) {
  Tensor t = detail::make_uninitialized(dtype, shape, "from_data");
  std::size_t bytes = t.impl_->nbytes();
  if (bytes)
    std::memcpy(t.impl_->data, data, bytes);
  return t;
}

Tensor Tensor::from_blob(DType dtype, const Shape &shape, void *data,
                         Deleter deleter, void *context) {
  std::int64_t n = checked_num_elements(shape, "from_blob");
  TensorImpl *impl = detail::new_impl();
  Tensor t(impl);
  impl->dtype = dtype;
  impl->numel = n;
  detail::set_dims(impl, shape.data(), static_cast<int>(shape.size()));
  impl->data = data;
  impl->deleter = deleter;
  impl->deleter_context = context;
  return t;
}

Tensor Tensor::uninitialized(DType dtype, const Shape &shape) {
  return detail::make_uninitialized(dtype, shape, "uninitialized");
}

Tensor Tensor::symbolic(DType dtype, Shape shape, void *handle) {
  return symbolic(dtype, std::move(shape), handle, current_tracer());
}

Tensor Tensor::symbolic(DType dtype, Shape shape, void *handle, Tracer *owner) {
  TensorImpl *impl = detail::new_impl();
  Tensor t(impl);
  impl->dtype = dtype;
  impl->symbolic = true;
  std::int64_t n = 1;
  for (std::int64_t &d : shape) {
    if (d < 0) {
      d = kUnknownDim;
      n = -1;
    } else if (n >= 0 && __builtin_mul_overflow(n, d, &n)) {
      throw InvalidArgumentError("symbolic: shape " + format_shape(shape) +
                                 " has too many elements");
    }
  }
  impl->numel = n;
  detail::set_dims(impl, shape.data(), static_cast<int>(shape.size()));
  impl->handle = handle;
  impl->tracer = owner;
  return t;
}

void *Tensor::handle() const {
  const TensorImpl &impl = checked_impl(*this, "handle");
  return impl.symbolic ? impl.handle : nullptr;
}

Tracer *Tensor::tracer() const {
  const TensorImpl &impl = checked_impl(*this, "tracer");
  return impl.symbolic ? impl.tracer : nullptr;
}

} // namespace ag
