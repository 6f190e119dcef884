//===- MathOps.cpp - ag elementwise ops: verifiers and folders ------------===//
#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::ag;

namespace {
/// Folds an elementwise binary op over constant operands. `intFn` sees
/// signless APInts with C++ signed semantics; `floatFn` IEEE APFloats. A
/// function returning std::nullopt leaves the op alone (it would fail at run
/// time, e.g. an integer division by zero).
template <typename IntFn, typename FloatFn>
Attribute foldBinary(ArrayRef<Attribute> operands, Type resultType,
                     IntFn intFn, FloatFn floatFn) {
  Type elementType = getElementTypeOrSelf(resultType);
  if (isa<IntegerType>(elementType))
    return constFoldBinaryOpConditional<IntegerAttr, APInt, void>(
        operands, resultType, intFn);
  if (isa<FloatType>(elementType))
    return constFoldBinaryOpConditional<FloatAttr, APFloat, void>(
        operands, resultType, floatFn);
  return {};
}

/// True when `value` is a constant whose every element equals `splat`.
bool isSplatOf(Value value, double splat) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat())
    return false;
  Type elementType = attr.getElementType();
  if (isa<FloatType>(elementType))
    return attr.getSplatValue<APFloat>().convertToDouble() == splat;
  if (elementType.isInteger(1))
    return false;
  return attr.getSplatValue<APInt>().getSExtValue() ==
         static_cast<int64_t>(splat);
}
} // namespace

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  Type elementType = getElementTypeOrSelf(getType());
  if (isa<FloatType>(elementType))
    return constFoldUnaryOp<FloatAttr, APFloat, void>(
        adaptor.getOperands(), [](const APFloat &a) { return -a; });
  return constFoldUnaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(), [](const APInt &a) { return -a; });
}

OpFoldResult LogicalNotOp::fold(FoldAdaptor adaptor) {
  // not(not(x)) -> x
  if (auto inner = getOperand().getDefiningOp<LogicalNotOp>())
    return inner.getOperand();
  return constFoldUnaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(), [](const APInt &a) { return ~a; });
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(getRhs(), 0.0) && getElementTypeOrSelf(getType()).isInteger())
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a + b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a + b;
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a - b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  // x * 1 -> x (exact for every dtype, including floats).
  if (isSplatOf(getRhs(), 1.0))
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a * b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a * b;
      });
}

// Float maximum/minimum are not folded: NaN handling is the kernels' to
// define, and folding must never disagree with them.
OpFoldResult MaximumOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.sge(b) ? a : b;
      },
      [](const APFloat &, const APFloat &) -> std::optional<APFloat> {
        return std::nullopt;
      });
}

OpFoldResult MinimumOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.sle(b) ? a : b;
      },
      [](const APFloat &, const APFloat &) -> std::optional<APFloat> {
        return std::nullopt;
      });
}

OpFoldResult LogicalAndOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return constFoldBinaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) { return a & b; });
}

OpFoldResult LogicalOrOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return constFoldBinaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(), getType(),
      [](const APInt &a, const APInt &b) { return a | b; });
}

//===----------------------------------------------------------------------===//
// CompareOp
//===----------------------------------------------------------------------===//

LogicalResult CompareOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location>, ValueRange operands,
    DictionaryAttr, OpaqueProperties, RegionRange,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto lhsType = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!lhsType)
    return failure();
  inferredReturnTypes.push_back(
      RankedTensorType::get(lhsType.getShape(), IntegerType::get(context, 1)));
  return success();
}

static bool compareInts(ComparisonPredicate predicate, const APInt &a,
                        const APInt &b) {
  switch (predicate) {
  case ComparisonPredicate::eq: return a.eq(b);
  case ComparisonPredicate::ne: return a.ne(b);
  case ComparisonPredicate::lt: return a.slt(b);
  case ComparisonPredicate::le: return a.sle(b);
  case ComparisonPredicate::gt: return a.sgt(b);
  case ComparisonPredicate::ge: return a.sge(b);
  }
  llvm_unreachable("unknown comparison predicate");
}

static bool compareFloats(ComparisonPredicate predicate, const APFloat &a,
                          const APFloat &b) {
  APFloat::cmpResult order = a.compare(b);
  switch (predicate) {
  case ComparisonPredicate::eq: return order == APFloat::cmpEqual;
  case ComparisonPredicate::ne: return order != APFloat::cmpEqual;
  case ComparisonPredicate::lt: return order == APFloat::cmpLessThan;
  case ComparisonPredicate::le:
    return order == APFloat::cmpLessThan || order == APFloat::cmpEqual;
  case ComparisonPredicate::gt: return order == APFloat::cmpGreaterThan;
  case ComparisonPredicate::ge:
    return order == APFloat::cmpGreaterThan || order == APFloat::cmpEqual;
  }
  llvm_unreachable("unknown comparison predicate");
}

OpFoldResult CompareOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getRhs());
  if (!lhs || !rhs)
    return {};
  auto resultType = cast<ShapedType>(getType());
  SmallVector<bool> results;
  results.reserve(lhs.getNumElements());
  if (isa<FloatType>(lhs.getElementType())) {
    for (auto [a, b] : llvm::zip(lhs.getValues<APFloat>(), rhs.getValues<APFloat>()))
      results.push_back(compareFloats(getPredicate(), a, b));
  } else {
    for (auto [a, b] : llvm::zip(lhs.getValues<APInt>(), rhs.getValues<APInt>()))
      results.push_back(compareInts(getPredicate(), a, b));
  }
  return DenseElementsAttr::get(resultType, results);
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::verify() {
  auto operandType = cast<RankedTensorType>(getOperand().getType());
  auto resultType = cast<RankedTensorType>(getType());
  if (operandType.getShape() != resultType.getShape())
    return emitOpError("changes the shape from ")
           << operandType << " to " << resultType
           << "; a cast converts the element type only";
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::verify() {
  auto conditionType = cast<RankedTensorType>(getCondition().getType());
  auto valueType = cast<RankedTensorType>(getType());
  if (conditionType.getShape() != valueType.getShape())
    return emitOpError("condition type ")
           << conditionType << " does not have the shape of the values "
           << valueType << "; broadcast it first";
  return success();
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getOnTrue() == getOnFalse())
    return getOnTrue();
  auto condition = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
  if (condition && condition.isSplat())
    return condition.getSplatValue<bool>() ? getOnTrue() : getOnFalse();
  return {};
}
