// Links autograph::jit: a function traced, compiled and run natively with
// the installed libraries, and the installed ag dialect used directly.
#include <autograph/Dialect/Ag/AgDialect.h>
#include <autograph/Function.h>
#include <autograph/autograph.h>

#include "mlir/IR/MLIRContext.h"

int main() {
  auto affine = ag::function([](const ag::Tensor &x) { return x * 2.f + 1.f; },
                             "affine");
  ag::Tensor y = affine(ag::constant({1.f, 2.f, 3.f}));
  ag::print("jit:", y, "traces:", affine.trace_count());

  mlir::MLIRContext context;
  context.loadDialect<mlir::ag::AgDialect>();
  ag::print("dialect:", context.getLoadedDialect("ag") != nullptr);
  return 0;
}
