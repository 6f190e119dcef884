// Code without staged control flow comes out as written, with a #line that
// maps it back to this file.
// RUN: autograph-cc %s -- -std=c++17 | FileCheck %s
// RUN: autograph-cc %s -o %t.cc -- -std=c++17
// RUN: FileCheck %s < %t.cc

// CHECK: #line 1 "{{.*}}passthrough.cpp"
// CHECK-NEXT: // Code without staged control flow
// CHECK: int add_one(int x) { return x + 1; }
int add_one(int x) { return x + 1; }
