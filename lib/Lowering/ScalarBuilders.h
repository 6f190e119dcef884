//===- ScalarBuilders.h - 0-d tensors and their elements --------*- C++ -*-===//
//
// Shared by the ag lowering patterns: a 0-d tensor's element and back. The
// computations on elements are the dialect's (ElementComputations.h).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_LOWERING_SCALARBUILDERS_H
#define AUTOGRAPH_LOWERING_SCALARBUILDERS_H

#include "autograph/Dialect/Ag/ElementComputations.h"

#include "mlir/IR/Builders.h"

namespace autograph::lowering {

// The element computations of the dialect, as the patterns use them.
using mlir::ag::compareScalars;
using mlir::ag::convertScalar;
using mlir::ag::divideIntegers;
using mlir::ag::divideSafely;
using mlir::ag::indexToScalar;
using mlir::ag::scalarConstant;

/// The element of a 0-d tensor.
mlir::Value extractScalar(mlir::OpBuilder &builder, mlir::Location loc,
                          mlir::Value scalarTensor);

/// A 0-d tensor holding `scalar`.
mlir::Value wrapScalar(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value scalar);

} // namespace autograph::lowering

#endif // AUTOGRAPH_LOWERING_SCALARBUILDERS_H
