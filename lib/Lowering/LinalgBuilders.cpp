//===- LinalgBuilders.cpp - helpers shared by the ag-to-linalg patterns ---===//
#include "LinalgBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;

namespace autograph::lowering {

Value dimSize(OpBuilder &builder, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return builder.create<arith::ConstantIndexOp>(loc, type.getDimSize(dim));
  return builder.create<tensor::DimOp>(loc, value, dim);
}

Value emptyTensorLike(OpBuilder &builder, Location loc, Value source,
                      Type elementType) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<Value> dynamicSizes;
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    if (type.isDynamicDim(dim))
      dynamicSizes.push_back(builder.create<tensor::DimOp>(loc, source, dim));
  return builder.create<tensor::EmptyOp>(loc, type.getShape(), elementType,
                                         dynamicSizes);
}

Value emptyTensor(OpBuilder &builder, Location loc, RankedTensorType type,
                  ValueRange dynamicSizes) {
  return builder.create<tensor::EmptyOp>(loc, type.getShape(),
                                         type.getElementType(), dynamicSizes);
}

Value buildElementwiseGeneric(
    OpBuilder &builder, Location loc, ValueRange inputs,
    RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  Value init =
      emptyTensorLike(builder, loc, inputs[0], resultType.getElementType());
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = builder.create<linalg::GenericOp>(
      loc, resultType, inputs, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

} // namespace autograph::lowering
