//===- ApproximateMathPolynomials.cpp - vectorizable exp, tanh, log -------===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_APPROXIMATEMATHPOLYNOMIALS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct ApproximateMathPolynomialsPass
    : autograph::impl::ApproximateMathPolynomialsBase<
          ApproximateMathPolynomialsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    // float32 only: float64 math keeps libm's results (the f64
    // approximations are not as exact: exp(-inf) gave a denormal instead
    // of 0), and float32 is where vectorisation pays. tanh too keeps libm's
    // tanhf, the eager runtime's: the polynomial differs from it by up to
    // 4 ulp, enough to change a recurrent network's printed outputs.
    SmallVector<Operation *> f32MathOps;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::MathDialect>(op->getDialect()) && !isa<math::TanhOp>(op) &&
          op->getNumResults() == 1 &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF32())
        f32MathOps.push_back(op);
    });
    if (failed(applyOpPatternsAndFold(f32MathOps, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
