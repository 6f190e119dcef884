//===- ScalarBuilders.cpp - 0-d tensors and their elements ----------------===//
#include "ScalarBuilders.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace autograph::lowering {

Value extractScalar(OpBuilder &builder, Location loc, Value scalarTensor) {
  return builder.create<tensor::ExtractOp>(loc, scalarTensor, ValueRange{});
}

Value wrapScalar(OpBuilder &builder, Location loc, Value scalar) {
  auto type = RankedTensorType::get({}, scalar.getType());
  return builder.create<tensor::FromElementsOp>(loc, type, scalar);
}

} // namespace autograph::lowering
