//===- ConvertAgMathToLinalg.cpp - pass driver ----------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace autograph {
#define GEN_PASS_DEF_CONVERTAGMATHTOLINALG
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct ConvertAgMathToLinalgPass
    : autograph::impl::ConvertAgMathToLinalgBase<ConvertAgMathToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    autograph::populateAgElementwiseToLinalgPatterns(patterns);
    autograph::populateAgStructuredOpsToLinalgPatterns(patterns);
    autograph::populateAgTensorOpsToTensorPatterns(patterns);

    // Every ag op except control flow and side effects must go.
    ConversionTarget target(*context);
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect>();
    target.addIllegalDialect<ag::AgDialect>();
    target.addLegalOp<ag::CondOp, ag::WhileLoopOp, ag::ForOp, ag::YieldOp,
                      ag::PrintOp, ag::AssertOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
