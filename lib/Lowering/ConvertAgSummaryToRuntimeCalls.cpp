//===- ConvertAgSummaryToRuntimeCalls.cpp - pass driver -------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace autograph {
#define GEN_PASS_DEF_CONVERTAGSUMMARYTORUNTIMECALLS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct ConvertAgSummaryToRuntimeCallsPass
    : autograph::impl::ConvertAgSummaryToRuntimeCallsBase<ConvertAgSummaryToRuntimeCallsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    autograph::populateAgSummaryToRuntimeCallsPatterns(patterns);
    ConversionTarget target(*context);
    target.addIllegalOp<ag::SummaryWriteOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
