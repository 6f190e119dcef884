//===- ElementwiseToLinalg.cpp - elementwise ag ops to linalg.generic -----===//
//
// Every op that says what it computes for one element
// (ScalarComputationOpInterface: the elementwise arithmetic, logic,
// compare, cast and select ops, each with its element body in ODS) becomes
// one linalg.generic over its result, whose body the op builds; chains of
// them fuse into one loop nest (linalg-fuse-elementwise-ops). Patterns only;
// the driver is ConvertAgMathToLinalg.cpp.
//
//   %z = ag.add %x, %y : tensor<?xf32>
// becomes
//   %z = linalg.generic {identity maps, parallel} ins(%x, %y) outs(%init) {
//   ^bb0(%a: f32, %b: f32, %out: f32):
//     %s = arith.addf %a, %b : f32
//     linalg.yield %s : f32
//   }
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "LinalgBuilders.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// The operands of an elementwise ag op have the result's shape (broadcasts
/// are explicit), so the generic's maps are identities.
struct ScalarComputationToLinalg
    : OpInterfaceRewritePattern<ag::ScalarComputationOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(ag::ScalarComputationOpInterface op,
                                PatternRewriter &rewriter) const override {
    Operation *operation = op.getOperation();
    auto resultType = cast<RankedTensorType>(operation->getResult(0).getType());
    Value result = buildElementwiseGeneric(
        rewriter, operation->getLoc(), operation->getOperands(), resultType,
        [&](OpBuilder &b, Location loc, ValueRange elements) {
          return op.buildScalar(b, loc, elements);
        });
    rewriter.replaceOp(operation, result);
    return success();
  }
};

} // namespace

void autograph::populateAgElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ScalarComputationToLinalg>(patterns.getContext());
}
