//===- ElementComputations.h - one element, with ag's C++ semantics -*- C++ -*-===//
//
// The arith and math computations of single elements that give ag's ops
// their C++ semantics (integer division without undefined behaviour, C++
// comparisons and conversions, NaN-propagating maximum). The elementwise ops
// build their element body from them (ScalarComputationOpInterface), and
// the lowering uses them wherever it computes on scalars.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_ELEMENTCOMPUTATIONS_H
#define AUTOGRAPH_DIALECT_AG_ELEMENTCOMPUTATIONS_H

#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace mlir::ag {

/// An arith constant of an integer or float type.
Value scalarConstant(OpBuilder &builder, Location loc,
                           Type type, double value);

/// An index value converted to an integer or float element type.
Value indexToScalar(OpBuilder &builder, Location loc,
                          Value index, Type type);

/// Integer division or remainder with C++ semantics (truncation, the
/// dividend's sign) and no undefined behaviour: a zero divisor divides by 1
/// and INT_MIN / -1 wraps. Reporting the error is ag.assert's job.
Value divideIntegers(OpBuilder &builder, Location loc,
                           Value lhs, Value rhs, bool remainder);

/// lhs / rhs for floats, divideIntegers for integers.
Value divideSafely(OpBuilder &builder, Location loc,
                         Value lhs, Value rhs);

/// ag.compare on scalars: ordered float comparisons except `ne`, which is
/// true for NaN as in C++; signed integer comparisons.
Value compareScalars(OpBuilder &builder, Location loc,
                           ComparisonPredicate predicate,
                           Value lhs, Value rhs);

/// ag.cast on scalars: C++ conversions (float to integer truncates, x != 0
/// to bool, bool to 0 or 1).
Value convertScalar(OpBuilder &builder, Location loc,
                          Value value, Type to);

/// isnan(lhs) ? lhs : isnan(rhs) ? rhs : (lhs <replace> rhs ? rhs : lhs):
/// std::max (OLT) or std::min (OGT) with NaN propagation, as the eager
/// runtime computes them (linalg.max would give +0 for max(-0, +0)).
Value nanPropagatingChoice(OpBuilder &builder, Location loc, Value lhs,
                           Value rhs, arith::CmpFPredicate replace);

} // namespace mlir::ag

#endif // AUTOGRAPH_DIALECT_AG_ELEMENTCOMPUTATIONS_H
