//===- ElementwiseKernels.cpp - elementwise ops on Eigen arrays ------------===//
//
// Buffers are mapped as Eigen column arrays; the expressions are Eigen's
// (vectorised for the host). Integer add/sub/mul/neg/square/abs run on the
// unsigned type of the same width so that overflow wraps (two's complement)
// instead of being undefined; integer division checks for zero first.
//
//===----------------------------------------------------------------------===//
#include "ElementConversion.h"
#include "Kernels.h"
#include "ShapeInference.h"
#include "TensorImpl.h"

#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <type_traits>

namespace ag::detail {
namespace {

template <class T> using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
template <class T> using In = Eigen::Map<const Vec<T>>;
template <class T> using Out = Eigen::Map<Vec<T>>;

template <class T> using wrap_t = wrapping_t<T>;

// Runs Op on two operands of element type TI into TO; an operand with one
// element is splatted. Op::s is the scalar form (the 0-d fast path), Op::e the
// Eigen expression.
template <class Op, class TI, class TO>
void binary_loop(const TensorImpl &a, const TensorImpl &b, TensorImpl &out) {
  const std::int64_t n = out.numel;
  const TI *pa = static_cast<const TI *>(a.data);
  const TI *pb = static_cast<const TI *>(b.data);
  TO *po = static_cast<TO *>(out.data);
  if (n == 1) {
    *po = Op::s(*pa, *pb);
    return;
  }
  if (n == 0)
    return;
  Out<TO> o(po, n);
  if (a.numel == n && b.numel == n)
    o = Op::e(In<TI>(pa, n), In<TI>(pb, n));
  else if (a.numel == 1)
    o = Op::e(Vec<TI>::Constant(n, *pa), In<TI>(pb, n));
  else
    o = Op::e(In<TI>(pa, n), Vec<TI>::Constant(n, *pb));
}

struct AddF {
  template <class T> static T s(T a, T b) { return a + b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a + b; }
};
struct SubF {
  template <class T> static T s(T a, T b) { return a - b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a - b; }
};
struct MulF {
  template <class T> static T s(T a, T b) { return a * b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a * b; }
};
struct FloatDivF {
  template <class T> static T s(T a, T b) { return a / b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a / b; }
};
template <class T> struct IntDivFn {
  T operator()(T a, T b) const {
    // b != 0 was checked; a / -1 is negation, which must wrap for the minimum.
    using U = std::make_unsigned_t<T>;
    return b == -1 ? static_cast<T>(U(0) - static_cast<U>(a)) : a / b;
  }
};
struct IntDivF {
  template <class T> static T s(T a, T b) { return IntDivFn<T>()(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, IntDivFn<typename A::Scalar>());
  }
};
template <class T> struct IntRemFn {
  T operator()(T a, T b) const { return b == -1 ? T(0) : a % b; }
};
struct IntRemF {
  template <class T> static T s(T a, T b) { return IntRemFn<T>()(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, IntRemFn<typename A::Scalar>());
  }
};
template <class T> struct FloatRemFn {
  T operator()(T a, T b) const { return std::fmod(a, b); }
};
struct FloatRemF {
  template <class T> static T s(T a, T b) { return std::fmod(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, FloatRemFn<typename A::Scalar>());
  }
};
template <class T> struct FloatPowFn {
  T operator()(T a, T b) const { return std::pow(a, b); }
};
struct FloatPowF {
  template <class T> static T s(T a, T b) { return std::pow(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, FloatPowFn<typename A::Scalar>());
  }
};
template <class T> struct IntPowFn {
  T operator()(T base, T exponent) const {
    // exponent >= 0 was checked; square-and-multiply wrapping on overflow.
    using U = std::make_unsigned_t<T>;
    U result = 1, b = static_cast<U>(base);
    for (T e = exponent; e > 0; e >>= 1) {
      if (e & 1)
        result *= b;
      b *= b;
    }
    return static_cast<T>(result);
  }
};
struct IntPowF {
  template <class T> static T s(T a, T b) { return IntPowFn<T>()(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, IntPowFn<typename A::Scalar>());
  }
};
struct FloatMaxF {
  template <class T> static T s(T a, T b) {
    return Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>()(a, b);
  }
  template <class A, class B> static auto e(const A &a, const B &b) {
    using T = typename A::Scalar;
    return a.binaryExpr(b, Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>());
  }
};
struct FloatMinF {
  template <class T> static T s(T a, T b) {
    return Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>()(a, b);
  }
  template <class A, class B> static auto e(const A &a, const B &b) {
    using T = typename A::Scalar;
    return a.binaryExpr(b, Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>());
  }
};
struct IntMaxF {
  template <class T> static T s(T a, T b) { return a < b ? b : a; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a.max(b); }
};
struct IntMinF {
  template <class T> static T s(T a, T b) { return b < a ? b : a; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a.min(b); }
};
#define AG_COMPARE_F(NAME, OP)                                                 \
  struct NAME {                                                                \
    template <class T> static bool s(T a, T b) { return a OP b; }              \
    template <class A, class B> static auto e(const A &a, const B &b) {        \
      return a OP b;                                                           \
    }                                                                          \
  };
AG_COMPARE_F(EqF, ==)
AG_COMPARE_F(NeF, !=)
AG_COMPARE_F(LtF, <)
AG_COMPARE_F(LeF, <=)
AG_COMPARE_F(GtF, >)
AG_COMPARE_F(GeF, >=)
AG_COMPARE_F(AndF, &&)
AG_COMPARE_F(OrF, ||)
#undef AG_COMPARE_F

template <class T>
void check_no_zero_divisor(const TensorImpl &b) {
  const T *p = static_cast<const T *>(b.data);
  if (b.numel > 0 && (In<T>(p, b.numel) == T(0)).any())
    throw InvalidArgumentError("div: integer division by zero");
}

template <class T>
void check_no_negative_exponent(const TensorImpl &b) {
  const T *p = static_cast<const T *>(b.data);
  if (b.numel > 0 && (In<T>(p, b.numel) < T(0)).any())
    throw InvalidArgumentError(
        "pow: integers to negative integer powers are not allowed");
}

template <class T>
void arithmetic(OpKind kind, const TensorImpl &a, const TensorImpl &b,
                TensorImpl &o) {
  using W = wrap_t<T>;
  constexpr bool fp = std::is_floating_point_v<T>;
  switch (kind) {
  case OpKind::Add: return binary_loop<AddF, W, W>(a, b, o);
  case OpKind::Sub: return binary_loop<SubF, W, W>(a, b, o);
  case OpKind::Mul: return binary_loop<MulF, W, W>(a, b, o);
  case OpKind::Div:
    if constexpr (fp) {
      return binary_loop<FloatDivF, T, T>(a, b, o);
    } else {
      check_no_zero_divisor<T>(b);
      return binary_loop<IntDivF, T, T>(a, b, o);
    }
  case OpKind::Rem:
    if constexpr (fp) {
      return binary_loop<FloatRemF, T, T>(a, b, o);
    } else {
      if (b.numel > 0 && (In<T>(static_cast<const T *>(b.data), b.numel) == T(0)).any())
        throw InvalidArgumentError("rem: integer division by zero");
      return binary_loop<IntRemF, T, T>(a, b, o);
    }
  case OpKind::Pow:
    if constexpr (fp) {
      return binary_loop<FloatPowF, T, T>(a, b, o);
    } else {
      check_no_negative_exponent<T>(b);
      return binary_loop<IntPowF, T, T>(a, b, o);
    }
  case OpKind::Maximum:
    if constexpr (fp)
      return binary_loop<FloatMaxF, T, T>(a, b, o);
    else
      return binary_loop<IntMaxF, T, T>(a, b, o);
  case OpKind::Minimum:
    if constexpr (fp)
      return binary_loop<FloatMinF, T, T>(a, b, o);
    else
      return binary_loop<IntMinF, T, T>(a, b, o);
  default:
    break;
  }
}

template <class T>
void comparison(ComparePredicate p, const TensorImpl &a, const TensorImpl &b,
                TensorImpl &o) {
  switch (p) {
  case ComparePredicate::EQ: return binary_loop<EqF, T, bool>(a, b, o);
  case ComparePredicate::NE: return binary_loop<NeF, T, bool>(a, b, o);
  case ComparePredicate::LT: return binary_loop<LtF, T, bool>(a, b, o);
  case ComparePredicate::LE: return binary_loop<LeF, T, bool>(a, b, o);
  case ComparePredicate::GT: return binary_loop<GtF, T, bool>(a, b, o);
  case ComparePredicate::GE: return binary_loop<GeF, T, bool>(a, b, o);
  }
}

template <class T>
void unary_float(OpKind kind, const T *x, T *out, std::int64_t n) {
  In<T> in(x, n);
  Out<T> o(out, n);
  switch (kind) {
  case OpKind::Neg: o = -in; return;
  case OpKind::Exp: o = in.exp(); return;
  case OpKind::Log: o = in.log(); return;
  case OpKind::Sqrt: o = in.sqrt(); return;
  case OpKind::Abs: o = in.abs(); return;
  case OpKind::Square: o = in.square(); return;
  case OpKind::Tanh: o = in.tanh(); return;
  case OpKind::Sigmoid: o = in.logistic(); return;
  case OpKind::Relu:
    o = in.binaryExpr(Vec<T>::Zero(n),
                      Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>());
    return;
  default: return;
  }
}

template <class T>
void unary_int(OpKind kind, const T *x, T *out, std::int64_t n) {
  using U = std::make_unsigned_t<T>;
  In<U> in(reinterpret_cast<const U *>(x), n);
  Out<U> o(reinterpret_cast<U *>(out), n);
  switch (kind) {
  case OpKind::Neg: o = U(0) - in; return;
  case OpKind::Square: o = in * in; return;
  case OpKind::Abs:
    Out<T>(out, n) = In<T>(x, n).unaryExpr([](T v) {
      return v < 0 ? static_cast<T>(U(0) - static_cast<U>(v)) : v;
    });
    return;
  case OpKind::Relu: Out<T>(out, n) = In<T>(x, n).max(T(0)); return;
  default: return;
  }
}

} // namespace

void binary_into(OpKind kind, ComparePredicate predicate, const TensorImpl &ia,
                 const TensorImpl &ib, TensorImpl &o) {
  if (kind == OpKind::Compare) {
    visit_dtype(ia.dtype, [&](auto t) {
      comparison<decltype(t)>(predicate, ia, ib, o);
    });
  } else if (kind == OpKind::LogicalAnd) {
    binary_loop<AndF, bool, bool>(ia, ib, o);
  } else if (kind == OpKind::LogicalOr) {
    binary_loop<OrF, bool, bool>(ia, ib, o);
  } else {
    switch (ia.dtype) {
    case DType::Float32: arithmetic<float>(kind, ia, ib, o); break;
    case DType::Float64: arithmetic<double>(kind, ia, ib, o); break;
    case DType::Int32: arithmetic<std::int32_t>(kind, ia, ib, o); break;
    case DType::Int64: arithmetic<std::int64_t>(kind, ia, ib, o); break;
    case DType::Bool: break;
    }
  }
}

Tensor binary_kernel(OpKind kind, ComparePredicate predicate, const Tensor &a,
                     const Tensor &b, DType result_dtype, bool shape_of_b) {
  const TensorImpl &ia = *a.impl();
  const TensorImpl &ib = *b.impl();
  Tensor out = make_like(result_dtype, shape_of_b ? ib : ia);
  binary_into(kind, predicate, ia, ib, *out.impl());
  return out;
}

void unary_into(OpKind kind, const TensorImpl &ix, TensorImpl &o) {
  const std::int64_t n = ix.numel;
  if (n == 0)
    return;
  switch (ix.dtype) {
  case DType::Float32: unary_float(kind, ix.as<float>(), o.as<float>(), n); break;
  case DType::Float64: unary_float(kind, ix.as<double>(), o.as<double>(), n); break;
  case DType::Int32: unary_int(kind, ix.as<std::int32_t>(), o.as<std::int32_t>(), n); break;
  case DType::Int64: unary_int(kind, ix.as<std::int64_t>(), o.as<std::int64_t>(), n); break;
  case DType::Bool:
    Out<bool>(o.as<bool>(), n) = !In<bool>(ix.as<bool>(), n);
    break;
  }
}

Tensor unary_kernel(OpKind kind, const Tensor &x) {
  const TensorImpl &ix = *x.impl();
  Tensor out = make_like(ix.dtype, ix);
  unary_into(kind, ix, *out.impl());
  return out;
}

void convert_elements(DType from, const void *src, DType to, void *dst,
                      std::int64_t n) {
  if (n <= 0)
    return;
  if (from == to) {
    std::memcpy(dst, src, static_cast<std::size_t>(n) * dtype_size(from));
    return;
  }
  visit_dtype(from, [&](auto f) {
    using From = decltype(f);
    visit_dtype(to, [&](auto t) {
      using To = decltype(t);
      In<From> in(static_cast<const From *>(src), n);
      Out<To> out(static_cast<To *>(dst), n);
      if constexpr (std::is_floating_point_v<To> && !std::is_same_v<From, bool>)
        out = in.template cast<To>();
      else
        out = in.unaryExpr([](From v) { return convert_value<To>(v); });
    });
  });
}

Tensor cast_kernel(const Tensor &x, DType to) {
  const TensorImpl &ix = *x.impl();
  if (ix.dtype == to)
    return x;
  Tensor out = make_like(to, ix);
  convert_elements(ix.dtype, ix.data, to, out.impl()->data, ix.numel);
  return out;
}

Tensor select_kernel(const Tensor &c, const Tensor &a, const Tensor &b) {
  const TensorImpl &ic = *c.impl(), &ia = *a.impl(), &ib = *b.impl();
  Tensor out = make_like(ia.dtype, ia);
  const std::int64_t n = ia.numel;
  if (n == 0)
    return out;
  void *po = out.impl()->data;
  visit_dtype(ia.dtype, [&](auto t) {
    using T = decltype(t);
    Out<T>(static_cast<T *>(po), n) =
        In<bool>(ic.as<bool>(), n)
            .select(In<T>(ia.as<T>(), n), In<T>(ib.as<T>(), n));
  });
  return out;
}

} // namespace ag::detail
