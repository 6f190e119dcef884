//===- AgDialect.cpp - ag dialect registration and op definitions ---------===//
#include "autograph/Dialect/Ag/AgDialect.h"
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Dialect/Ag/ElementComputations.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace mlir::ag;

#include "autograph/Dialect/Ag/AgDialect.cpp.inc"
#include "autograph/Dialect/Ag/AgEnums.cpp.inc"
#include "autograph/Dialect/Ag/AgInterfaces.cpp.inc"

void AgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "autograph/Dialect/Ag/AgOps.cpp.inc"
      >();
}

Operation *AgDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

// The ops' definitions, with the element bodies their ODS gives
// (ScalarComputationOpInterface, written with ElementComputations.h).
#define GET_OP_CLASSES
#include "autograph/Dialect/Ag/AgOps.cpp.inc"
