//===- SummaryToRuntimeCalls.cpp - ag.summary_write to the C ABI ----------===//
//
// ag.summary_write becomes agrt_memref_summary_scalar(tag, description,
// value, step) or agrt_memref_summary_histogram(tag, description, values,
// buckets, step): text as i8 tensors, the data as an unranked tensor, the
// step extracted to an i64 (include/autograph/CompiledCodeABI.def; defined
// in summary/Summary.cpp). Patterns only.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {
struct SummaryWriteToRuntimeCall : OpRewritePattern<ag::SummaryWriteOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::SummaryWriteOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elementType = getElementTypeOrSelf(op.getData().getType());
    Value data = rewriter.create<tensor::CastOp>(loc, UnrankedTensorType::get(elementType),
                                                 op.getData());
    Value step = extractScalar(rewriter, loc, op.getStep());
    SmallVector<Value> arguments{runtimeText(rewriter, loc, op.getTag()),
                                 runtimeText(rewriter, loc, op.getDescription()), data};
    RuntimeFunction function = RuntimeFunction::summary_scalar;
    if (op.getPlugin() == "histograms") {
      function = RuntimeFunction::summary_histogram;
      arguments.push_back(
          rewriter.create<arith::ConstantOp>(loc, rewriter.getI64IntegerAttr(op.getBuckets())));
    }
    arguments.push_back(step);
    callRuntimeFunction(rewriter, loc, op, function, arguments);
    rewriter.eraseOp(op);
    return success();
  }
};
} // namespace

void autograph::populateAgSummaryToRuntimeCallsPatterns(RewritePatternSet &patterns) {
  patterns.add<SummaryWriteToRuntimeCall>(patterns.getContext());
}
