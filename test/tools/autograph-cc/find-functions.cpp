// autograph-cc converts the AG_FUNCTION definitions of the file it is given,
// wherever the annotation is written, and skips AG_DO_NOT_CONVERT.
// RUN: autograph-cc %s --list-functions -- -std=c++17 | FileCheck %s

#include <autograph/autograph.h>

// CHECK: find-functions.cpp:[[@LINE+1]]:24: scale
AG_FUNCTION ag::Tensor scale(ag::Tensor x) { return x; }

// Annotated on the prototype only.
AG_FUNCTION int twice(int x);
// CHECK-NEXT: find-functions.cpp:[[@LINE+1]]:5: twice
int twice(int x) { return 2 * x; }

// CHECK-NOT: excluded
AG_FUNCTION AG_DO_NOT_CONVERT int excluded(int x) { return x; }

// CHECK-NOT: plain
int plain(int x) { return x; }

namespace model {
// CHECK-NEXT: find-functions.cpp:[[@LINE+1]]:30: model::Mlp::forward
struct Mlp { AG_FUNCTION int forward(int x) const { return x; } };
}
