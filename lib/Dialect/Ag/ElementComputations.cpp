//===- ElementComputations.cpp - one element, with ag's C++ semantics -----===//
#include "autograph/Dialect/Ag/ElementComputations.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>

namespace mlir::ag {

Value scalarConstant(OpBuilder &builder, Location loc, Type type,
                     double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return builder.create<arith::ConstantOp>(
        loc, builder.getFloatAttr(floatType, value));
  return builder.create<arith::ConstantOp>(
      loc, builder.getIntegerAttr(type, static_cast<int64_t>(value)));
}

Value indexToScalar(OpBuilder &builder, Location loc, Value index, Type type) {
  if (isa<FloatType>(type)) {
    Value asInt =
        builder.create<arith::IndexCastOp>(loc, builder.getI64Type(), index);
    return builder.create<arith::SIToFPOp>(loc, type, asInt);
  }
  return builder.create<arith::IndexCastOp>(loc, type, index);
}

Value divideIntegers(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                     bool remainder) {
  Type type = lhs.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  auto constant = [&](const APInt &value) -> Value {
    return builder.create<arith::ConstantOp>(loc,
                                             builder.getIntegerAttr(type, value));
  };
  auto equal = [&](Value a, Value b) -> Value {
    return builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, a, b);
  };
  Value zero = constant(APInt(width, 0)), one = constant(APInt(width, 1));
  Value minusOne = constant(APInt::getAllOnes(width));
  Value minValue = constant(APInt::getSignedMinValue(width));
  // INT_MIN / -1 overflows (and traps on x86): INT_MIN / 1 gives the wrapped
  // quotient INT_MIN, and the remainder is 0 either way.
  Value overflow = builder.create<arith::AndIOp>(loc, equal(lhs, minValue),
                                                 equal(rhs, minusOne));
  Value replace =
      builder.create<arith::OrIOp>(loc, equal(rhs, zero), overflow);
  Value divisor = builder.create<arith::SelectOp>(loc, replace, one, rhs);
  if (remainder)
    return builder.create<arith::RemSIOp>(loc, lhs, divisor);
  return builder.create<arith::DivSIOp>(loc, lhs, divisor);
}

Value divideSafely(OpBuilder &builder, Location loc, Value lhs, Value rhs) {
  if (isa<FloatType>(lhs.getType()))
    return builder.create<arith::DivFOp>(loc, lhs, rhs);
  return divideIntegers(builder, loc, lhs, rhs, /*remainder=*/false);
}

Value compareScalars(OpBuilder &builder, Location loc,
                     ComparisonPredicate predicate, Value lhs, Value rhs) {
  using P = ComparisonPredicate;
  if (isa<FloatType>(lhs.getType())) {
    arith::CmpFPredicate fp = arith::CmpFPredicate::OEQ;
    switch (predicate) {
    case P::eq: fp = arith::CmpFPredicate::OEQ; break;
    case P::ne: fp = arith::CmpFPredicate::UNE; break;
    case P::lt: fp = arith::CmpFPredicate::OLT; break;
    case P::le: fp = arith::CmpFPredicate::OLE; break;
    case P::gt: fp = arith::CmpFPredicate::OGT; break;
    case P::ge: fp = arith::CmpFPredicate::OGE; break;
    }
    return builder.create<arith::CmpFOp>(loc, fp, lhs, rhs);
  }
  arith::CmpIPredicate ip = arith::CmpIPredicate::eq;
  switch (predicate) {
  case P::eq: ip = arith::CmpIPredicate::eq; break;
  case P::ne: ip = arith::CmpIPredicate::ne; break;
  case P::lt: ip = arith::CmpIPredicate::slt; break;
  case P::le: ip = arith::CmpIPredicate::sle; break;
  case P::gt: ip = arith::CmpIPredicate::sgt; break;
  case P::ge: ip = arith::CmpIPredicate::sge; break;
  }
  return builder.create<arith::CmpIOp>(loc, ip, lhs, rhs);
}

Value convertScalar(OpBuilder &builder, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  if (to.isInteger(1)) {
    Value zero = scalarConstant(builder, loc, from, 0);
    if (fromFloat)
      return builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE,
                                           value, zero);
    return builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, value,
                                         zero);
  }
  if (from.isInteger(1)) {
    if (toFloat)
      return builder.create<arith::UIToFPOp>(loc, to, value);
    return builder.create<arith::ExtUIOp>(loc, to, value);
  }
  unsigned fromWidth = from.getIntOrFloatBitWidth(),
           toWidth = to.getIntOrFloatBitWidth();
  if (fromFloat && toFloat)
    return toWidth > fromWidth
               ? builder.create<arith::ExtFOp>(loc, to, value).getResult()
               : builder.create<arith::TruncFOp>(loc, to, value).getResult();
  if (fromFloat) {
    // Saturating, with NaN -> 0, as the eager runtime (fptosi alone is
    // poison out of range).
    unsigned width = to.getIntOrFloatBitWidth();
    auto floatType = cast<FloatType>(from);
    auto floatConstant = [&](double v) -> Value {
      return builder.create<arith::ConstantOp>(loc,
                                               builder.getFloatAttr(floatType, v));
    };
    auto intConstant = [&](const APInt &v) -> Value {
      return builder.create<arith::ConstantOp>(loc, builder.getIntegerAttr(to, v));
    };
    Value high = floatConstant(std::ldexp(1.0, width - 1));  // 2^(w-1)
    Value low = floatConstant(-std::ldexp(1.0, width - 1)); // -2^(w-1)
    Value truncated = builder.create<arith::FPToSIOp>(loc, to, value);
    Value tooHigh = builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE,
                                                  value, high);
    Value tooLow = builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                                 value, low);
    Value isNaN = builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO,
                                                value, value);
    Value result = builder.create<arith::SelectOp>(
        loc, tooHigh, intConstant(APInt::getSignedMaxValue(width)), truncated);
    result = builder.create<arith::SelectOp>(
        loc, tooLow, intConstant(APInt::getSignedMinValue(width)), result);
    return builder.create<arith::SelectOp>(loc, isNaN,
                                           intConstant(APInt(width, 0)), result);
  }
  if (toFloat)
    return builder.create<arith::SIToFPOp>(loc, to, value);
  return toWidth > fromWidth
             ? builder.create<arith::ExtSIOp>(loc, to, value).getResult()
             : builder.create<arith::TruncIOp>(loc, to, value).getResult();
}

Value nanPropagatingChoice(OpBuilder &b, Location loc, Value lhs, Value rhs,
                           arith::CmpFPredicate replace) {
  Value lhsIsNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, lhs, lhs);
  Value rhsIsNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, rhs, rhs);
  Value takeRhs = b.create<arith::CmpFOp>(loc, replace, lhs, rhs);
  Value ordered = b.create<arith::SelectOp>(loc, takeRhs, rhs, lhs);
  Value nanOrOrdered = b.create<arith::SelectOp>(loc, rhsIsNaN, rhs, ordered);
  return b.create<arith::SelectOp>(loc, lhsIsNaN, lhs, nanOrOrdered);
}

} // namespace mlir::ag
