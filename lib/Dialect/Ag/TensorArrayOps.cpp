//===- TensorArrayOps.cpp - ag.tensor_array_* -----------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"

using namespace mlir;
using namespace mlir::ag;

LogicalResult TensorArrayStackOp::verify() {
  if (getStacked().getType().getRank() < 1)
    return emitOpError("result must have a rank of at least 1 (the elements' axis)");
  return success();
}
