// The body of an AG_FUNCTION becomes a lambda that ag::call_function traces
// and compiles once per call signature: tensors by dtype and shape, C++
// values by value, the object of a member function by identity. Templates
// get one cache per instantiation. What cannot be compiled is an error at
// the parameter or the function.
// RUN: autograph-cc %s -- -std=c++17 2>%t.err | grep -v '^ *//' | FileCheck %s
// RUN: FileCheck %s --check-prefix=NOWARN --allow-empty < %t.err
// RUN: not autograph-cc %s -- -std=c++17 -DWITH_ERRORS 2>&1 | FileCheck %s --check-prefix=ERROR
// The converted code compiles (templates instantiated, member functions,
// void results, enums):
// RUN: autograph-cc %s -o %t.cc -- -std=c++17
// RUN: %cxx -std=c++17 -fsyntax-only -I%autograph_src/include %t.cc
// NOWARN-NOT: warning
// NOWARN-NOT: error

#include <autograph/autograph.h>

#include <string>
#include <tuple>

// CHECK: AG_FUNCTION ag::Tensor scale(const ag::Tensor &x, ag::Tensor s) { static ::ag::Function &ag__function = *new ::ag::Function("scale"); return ::ag::call_function(ag__function, nullptr, [&](const ag::Tensor &x, ag::Tensor s) -> ag::Tensor {
// CHECK-NEXT: AG_LINE({{[0-9]+}}); return x * s;
// CHECK-NEXT: }, x, s); }
AG_FUNCTION ag::Tensor scale(const ag::Tensor &x, ag::Tensor s) {
  return x * s;
}

// Tuples of tensors are results too.
// CHECK: AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> both(ag::Tensor x) { static ::ag::Function &ag__function = *new ::ag::Function("both"); return ::ag::call_function(ag__function, nullptr, [&](ag::Tensor x) -> std::tuple<ag::Tensor, ag::Tensor> {
AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> both(ag::Tensor x) {
  return {x, -x};
}

// C++ values and enums are part of the signature.
enum class Mode { Add, Mul };
// CHECK: AG_FUNCTION ag::Tensor times(ag::Tensor x, int n, bool negate, Mode mode) { static ::ag::Function &ag__function = *new ::ag::Function("times"); return ::ag::call_function(ag__function, nullptr, [&](ag::Tensor x, int n, bool negate, Mode mode) -> ag::Tensor {
// CHECK: }, x, n, negate, mode); }
AG_FUNCTION ag::Tensor times(ag::Tensor x, int n, bool negate, Mode mode) {
  ag::Tensor y = mode == Mode::Add ? x + n : x * n;
  return negate ? -y : y;
}

// A function without results (it prints).
// CHECK: AG_FUNCTION void report(ag::Tensor x) { static ::ag::Function &ag__function = *new ::ag::Function("report"); return ::ag::call_function(ag__function, nullptr, [&](ag::Tensor x) -> void {
AG_FUNCTION void report(ag::Tensor x) { ag::print("x =", x); }

// A template: one cache per instantiation.
// CHECK: template <class T> AG_FUNCTION ag::Tensor shifted(ag::Tensor x, T by) { static ::ag::Function &ag__function = *new ::ag::Function("shifted"); return ::ag::call_function(ag__function, nullptr, [&](ag::Tensor x, T by) -> ag::Tensor {
template <class T> AG_FUNCTION ag::Tensor shifted(ag::Tensor x, T by) {
  return x + by;
}

// A member function: the object is part of the signature; an unnamed
// parameter gets a name to be passed on.
struct Model {
  ag::Tensor weight = ag::constant(2.f);
  // CHECK: AG_FUNCTION ag::Tensor apply(ag::Tensor x, int ag__unnamed0) const { static ::ag::Function &ag__function = *new ::ag::Function("apply"); return ::ag::call_function(ag__function, this, [&](ag::Tensor x, int ag__unnamed0) -> ag::Tensor {
  // CHECK: }, x, ag__unnamed0); }
  AG_FUNCTION ag::Tensor apply(ag::Tensor x, int) const { return x * weight; }
};

float run() {
  Model model;
  report(times(ag::constant(1.f), 3, true, Mode::Mul));
  return shifted(ag::constant(1.f), 2).item<float>() +
         shifted(ag::constant(1.f), 0.5f).item<float>() +
         model.apply(ag::constant(1.f), 0).item<float>();
}

#ifdef WITH_ERRORS
// ERROR: wrap-function.cpp:[[@LINE+1]]:56: error: AG_FUNCTION 'named' cannot be compiled: parameter 'label' has type 'std::string'; compiled functions take ag::Tensor, C++ arithmetic values and enums, and ag objects (variables, datasets, ...)
AG_FUNCTION ag::Tensor named(ag::Tensor x, std::string label) { return x; }
// ERROR: wrap-function.cpp:[[@LINE+1]]:48: error: AG_FUNCTION 'out' cannot be compiled: parameter 'y' is a non-const reference to a tensor; a compiled function returns its results (return the tensor instead)
AG_FUNCTION void out(ag::Tensor x, ag::Tensor &y) { y = x; }
// ERROR: wrap-function.cpp:[[@LINE+1]]:19: error: AG_FUNCTION 'ratio' returns 'float': a compiled function returns void, ag::Tensor, or a std::tuple or std::pair of tensors
AG_FUNCTION float ratio(ag::Tensor x) { return x.item<float>(); }
#endif
