//===- ElementwiseKernels.cpp - elementwise ops on Eigen arrays ------------===//
//
// The generic kernels of the registry's elementwise ops: one for unary and
// one for binary ops, each running the op's functor (ElementwiseFunctions.h)
// over buffers mapped as Eigen arrays; plus compare, cast and select.
//
//===----------------------------------------------------------------------===//
#include "ElementConversion.h"
#include "ElementwiseFunctions.h"
#include "Kernels.h"
#include "Parallel.h"
#include "ShapeInference.h"
#include "TensorImpl.h"

#include <Eigen/Core>

#include <cmath>
#include <cstring>
#include <type_traits>

namespace ag::detail {
namespace {

// Runs Fn on two operands of element type TI into TO; an operand with one
// element is splatted. Fn::s is the scalar form (the 0-d fast path), Fn::e
// the Eigen expression.
template <class Fn, class TI, class TO>
void binary_loop(const TensorImpl &a, const TensorImpl &b, TensorImpl &out) {
  const std::int64_t n = out.numel;
  const TI *pa = static_cast<const TI *>(a.data);
  const TI *pb = static_cast<const TI *>(b.data);
  TO *po = static_cast<TO *>(out.data);
  if (n == 1) {
    *po = Fn::s(*pa, *pb);
    return;
  }
  const bool splatA = a.numel == 1 && n != 1, splatB = b.numel == 1 && n != 1;
  // Large ones in chunks on several threads (the results are those of one
  // thread: Parallel.h).
  parallel_for(n, /*cost=*/1, [&](std::int64_t begin, std::int64_t end) {
    const std::int64_t len = end - begin;
    Out<TO> o(po + begin, len);
    if (!splatA && !splatB)
      o = Fn::e(In<TI>(pa + begin, len), In<TI>(pb + begin, len));
    else if (splatA)
      o = Fn::e(Vec<TI>::Constant(len, *pa), In<TI>(pb + begin, len));
    else
      o = Fn::e(In<TI>(pa + begin, len), Vec<TI>::Constant(len, *pb));
  });
}

/// A registry binary op on the dtypes its entry accepts (infer_op checked).
template <class Fn, class Dtypes>
void binary_registry_op(const TensorImpl &a, const TensorImpl &b, TensorImpl &o) {
  visit_dtype(a.dtype, [&](auto t) {
    using T = decltype(t);
    if constexpr (Dtypes::template kAccepts<T>) {
      Fn::template check<T>(a, b);
      using E = typename Fn::template Element<T>;
      binary_loop<Fn, E, E>(a, b, o);
    }
  });
}

/// A registry unary op on the dtypes its entry accepts.
template <class Fn, class Dtypes>
void unary_registry_op(const TensorImpl &x, TensorImpl &o) {
  const std::int64_t n = x.numel;
  if (n == 0)
    return;
  visit_dtype(x.dtype, [&](auto t) {
    using T = decltype(t);
    if constexpr (Dtypes::template kAccepts<T>)
      // Most unary ops are transcendental: several times an add's cost.
      parallel_for(n, /*cost=*/4, [&](std::int64_t begin, std::int64_t end) {
        Fn::template run<T>(In<T>(x.as<T>() + begin, end - begin),
                            Out<T>(o.as<T>() + begin, end - begin));
      });
  });
}

#define AG_COMPARE_FN(NAME, OP)                                                \
  struct NAME {                                                                \
    template <class T> static bool s(T a, T b) { return a OP b; }              \
    template <class A, class B> static auto e(const A &a, const B &b) {        \
      return a OP b;                                                           \
    }                                                                          \
  };
AG_COMPARE_FN(EqFn, ==)
AG_COMPARE_FN(NeFn, !=)
AG_COMPARE_FN(LtFn, <)
AG_COMPARE_FN(LeFn, <=)
AG_COMPARE_FN(GtFn, >)
AG_COMPARE_FN(GeFn, >=)
#undef AG_COMPARE_FN

template <class T>
void comparison(ComparePredicate p, const TensorImpl &a, const TensorImpl &b,
                TensorImpl &o) {
  switch (p) {
  case ComparePredicate::EQ: return binary_loop<EqFn, T, bool>(a, b, o);
  case ComparePredicate::NE: return binary_loop<NeFn, T, bool>(a, b, o);
  case ComparePredicate::LT: return binary_loop<LtFn, T, bool>(a, b, o);
  case ComparePredicate::LE: return binary_loop<LeFn, T, bool>(a, b, o);
  case ComparePredicate::GT: return binary_loop<GtFn, T, bool>(a, b, o);
  case ComparePredicate::GE: return binary_loop<GeFn, T, bool>(a, b, o);
  }
}

} // namespace

void binary_into(OpKind kind, ComparePredicate predicate, const TensorImpl &ia,
                 const TensorImpl &ib, TensorImpl &o) {
  switch (kind) {
  case OpKind::Compare:
    visit_dtype(ia.dtype, [&](auto t) {
      comparison<decltype(t)>(predicate, ia, ib, o);
    });
    return;
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case OpKind::Kind:                                                           \
    return binary_registry_op<Kind##Fn, Dtypes>(ia, ib, o);
#include "autograph/Ops.def"
  default:
    throw InvalidArgumentError(std::string(op_name(kind)) +
                               ": not an elementwise binary op");
  }
}

void trace_checks(OpKind kind, const Tensor &a, const Tensor &b) {
  switch (kind) {
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case OpKind::Kind:                                                           \
    return Kind##Fn::trace_check(a, b);
#include "autograph/Ops.def"
  default:
    return;
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
  switch (kind) {
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  case OpKind::Kind:                                                           \
    return unary_registry_op<Kind##Fn, Dtypes>(ix, o);
#include "autograph/Ops.def"
  default:
    throw InvalidArgumentError(std::string(op_name(kind)) +
                               ": not an elementwise unary op");
  }
}

Tensor compare_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  return binary_kernel(OpKind::Compare, attrs.predicate, in[0], in[1], spec.dtype);
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

Tensor cast_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  DType to = attrs.dtype;
  const TensorImpl &ix = *x.impl();
  if (ix.dtype == to)
    return x;
  Tensor out = make_like(to, ix);
  convert_elements(ix.dtype, ix.data, to, out.impl()->data, ix.numel);
  return out;
}

Tensor select_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &c = in[0], &a = in[1], &b = in[2];
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
