//===- ElementwiseToLinalg.cpp - elementwise ag ops to linalg -------------===//
//
// Unary and binary arithmetic, logic, compare, cast and select. An op becomes
// a linalg named op when one has exactly its semantics for the element type
// (linalg.add, linalg.exp, linalg.select, ...) and a linalg.generic with an
// arith/math body otherwise. Patterns only; the driver is
// ConvertAgMathToLinalg.cpp.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "LinalgBuilders.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// Builds a linalg named op for `inputs` into `init` if one has the ag op's
/// semantics for this element type; returns nullptr otherwise.
using NamedOpBuilder = std::function<Operation *(
    OpBuilder &, Location, Type elementType, ValueRange inputs, Value init)>;

/// Computes one result element from the operands' elements.
using ScalarBuilder = std::function<Value(OpBuilder &, Location, Type resultElement,
                                          ValueRange args)>;

template <typename NamedOp>
NamedOpBuilder named() {
  return [](OpBuilder &b, Location loc, Type, ValueRange inputs,
            Value init) -> Operation * {
    return b.create<NamedOp>(loc, inputs, init);
  };
}

template <typename NamedOp>
NamedOpBuilder namedForFloats() {
  return [](OpBuilder &b, Location loc, Type elementType, ValueRange inputs,
            Value init) -> Operation * {
    if (!isa<FloatType>(elementType))
      return nullptr;
    return b.create<NamedOp>(loc, inputs, init);
  };
}

/// One lowering for every elementwise ag op: the result has the shape of
/// operand 0 (ag elementwise operands have one shape).
struct ElementwiseToLinalg : RewritePattern {
  ElementwiseToLinalg(StringRef opName, MLIRContext *context,
                      NamedOpBuilder namedBuilder, ScalarBuilder scalarBuilder)
      : RewritePattern(opName, /*benefit=*/1, context),
        namedBuilder(std::move(namedBuilder)),
        scalarBuilder(std::move(scalarBuilder)) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    Location loc = op->getLoc();
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    // The element type the computation is on: that of the last operand
    // (select's condition is i1; its values are the last two operands).
    Type operandElement = getElementTypeOrSelf(op->getOperands().back());
    if (namedBuilder) {
      Value init = emptyTensorLike(rewriter, loc, op->getOperand(0),
                                   resultType.getElementType());
      if (Operation *namedOp = namedBuilder(rewriter, loc, operandElement,
                                            op->getOperands(), init)) {
        rewriter.replaceOp(op, namedOp->getResults());
        return success();
      }
      rewriter.eraseOp(init.getDefiningOp());
    }
    Value result = buildElementwiseGeneric(
        rewriter, loc, op->getOperands(), resultType,
        [&](OpBuilder &b, Location l, ValueRange args) {
          return scalarBuilder(b, l, resultType.getElementType(), args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  NamedOpBuilder namedBuilder;
  ScalarBuilder scalarBuilder;
};

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

template <typename NamedOp>
NamedOpBuilder namedForIntegers() {
  return [](OpBuilder &b, Location loc, Type elementType, ValueRange inputs,
            Value init) -> Operation * {
    if (!isa<IntegerType>(elementType))
      return nullptr;
    return b.create<NamedOp>(loc, inputs, init);
  };
}

/// isnan(a) ? a : isnan(b) ? b : (a <replace> b ? b : a), that is
/// std::max (OLT) or std::min (OGT) with NaN propagation.
Value nanPropagatingChoice(OpBuilder &b, Location loc, Value lhs, Value rhs,
                           arith::CmpFPredicate replace) {
  Value lhsIsNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, lhs, lhs);
  Value rhsIsNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, rhs, rhs);
  Value takeRhs = b.create<arith::CmpFOp>(loc, replace, lhs, rhs);
  Value ordered = b.create<arith::SelectOp>(loc, takeRhs, rhs, lhs);
  Value nanOrOrdered = b.create<arith::SelectOp>(loc, rhsIsNaN, rhs, ordered);
  return b.create<arith::SelectOp>(loc, lhsIsNaN, lhs, nanOrOrdered);
}

} // namespace

void autograph::populateAgElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  auto add = [&](StringRef name, NamedOpBuilder namedBuilder,
                 ScalarBuilder scalarBuilder) {
    patterns.add(std::make_unique<ElementwiseToLinalg>(
        name, context, std::move(namedBuilder), std::move(scalarBuilder)));
  };
  // exp, log, sqrt and tanh take floats only (ODS), so the named op fits.

  add(ag::AddOp::getOperationName(), named<linalg::AddOp>(), nullptr);
  add(ag::SubOp::getOperationName(), named<linalg::SubOp>(), nullptr);
  add(ag::MulOp::getOperationName(), named<linalg::MulOp>(), nullptr);
  add(ag::DivOp::getOperationName(), namedForFloats<linalg::DivOp>(),
      [](OpBuilder &b, Location loc, Type, ValueRange args) {
        return divideIntegers(b, loc, args[0], args[1], /*remainder=*/false);
      });
  add(ag::RemOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        if (isFloat(args[0]))
          return b.create<arith::RemFOp>(loc, args[0], args[1]);
        return divideIntegers(b, loc, args[0], args[1], /*remainder=*/true);
      });
  add(ag::PowOp::getOperationName(), namedForFloats<linalg::PowFOp>(),
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return b.create<math::IPowIOp>(loc, args[0], args[1]);
      });
  // Float maximum/minimum are those of the eager runtime: a NaN operand
  // wins, otherwise std::max/std::min (which keep `a` when a == b, so the
  // sign of a zero is that of `a`). linalg.max (arith.maximumf) would return
  // +0 for max(-0, +0) and print differently.
  add(ag::MaximumOp::getOperationName(), namedForIntegers<linalg::MaxOp>(),
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return nanPropagatingChoice(b, loc, args[0], args[1],
                                    arith::CmpFPredicate::OLT);
      });
  add(ag::MinimumOp::getOperationName(), namedForIntegers<linalg::MinOp>(),
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return nanPropagatingChoice(b, loc, args[0], args[1],
                                    arith::CmpFPredicate::OGT);
      });

  add(ag::NegOp::getOperationName(), namedForFloats<linalg::NegFOp>(),
      [](OpBuilder &b, Location loc, Type type, ValueRange args) -> Value {
        return b.create<arith::SubIOp>(loc, scalarConstant(b, loc, type, 0),
                                       args[0]);
      });
  add(ag::AbsOp::getOperationName(), namedForFloats<linalg::AbsOp>(),
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return b.create<math::AbsIOp>(loc, args[0]);
      });
  add(ag::SquareOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        if (isFloat(args[0]))
          return b.create<arith::MulFOp>(loc, args[0], args[0]);
        return b.create<arith::MulIOp>(loc, args[0], args[0]);
      });
  // relu(x) = x < 0 ? 0 : x: NaN and -0 pass through, as std::max(x, 0).
  add(ag::ReluOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type type, ValueRange args) -> Value {
        Value zero = scalarConstant(b, loc, type, 0);
        Value negative =
            compareScalars(b, loc, ag::ComparisonPredicate::lt, args[0], zero);
        return b.create<arith::SelectOp>(loc, negative, zero, args[0]);
      });
  add(ag::ExpOp::getOperationName(), named<linalg::ExpOp>(), nullptr);
  add(ag::LogOp::getOperationName(), named<linalg::LogOp>(), nullptr);
  add(ag::SqrtOp::getOperationName(), named<linalg::SqrtOp>(), nullptr);
  add(ag::TanhOp::getOperationName(), named<linalg::TanhOp>(), nullptr);
  add(ag::SigmoidOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type type, ValueRange args) -> Value {
        // 1 / (1 + exp(-x))
        Value one = scalarConstant(b, loc, type, 1);
        Value negated = b.create<arith::NegFOp>(loc, args[0]);
        Value denominator =
            b.create<arith::AddFOp>(loc, one, b.create<math::ExpOp>(loc, negated));
        return b.create<arith::DivFOp>(loc, one, denominator);
      });

  add(ag::LogicalNotOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type type, ValueRange args) -> Value {
        Value trueValue = b.create<arith::ConstantOp>(loc, b.getBoolAttr(true));
        return b.create<arith::XOrIOp>(loc, args[0], trueValue);
      });
  add(ag::LogicalAndOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return b.create<arith::AndIOp>(loc, args[0], args[1]);
      });
  add(ag::LogicalOrOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type, ValueRange args) -> Value {
        return b.create<arith::OrIOp>(loc, args[0], args[1]);
      });
  add(ag::CastOp::getOperationName(), nullptr,
      [](OpBuilder &b, Location loc, Type type, ValueRange args) -> Value {
        return convertScalar(b, loc, args[0], type);
      });
  add(ag::SelectOp::getOperationName(), named<linalg::SelectOp>(), nullptr);

  // compare needs its predicate: a pattern of its own.
  struct CompareToLinalg : OpRewritePattern<ag::CompareOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(ag::CompareOp op,
                                  PatternRewriter &rewriter) const override {
      ag::ComparisonPredicate predicate = op.getPredicate();
      Value result = buildElementwiseGeneric(
          rewriter, op.getLoc(), op->getOperands(),
          cast<RankedTensorType>(op.getType()),
          [&](OpBuilder &b, Location loc, ValueRange args) {
            return compareScalars(b, loc, predicate, args[0], args[1]);
          });
      rewriter.replaceOp(op, result);
      return success();
    }
  };
  patterns.add<CompareToLinalg>(context);
}
