//===- AgDialect.h - the ag dialect -----------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_DIALECT_AG_AGDIALECT_H
#define AUTOGRAPH_DIALECT_AG_AGDIALECT_H

#include "mlir/IR/Dialect.h"

#include "autograph/Dialect/Ag/AgDialect.h.inc"

#endif // AUTOGRAPH_DIALECT_AG_AGDIALECT_H
