// std::cout chains and printf calls become one print each (ag::PrintStream,
// ag::print_formatted), with tensors or not, so they print on every call of
// the compiled function and only when their branch runs, byte for byte what
// the original printed. std::cerr chains, and printf calls without tensors
// that print_formatted could not print the same way, stay as written and
// print at trace time.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s --emit=ag --function=report --signature="f32[],i64[]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE
// RUN: not autograph-cc %s -- -std=c++17 -DWITH_ERRORS 2>&1 | FileCheck %s --check-prefix=ERROR

#include <autograph/autograph.h>

#include <cstdio>
#include <iostream>

struct Phase {
  enum Kind { Eval, Train };
};

// CHECK-LABEL: AG_FUNCTION ag::Tensor report(
AG_FUNCTION ag::Tensor report(ag::Tensor loss, ag::Tensor step) {
  int epoch = 3;
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); (::ag::PrintStream() << "epoch " << epoch << "\n").print();
  std::cout << "epoch " << epoch << "\n";
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); (::ag::PrintStream() << "step " << step << ": loss " << loss * 2.f << std::endl).print();
  std::cout << "step " << step << ": loss " << loss * 2.f << std::endl;
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::print_formatted("epoch %d loss %.3f step %4lld\n", {epoch, loss, step});
  printf("epoch %d loss %.3f step %4lld\n", epoch, loss.item<float>(), (long long)step.item<std::int64_t>());
  // An unscoped enum goes to printf as its integer value.
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::print_formatted("phase %d: %g\n", {static_cast<long long>(Phase::Train), loss});
  printf("phase %d: %g\n", Phase::Train, loss.item<float>());
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::print_formatted("%s %d%%\n", {"plain", epoch});
  std::printf("%s %d%%\n", "plain", epoch);
  // Without tensors, what print_formatted would print differently stays.
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); printf("%p\n", static_cast<void *>(&epoch));
  printf("%p\n", static_cast<void *>(&epoch));
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); printf("%*d\n", 4, epoch);
  printf("%*d\n", 4, epoch);
  const char *format = "%d\n";
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); printf(format, epoch);
  printf(format, epoch);
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); int written = printf("%d\n", epoch);
  int written = printf("%d\n", epoch);
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); std::cerr << "tracing, epoch " << written << "\n";
  std::cerr << "tracing, epoch " << written << "\n";
  // A tensor on std::cerr prints its symbolic type at trace time: a warning.
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); std::cerr << loss << "\n";
  // ERROR: convert-print.cpp:[[@LINE+1]]:3: warning: a tensor written to std::cerr prints once, when the function is traced
  std::cerr << loss << "\n";
#ifdef WITH_ERRORS
  // ERROR: convert-print.cpp:[[@LINE+1]]:8: error: this std::cout chain prints a tensor and its value is used
  if ((std::cout << loss).good()) {}
  // ERROR: convert-print.cpp:[[@LINE+1]]:11: error: this printf prints a tensor and its result is used
  int n = printf("%f", loss.item<float>());
  // ERROR: convert-print.cpp:[[@LINE+1]]:18: error: this printf argument computes a C++ value from a tensor
  printf("%f\n", loss.item<float>() * 2);
  // ERROR: convert-print.cpp:[[@LINE+1]]:41: error: this printf argument has type 'int *'
  printf("%f %p\n", loss.item<float>(), &n);
#endif
  return loss;
}

// The C++ values are formatted at trace time; the tensors keep their formats.
// TRACE: ag.print("epoch 3\0A")
// TRACE: ag.print("step ", %{{.*}}, ": loss ", %{{.*}}, "\0A") : tensor<i64>, tensor<f32>
// TRACE: ag.print("epoch 3 loss ", %{{.*}} as "%.3f", " step ", %{{.*}} as "%4d", "\0A") : tensor<f32>, tensor<i64>
// TRACE: ag.print("plain 3%\0A")
