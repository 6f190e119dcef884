//===- ScalarBuilders.h - scalar arith with ag's C++ semantics ------------===//
//
// Shared by the ag lowering patterns: 0-d tensor <-> scalar, constants, and
// the scalar forms of ag's division, comparison and conversion.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_LOWERING_SCALARBUILDERS_H
#define AUTOGRAPH_LOWERING_SCALARBUILDERS_H

#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/IR/Builders.h"

namespace autograph::lowering {

/// The element of a 0-d tensor.
mlir::Value extractScalar(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value scalarTensor);

/// A 0-d tensor holding `scalar`.
mlir::Value wrapScalar(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value scalar);

/// An arith constant of an integer or float type.
mlir::Value scalarConstant(mlir::OpBuilder &builder, mlir::Location loc,
                           mlir::Type type, double value);

/// An index value converted to an integer or float element type.
mlir::Value indexToScalar(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value index, mlir::Type type);

/// Integer division or remainder with C++ semantics (truncation, the
/// dividend's sign) and no undefined behaviour: a zero divisor divides by 1
/// and INT_MIN / -1 wraps. Reporting the error is ag.assert's job.
mlir::Value divideIntegers(mlir::OpBuilder &builder, mlir::Location loc,
                           mlir::Value lhs, mlir::Value rhs, bool remainder);

/// lhs / rhs for floats, divideIntegers for integers.
mlir::Value divideSafely(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::Value lhs, mlir::Value rhs);

/// ag.compare on scalars: ordered float comparisons except `ne`, which is
/// true for NaN as in C++; signed integer comparisons.
mlir::Value compareScalars(mlir::OpBuilder &builder, mlir::Location loc,
                           mlir::ag::ComparisonPredicate predicate,
                           mlir::Value lhs, mlir::Value rhs);

/// ag.cast on scalars: C++ conversions (float to integer truncates, x != 0
/// to bool, bool to 0 or 1).
mlir::Value convertScalar(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value value, mlir::Type to);

} // namespace autograph::lowering

#endif // AUTOGRAPH_LOWERING_SCALARBUILDERS_H
