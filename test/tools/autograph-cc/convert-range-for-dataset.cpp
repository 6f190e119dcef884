// A range-for over an ag::data::Dataset becomes ag::data::for_dataset: the
// body takes the element as the user declared it (a tensor, or a tuple
// unpacked by a structured binding), and a loop whose body does nothing
// after a break passes the break flag's position so that the loop ends
// there, even over a dataset that repeats forever.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// Staged, the loop is one ag.while_loop whose batches are slices of the
// tensors:
// RUN: autograph-cc %s --emit=ag --function=fit --signature="f32[?,3],f32[?],f32[3]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BAD

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor fit(
AG_FUNCTION ag::Tensor fit(ag::Tensor x, ag::Tensor y, ag::Tensor w) {
  auto batches = ag::data::from_tensor_slices(x, y).batch(32);
  // CHECK: { ::ag::TensorList ag__for_[[ID:[0-9]+]] = ::ag::data::for_dataset(batches, [&](const auto &ag__item, const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{\[\[}}maybe_unused]] ::ag::Tensor w = ag__v[0]; auto [xb, yb] = ag__item; {
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); ag::Tensor error = ag::matmul(xb, ag::reshape(w, {3, 1})) - ag::reshape(yb, {-1, 1});
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); w = w - ag::reduce_mean(error * xb, 0) * 0.1f;
  // CHECK-NEXT: } return {w}; }, {w}, {"w"}); w = ag__for_[[ID]][0]; }
  for (auto [xb, yb] : batches) {
    ag::Tensor error = ag::matmul(xb, ag::reshape(w, {3, 1})) - ag::reshape(yb, {-1, 1});
    w = w - ag::reduce_mean(error * xb, 0) * 0.1f;
  }
  return w;
}
// TRACE-LABEL: func.func @fit(
// TRACE-SAME: %[[X:[^:]+]]: tensor<?x3xf32>{{.*}}, %[[Y:[^:]+]]: tensor<?xf32>{{.*}}, %[[W:[^:]+]]: tensor<3xf32>
// TRACE: %[[N:.*]] = ag.dim %[[X]], 0
// TRACE: %[[N_Y:.*]] = ag.dim %[[Y]], 0
// TRACE: %[[SAME:.*]] = ag.compare eq, %[[N_Y]], %[[N]]
// TRACE: ag.assert %[[SAME]], "from_tensor_slices: the tensors' first dimensions differ"
// TRACE: %[[BATCHES:.*]] = ag.div
// TRACE: ag.while_loop(%{{.*}}, %[[W]])
// TRACE: ag.compare lt, %{{.*}}, %[[BATCHES]]
// TRACE: } body {
// TRACE-NEXT: ^bb0(%[[Q:[^:]+]]: tensor<i64>
// TRACE-NEXT: %[[SIZE:.*]] = ag.constant dense<32> : tensor<i64>
// TRACE-NEXT: %[[FIRST:.*]] = ag.mul %[[Q]], %[[SIZE]]
// TRACE: %[[END:.*]] = ag.add %[[FIRST]]
// TRACE: %[[LAST:.*]] = ag.minimum %[[END]], %[[N]]
// TRACE: ag.slice %[[X]][%[[FIRST]], %[[LAST]]] : tensor<?x3xf32>, tensor<i64> -> tensor<?x3xf32>
// TRACE: ag.slice %[[Y]][%[[FIRST]], %[[LAST]]] : tensor<?xf32>, tensor<i64> -> tensor<?xf32>

// CHECK-LABEL: AG_FUNCTION ag::Tensor first_over(
AG_FUNCTION ag::Tensor first_over(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor found = ag::constant(-1.f);
  // The break flag is loop variable 1: for_dataset's last argument.
  // CHECK: ::ag::data::for_dataset(ag::data::from_tensor_slices(x).repeat(), [&](const auto &ag__item, const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{\[\[}}maybe_unused]] ::ag::Tensor found = ag__v[0]; {{\[\[}}maybe_unused]] ::ag::Tensor ag__break_[[FLAG:[0-9]+]] = ag__v[1]; const ag::Tensor &v = ag__item;
  // CHECK: }, {found, ag__break_[[FLAG]]}, {"found", "ag__break_[[FLAG]]"}, 1);
  for (const ag::Tensor &v : ag::data::from_tensor_slices(x).repeat()) {
    if (v > limit) {
      found = v;
      break;
    }
  }
  return found;
}

// A body with more than the guard runs on every element: no stop flag.
// CHECK-LABEL: AG_FUNCTION ag::Tensor count_after_break(
AG_FUNCTION ag::Tensor count_after_break(ag::Tensor x) {
  ag::Tensor seen = ag::constant(0);
  ag::Tensor done = ag::constant(false);
  // CHECK: ::ag::data::for_dataset(ag::data::from_tensor_slices(x), [&]
  // CHECK: }, {done, seen}, {"done", "seen"});
  for (ag::Tensor v : ag::data::from_tensor_slices(x)) {
    if (!done)
      done = v > 2.f;
    seen += 1;
  }
  return seen;
}

// A body that is only `if (!done) { ... }` ends when `done` is set, as a
// lowered break does.
// CHECK-LABEL: AG_FUNCTION ag::Tensor sum_until(
AG_FUNCTION ag::Tensor sum_until(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor total = ag::constant(0.f);
  ag::Tensor done = ag::constant(false);
  // CHECK: ::ag::data::for_dataset(ag::data::from_tensor_slices(x).repeat(), [&]
  // CHECK: }, {total, done}, {"total", "done"}, 1);
  for (ag::Tensor v : ag::data::from_tensor_slices(x).repeat()) {
    if (!done) {
      total += v;
      done = total > limit;
    }
  }
  return total;
}

// A return inside the loop sets the return flag and breaks; the break flag
// ends the loop.
// CHECK-LABEL: AG_FUNCTION ag::Tensor first_negative(
AG_FUNCTION ag::Tensor first_negative(ag::Tensor x) {
  // CHECK: ::ag::data::for_dataset(ag::data::from_tensor_slices(x), [&]
  // CHECK: }, {ag__retval, ag__do_return, ag__break_[[FLAG:[0-9]+]]}, {"ag__retval", "ag__do_return", "ag__break_[[FLAG]]"}, 2);
  for (ag::Tensor v : ag::data::from_tensor_slices(x)) {
    if (v < 0.f)
      return v;
  }
  return ag::constant(0.f);
}

#ifdef BAD
AG_FUNCTION ag::Tensor bad(ag::Tensor x) {
  ag::Tensor total = ag::constant(0.f);
  // BAD: :[[@LINE+1]]:3: error: a range-'for' over a dataset with an init-statement is not converted yet
  for (auto ds = ag::data::from_tensor_slices(x); ag::Tensor v : ds)
    total += v;
  return total;
}
#endif
