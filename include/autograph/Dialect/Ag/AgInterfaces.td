//===- AgInterfaces.td - interfaces of ag ops ----------------*- tablegen -*-===//
#ifndef AUTOGRAPH_DIALECT_AG_AGINTERFACES_TD
#define AUTOGRAPH_DIALECT_AG_AGINTERFACES_TD

include "mlir/IR/OpBase.td"

def Ag_ScalarComputationOpInterface : OpInterface<"ScalarComputationOpInterface"> {
  let cppNamespace = "::mlir::ag";
  let description = [{
    An elementwise op that says what it computes for one element: its
    operands' elements in, its result's element out, with arith and math
    ops (ElementComputations.h). Its lowering is one `linalg.generic` over
    the result whose body this builds, so a chain of such ops fuses into one
    loop nest. An op defines its element body in ODS, next to its
    definition.
  }];
  let methods = [
    InterfaceMethod<[{
      Builds the result's element from `elements`, the operands' elements
      (in operand order), at the builder's insertion point.
    }], "::mlir::Value", "buildScalar",
    (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
         "::mlir::ValueRange":$elements)>,
  ];
}

#endif // AUTOGRAPH_DIALECT_AG_AGINTERFACES_TD
