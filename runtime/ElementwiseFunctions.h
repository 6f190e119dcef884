//===- ElementwiseFunctions.h - what each elementwise op computes -*- C++ -*-===//
//
// The eager kernel of every AG_UNARY_OP and AG_BINARY_OP of the op registry
// (include/autograph/Ops.def), as a functor <Kind>Fn that the generic
// kernels of ElementwiseKernels.cpp run over Eigen arrays (vectorised for
// the host). Each one is instantiated for the dtypes its registry entry
// accepts:
//
//   unary:  template <class T> static void run(In<T> x, Out<T> out);
//   binary: template <class T> using Element   the type the loop runs on
//           (integers wrap through their unsigned type);
//           s(a, b)   one element (the 0-d fast path);
//           e(a, b)   the Eigen expression over arrays (or a splat);
//           template <class T> static void check(a, b)   errors that
//           depend on values (integer division by zero), before any write;
//           trace_check(a, b)   the same check on symbolic operands, in ag
//           ops (TracedChecks.h), so that compiled code raises it too.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_ELEMENTWISEFUNCTIONS_H
#define AUTOGRAPH_RUNTIME_ELEMENTWISEFUNCTIONS_H

#include "DTypeClasses.h"
#include "TracedChecks.h"
#include "ElementConversion.h"
#include "TensorImpl.h"

#include "autograph/DType.h"
#include "autograph/Error.h"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ag::detail {

// --- Eigen views of buffers -------------------------------------------------------

template <class T> using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
template <class T> using In = Eigen::Map<const Vec<T>>;
template <class T> using Out = Eigen::Map<Vec<T>>;

template <class T> constexpr bool kFloat = std::is_floating_point_v<T>;

// --- unary ---------------------------------------------------------------------------

/// Integer ops that may overflow (neg, square, abs of the minimum) run on the
/// unsigned type of the same width, so they wrap instead of being undefined.
template <class T> Out<std::make_unsigned_t<T>> unsignedOut(Out<T> &o) {
  return {reinterpret_cast<std::make_unsigned_t<T> *>(o.data()), o.size()};
}
template <class T> In<std::make_unsigned_t<T>> unsignedIn(const In<T> &x) {
  return {reinterpret_cast<const std::make_unsigned_t<T> *>(x.data()), x.size()};
}

/// The unsigned integer of a float's width, for its bits.
template <class T> using BitsOf = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

struct NegFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    if constexpr (kFloat<T>) {
      // The sign bit flipped: -(+0) is -0 (Eigen's vectorised negation is
      // 0 - x, which gives +0).
      // (A plain loop: the compiler vectorises it.)
      using B = BitsOf<T>;
      constexpr B sign = B(1) << (8 * sizeof(T) - 1);
      const B *in = reinterpret_cast<const B *>(x.data());
      B *out = reinterpret_cast<B *>(o.data());
      for (Eigen::Index i = 0, n = x.size(); i < n; ++i)
        out[i] = in[i] ^ sign;
    } else {
      unsignedOut(o) = std::make_unsigned_t<T>(0) - unsignedIn(x);
    }
  }
};
struct AbsFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    if constexpr (kFloat<T>) {
      o = x.abs();
    } else {
      using U = std::make_unsigned_t<T>;
      o = x.unaryExpr(
          [](T v) { return v < 0 ? static_cast<T>(U(0) - static_cast<U>(v)) : v; });
    }
  }
};
struct SquareFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    if constexpr (kFloat<T>)
      o = x.square();
    else
      unsignedOut(o) = unsignedIn(x) * unsignedIn(x);
  }
};
struct ReluFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    // x < 0 ? 0 : x: NaN and -0 pass through, as std::max(x, 0) (a packet
    // max would give +0 for -0).
    o = (x < T(0)).select(Vec<T>::Zero(x.size()), x);
  }
};
struct SignFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    // x > 0 ? 1 : x < 0 ? -1 : x (NaN and -0 stay).
    const auto n = x.size();
    o = (x > T(0)).select(Vec<T>::Constant(n, T(1)),
                          (x < T(0)).select(Vec<T>::Constant(n, T(-1)), x));
  }
};
/// The least x whose exp is a normal number: log(the least normal).
template <class T> T leastNormalExponent() {
  return std::log(std::numeric_limits<T>::min());
}
struct ExpFn {
  template <class T> static void run(In<T> x, Out<T> o) {
    // Results below the least normal number are 0, as compiled code gives
    // them (Eigen clamps its argument: its exp(-inf) is 2.9e-39, not 0).
    o = (x < leastNormalExponent<T>()).select(Vec<T>::Zero(x.size()), x.exp());
  }
};
struct LogFn {
  template <class T> static void run(In<T> x, Out<T> o) { o = x.log(); }
};
struct SqrtFn {
  template <class T> static void run(In<T> x, Out<T> o) { o = x.sqrt(); }
};
struct TanhFn {
  template <class T> static void run(In<T> x, Out<T> o) { o = x.tanh(); }
};
struct SigmoidFn {
  template <class T> static void run(In<T> x, Out<T> o) { o = x.logistic(); }
};
struct LogicalNotFn {
  template <class T> static void run(In<T> x, Out<T> o) { o = !x; }
};

// --- binary --------------------------------------------------------------------------

/// A binary op without value-dependent errors, on the dtype itself.
struct Plain {
  template <class T> using Element = T;
  template <class T> static void check(const TensorImpl &, const TensorImpl &) {}
  static void trace_check(const Tensor &, const Tensor &) {}
};
/// One on the wrapping type (integers overflow as two's complement).
struct Wrapping : Plain {
  template <class T> using Element = wrapping_t<T>;
};

struct AddFn : Wrapping {
  template <class T> static T s(T a, T b) { return a + b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a + b; }
};
struct SubFn : Wrapping {
  template <class T> static T s(T a, T b) { return a - b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a - b; }
};
struct MulFn : Wrapping {
  template <class T> static T s(T a, T b) { return a * b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a * b; }
};

/// Raises `message` if any element of `b` is zero (integer dtypes).
template <class T> void checkNoZero(const TensorImpl &b, const char *message) {
  if constexpr (!kFloat<T>)
    if (b.numel > 0 && (In<T>(b.as<T>(), b.numel) == T(0)).any())
      throw InvalidArgumentError(message);
}

template <class T> struct IntDivElement {
  T operator()(T a, T b) const {
    // b != 0 was checked; a / -1 is negation, which must wrap for the minimum.
    using U = std::make_unsigned_t<T>;
    return b == -1 ? static_cast<T>(U(0) - static_cast<U>(a)) : a / b;
  }
};
struct DivFn : Plain {
  template <class T> static void check(const TensorImpl &, const TensorImpl &b) {
    checkNoZero<T>(b, "div: integer division by zero");
  }
  static void trace_check(const Tensor &, const Tensor &b) {
    trace_no_zero(b, "div: integer division by zero");
  }
  template <class T> static T s(T a, T b) {
    if constexpr (kFloat<T>)
      return a / b;
    else
      return IntDivElement<T>()(a, b);
  }
  template <class A, class B> static auto e(const A &a, const B &b) {
    using T = typename A::Scalar;
    if constexpr (kFloat<T>)
      return a / b;
    else
      return a.binaryExpr(b, IntDivElement<T>());
  }
};

template <class T> struct RemElement {
  T operator()(T a, T b) const {
    if constexpr (kFloat<T>)
      return std::fmod(a, b);
    else
      return b == -1 ? T(0) : a % b;
  }
};
struct RemFn : Plain {
  template <class T> static void check(const TensorImpl &, const TensorImpl &b) {
    checkNoZero<T>(b, "rem: integer division by zero");
  }
  static void trace_check(const Tensor &, const Tensor &b) {
    trace_no_zero(b, "rem: integer division by zero");
  }
  template <class T> static T s(T a, T b) { return RemElement<T>()(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, RemElement<typename A::Scalar>());
  }
};

template <class T> struct PowElement {
  T operator()(T base, T exponent) const {
    if constexpr (kFloat<T>) {
      return std::pow(base, exponent);
    } else {
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
  }
};
struct PowFn : Plain {
  static constexpr const char *kNegativeExponent =
      "pow: integers to negative integer powers are not allowed";
  template <class T> static void check(const TensorImpl &, const TensorImpl &b) {
    if constexpr (!kFloat<T>)
      if (b.numel > 0 && (In<T>(b.as<T>(), b.numel) < T(0)).any())
        throw InvalidArgumentError(kNegativeExponent);
  }
  static void trace_check(const Tensor &, const Tensor &b) {
    trace_no_negative(b, kNegativeExponent);
  }
  template <class T> static T s(T a, T b) { return PowElement<T>()(a, b); }
  template <class A, class B> static auto e(const A &a, const B &b) {
    return a.binaryExpr(b, PowElement<typename A::Scalar>());
  }
};

/// std::max/std::min with NaN propagation for floats: a NaN operand wins,
/// otherwise `a` unless `b` is strictly greater (less): on a tie of -0 and
/// +0 the result is `a` (packet max/min instructions would pick `b`).
struct MaximumFn : Plain {
  template <class T> static T s(T a, T b) {
    if constexpr (kFloat<T>)
      return std::isnan(a) ? a : std::isnan(b) ? b : (a < b ? b : a);
    else
      return a < b ? b : a;
  }
  template <class A, class B> static auto e(const A &a, const B &b) {
    using T = typename A::Scalar;
    if constexpr (kFloat<T>)
      return a.isNaN().select(a, b.isNaN().select(b, (a < b).select(b, a)));
    else
      return a.max(b);
  }
};
struct MinimumFn : Plain {
  template <class T> static T s(T a, T b) {
    if constexpr (kFloat<T>)
      return std::isnan(a) ? a : std::isnan(b) ? b : (b < a ? b : a);
    else
      return b < a ? b : a;
  }
  template <class A, class B> static auto e(const A &a, const B &b) {
    using T = typename A::Scalar;
    if constexpr (kFloat<T>)
      return a.isNaN().select(a, b.isNaN().select(b, (b < a).select(b, a)));
    else
      return a.min(b);
  }
};

struct LogicalAndFn : Plain {
  template <class T> static T s(T a, T b) { return a && b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a && b; }
};
struct LogicalOrFn : Plain {
  template <class T> static T s(T a, T b) { return a || b; }
  template <class A, class B> static auto e(const A &a, const B &b) { return a || b; }
};

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_ELEMENTWISEFUNCTIONS_H
