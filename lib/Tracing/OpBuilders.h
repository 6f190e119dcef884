//===- OpBuilders.h - the ag dialect op of each op of the registry -*- C++ -*-===//
//
// How the tracer records an op of the op layer: for each entry of the op
// registry (include/autograph/Ops.def) the op mlir::ag::<Kind>Op, built
// with its ODS builder. Elementwise ops are built from their operands and
// result type alone; every other op has its build_<name> here, which maps
// the op layer's attributes to the dialect's.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACING_OPBUILDERS_H
#define AUTOGRAPH_TRACING_OPBUILDERS_H

#include "autograph/Op.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace autograph::tracing {

/// The op `kind` on `operands` (the op layer's inputs, traced) with result
/// type `type`; its result. Throws ag::TracingError for what the dialect
/// cannot express yet (batched matmul).
mlir::Value buildOp(mlir::OpBuilder &builder, mlir::Location location,
                    ag::OpKind kind, mlir::RankedTensorType type,
                    mlir::ValueRange operands, const ag::OpAttrs &attrs);

} // namespace autograph::tracing

#endif // AUTOGRAPH_TRACING_OPBUILDERS_H
