//===- GeneralizeElementwiseLinalgOps.cpp - named elementwise -> generic --===//
//
// linalg-fuse-elementwise-ops fuses linalg.generic ops only. Generalizing
// every named op would also turn linalg.matmul into a generic and lose the
// runtime GEMM it is later lowered to, so only elementwise named ops
// (linalg.add, linalg.exp, linalg.select, linalg.fill, ...) are generalized.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_GENERALIZEELEMENTWISELINALGOPS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct GeneralizeElementwiseOp
    : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<linalg::GenericOp>(op) || !linalg::isElementwise(op))
      return failure();
    return linalg::generalizeNamedOp(rewriter, op);
  }
};

struct GeneralizeElementwiseLinalgOpsPass
    : autograph::impl::GeneralizeElementwiseLinalgOpsBase<
          GeneralizeElementwiseLinalgOpsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<GeneralizeElementwiseOp>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
