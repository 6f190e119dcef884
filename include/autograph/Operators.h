//===- Operators.h - control flow that dispatches on the type --*- C++ -*-===//
//
// What autograph-cc makes of control flow in a template whose condition's
// type depends on a template parameter (as AutoGraph's operators dispatch on
// the value): each instantiation picks its form at compile time. A tensor
// condition stages the statement with ag::cond / ag::while_loop, anything
// else runs as plain C++:
//
//   if (x > hi) x = hi;
//     -> ::ag::if_stmt(x > hi, [&](auto &x) { x = hi; }, [&](auto &x) {}, {"x"}, x);
//   while (x > 1) x = x / 2;
//     -> ::ag::while_stmt([&](auto &x) { return x > 1; },
//                         [&](auto &x) { x = x / 2; }, {"x"}, x);
//   do x = x / 2; while (x > 1);   -> ::ag::do_while_stmt(same arguments)
//   a && b, a || b, !a, c ? a : b
//     -> ::ag::and_(a, [&] { return b; }), ::ag::or_(...), ::ag::not_(a),
//        ::ag::if_exp(c, [&] { return a; }, [&] { return b; })
//
// The branches and bodies take the variables they assign (outputs, loop
// variables) as parameters of the same names. Staged, those must be
// ag::Tensor (a static_assert says so for the instantiation that is not).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_OPERATORS_H
#define AUTOGRAPH_OPERATORS_H

#include "autograph/ControlFlow.h"
#include "autograph/Creation.h"
#include "autograph/Ops.h"

#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag {

namespace detail {
template <class T>
inline constexpr bool is_tensor_v = std::is_same_v<std::decay_t<T>, Tensor>;

/// Runs `fn` on copies of `values` (tensors) and returns the copies after.
template <class Fn, class... Values>
TensorList apply_to_copies(Fn &fn, const Values &...values) {
  std::tuple<Values...> copies(values...);
  std::apply([&](auto &...v) { fn(v...); }, copies);
  return std::apply([](auto &...v) { return TensorList{v...}; }, copies);
}

template <class... Vars, std::size_t... I>
void assign_from(const TensorList &values, std::index_sequence<I...>, Vars &...vars) {
  ((vars = values[I]), ...);
}

/// Calls `fn` on copies of `values`: a test's result, or a body's variables
/// after it ran.
template <class Fn, std::size_t... I>
auto call_on_copies(Fn &fn, const TensorList &values, std::index_sequence<I...>) {
  TensorList copies = values;
  if constexpr (std::is_void_v<decltype(fn(copies[I]...))>) {
    fn(copies[I]...);
    return copies;
  } else {
    return fn(copies[I]...);
  }
}
} // namespace detail

/// `if (c) then_branch(outputs...) else else_branch(outputs...)`.
template <class Condition, class Then, class Else, class... Outputs>
void if_stmt(const Condition &c, Then &&then_branch, Else &&else_branch,
             const std::vector<std::string> &names, Outputs &...outputs) {
  if constexpr (detail::is_tensor_v<Condition>) {
    static_assert((detail::is_tensor_v<Outputs> && ...),
                  "ag::if_stmt: a tensor condition stages this if, so every "
                  "variable it assigns must be an ag::Tensor");
    TensorList results = cond(
        condition(c),
        [&] { return detail::apply_to_copies(then_branch, outputs...); },
        [&] { return detail::apply_to_copies(else_branch, outputs...); }, names);
    detail::assign_from(results, std::index_sequence_for<Outputs...>(), outputs...);
  } else {
    if (c)
      then_branch(outputs...);
    else
      else_branch(outputs...);
  }
}

/// `while (test(vars...)) body(vars...);`
template <class Test, class Body, class... Vars>
void while_stmt(Test &&test, Body &&body, const std::vector<std::string> &names,
                Vars &...vars) {
  using Condition = decltype(test(vars...));
  if constexpr (detail::is_tensor_v<Condition>) {
    static_assert((detail::is_tensor_v<Vars> && ...),
                  "ag::while_stmt: a tensor condition stages this loop, so "
                  "every variable it assigns must be an ag::Tensor");
    using Indices = std::index_sequence_for<Vars...>;
    TensorList results = while_loop(
        [&](const TensorList &v) {
          return condition(detail::call_on_copies(test, v, Indices()));
        },
        [&](const TensorList &v) {
          return detail::call_on_copies(body, v, Indices());
        },
        TensorList{vars...}, names);
    detail::assign_from(results, std::index_sequence_for<Vars...>(), vars...);
  } else {
    while (test(vars...))
      body(vars...);
  }
}

/// `do body(vars...); while (test(vars...));`: the first iteration, then the
/// loop (staged, the first iteration is traced inline before the loop).
template <class Test, class Body, class... Vars>
void do_while_stmt(Test &&test, Body &&body, const std::vector<std::string> &names,
                   Vars &...vars) {
  body(vars...);
  while_stmt(test, body, names, vars...);
}

/// `a && b()`, short-circuit: b is evaluated (or, staged, taken) only when
/// a is true.
template <class A, class B> auto and_(const A &a, B &&b) {
  using Right = decltype(b());
  if constexpr (!detail::is_tensor_v<A> && !detail::is_tensor_v<Right>) {
    return static_cast<bool>(a) && static_cast<bool>(b());
  } else {
    return cond(condition(a), [&] { return TensorList{condition(b())}; },
                [&] { return TensorList{constant(false)}; })[0];
  }
}

/// `a || b()`, short-circuit.
template <class A, class B> auto or_(const A &a, B &&b) {
  using Right = decltype(b());
  if constexpr (!detail::is_tensor_v<A> && !detail::is_tensor_v<Right>) {
    return static_cast<bool>(a) || static_cast<bool>(b());
  } else {
    return cond(condition(a), [&] { return TensorList{constant(true)}; },
                [&] { return TensorList{condition(b())}; })[0];
  }
}

/// `!a`.
template <class A> auto not_(const A &a) {
  if constexpr (detail::is_tensor_v<A>)
    return logical_not(condition(a));
  else
    return !static_cast<bool>(a);
}

/// `c ? a() : b()`.
template <class Condition, class A, class B>
auto if_exp(const Condition &c, A &&a, B &&b) {
  if constexpr (detail::is_tensor_v<Condition>) {
    return cond(condition(c), [&] { return TensorList{a()}; },
                [&] { return TensorList{b()}; })[0];
  } else {
    return c ? a() : b();
  }
}

} // namespace ag

#endif // AUTOGRAPH_OPERATORS_H
