//===- ControlFlowOps.cpp - ag.cond, ag.while_loop, ag.for, ag.yield ------===//
#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ag;

namespace {
SmallVector<Type> typesOf(TypeRange types) { return llvm::to_vector(types); }

/// The last op of `region`'s block if it is a terminator, else null (an
/// empty block, or one that does not end in a terminator: the op verifiers
/// run before the blocks' own checks, so they must not assume one).
Operation *terminatorOf(Region &region) {
  Block &block = region.front();
  return block.mightHaveTerminator() ? block.getTerminator() : nullptr;
}

/// Checks that `region` ends in an ag.yield of exactly `expected` types.
/// `what` says what the yielded values are for, in the error message.
LogicalResult verifyYield(Operation *op, Region &region, StringRef regionName,
                          TypeRange expected, StringRef what) {
  auto yield = dyn_cast_or_null<YieldOp>(terminatorOf(region));
  if (!yield)
    return op->emitOpError() << regionName << " region must end in ag.yield";
  TypeRange yielded = yield.getValues().getTypes();
  if (yielded != expected)
    return op->emitOpError()
           << regionName << " region yields (" << typesOf(yielded)
           << ") but " << what << " (" << typesOf(expected) << ")";
  return success();
}

/// Checks that the entry block of `region` takes arguments of `expected`
/// types.
LogicalResult verifyBlockArguments(Operation *op, Region &region,
                                   StringRef regionName, TypeRange expected) {
  TypeRange actual = region.front().getArgumentTypes();
  if (actual != expected)
    return op->emitOpError()
           << regionName << " region takes arguments (" << typesOf(actual)
           << ") but the loop carries (" << typesOf(expected) << ")";
  return success();
}

std::optional<bool> constantBool(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat())
    return std::nullopt;
  return attr.getSplatValue<bool>();
}

std::optional<int64_t> constantInt(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat())
    return std::nullopt;
  return attr.getSplatValue<APInt>().getSExtValue();
}
} // namespace

//===----------------------------------------------------------------------===//
// CondOp
//===----------------------------------------------------------------------===//

LogicalResult CondOp::verify() {
  if (failed(verifyYield(*this, getThenRegion(), "then", getResultTypes(),
                         "the op returns")) ||
      failed(verifyYield(*this, getElseRegion(), "else", getResultTypes(),
                         "the op returns")))
    return failure();
  return success();
}

// Either branch runs, then the op's results take what it yields.
void CondOp::getSuccessorRegions(RegionBranchPoint point,
                                 SmallVectorImpl<RegionSuccessor> &regions) {
  if (!point.isParent()) {
    regions.emplace_back(getResults());
    return;
  }
  std::optional<bool> predicate = constantBool(getPredicate());
  if (!predicate || *predicate)
    regions.emplace_back(&getThenRegion());
  if (!predicate || !*predicate)
    regions.emplace_back(&getElseRegion());
}

OperandRange CondOp::getEntrySuccessorOperands(RegionBranchPoint) {
  // The predicate is not passed to the branches (they take no arguments).
  return getOperation()->getOperands().drop_front(getOperation()->getNumOperands());
}

namespace {
/// ag.cond on a constant predicate is the taken branch, inlined.
struct InlineCondWithConstantPredicate : OpRewritePattern<CondOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<bool> predicate = constantBool(op.getPredicate());
    if (!predicate)
      return failure();
    Block *taken = *predicate ? &op.getThenRegion().front()
                              : &op.getElseRegion().front();
    auto yield = cast<YieldOp>(taken->getTerminator());
    SmallVector<Value> results(yield.getValues());
    rewriter.inlineBlockBefore(taken, op);
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A result that both branches yield from the same value defined above the
/// op is that value.
struct ForwardCondResultsDefinedAbove : OpRewritePattern<CondOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondOp op,
                                PatternRewriter &rewriter) const override {
    auto thenYield = cast<YieldOp>(op.getThenRegion().front().getTerminator());
    auto elseYield = cast<YieldOp>(op.getElseRegion().front().getTerminator());
    bool changed = false;
    for (auto [result, thenValue, elseValue] :
         llvm::zip(op.getResults(), thenYield.getValues(),
                   elseYield.getValues())) {
      if (thenValue != elseValue || result.use_empty() ||
          op->isAncestor(thenValue.getParentRegion()->getParentOp()))
        continue;
      rewriter.replaceAllUsesWith(result, thenValue);
      changed = true;
    }
    return success(changed);
  }
};
} // namespace

void CondOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<InlineCondWithConstantPredicate, ForwardCondResultsDefinedAbove>(
      context);
}

//===----------------------------------------------------------------------===//
// WhileLoopOp
//===----------------------------------------------------------------------===//

LogicalResult WhileLoopOp::verify() {
  TypeRange carried = getInits().getTypes();
  if (getResultTypes() != carried)
    return emitOpError("results (")
           << typesOf(getResultTypes()) << ") differ from the initial values ("
           << typesOf(carried) << ")";
  if (failed(verifyBlockArguments(*this, getCondRegion(), "cond", carried)) ||
      failed(verifyBlockArguments(*this, getBodyRegion(), "body", carried)) ||
      failed(verifyYield(*this, getBodyRegion(), "body", carried,
                         "the loop carries")))
    return failure();
  auto condition = dyn_cast_or_null<ConditionOp>(terminatorOf(getCondRegion()));
  if (!condition)
    return emitOpError("cond region must end in ag.condition");
  TypeRange forwarded = condition.getArgs().getTypes();
  if (forwarded != carried)
    return emitOpError("cond region forwards (")
           << typesOf(forwarded) << ") but the loop carries ("
           << typesOf(carried) << ")";
  return success();
}

// The cond region runs first, on the initial values; it goes on to the body
// or out to the results; the body goes back to the cond region.
void WhileLoopOp::getSuccessorRegions(RegionBranchPoint point,
                                      SmallVectorImpl<RegionSuccessor> &regions) {
  if (point.isParent() || point == getBodyRegion()) {
    regions.emplace_back(&getCondRegion(), getCondRegion().getArguments());
    return;
  }
  regions.emplace_back(&getBodyRegion(), getBodyRegion().getArguments());
  regions.emplace_back(getResults());
}

OperandRange WhileLoopOp::getEntrySuccessorOperands(RegionBranchPoint) {
  return getInits();
}

SmallVector<Region *> WhileLoopOp::getLoopRegions() {
  return {&getCondRegion(), &getBodyRegion()};
}

Block::BlockArgListType WhileLoopOp::getRegionIterArgs() {
  return getBodyRegion().getArguments();
}

std::optional<ResultRange> WhileLoopOp::getLoopResults() { return getResults(); }

MutableOperandRange ConditionOp::getMutableSuccessorOperands(RegionBranchPoint) {
  return getArgsMutable();
}

namespace {
/// A while loop whose condition is constant false never runs its body, but
/// runs its condition once: the condition region is inlined before the op
/// (on the initial values), so a print or an assert in it still runs once,
/// and the results are what the condition forwards.
struct RemoveWhileLoopWithFalseCondition : OpRewritePattern<WhileLoopOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(WhileLoopOp op,
                                PatternRewriter &rewriter) const override {
    Block &condBlock = op.getCondRegion().front();
    auto terminator = cast<ConditionOp>(condBlock.getTerminator());
    std::optional<bool> condition = constantBool(terminator.getCondition());
    if (!condition || *condition)
      return failure();
    SmallVector<Value> inits(op.getInits());
    rewriter.inlineBlockBefore(&condBlock, op, inits);
    SmallVector<Value> results(terminator.getArgs());
    rewriter.eraseOp(terminator);
    rewriter.replaceOp(op, results);
    return success();
  }
};
} // namespace

void WhileLoopOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<RemoveWhileLoopWithFalseCondition>(context);
}

//===----------------------------------------------------------------------===//
// ForOp
//===----------------------------------------------------------------------===//

LogicalResult ForOp::verify() {
  TypeRange carried = getInits().getTypes();
  if (getResultTypes() != carried)
    return emitOpError("results (")
           << typesOf(getResultTypes()) << ") differ from the initial values ("
           << typesOf(carried) << ")";
  SmallVector<Type> arguments{getLower().getType()};
  llvm::append_range(arguments, carried);
  TypeRange actual = getBody().front().getArgumentTypes();
  if (actual != TypeRange(arguments))
    return emitOpError("body region takes arguments (")
           << typesOf(actual) << ") but expects the induction value and the "
           << "carried values (" << arguments << ")";
  return verifyYield(*this, getBody(), "body", carried, "the loop carries");
}

// The body runs zero or more times on (induction value, carried values);
// the results are the last carried values.
void ForOp::getSuccessorRegions(RegionBranchPoint,
                                SmallVectorImpl<RegionSuccessor> &regions) {
  regions.emplace_back(&getBody(), getRegionIterArgs());
  regions.emplace_back(getResults());
}

OperandRange ForOp::getEntrySuccessorOperands(RegionBranchPoint) {
  return getInits();
}

SmallVector<Region *> ForOp::getLoopRegions() { return {&getBody()}; }

Block::BlockArgListType ForOp::getRegionIterArgs() {
  return getBody().getArguments().drop_front();
}

std::optional<ResultRange> ForOp::getLoopResults() { return getResults(); }

namespace {
/// A counted loop with constant bounds that runs zero times.
struct RemoveZeroTripForOp : OpRewritePattern<ForOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ForOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> lower = constantInt(op.getLower()),
                           upper = constantInt(op.getUpper()),
                           step = constantInt(op.getStep());
    if (!lower || !upper || !step || *step == 0)
      return failure();
    bool empty = *step > 0 ? *lower >= *upper : *lower <= *upper;
    if (!empty)
      return failure();
    rewriter.replaceOp(op, op.getInits());
    return success();
  }
};
} // namespace

void ForOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<RemoveZeroTripForOp>(context);
}
