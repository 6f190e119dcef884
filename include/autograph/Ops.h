//===- Ops.h - tensor math, shape ops, reductions, operators ----*- C++ -*-===//
//
// Every function here is a composition over the op layer (Op.h), so it runs
// eagerly on concrete tensors and is staged when an input is symbolic.
// Binary ops broadcast like NumPy; both tensors must have the same dtype (use
// ag::cast), a C++ scalar takes the tensor's dtype.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_OPS_H
#define AUTOGRAPH_OPS_H

#include "autograph/Op.h"
#include "autograph/Scalar.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag {

/// Which axes a reduction covers: default-constructed means all of them;
/// an integer or a braced list `{0, 2}` names axes (negative from the end).
class Axes {
public:
  Axes() noexcept = default;
  template <class I, std::enable_if_t<std::is_integral_v<I> &&
                                          !std::is_same_v<I, bool>,
                                      int> = 0>
  Axes(I axis) : all_(false), axes_{static_cast<std::int64_t>(axis)} {}
  Axes(std::initializer_list<std::int64_t> axes) : all_(false), axes_(axes) {}
  Axes(std::vector<std::int64_t> axes) : all_(false), axes_(std::move(axes)) {}
  static Axes all() noexcept { return Axes(); }

  bool is_all() const noexcept { return all_; }
  const std::vector<std::int64_t> &list() const noexcept { return axes_; }

private:
  bool all_ = true;
  std::vector<std::int64_t> axes_;
};

/// The shape two shapes broadcast to (NumPy rules); `op` names the caller in
/// "op: incompatible shapes [2,3] and [4]".
Shape broadcast_shapes(const Shape &a, const Shape &b, const char *op);

// --- the registry's elementwise ops ---------------------------------------------
// One function per elementwise entry of the op registry (Ops.def, which says
// what each computes and which dtypes it takes): ag::add(a, b), ag::exp(x),
// ... Binary ones broadcast like NumPy and need one dtype; unary ones also
// take an rvalue, whose buffer receives the result when nothing else shares
// it. In particular: integer div truncates toward zero and raises on a zero
// divisor; rem takes the dividend's sign (fmod for floating dtypes);
// maximum/minimum propagate NaN.
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  Tensor name(const Tensor &x);                                                \
  Tensor name(Tensor &&x);
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  Tensor name(const Tensor &a, const Tensor &b);
#include "autograph/Ops.def"

inline Tensor subtract(const Tensor &a, const Tensor &b) { return sub(a, b); }
inline Tensor multiply(const Tensor &a, const Tensor &b) { return mul(a, b); }
inline Tensor divide(const Tensor &a, const Tensor &b) { return div(a, b); }
inline Tensor negative(const Tensor &x) { return neg(x); }

// --- comparisons and logic -----------------------------------------------------
Tensor compare(const Tensor &a, const Tensor &b, ComparePredicate predicate);
Tensor equal(const Tensor &a, const Tensor &b);
Tensor not_equal(const Tensor &a, const Tensor &b);
Tensor less(const Tensor &a, const Tensor &b);
Tensor less_equal(const Tensor &a, const Tensor &b);
Tensor greater(const Tensor &a, const Tensor &b);
Tensor greater_equal(const Tensor &a, const Tensor &b);

/// Element conversion (C++ conversion; float to integer truncates, saturates
/// out of range, NaN gives 0; to bool is `!= 0`).
Tensor cast(const Tensor &x, DType dtype);
/// Elementwise `condition ? a : b` (condition bool; all three broadcast).
Tensor where(const Tensor &condition, const Tensor &a, const Tensor &b);

// --- linear algebra and shapes ---------------------------------------------------
/// [m,k] x [k,n] -> [m,n]; ranks > 2 are batches (equal batch dims, or one
/// operand of rank 2 shared by the batch).
Tensor matmul(const Tensor &a, const Tensor &b);
/// `perm` empty reverses the axes.
Tensor transpose(const Tensor &x, std::vector<std::int64_t> perm = {});
/// One extent may be -1 (inferred); the element count must not change.
Tensor reshape(const Tensor &x, const Shape &shape);
Tensor broadcast_to(const Tensor &x, const Shape &shape);
/// Inserts an axis of extent 1 at `axis` (negative from the end).
Tensor expand_dims(const Tensor &x, std::int64_t axis);
Tensor concat(const std::vector<Tensor> &tensors, std::int64_t axis = 0);
/// The extent of `axis` (negative from the end) as a 0-d int64 tensor: in a
/// traced function, the run-time extent of a dimension known only then
/// (`tf.shape(x)[axis]`).
Tensor dim(const Tensor &x, std::int64_t axis);
/// All extents, a 1-d int64 tensor (`tf.shape(x)`).
Tensor shape(const Tensor &x);
Tensor stack(const std::vector<Tensor> &tensors, std::int64_t axis = 0);

// --- reductions ----------------------------------------------------------------------
Tensor reduce_sum(const Tensor &x, const Axes &axis = {}, bool keepdims = false);
/// Integer means truncate (sum / count in the dtype).
Tensor reduce_mean(const Tensor &x, const Axes &axis = {}, bool keepdims = false);
Tensor reduce_max(const Tensor &x, const Axes &axis = {}, bool keepdims = false);
Tensor reduce_min(const Tensor &x, const Axes &axis = {}, bool keepdims = false);
/// Index (int64) of the first maximum along `axis`; NaN counts as maximal.
Tensor argmax(const Tensor &x, std::int64_t axis = 0);
/// exp(x - max) / sum(exp(x - max)) along `axis`.
Tensor softmax(const Tensor &x, std::int64_t axis = -1);

/// The rows `x[indices[...]]` along the first axis, in the indices' shape
/// (`tf.gather` on axis 0): [len] + x.shape[1:] for 1-d indices. An index
/// outside [0, dim 0) raises ag::InvalidArgumentError.
Tensor gather(const Tensor &x, const Tensor &indices);

/// [..., depth]: `on` where the index equals the position, else 0; indices
/// outside [0, depth) give a row of zeros.
Tensor one_hot(const Tensor &indices, std::int64_t depth,
               DType dtype = DType::Float32);

// --- operators ---------------------------------------------------------------------------
Tensor operator+(const Tensor &a, const Tensor &b);
Tensor operator-(const Tensor &a, const Tensor &b);
Tensor operator*(const Tensor &a, const Tensor &b);
Tensor operator/(const Tensor &a, const Tensor &b);
Tensor operator%(const Tensor &a, const Tensor &b);
Tensor operator-(const Tensor &x);
Tensor operator<(const Tensor &a, const Tensor &b);
Tensor operator<=(const Tensor &a, const Tensor &b);
Tensor operator>(const Tensor &a, const Tensor &b);
Tensor operator>=(const Tensor &a, const Tensor &b);
Tensor operator==(const Tensor &a, const Tensor &b);
Tensor operator!=(const Tensor &a, const Tensor &b);
Tensor operator&(const Tensor &a, const Tensor &b);
Tensor operator|(const Tensor &a, const Tensor &b);
Tensor operator~(const Tensor &x);

// Rvalue operands: a temporary whose buffer no other tensor shares receives
// the result (same values; one allocation and one pass over memory less in
// chains like `sigmoid(x * w + b) * 2 - 1`).
Tensor operator+(Tensor &&a, const Tensor &b);
Tensor operator+(const Tensor &a, Tensor &&b);
Tensor operator+(Tensor &&a, Tensor &&b);
Tensor operator-(Tensor &&a, const Tensor &b);
Tensor operator-(const Tensor &a, Tensor &&b);
Tensor operator-(Tensor &&a, Tensor &&b);
Tensor operator*(Tensor &&a, const Tensor &b);
Tensor operator*(const Tensor &a, Tensor &&b);
Tensor operator*(Tensor &&a, Tensor &&b);
Tensor operator/(Tensor &&a, const Tensor &b);
Tensor operator/(const Tensor &a, Tensor &&b);
Tensor operator/(Tensor &&a, Tensor &&b);
Tensor operator-(Tensor &&x);

/// Compound assignment rebinds `a` (other handles to its old value keep it);
/// when `a` was the only handle, its buffer is reused for the result.
Tensor &operator+=(Tensor &a, const Tensor &b);
Tensor &operator-=(Tensor &a, const Tensor &b);
Tensor &operator*=(Tensor &a, const Tensor &b);
Tensor &operator/=(Tensor &a, const Tensor &b);
Tensor &operator%=(Tensor &a, const Tensor &b);
Tensor &operator&=(Tensor &a, const Tensor &b);
Tensor &operator|=(Tensor &a, const Tensor &b);

// Tensor (op) C++ scalar and C++ scalar (op) Tensor: the scalar takes the
// tensor's dtype.
#define AG_SCALAR_BINARY_(NAME, FN)                                            \
  template <class T, enable_if_scalar_t<T> = 0>                                \
  Tensor NAME(const Tensor &a, T b) {                                          \
    return FN(a, scalar_like(a, Scalar(b), #FN));                              \
  }                                                                            \
  template <class T, enable_if_scalar_t<T> = 0>                                \
  Tensor NAME(T a, const Tensor &b) {                                          \
    return FN(scalar_like(b, Scalar(a), #FN), b);                              \
  }
AG_SCALAR_BINARY_(operator+, add)
AG_SCALAR_BINARY_(operator-, sub)
AG_SCALAR_BINARY_(operator*, mul)
AG_SCALAR_BINARY_(operator/, div)
#define AG_SCALAR_RVALUE_BINARY_(NAME, FN)                                     \
  template <class T, enable_if_scalar_t<T> = 0>                                \
  Tensor NAME(Tensor &&a, T b) {                                               \
    Tensor s = scalar_like(a, Scalar(b), #FN);                                 \
    return NAME(std::move(a), std::move(s));                                   \
  }                                                                            \
  template <class T, enable_if_scalar_t<T> = 0>                                \
  Tensor NAME(T a, Tensor &&b) {                                               \
    Tensor s = scalar_like(b, Scalar(a), #FN);                                 \
    return NAME(std::move(s), std::move(b));                                   \
  }
AG_SCALAR_RVALUE_BINARY_(operator+, add)
AG_SCALAR_RVALUE_BINARY_(operator-, sub)
AG_SCALAR_RVALUE_BINARY_(operator*, mul)
AG_SCALAR_RVALUE_BINARY_(operator/, div)
#undef AG_SCALAR_RVALUE_BINARY_
AG_SCALAR_BINARY_(operator%, rem)
AG_SCALAR_BINARY_(operator<, less)
AG_SCALAR_BINARY_(operator<=, less_equal)
AG_SCALAR_BINARY_(operator>, greater)
AG_SCALAR_BINARY_(operator>=, greater_equal)
AG_SCALAR_BINARY_(operator==, equal)
AG_SCALAR_BINARY_(operator!=, not_equal)
AG_SCALAR_BINARY_(operator&, logical_and)
AG_SCALAR_BINARY_(operator|, logical_or)
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient) AG_SCALAR_BINARY_(name, name)
#include "autograph/Ops.def"
#undef AG_SCALAR_BINARY_

#define AG_SCALAR_COMPOUND_(NAME, FN)                                          \
  template <class T, enable_if_scalar_t<T> = 0>                                \
  Tensor &NAME(Tensor &a, T b) {                                               \
    Tensor s = scalar_like(a, Scalar(b), #FN);                                 \
    return NAME(a, static_cast<const Tensor &>(s));                            \
  }
AG_SCALAR_COMPOUND_(operator+=, add)
AG_SCALAR_COMPOUND_(operator-=, sub)
AG_SCALAR_COMPOUND_(operator*=, mul)
AG_SCALAR_COMPOUND_(operator/=, div)
AG_SCALAR_COMPOUND_(operator%=, rem)
#undef AG_SCALAR_COMPOUND_

/// where() with C++ scalars for a branch (taking the other branch's dtype).
template <class T, enable_if_scalar_t<T> = 0>
Tensor where(const Tensor &condition, const Tensor &a, T b) {
  return where(condition, a, scalar_like(a, Scalar(b), "where"));
}
template <class T, enable_if_scalar_t<T> = 0>
Tensor where(const Tensor &condition, T a, const Tensor &b) {
  return where(condition, scalar_like(b, Scalar(a), "where"), b);
}

} // namespace ag

#endif // AUTOGRAPH_OPS_H
