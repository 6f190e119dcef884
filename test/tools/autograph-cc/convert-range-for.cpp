// A range-for over a tensor's rows becomes ag::for_rows, one over
// ag::range(...) ag::for_range_of on the range's bounds, with the tensors the
// body assigns as loop variables; a range-for over a C++ container stays as
// written.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// Staged, the loop over a range is an ag.for over its bounds (no ag.range):
// RUN: autograph-cc %s --emit=ag --function=triangle --signature="i64[]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BAD

#include <autograph/autograph.h>

#include <vector>

// CHECK-LABEL: AG_FUNCTION ag::Tensor row_sum(
AG_FUNCTION ag::Tensor row_sum(ag::Tensor x) {
  ag::Tensor total = ag::zeros({2}, ag::float32);
  // The loop variable keeps the user's declaration; `scaled` is local to
  // the body and not carried.
  // CHECK: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__for_[[ID:[0-9]+]] = ::ag::for_rows(x, [&](const ::ag::Tensor &ag__item, const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{\[\[}}maybe_unused]] ::ag::Tensor total = ag__v[0]; const ag::Tensor &row = ag__item; {
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); ag::Tensor scaled = row * 2.f;
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); total = total + scaled;
  // CHECK-NEXT: } return {total}; }, {total}, {"total"}); total = ag__for_[[ID]][0]; }
  for (const ag::Tensor &row : x) {
    ag::Tensor scaled = row * 2.f;
    total = total + scaled;
  }
  return total;
}

// CHECK-LABEL: AG_FUNCTION ag::Tensor triangle(
AG_FUNCTION ag::Tensor triangle(ag::Tensor n) {
  ag::Tensor sum = ag::constant(std::int64_t{0});
  // CHECK: ::ag::for_range_of(::ag::range_bounds(n), [&](const ::ag::Tensor &ag__item, const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{\[\[}}maybe_unused]] ::ag::Tensor sum = ag__v[0]; auto i = ag__item; AG_LINE({{[0-9]+}}), sum += i; return {sum}; }, {sum}, {"sum"});
  for (auto i : ag::range(n))
    sum += i;
  // CHECK: ::ag::for_range_of(::ag::range_bounds(std::int64_t{1}, n, 2), [&]
  for (ag::Tensor i : ag::range(std::int64_t{1}, n, 2))
    sum += i * 10;
  return sum;
}
// TRACE-LABEL: func.func @triangle(
// TRACE-SAME: %[[N:[^:]+]]: tensor<i64>
// TRACE-NOT: ag.range
// TRACE: %[[ZERO:.*]] = ag.constant dense<0> : tensor<i64>
// TRACE: ag.for %[[ZERO]] to %[[N]] step
// TRACE: %[[START:.*]] = ag.constant dense<1> : tensor<i64>
// TRACE-NEXT: %[[STEP:.*]] = ag.constant dense<2> : tensor<i64>
// TRACE-NEXT: ag.for %[[START]] to %[[N]] step %[[STEP]]
// TRACE-NOT: ag.range

// CHECK-LABEL: AG_FUNCTION ag::Tensor weighted(
AG_FUNCTION ag::Tensor weighted(ag::Tensor x) {
  std::vector<float> weights{0.5f, 2.f};
  // CHECK: for (float w : weights)
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); x = x * w;
  for (float w : weights) {
    x = x * w;
  }
  return x;
}

#ifdef BAD
AG_FUNCTION ag::Tensor bad(ag::Tensor x) {
  int count = 0;
  ag::Tensor total = ag::zeros({}, ag::float32);
  for (ag::Tensor v : x) {
    // BAD: convert-range-for.cpp:[[# @LINE + 1]]:11: error: variable 'count' of type 'int' is assigned in a range-'for' loop over a tensor; only ag::Tensor variables can be staged
    count += 1;
    // (A break of the loop itself is lowered to a flag: no error.)
    // BAD-NOT: error: 'break'
    if (count > 3) { break; }
    total = total + v;
  }
  return total;
}
#endif
