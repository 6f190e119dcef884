//===- ConvertAgTensorArrayToRuntimeCalls.cpp - pass driver ---------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace autograph {
#define GEN_PASS_DEF_CONVERTAGTENSORARRAYTORUNTIMECALLS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct ConvertAgTensorArrayToRuntimeCallsPass
    : autograph::impl::ConvertAgTensorArrayToRuntimeCallsBase<
          ConvertAgTensorArrayToRuntimeCallsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    autograph::populateAgTensorArrayToRuntimeCallsPatterns(patterns);
    ConversionTarget target(*context);
    target.addIllegalOp<ag::TensorArrayCreateOp, ag::TensorArrayWriteOp,
                        ag::TensorArrayReadOp, ag::TensorArrayStackOp,
                        ag::TensorArrayReleaseOp, ag::TensorArraySizeOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
