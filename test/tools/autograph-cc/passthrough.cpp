// Code without staged control flow comes out as written, with a #line that
// maps it back to this file. Comment lines are filtered out of the output
// before FileCheck reads it, so no CHECK line can match itself.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s -o %t.cc -- -std=c++17
// RUN: grep -v '^ *//' %t.cc | FileCheck %s

// CHECK: #line 1 "{{.*}}passthrough.cpp"
// CHECK-NOT: AG_LINE
// CHECK: {{^}}int add_one(int x) { return x + 1; }{{$}}
int add_one(int x) { return x + 1; }
// CHECK-NEXT: {{^}}double half(double x) { return x / 2; }{{$}}
double half(double x) { return x / 2; }
