//===- FuseElementwiseLinalgOps.cpp - fusion that never recomputes work ---===//
//
// linalg-fuse-elementwise-ops with one more rule. Fusing a producer into its
// consumer through a broadcasting indexing map runs the producer's body once
// per consumer element instead of once per producer element: free for a
// broadcast or a copy, and for cheap arithmetic cheaper than the buffer it
// saves, but Adam's step size (powf, sqrt and a division on 0-d tensors,
// broadcast over every weight) became two powf calls per weight. A producer
// with a math-dialect op or a division is fused only through a permutation
// map (one producer iteration per consumer iteration); otherwise it stays a
// loop of its own (a 0-d one is then detensorised into scalar code).
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_FUSEELEMENTWISELINALGOPS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
/// Whether running `producer`'s body once per element of a broadcast is
/// costly: it calls a math function (exp, pow, sqrt, ...) or divides.
bool isCostlyToRecompute(Operation *producer) {
  WalkResult costly = producer->walk([](Operation *op) {
    if (isa<math::MathDialect>(op->getDialect()) ||
        isa<arith::DivFOp, arith::DivSIOp, arith::DivUIOp, arith::RemFOp, arith::RemSIOp,
            arith::RemUIOp, arith::FloorDivSIOp, arith::CeilDivSIOp>(op))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return costly.wasInterrupted();
}

bool fusesWithoutRecomputation(OpOperand *fusedOperand) {
  Operation *producer = fusedOperand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(fusedOperand->getOwner());
  if (!consumer || consumer.getMatchingIndexingMap(fusedOperand).isPermutation())
    return true;
  return !isCostlyToRecompute(producer);
}

struct FuseElementwiseLinalgOpsPass
    : autograph::impl::FuseElementwiseLinalgOpsBase<FuseElementwiseLinalgOpsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, fusesWithoutRecomputation);
    linalg::ControlFusionFn singleUse = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer && producer->hasOneUse();
    };
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, singleUse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, singleUse);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
