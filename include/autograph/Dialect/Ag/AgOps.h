//===- AgOps.h - ag operations ----------------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_DIALECT_AG_AGOPS_H
#define AUTOGRAPH_DIALECT_AG_AGOPS_H

#include "autograph/Dialect/Ag/AgDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "autograph/Dialect/Ag/AgEnums.h.inc"
#include "autograph/Dialect/Ag/AgInterfaces.h.inc"

#define GET_OP_CLASSES
#include "autograph/Dialect/Ag/AgOps.h.inc"

#endif // AUTOGRAPH_DIALECT_AG_AGOPS_H
