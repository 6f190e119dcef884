//===- LinalgBuilders.h - helpers shared by the ag-to-linalg patterns -----===//
#ifndef AUTOGRAPH_LOWERING_LINALGBUILDERS_H
#define AUTOGRAPH_LOWERING_LINALGBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <functional>

namespace autograph::lowering {

/// A tensor.empty of `source`'s shape (its dynamic sizes read with
/// tensor.dim) and `elementType`.
mlir::Value emptyTensorLike(mlir::OpBuilder &builder, mlir::Location loc,
                            mlir::Value source, mlir::Type elementType);

/// A tensor.empty of `type`, taking dynamic sizes from the dimensions
/// `sources[i]` of the values `sourceValues[i]`.
mlir::Value emptyTensor(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::RankedTensorType type,
                        mlir::ValueRange dynamicSizes);

/// The size of dimension `dim` of `value` as an index.
mlir::Value dimSize(mlir::OpBuilder &builder, mlir::Location loc,
                    mlir::Value value, int64_t dim);

/// A linalg.generic over `inputs` (all of the result's shape, identity maps)
/// whose body computes one element with `body`.
mlir::Value buildElementwiseGeneric(
    mlir::OpBuilder &builder, mlir::Location loc, mlir::ValueRange inputs,
    mlir::RankedTensorType resultType,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

} // namespace autograph::lowering

#endif // AUTOGRAPH_LOWERING_LINALGBUILDERS_H
