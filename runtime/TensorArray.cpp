//===- TensorArray.cpp - ag::TensorArray, eager and in compiled code -------===//
//
// One representation (detail::TensorArrayState) for both modes: eager
// handles share it, and compiled code holds a pointer to it as an i64
// handle and calls the agrt_memref_tensor_array_* functions below. So the
// checks, and the errors they raise, are the same code in every mode.
//
//===----------------------------------------------------------------------===//
#include "autograph/TensorArray.h"

#include "CompiledArguments.h"

#include "autograph/CompiledCall.h"
#include "autograph/CompiledCodeABI.h"
#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <algorithm>
#include <cstring>
#include <memory>

namespace ag {
namespace detail {

/// What a trace knows of an array: its dtype and name, and the element
/// shape (with -1 for extents known only at run time) once written.
struct TracedTensorArray {
  DType dtype;
  std::string name;
  bool dynamic_size;
  std::optional<Shape> element_shape;
};

TensorArrayState::TensorArrayState(DType dtype, std::int64_t size, bool dynamic_size,
                                   std::string name)
    : dtype_(dtype), dynamic_(dynamic_size), name_(std::move(name)), size_(size) {
  if (size < 0)
    throw InvalidArgumentError(where("TensorArray") + "size must be non-negative, got " +
                               std::to_string(size));
  written_.assign(static_cast<std::size_t>(size), false);
}

std::string TensorArrayState::where(const char *op) const {
  return std::string(op) + ": TensorArray '" + name_ + "': ";
}

void TensorArrayState::checkLive(const char *op) const {
  if (released_)
    throw InvalidArgumentError(where(op) + "the array was released");
}

void TensorArrayState::release() {
  released_ = true;
  size_ = 0;
  std::vector<unsigned char>().swap(data_);
  std::vector<bool>().swap(written_);
}

void TensorArrayState::checkIndex(const char *op, std::int64_t index) const {
  checkLive(op);
  if (index < 0)
    throw InvalidArgumentError(where(op) + (op[0] == 'w' ? "writing to" : "reading from") +
                               " negative indices (index " + std::to_string(index) +
                               ") is not allowed");
}

void TensorArrayState::write(std::int64_t index, DType dtype, const Shape &shape,
                             const void *data) {
  checkIndex("write", index);
  if (dtype != dtype_)
    throw InvalidArgumentError(where("write") + "the array's dtype is " +
                               dtype_name(dtype_) + " but the value's is " +
                               dtype_name(dtype));
  if (element_shape_ && *element_shape_ != shape)
    throw InvalidArgumentError(where("write") + "incompatible shape for value (" +
                               format_shape(shape) + "), expected (" +
                               format_shape(*element_shape_) + ")");
  if (index >= size_) {
    if (!dynamic_)
      throw InvalidArgumentError(where("write") + "tried to write to index " +
                                 std::to_string(index) +
                                 " but array is not resizeable and size is: " +
                                 std::to_string(size_));
    size_ = index + 1;
    written_.resize(static_cast<std::size_t>(size_), false);
  }
  if (!element_shape_) {
    element_shape_ = shape;
    std::int64_t count = 1;
    for (std::int64_t extent : shape)
      count *= extent;
    element_bytes_ = static_cast<std::size_t>(count) * dtype_size(dtype_);
  }
  std::size_t end = static_cast<std::size_t>(index + 1) * element_bytes_;
  if (end > data_.size()) {
    // Amortised O(1) growth: at least double, and at least the fixed size.
    std::size_t bytes = std::max({end, 2 * data_.size(),
                                  static_cast<std::size_t>(size_) * element_bytes_});
    data_.resize(bytes, 0);
  }
  if (element_bytes_ != 0)
    std::memcpy(data_.data() + static_cast<std::size_t>(index) * element_bytes_, data,
                element_bytes_);
  written_[static_cast<std::size_t>(index)] = true;
}

void TensorArrayState::read(std::int64_t index, void *out, std::size_t bytes) const {
  checkIndex("read", index);
  if (index >= size_)
    throw InvalidArgumentError(where("read") + "tried to read from index " +
                               std::to_string(index) + " but array size is: " +
                               std::to_string(size_));
  if (!written_[static_cast<std::size_t>(index)])
    throw InvalidArgumentError(where("read") + "tried to read from index " +
                               std::to_string(index) + ", which was never written");
  if (bytes != element_bytes_)
    throw InvalidArgumentError(where("read") + "the element has " +
                               std::to_string(element_bytes_) + " bytes, not " +
                               std::to_string(bytes));
  if (bytes != 0)
    std::memcpy(out, data_.data() + static_cast<std::size_t>(index) * element_bytes_, bytes);
}

void TensorArrayState::stack(void *out, std::size_t bytes) const {
  checkLive("stack");
  // An empty array stacks to an empty tensor; a non-empty one needs an
  // element shape.
  if (!element_shape_ && size_ != 0)
    throw InvalidArgumentError(where("stack") +
                               "no element was written, so the element shape is unknown");
  std::size_t total = static_cast<std::size_t>(size_) * element_bytes_;
  if (bytes != total)
    throw InvalidArgumentError(where("stack") + "the elements have " +
                               std::to_string(total) + " bytes, not " +
                               std::to_string(bytes));
  if (total == 0)
    return;
  // Unwritten elements are zeros (data_ is zero-filled where never written;
  // it may be shorter than the size of a fixed-size array).
  std::size_t stored = std::min(total, data_.size());
  std::memcpy(out, data_.data(), stored);
  std::memset(static_cast<char *>(out) + stored, 0, total - stored);
}

namespace {

/// The arrays compiled code on this thread created during the calls in
/// progress; each compiled::Call releases those created after it began.
thread_local std::vector<std::unique_ptr<TensorArrayState>> tls_call_arrays;

TensorArrayState *fromHandle(std::int64_t handle) {
  return reinterpret_cast<TensorArrayState *>(static_cast<std::intptr_t>(handle));
}

std::int64_t toHandle(const TensorArrayState *state) {
  return static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(state));
}

Shape shapeOf(const TensorSpec &spec) { return spec.shape; }

} // namespace

std::size_t call_tensor_arrays_mark() noexcept { return tls_call_arrays.size(); }

void release_call_tensor_arrays(std::size_t mark) noexcept {
  if (tls_call_arrays.size() > mark)
    tls_call_arrays.resize(mark);
}

} // namespace detail

//===--- The eager and traced handle --------------------------------------===//

namespace {

/// Checks that `index` is a 0-d int32/int64 tensor.
void checkIndexSpec(const Tensor &index, const std::string &array, const char *op) {
  TensorSpec spec = index.spec();
  if (!spec.shape.empty() || (spec.dtype != DType::Int32 && spec.dtype != DType::Int64))
    throw InvalidArgumentError(std::string(op) + ": TensorArray '" + array +
                               "': the index must be an int or a 0-d int32/int64 "
                               "tensor, got " + format_spec(spec));
}

/// `index` as an int64 for an eager operation on `array`.
std::int64_t concreteIndex(const Tensor &index, const std::string &array, const char *op) {
  checkIndexSpec(index, array, op);
  return index.item<std::int64_t>();
}

Tensor indexTensor(std::int64_t index) { return constant(index); }

/// Reports a read or stack of `array` giving `result` to the tapes.
Tensor taped(const TensorArray &array, detail::ArrayOp op, const Tensor &index,
             const Tensor &result) {
  if (detail::any_tape_recording())
    detail::record_array_op(op, array, index, result);
  return result;
}

/// Whether `other` (static, with -1 for run-time extents) may be `shape`.
bool compatible(const Shape &a, const Shape &b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k] >= 0 && b[k] >= 0 && a[k] != b[k])
      return false;
  return true;
}

Tracer &arrayTracer(const std::string &name) {
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError("TensorArray '" + name +
                       "' belongs to a traced function and was used after its trace");
  return *tracer;
}

} // namespace

TensorArray::TensorArray(DType dtype, std::int64_t size, bool dynamic_size, std::string name) {
  create(dtype, constant(size), dynamic_size, std::move(name));
}

TensorArray::TensorArray(DType dtype, const Tensor &size, bool dynamic_size,
                         std::string name) {
  create(dtype, size, dynamic_size, std::move(name));
}

void TensorArray::create(DType dtype, const Tensor &size, bool dynamic_size,
                         std::string name) {
  TensorSpec spec = size.spec();
  if (!spec.shape.empty() || (spec.dtype != DType::Int32 && spec.dtype != DType::Int64))
    throw InvalidArgumentError("TensorArray: TensorArray '" + name +
                               "': size must be an int or a 0-d int32/int64 tensor, got " +
                               format_spec(spec));
  if (Tracer *tracer = current_tracer()) {
    // Inside a traced function the array is created by the compiled code,
    // once per call, whatever the size.
    if (!size.is_symbolic() && size.item<std::int64_t>() < 0)
      throw InvalidArgumentError("TensorArray: TensorArray '" + name +
                                 "': size must be non-negative, got " +
                                 std::to_string(size.item<std::int64_t>()));
    handle_ = tracer->emit_tensor_array_create(size, dtype, dynamic_size, name);
    traced_ = std::make_shared<detail::TracedTensorArray>(
        detail::TracedTensorArray{dtype, std::move(name), dynamic_size, std::nullopt});
    return;
  }
  state_ = std::make_shared<detail::TensorArrayState>(dtype, size.item<std::int64_t>(),
                                                      dynamic_size, std::move(name));
}

DType TensorArray::dtype() const { return state_ ? state_->dtype() : traced_->dtype; }
const std::string &TensorArray::name() const {
  return state_ ? state_->name() : traced_->name;
}
bool TensorArray::dynamic_size() const {
  return state_ ? state_->dynamic_size() : traced_->dynamic_size;
}

TensorArray TensorArray::write(std::int64_t index, const Tensor &value) const {
  return write(indexTensor(index), value);
}

Tensor TensorArray::read(std::int64_t index) const { return read(indexTensor(index)); }

TensorArray TensorArray::write(const Tensor &index, const Tensor &value) const {
  if (!value.defined())
    throw InvalidArgumentError("write: TensorArray '" + name() +
                               "': the value is an undefined tensor");
  if (state_) {
    if (current_tracer())
      throw TracingError("TensorArray '" + name() +
                         "' was created outside the traced function; pass it "
                         "as an argument of the function instead");
    if (value.is_symbolic() || index.is_symbolic())
      throw TracingError("TensorArray '" + name() +
                         "': a symbolic tensor was written outside its trace");
    std::int64_t i = concreteIndex(index, name(), "write");
    state_->write(i, value.dtype(), value.shape(), value.raw_data());
    if (detail::any_tape_recording())
      detail::record_array_op(detail::ArrayOp::Write, *this, index, value);
    return *this;
  }
  checkIndexSpec(index, name(), "write");
  if (!index.is_symbolic() && index.item<std::int64_t>() < 0)
    throw InvalidArgumentError("write: TensorArray '" + name() +
                               "': writing to negative indices (index " +
                               std::to_string(index.item<std::int64_t>()) +
                               ") is not allowed");
  TensorSpec spec = value.spec();
  if (spec.dtype != traced_->dtype)
    throw InvalidArgumentError("write: TensorArray '" + name() + "': the array's dtype is " +
                               dtype_name(traced_->dtype) + " but the value's is " +
                               dtype_name(spec.dtype));
  if (traced_->element_shape && !compatible(*traced_->element_shape, spec.shape))
    throw InvalidArgumentError("write: TensorArray '" + name() +
                               "': incompatible shape for value (" +
                               format_shape(spec.shape) + "), expected (" +
                               format_shape(*traced_->element_shape) + ")");
  if (!traced_->element_shape) {
    traced_->element_shape = spec.shape;
  } else {
    // Extents that differ between writes are known only at run time.
    for (std::size_t k = 0; k < spec.shape.size(); ++k)
      if ((*traced_->element_shape)[k] != spec.shape[k])
        (*traced_->element_shape)[k] = -1;
  }
  arrayTracer(name()).emit_tensor_array_write(handle_, index, value);
  if (detail::any_tape_recording())
    detail::record_array_op(detail::ArrayOp::Write, *this, index, value);
  return *this;
}

Tensor TensorArray::read(const Tensor &index) const {
  if (state_) {
    if (current_tracer())
      throw TracingError("TensorArray '" + name() +
                         "' was created outside the traced function; pass it "
                         "as an argument of the function instead");
    std::int64_t i = concreteIndex(index, name(), "read");
    // The element shape is known once written; read raises otherwise.
    Shape shape = state_->element_shape().value_or(Shape{});
    Tensor result = Tensor::uninitialized(dtype(), shape);
    state_->read(i, result.mutable_raw_data(),
                 state_->element_shape() ? state_->element_bytes() : 0);
    return taped(*this, detail::ArrayOp::Read, index, result);
  }
  checkIndexSpec(index, name(), "read");
  if (!traced_->element_shape)
    throw TracingError("read: TensorArray '" + name() +
                       "': no element was written before this read in the traced "
                       "function, so the element shape is unknown; write an element first");
  return taped(*this, detail::ArrayOp::Read, index,
               arrayTracer(name()).emit_tensor_array_read(
                   handle_, index, TensorSpec{traced_->dtype, *traced_->element_shape}));
}

Tensor TensorArray::stack() const {
  if (state_) {
    if (current_tracer())
      throw TracingError("TensorArray '" + name() +
                         "' was created outside the traced function; pass it "
                         "as an argument of the function instead");
    Shape shape{state_->size()};
    if (state_->element_shape())
      shape.insert(shape.end(), state_->element_shape()->begin(),
                   state_->element_shape()->end());
    Tensor result = Tensor::uninitialized(dtype(), shape);
    state_->stack(result.mutable_raw_data(),
                  static_cast<std::size_t>(state_->size()) * state_->element_bytes());
    return taped(*this, detail::ArrayOp::Stack, Tensor(), result);
  }
  if (!traced_->element_shape)
    throw TracingError("stack: TensorArray '" + name() +
                       "': no element was written before this stack in the traced "
                       "function, so the element shape is unknown; write an element first");
  Shape shape{-1};
  shape.insert(shape.end(), traced_->element_shape->begin(), traced_->element_shape->end());
  return taped(*this, detail::ArrayOp::Stack, Tensor(),
               arrayTracer(name()).emit_tensor_array_stack(handle_, TensorSpec{traced_->dtype, shape}));
}

TensorArray TensorArray::unstack(const Tensor &value) const {
  if (value.rank() == 0)
    throw InvalidArgumentError("unstack: TensorArray '" + name() +
                               "': cannot unstack a 0-d tensor");
  if (!value.is_symbolic() && state_) {
    std::int64_t rows = value.dim(0);
    for (std::int64_t i = 0; i < rows; ++i)
      write(i, value[i]);
    return *this;
  }
  // Traced: one write per row, in a staged loop over the rows.
  Tracer &tracer = arrayTracer(name());
  Tensor rows = value.is_symbolic() ? tracer.emit_dim(value, 0) : constant(value.dim(0));
  tracer.emit_for(constant(std::int64_t{0}), rows, constant(std::int64_t{1}), {},
                  [&](const Tensor &i, const TensorList &vars) {
                    write(i, value[i]);
                    return vars;
                  },
                  {});
  return *this;
}

Tensor TensorArray::size() const {
  if (state_) {
    if (current_tracer())
      throw TracingError("TensorArray '" + name() +
                         "' was created outside the traced function; pass it "
                         "as an argument of the function instead");
    return constant(static_cast<std::int32_t>(state_->size()));
  }
  return arrayTracer(name()).emit_tensor_array_size(handle_);
}

TensorArray TensorArray::traced_argument(const TensorArray &array, const Tensor &handle) {
  if (!handle.is_symbolic())
    return array; // an eager call (a fallback): the array itself
  TensorArray traced;
  traced.handle_ = handle;
  const detail::TensorArrayState &state = *array.state_;
  traced.traced_ = std::make_shared<detail::TracedTensorArray>(detail::TracedTensorArray{
      state.dtype(), state.name(), state.dynamic_size(), state.element_shape()});
  return traced;
}

namespace {
[[noreturn]] void cannotRecord(const std::string &name) {
  throw TracingError("TensorArray '" + name + "': this tracer cannot record arrays");
}
} // namespace

Tensor Tracer::emit_tensor_array_create(const Tensor &, DType, bool, const std::string &name) {
  cannotRecord(name);
}
void Tracer::emit_tensor_array_write(const Tensor &, const Tensor &, const Tensor &) {
  cannotRecord("");
}
Tensor Tracer::emit_tensor_array_read(const Tensor &, const Tensor &, const TensorSpec &) {
  cannotRecord("");
}
Tensor Tracer::emit_tensor_array_stack(const Tensor &, const TensorSpec &) { cannotRecord(""); }
Tensor Tracer::emit_tensor_array_size(const Tensor &) { cannotRecord(""); }
void Tracer::emit_tensor_array_release(const Tensor &) { cannotRecord(""); }

void detail::release_tensor_array(const TensorArray &array) {
  if (array.state())
    array.state()->release();
  else
    arrayTracer(array.name()).emit_tensor_array_release(array.traced_handle());
}

Tensor TensorArray::handle_argument() const {
  return constant(detail::toHandle(state_.get()));
}

} // namespace ag

//===--- The C ABI of compiled code ---------------------------------------===//

using ag::detail::fromHandle;
using ag::detail::TensorArrayState;

namespace {

/// Runs `fn`, recording an error as the call's pending error.
template <class F> void reporting(F &&fn) noexcept {
  try {
    fn();
  } catch (const ag::Error &error) {
    ag::compiled::report_error(error.what());
  } catch (const std::exception &error) {
    ag::compiled::report_error(error.what());
  }
}

void writeElement(std::int64_t array, std::int64_t index, ag::DType dtype,
                  std::int64_t rank, const void *descriptor) {
  if (ag::compiled::has_pending_error())
    return;
  reporting([&] {
    // Row-major copy of a possibly strided view (none when contiguous).
    ag::detail::RankedDescriptorView view = ag::detail::view_descriptor(rank, descriptor);
    std::size_t size = ag::dtype_size(dtype);
    ag::Shape shape(view.sizes, view.sizes + rank);
    bool contiguous;
    std::int64_t count = ag::detail::element_count(view, rank, contiguous);
    if (contiguous || count == 0) {
      fromHandle(array)->write(index, dtype, shape,
                               view.aligned + view.offset * static_cast<std::int64_t>(size));
      return;
    }
    std::vector<char> packed = ag::detail::row_major_bytes(view, rank, size);
    fromHandle(array)->write(index, dtype, shape, packed.data());
  });
}

} // namespace

extern "C" int64_t agrt_memref_tensor_array_create(int64_t size, int64_t dtype,
                                                   int64_t dynamic_size, const char *,
                                                   const char *name, int64_t nameOffset,
                                                   int64_t nameSize, int64_t nameStride) {
  std::string arrayName = ag::detail::text_argument(name, nameOffset, nameSize, nameStride);
  std::unique_ptr<TensorArrayState> state;
  try {
    state = std::make_unique<TensorArrayState>(static_cast<ag::DType>(dtype), size,
                                               dynamic_size != 0, arrayName);
  } catch (const ag::Error &error) {
    ag::compiled::report_error(error.what());
    state = std::make_unique<TensorArrayState>(static_cast<ag::DType>(dtype), 0,
                                               dynamic_size != 0, arrayName);
  }
  ag::detail::tls_call_arrays.push_back(std::move(state));
  return ag::detail::toHandle(ag::detail::tls_call_arrays.back().get());
}

// agrt_memref_tensor_array_write_<suffix>, one per dtype of CompiledCodeABI.def.
#define AG_TENSOR_ARRAY_WRITE(suffix, dtype)                                   \
  extern "C" void agrt_memref_tensor_array_write_##suffix(                     \
      int64_t array, int64_t index, int64_t rank, const void *descriptor) {    \
    writeElement(array, index, ag::DType::dtype, rank, descriptor);            \
  }
AG_TENSOR_ARRAY_WRITE(f32, Float32)
AG_TENSOR_ARRAY_WRITE(f64, Float64)
AG_TENSOR_ARRAY_WRITE(i32, Int32)
AG_TENSOR_ARRAY_WRITE(i64, Int64)
AG_TENSOR_ARRAY_WRITE(bool, Bool)
#undef AG_TENSOR_ARRAY_WRITE

extern "C" int64_t agrt_memref_tensor_array_size(int64_t array) {
  return fromHandle(array)->size();
}

extern "C" void agrt_memref_tensor_array_release(int64_t array) {
  fromHandle(array)->release();
}

extern "C" int64_t agrt_memref_tensor_array_element_dim(int64_t array, int64_t axis) {
  const auto &shape = fromHandle(array)->element_shape();
  if (!shape || axis < 0 || axis >= static_cast<int64_t>(shape->size()))
    return 0;
  return (*shape)[static_cast<std::size_t>(axis)];
}

extern "C" void agrt_memref_tensor_array_read(int64_t array, int64_t index, char *,
                                              char *aligned, int64_t offset, int64_t size,
                                              int64_t) {
  char *out = aligned + offset;
  std::memset(out, 0, static_cast<std::size_t>(size));
  if (ag::compiled::has_pending_error())
    return;
  reporting([&] { fromHandle(array)->read(index, out, static_cast<std::size_t>(size)); });
}

extern "C" void agrt_memref_tensor_array_stack(int64_t array, char *, char *aligned,
                                               int64_t offset, int64_t size, int64_t) {
  char *out = aligned + offset;
  std::memset(out, 0, static_cast<std::size_t>(size));
  if (ag::compiled::has_pending_error())
    return;
  reporting([&] { fromHandle(array)->stack(out, static_cast<std::size_t>(size)); });
}
