//===- ConvertAgControlFlowToSCF.cpp - pass driver ------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_CONVERTAGCONTROLFLOWTOSCF
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct ConvertAgControlFlowToSCFPass
    : autograph::impl::ConvertAgControlFlowToSCFBase<
          ConvertAgControlFlowToSCFPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    autograph::populateAgControlFlowToSCFPatterns(patterns);
    GreedyRewriteConfig config;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      return signalPassFailure();
    WalkResult remaining = getOperation()->walk([](Operation *op) {
      if (isa<ag::CondOp, ag::WhileLoopOp, ag::ForOp, ag::YieldOp>(op)) {
        op->emitError("could not be lowered to scf");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (remaining.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
