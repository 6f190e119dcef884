// &&, || and ! with tensor operands, and ?: on a tensor condition, become
// ag::cond / ag::logical_not in C++'s evaluation order; an if on such a
// condition is then staged too.
// The check comments themselves are dropped from the output before checking.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor logic(ag::Tensor x, ag::Tensor y) {
  // `y > 0` is only evaluated when `x > 0` holds; false otherwise.
  // CHECK: ::ag::cond(::ag::condition((::ag::cond(::ag::condition(x > 0.f), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition(y > 0.f)}; }, [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::constant(false)}; })[0])),
  if (x > 0.f && y > 0.f)
    x = x + y;
  // `||` takes true without evaluating the right side.
  // CHECK: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(::ag::condition((::ag::cond(::ag::condition(((::ag::cond(::ag::condition(x < 0.f), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::constant(true)}; }, [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition(y < 0.f)}; })[0]))), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition(::ag::logical_not(::ag::condition((x > 100.f))))}; }, [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::constant(false)}; })[0])), [&, y = y]() mutable -> ::ag::TensorList { AG_LINE({{[0-9]+}}), y = -y; return {y}; }
  if ((x < 0.f || y < 0.f) && !(x > 100.f))
    y = -y;
  // CHECK: ag::Tensor z = (::ag::cond(::ag::condition(x > y), [&]() -> ::ag::TensorList { return ::ag::TensorList{x}; }, [&]() -> ::ag::TensorList { return ::ag::TensorList{y}; })[0]);
  ag::Tensor z = x > y ? x : y;
  return z;
}

// Logic on C++ values stays C++.
// CHECK-LABEL: int plain(
int plain(int a, int b) {
  // CHECK: return a > 0 && !(b > 0) ? a : b;
  return a > 0 && !(b > 0) ? a : b;
}
