//===- Tensor.h - ag::Tensor ------------------------------------*- C++ -*-===//
//
// An immutable, reference-counted tensor handle. A tensor is either
// *concrete* (dtype, shape and a buffer, computed eagerly) or *symbolic* (dtype,
// shape with -1 for unknown extents, and an opaque handle owned by the Tracer
// that created it). A default-constructed tensor is undefined: every use of its
// value raises ag::InvalidArgumentError.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TENSOR_H
#define AUTOGRAPH_TENSOR_H

#include "autograph/DType.h"
#include "autograph/Error.h"
#include "autograph/Shape.h"

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace ag {

class Tracer;
namespace detail {
struct TensorImpl;
} // namespace detail

/// The static type of a tensor: dtype and shape (-1 for unknown extents).
struct TensorSpec {
  DType dtype = DType::Float32;
  Shape shape;
};
bool operator==(const TensorSpec &a, const TensorSpec &b) noexcept;
inline bool operator!=(const TensorSpec &a, const TensorSpec &b) noexcept {
  return !(a == b);
}
/// The signature spelling: "f32[?,784]", "i64[]".
std::string format_spec(const TensorSpec &spec);
/// Parses one spec ("f32[?,784]", "i64[]"; dtypes f32 f64 i32 i64 bool, `?`
/// for an extent known only at run time) or a comma-separated signature of
/// them; ag::InvalidArgumentError saying where the text is malformed.
TensorSpec parse_spec(const std::string &text);
std::vector<TensorSpec> parse_signature(const std::string &text);

class Tensor {
public:
  /// Called with (data, context) when the last tensor viewing an adopted
  /// buffer goes away (see from_blob).
  using Deleter = void (*)(void *data, void *context);

  Tensor() noexcept = default;
  Tensor(const Tensor &other) noexcept;
  Tensor(Tensor &&other) noexcept : impl_(other.impl_) { other.impl_ = nullptr; }
  Tensor &operator=(const Tensor &other) noexcept;
  Tensor &operator=(Tensor &&other) noexcept;
  ~Tensor();

  /// False for a default-constructed (or moved-from) tensor and for one made
  /// by undefined().
  bool defined() const noexcept;
  /// An undefined tensor that says why it has no value: tracing gives one to
  /// a variable that a staged branch or loop leaves without a value, and every
  /// use raises ag::InvalidArgumentError with "OP: " + `reason`.
  static Tensor undefined(const std::string &reason);
  /// An undefined tensor (`reason` as above) for a value that is only read
  /// after something assigned it: the result of a converted early return,
  /// read once the return flag is set. Where staged control flow needs a
  /// value for it on a path that did not assign it (the other branch of an
  /// ag.cond, the first iteration of a loop), tracing uses zeros of the type
  /// the assignment gives it.
  static Tensor return_placeholder(const std::string &reason);
  bool is_return_placeholder() const noexcept;

  DType dtype() const;
  Shape shape() const;
  std::int64_t rank() const;
  /// Extent of one dimension; negative axes count from the end.
  std::int64_t dim(std::int64_t axis) const;
  /// Number of elements (eager only: unknown extents make it -1).
  std::int64_t num_elements() const;
  TensorSpec spec() const;

  bool is_symbolic() const;
  bool is_concrete() const { return !is_symbolic(); }

  /// The single element converted to T (C++ conversion; float to integer
  /// saturates, NaN gives 0). Needs exactly one element. Eager only.
  template <class T> T item() const {
    using S = dtype_cpp_t<dtype_of<T>()>;
    S out{};
    read_elements(dtype_of<T>(), &out, 1, "item");
    return static_cast<T>(out);
  }
  /// All elements in row-major order, converted to T. Eager only.
  template <class T> std::vector<T> to_vector() const {
    using S = std::conditional_t<std::is_same_v<T, bool>, unsigned char,
                                 dtype_cpp_t<dtype_of<T>()>>;
    std::vector<S> raw(static_cast<std::size_t>(num_elements()));
    read_elements(dtype_of<T>(), raw.data(), raw.size(), "to_vector");
    if constexpr (std::is_same_v<S, T>)
      return raw;
    else
      return std::vector<T>(raw.begin(), raw.end());
  }

  /// The row-major buffer of a concrete tensor (read only).
  const void *raw_data() const;
  /// Typed buffer; T must be exactly the dtype's C++ type.
  template <class T> const T *data() const {
    check_element_type(dtype_of<T>(), sizeof(T), "data");
    return static_cast<const T *>(raw_data());
  }

  /// The truth value of a 0-d tensor (non-zero is true, like C++). A tensor
  /// of any other rank raises ag::InvalidArgumentError; a symbolic tensor
  /// raises ag::TracingError: the enclosing function must be converted with
  /// autograph-cc so that the condition is staged.
  explicit operator bool() const;

  /// Iterates over the rows (along the first axis) of a concrete tensor:
  /// `for (ag::Tensor row : x)`; a 1-d tensor gives 0-d rows. A 0-d tensor
  /// raises ag::InvalidArgumentError and a symbolic one ag::TracingError (in
  /// a traced function, autograph-cc stages the loop as ag::for_rows).
  class RowIterator {
  public:
    RowIterator(const Tensor *tensor, std::int64_t row) : tensor_(tensor), row_(row) {}
    Tensor operator*() const { return (*tensor_)[row_]; }
    RowIterator &operator++() {
      ++row_;
      return *this;
    }
    bool operator!=(const RowIterator &other) const { return row_ != other.row_; }
    bool operator==(const RowIterator &other) const { return row_ == other.row_; }

  private:
    const Tensor *tensor_;
    std::int64_t row_;
  };
  RowIterator begin() const;
  RowIterator end() const;

  /// Row `index` along the first axis (negative counts from the end).
  Tensor operator[](std::int64_t index) const;
  /// Same with a 0-d int32/int64 index tensor.
  Tensor operator[](const Tensor &index) const;

  // --- construction from buffers (for runtimes of compiled code) -----------
  /// A tensor holding a copy of `data` (row-major, dtype_size bytes each).
  static Tensor from_data(DType dtype, const Shape &shape, const void *data);
  /// A tensor viewing `data` without copying; `deleter(data, context)` runs
  /// when the last reference goes (nullptr: the caller keeps ownership and
  /// must keep the buffer alive).
  static Tensor from_blob(DType dtype, const Shape &shape, void *data,
                          Deleter deleter = nullptr, void *context = nullptr);
  /// A fresh tensor whose buffer the caller fills through
  /// mutable_raw_data() before sharing it.
  static Tensor uninitialized(DType dtype, const Shape &shape);
  void *mutable_raw_data();

  // --- tracing ---------------------------------------------------------------
  /// A symbolic tensor: `handle` is opaque to ag (for MLIR, an mlir::Value's
  /// opaque pointer); `owner` is the tracer it belongs to (default: the
  /// current tracer).
  static Tensor symbolic(DType dtype, Shape shape, void *handle);
  static Tensor symbolic(DType dtype, Shape shape, void *handle, Tracer *owner);
  /// The handle of a symbolic tensor (nullptr for a concrete one).
  void *handle() const;
  /// The tracer a symbolic tensor belongs to (nullptr for a concrete one).
  Tracer *tracer() const;

  /// Identity of the underlying value (two handles to one value compare equal).
  const void *id() const noexcept { return impl_; }

  // Internal: adopt one reference of `impl`.
  explicit Tensor(detail::TensorImpl *impl) noexcept : impl_(impl) {}
  detail::TensorImpl *impl() const noexcept { return impl_; }

private:
  void read_elements(DType as, void *out, std::size_t count,
                     const char *op) const;
  void check_element_type(DType expected, std::size_t size,
                          const char *op) const;

  detail::TensorImpl *impl_ = nullptr;
};

} // namespace ag

#endif // AUTOGRAPH_TENSOR_H
