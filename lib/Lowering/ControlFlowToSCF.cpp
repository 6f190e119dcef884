//===- ControlFlowToSCF.cpp - ag.cond/while_loop/for to scf ---------------===//
//
// Patterns only; the pass driver is in ConvertAgControlFlowToSCF.cpp.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// Whether `op`'s regions contain a check that can fail: ag.assert, or an
/// ag.tensor_array_* op (an index out of range, an unwritten element, ...).
bool containsCheck(Operation *op) {
  return op
      ->walk([](Operation *inner) {
        return isa<ag::AssertOp, ag::TensorArrayCreateOp, ag::TensorArrayWriteOp,
                   ag::TensorArrayReadOp, ag::TensorArrayStackOp>(inner)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// `condition && !agrt_memref_error_pending()`: after a failed check the
/// loop stops, as eager execution (which raised) did; the pending error is
/// raised by the caller.
Value stopOnPendingError(PatternRewriter &rewriter, Location loc,
                         Operation *anchor, Value condition) {
  Value pending = callRuntimeFunction(rewriter, loc, anchor,
                                      RuntimeFunction::error_pending, {})
                      ->getResult(0);
  Value trueValue =
      rewriter.create<arith::ConstantOp>(loc, rewriter.getBoolAttr(true));
  Value clear = rewriter.create<arith::XOrIOp>(loc, pending, trueValue);
  return rewriter.create<arith::AndIOp>(loc, condition, clear);
}

/// Replaces the ag.yield ending `block` with scf.yield of `extra` values
/// followed by the yielded ones.
void replaceYieldWithSCFYield(PatternRewriter &rewriter, Block &block,
                              ValueRange leading = {}) {
  auto yield = cast<ag::YieldOp>(block.getTerminator());
  SmallVector<Value> values(leading);
  llvm::append_range(values, yield.getValues());
  rewriter.setInsertionPoint(yield);
  rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, values);
}

struct CondToSCFIf : OpRewritePattern<ag::CondOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::CondOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value predicate = extractScalar(rewriter, loc, op.getPredicate());
    auto ifOp = rewriter.create<scf::IfOp>(loc, op.getResultTypes(), predicate,
                                           /*addThenBlock=*/false,
                                           /*addElseBlock=*/false);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    replaceYieldWithSCFYield(rewriter, ifOp.getThenRegion().front());
    replaceYieldWithSCFYield(rewriter, ifOp.getElseRegion().front());
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

struct WhileLoopToSCFWhile : OpRewritePattern<ag::WhileLoopOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::WhileLoopOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    bool checked = containsCheck(op);
    auto whileOp =
        rewriter.create<scf::WhileOp>(loc, op.getResultTypes(), op.getInits());
    rewriter.inlineRegionBefore(op.getCondRegion(), whileOp.getBefore(),
                                whileOp.getBefore().end());
    rewriter.inlineRegionBefore(op.getBodyRegion(), whileOp.getAfter(),
                                whileOp.getAfter().end());

    // cond: ag.condition %p, %v...  ->  scf.condition(%p[]) %v...
    Block &before = whileOp.getBefore().front();
    auto terminator = cast<ag::ConditionOp>(before.getTerminator());
    rewriter.setInsertionPoint(terminator);
    Value condition =
        extractScalar(rewriter, terminator.getLoc(), terminator.getCondition());
    if (checked)
      condition = stopOnPendingError(rewriter, loc, whileOp, condition);
    rewriter.replaceOpWithNewOp<scf::ConditionOp>(terminator, condition,
                                                  terminator.getArgs());
    replaceYieldWithSCFYield(rewriter, whileOp.getAfter().front());
    rewriter.replaceOp(op, whileOp.getResults());
    return success();
  }
};

/// ag.for with a positive constant step: scf.for over index values.
struct ForWithPositiveStepToSCFFor : OpRewritePattern<ag::ForOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ForOp op,
                                PatternRewriter &rewriter) const override {
    // A loop with checks must be able to stop early: that is scf.while's.
    if (containsCheck(op))
      return failure();
    DenseIntElementsAttr stepAttr;
    if (!matchPattern(op.getStep(), m_Constant(&stepAttr)) ||
        !stepAttr.getSplatValue<APInt>().isStrictlyPositive())
      return failure();
    Location loc = op.getLoc();
    Type indexType = rewriter.getIndexType();
    auto toIndex = [&](Value scalarTensor) -> Value {
      return rewriter.create<arith::IndexCastOp>(
          loc, indexType, extractScalar(rewriter, loc, scalarTensor));
    };
    Value lower = toIndex(op.getLower()), upper = toIndex(op.getUpper()),
          step = toIndex(op.getStep());
    auto forOp =
        rewriter.create<scf::ForOp>(loc, lower, upper, step, op.getInits());
    Block *body = forOp.getBody();
    if (!body->empty())
      rewriter.eraseOp(body->getTerminator());

    rewriter.setInsertionPointToStart(body);
    Type ivType = getElementTypeOrSelf(op.getLower().getType());
    Value iv = rewriter.create<arith::IndexCastOp>(loc, ivType,
                                                   forOp.getInductionVar());
    SmallVector<Value> arguments{wrapScalar(rewriter, loc, iv)};
    llvm::append_range(arguments, forOp.getRegionIterArgs());
    rewriter.mergeBlocks(&op.getBody().front(), body, arguments);
    replaceYieldWithSCFYield(rewriter, *body);
    rewriter.replaceOp(op, forOp.getResults());
    return success();
  }
};

/// Any other ag.for: scf.while over the scalar induction value, counting
/// down for a negative step; a zero step runs no iteration.
struct ForToSCFWhile : OpRewritePattern<ag::ForOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ForOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lower = extractScalar(rewriter, loc, op.getLower());
    Value upper = extractScalar(rewriter, loc, op.getUpper());
    Value step = extractScalar(rewriter, loc, op.getStep());
    Type ivType = lower.getType();

    SmallVector<Value> inits{lower};
    llvm::append_range(inits, op.getInits());
    SmallVector<Type> types{ivType};
    llvm::append_range(types, op.getResultTypes());
    SmallVector<Location> locations(types.size(), loc);
    auto whileOp = rewriter.create<scf::WhileOp>(loc, types, inits);

    // before: (step > 0 && iv < upper) || (step < 0 && iv > upper)
    Block *before = rewriter.createBlock(&whileOp.getBefore(), {}, types,
                                         locations);
    Value iv = before->getArgument(0);
    Value zero = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getIntegerAttr(ivType, 0));
    auto cmp = [&](arith::CmpIPredicate predicate, Value a, Value b) -> Value {
      return rewriter.create<arith::CmpIOp>(loc, predicate, a, b);
    };
    Value up = rewriter.create<arith::AndIOp>(
        loc, cmp(arith::CmpIPredicate::sgt, step, zero),
        cmp(arith::CmpIPredicate::slt, iv, upper));
    Value down = rewriter.create<arith::AndIOp>(
        loc, cmp(arith::CmpIPredicate::slt, step, zero),
        cmp(arith::CmpIPredicate::sgt, iv, upper));
    Value more = rewriter.create<arith::OrIOp>(loc, up, down);
    if (containsCheck(op))
      more = stopOnPendingError(rewriter, loc, op, more);
    rewriter.create<scf::ConditionOp>(loc, more, before->getArguments());

    // after: the ag body on (iv as a 0-d tensor, carried...), then iv + step.
    Block *after =
        rewriter.createBlock(&whileOp.getAfter(), {}, types, locations);
    SmallVector<Value> arguments{wrapScalar(rewriter, loc, after->getArgument(0))};
    llvm::append_range(arguments, after->getArguments().drop_front());
    rewriter.mergeBlocks(&op.getBody().front(), after, arguments);
    rewriter.setInsertionPoint(after->getTerminator());
    Value next = rewriter.create<arith::AddIOp>(loc, after->getArgument(0), step);
    replaceYieldWithSCFYield(rewriter, *after, next);
    rewriter.replaceOp(op, whileOp.getResults().drop_front());
    return success();
  }
};

} // namespace

void autograph::populateAgControlFlowToSCFPatterns(RewritePatternSet &patterns) {
  patterns.add<CondToSCFIf, WhileLoopToSCFWhile, ForToSCFWhile>(
      patterns.getContext());
  patterns.add<ForWithPositiveStepToSCFFor>(patterns.getContext(),
                                            /*benefit=*/2);
}
