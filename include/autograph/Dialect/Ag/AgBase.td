//===- AgBase.td - ag dialect, types and enums -------------*- tablegen -*-===//
//
// The `ag` dialect: the graph that tracing an autograph-cc function records.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_AGBASE_TD
#define AUTOGRAPH_DIALECT_AG_AGBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def Ag_Dialect : Dialect {
  let name = "ag";
  let cppNamespace = "::mlir::ag";
  let summary = "The traced graph of an autograph-cc function";
  let description = [{
    The `ag` dialect is what tracing a function converted by autograph-cc
    records: tensor math on builtin ranked tensors (dynamic dimensions
    allowed), functional control flow whose regions end in `ag.yield`
    (`ag.cond`, `ag.while_loop`, `ag.for`), and the side effects `ag.print`
    and `ag.assert`, which carry the user's source location.

    Scalars are 0-d tensors (`tensor<f32>`). Element types are the dtypes of
    the `ag` C++ DSL: `f32`, `f64`, `i32`, `i64` (signless, C++ signed
    semantics) and `i1` (boolean). Operands of elementwise ops have identical
    types: NumPy broadcasting is explicit (`ag.broadcast_to`) and so are dtype
    conversions (`ag.cast`), as in the DSL.
  }];
  let hasConstantMaterializer = 1;
}

class Ag_Op<string mnemonic, list<Trait> traits = []>
    : Op<Ag_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Ag_Tensor : RankedTensorOf<[F32, F64, I32, I64, I1]>;
def Ag_NumericTensor : RankedTensorOf<[F32, F64, I32, I64]>;
def Ag_FloatTensor : RankedTensorOf<[F32, F64]>;
def Ag_IntTensor : RankedTensorOf<[I32, I64]>;
def Ag_BoolTensor : RankedTensorOf<[I1]>;

// 0-d tensors. The boolean and i64 ones are buildable so that assembly
// formats need not spell their type.
def Ag_BoolScalar : 0DTensorOf<[I1]> {
  let builderCall = "::mlir::RankedTensorType::get({}, $_builder.getI1Type())";
}
def Ag_I64Scalar : 0DTensorOf<[I64]> {
  let builderCall = "::mlir::RankedTensorType::get({}, $_builder.getI64Type())";
}
def Ag_IntScalar : 0DTensorOf<[I32, I64]>;
def Ag_NumericScalar : 0DTensorOf<[F32, F64, I32, I64]>;
def Ag_Scalar : 0DTensorOf<[F32, F64, I32, I64, I1]>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Ag_ComparisonPredicate : I32EnumAttr<"ComparisonPredicate",
    "elementwise comparison", [
      I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>,
      I32EnumAttrCase<"lt", 2>, I32EnumAttrCase<"le", 3>,
      I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]> {
  let cppNamespace = "::mlir::ag";
}

def Ag_ReductionKind : I32EnumAttr<"ReductionKind", "reduction", [
      I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"mean", 1>,
      I32EnumAttrCase<"max", 2>, I32EnumAttrCase<"min", 3>]> {
  let cppNamespace = "::mlir::ag";
}

#endif // AUTOGRAPH_DIALECT_AG_AGBASE_TD
