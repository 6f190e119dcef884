//===- AgOps.td - all ag ops --------------------------------*- tablegen -*-===//
#ifndef AUTOGRAPH_DIALECT_AG_AGOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "autograph/Dialect/Ag/AgMathOps.td"
include "autograph/Dialect/Ag/AgShapeOps.td"
include "autograph/Dialect/Ag/AgControlFlowOps.td"
include "autograph/Dialect/Ag/AgSideEffectOps.td"
include "autograph/Dialect/Ag/AgTensorArrayOps.td"

#endif // AUTOGRAPH_DIALECT_AG_AGOPS_TD
