//===- ScalarizeSCFTensors.cpp - carry 0-d tensors through scf as scalars -===//
//
// linalg-detensorize turns 0-d linalg ops into scalar arith but leaves the
// values that scf.while, scf.for and scf.if carry as 0-d tensors, which
// bufferize to a heap allocation per iteration. These patterns carry them as
// scalars instead: extract before the op, tensor.from_elements where a region
// or the op's user still wants a tensor; canonicalization then folds the
// extract/from_elements pairs away.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_SCALARIZESCFTENSORS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {

bool isScalarTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getRank() == 0 &&
         tensor.getElementType().isIntOrIndexOrFloat();
}

bool anyScalarTensor(TypeRange types) {
  return llvm::any_of(types, isScalarTensor);
}

/// The scalar element type for 0-d tensors, the type itself otherwise.
SmallVector<Type> scalarized(TypeRange types) {
  SmallVector<Type> result;
  for (Type type : types)
    result.push_back(isScalarTensor(type)
                         ? cast<RankedTensorType>(type).getElementType()
                         : type);
  return result;
}

/// Values of 0-d tensor type replaced by their element.
SmallVector<Value> toScalars(OpBuilder &builder, Location loc,
                             ValueRange values) {
  SmallVector<Value> result;
  for (Value value : values)
    result.push_back(isScalarTensor(value.getType())
                         ? builder.create<tensor::ExtractOp>(loc, value,
                                                             ValueRange{})
                               .getResult()
                         : value);
  return result;
}

/// `values` turned back into the `types` wanted (0-d tensors rebuilt).
SmallVector<Value> toTypes(OpBuilder &builder, Location loc, ValueRange values,
                           TypeRange types) {
  SmallVector<Value> result;
  for (auto [value, type] : llvm::zip(values, types))
    result.push_back(value.getType() == type
                         ? value
                         : builder.create<tensor::FromElementsOp>(loc, type, value)
                               .getResult());
  return result;
}

/// Moves `from` into the empty `to`, whose arguments are the scalarized
/// versions of `from`'s; old uses see tensors rebuilt at the block's start.
void moveBlock(PatternRewriter &rewriter, Block *from, Block *to) {
  rewriter.setInsertionPointToStart(to);
  SmallVector<Value> arguments = toTypes(rewriter, from->getParentOp()->getLoc(),
                                         to->getArguments(),
                                         from->getArgumentTypes());
  rewriter.mergeBlocks(from, to, arguments);
}

/// Replaces the terminator's operands by their scalar forms.
template <typename TerminatorOp>
void scalarizeTerminator(PatternRewriter &rewriter, Block *block) {
  auto terminator = cast<TerminatorOp>(block->getTerminator());
  rewriter.setInsertionPoint(terminator);
  SmallVector<Value> scalars;
  if constexpr (std::is_same_v<TerminatorOp, scf::ConditionOp>) {
    scalars = toScalars(rewriter, terminator.getLoc(), terminator.getArgs());
    rewriter.replaceOpWithNewOp<scf::ConditionOp>(
        terminator, terminator.getCondition(), scalars);
  } else {
    scalars = toScalars(rewriter, terminator.getLoc(), terminator.getOperands());
    rewriter.replaceOpWithNewOp<TerminatorOp>(terminator, scalars);
  }
}

struct ScalarizeWhile : OpRewritePattern<scf::WhileOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(scf::WhileOp op,
                                PatternRewriter &rewriter) const override {
    TypeRange types = op.getInits().getTypes();
    // The ag lowering carries the same values through both regions.
    if (!anyScalarTensor(types) || op.getResultTypes() != types ||
        op.getAfter().getArgumentTypes() != types)
      return failure();
    Location loc = op.getLoc();
    SmallVector<Type> scalarTypes = scalarized(types);
    SmallVector<Location> locations(types.size(), loc);

    auto whileOp = rewriter.create<scf::WhileOp>(
        loc, scalarTypes, toScalars(rewriter, loc, op.getInits()));
    Block *before = rewriter.createBlock(&whileOp.getBefore(), {}, scalarTypes,
                                        locations);
    moveBlock(rewriter, &op.getBefore().front(), before);
    scalarizeTerminator<scf::ConditionOp>(rewriter, before);
    Block *after = rewriter.createBlock(&whileOp.getAfter(), {}, scalarTypes,
                                       locations);
    moveBlock(rewriter, &op.getAfter().front(), after);
    scalarizeTerminator<scf::YieldOp>(rewriter, after);

    rewriter.setInsertionPointAfter(whileOp);
    rewriter.replaceOp(op, toTypes(rewriter, loc, whileOp.getResults(), types));
    return success();
  }
};

struct ScalarizeFor : OpRewritePattern<scf::ForOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(scf::ForOp op,
                                PatternRewriter &rewriter) const override {
    TypeRange types = op.getInitArgs().getTypes();
    if (!anyScalarTensor(types))
      return failure();
    Location loc = op.getLoc();
    auto forOp = rewriter.create<scf::ForOp>(
        loc, op.getLowerBound(), op.getUpperBound(), op.getStep(),
        toScalars(rewriter, loc, op.getInitArgs()));
    Block *body = forOp.getBody();
    if (!body->empty())
      rewriter.eraseOp(body->getTerminator());
    // The induction variable keeps its type; carried values are scalarized.
    rewriter.setInsertionPointToStart(body);
    SmallVector<Value> arguments{forOp.getInductionVar()};
    llvm::append_range(arguments,
                       toTypes(rewriter, loc, forOp.getRegionIterArgs(), types));
    rewriter.mergeBlocks(op.getBody(), body, arguments);
    scalarizeTerminator<scf::YieldOp>(rewriter, body);
    rewriter.setInsertionPointAfter(forOp);
    rewriter.replaceOp(op, toTypes(rewriter, loc, forOp.getResults(), types));
    return success();
  }
};

struct ScalarizeIf : OpRewritePattern<scf::IfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(scf::IfOp op,
                                PatternRewriter &rewriter) const override {
    TypeRange types = op.getResultTypes();
    if (!anyScalarTensor(types) || op.getElseRegion().empty())
      return failure();
    Location loc = op.getLoc();
    auto ifOp = rewriter.create<scf::IfOp>(loc, scalarized(types),
                                           op.getCondition(),
                                           /*addThenBlock=*/false,
                                           /*addElseBlock=*/false);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    scalarizeTerminator<scf::YieldOp>(rewriter, &ifOp.getThenRegion().front());
    scalarizeTerminator<scf::YieldOp>(rewriter, &ifOp.getElseRegion().front());
    rewriter.setInsertionPointAfter(ifOp);
    rewriter.replaceOp(op, toTypes(rewriter, loc, ifOp.getResults(), types));
    return success();
  }
};

struct ScalarizeSCFTensorsPass
    : autograph::impl::ScalarizeSCFTensorsBase<ScalarizeSCFTensorsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    autograph::populateScalarizeSCFTensorsPatterns(patterns);
    tensor::ExtractOp::getCanonicalizationPatterns(patterns, context);
    tensor::FromElementsOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void autograph::populateScalarizeSCFTensorsPatterns(RewritePatternSet &patterns) {
  patterns.add<ScalarizeWhile, ScalarizeFor, ScalarizeIf>(patterns.getContext());
}
