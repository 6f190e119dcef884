// A jump that the first pass cannot turn into a flag gets a located error
// and a non-zero exit.
// RUN: not autograph-cc %s -- -std=c++17 2>&1 | FileCheck %s

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor continue_in_switch(ag::Tensor x, int mode) {
  while (x > 1.f) {
    x = x / 2.f;
    // CHECK: unsupported-jumps.cpp:[[@LINE+1]]:5: error: 'continue' inside a 'switch' in a loop whose condition is a tensor is not supported
    switch (mode) {
    case 0:
      continue;
    }
  }
  return x;
}

// A goto into staged control flow: its label is inside the staged body.
AG_FUNCTION ag::Tensor goto_into(ag::Tensor x, bool skip) {
  if (skip)
    goto inside;
  if (x > 0.f) {
    // CHECK: unsupported-jumps.cpp:[[@LINE+1]]:3: error: 'label' inside an 'if' whose condition is a tensor is not supported yet
  inside:
    x = x * 2.f;
  }
  return x;
}
