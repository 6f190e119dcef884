//===- ConvertAgControlFlowToSCF.cpp - pass driver ------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

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
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    autograph::populateAgControlFlowToSCFPatterns(patterns);
    // Every ag control flow op must go; one that cannot be lowered is an
    // error, not a survivor.
    ConversionTarget target(*context);
    target.addIllegalOp<ag::CondOp, ag::WhileLoopOp, ag::ForOp, ag::YieldOp,
                        ag::ConditionOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
