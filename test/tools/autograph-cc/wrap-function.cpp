// The body of an AG_FUNCTION of tensors becomes an ag::function, so calls
// trace, compile and run native code; other AG_FUNCTIONs get a warning.
// RUN: autograph-cc %s -- -std=c++17 2>%t.err | grep -v '^ *//' | FileCheck %s
// RUN: FileCheck %s --check-prefix=WARN < %t.err

#include <autograph/autograph.h>

#include <tuple>

// CHECK: #include <autograph/Function.h>
// CHECK-NEXT: #line 1 "{{.*}}wrap-function.cpp"

// CHECK: AG_FUNCTION ag::Tensor scale(const ag::Tensor &x, ag::Tensor s) { static auto &__ag_function = *new auto(::ag::function([](const ag::Tensor &x, ag::Tensor s) -> ag::Tensor {
// CHECK-NEXT: return x * s;
// CHECK-NEXT: }, "scale")); return __ag_function(x, s); }
AG_FUNCTION ag::Tensor scale(const ag::Tensor &x, ag::Tensor s) {
  return x * s;
}

// Tuples of tensors are results too.
// CHECK: AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> both(ag::Tensor x) { static auto &__ag_function
AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> both(ag::Tensor x) {
  return {x, -x};
}

// WARN: wrap-function.cpp:[[@LINE+2]]:24: warning: AG_FUNCTION 'times' is converted but not compiled on call
// CHECK: AG_FUNCTION ag::Tensor times(ag::Tensor x, int n) {
AG_FUNCTION ag::Tensor times(ag::Tensor x, int n) {
  return x * n;
}
