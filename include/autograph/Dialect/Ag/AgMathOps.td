//===- AgMathOps.td - ag elementwise math ------------------*- tablegen -*-===//
//
// Constants and elementwise ops: unary and binary arithmetic, comparison,
// logic, cast and select. All operands of one op have identical types.
//
// Each elementwise op gives its element computation (`scalarBody`): C++
// with `b` (an OpBuilder), `loc`, `x` (the operands' elements) and `type`
// (the result's element type) in scope, and the helpers of
// ElementComputations.h. Its lowering builds it in a linalg.generic.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_AGMATHOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGMATHOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "autograph/Dialect/Ag/AgInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Ag_ConstantOp : Ag_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "A tensor constant";
  let description = [{
    A tensor whose value is known when the function is traced, such as
    `ag::constant(2.f)` or a captured C++ value.

    ```mlir
    %c = ag.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %n = ag.constant dense<10> : tensor<i64>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unary elementwise
//===----------------------------------------------------------------------===//

/// ScalarComputationOpInterface::buildScalar defined by `body`.
class Ag_ScalarComputation<code body> {
  code scalarComputation = [{
    ::mlir::Value $cppClass::buildScalar(::mlir::OpBuilder &b,
                                         ::mlir::Location loc,
                                         ::mlir::ValueRange x) {
      ::mlir::Type type = ::mlir::getElementTypeOrSelf(getResult().getType());
      (void)type;
  }] # body # [{
    }
  }];
}

class Ag_UnaryOp<string mnemonic, Type type, string doc, string example,
                 code scalarBody>
    : Ag_Op<mnemonic, [Pure, Elementwise, AllTypesMatch<["operand", "result"]>,
        DeclareOpInterfaceMethods<Ag_ScalarComputationOpInterface>]>,
      Ag_ScalarComputation<scalarBody> {
  let summary = "Elementwise " # doc;
  let description = "Computes " # doc # " of each element; the result has "
    # "the operand's type.\n\n```mlir\n" # example # "\n```";
  let arguments = (ins type:$operand);
  let results = (outs type:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
  let extraClassDefinition = scalarComputation;
}

def Ag_NegOp : Ag_UnaryOp<"neg", Ag_NumericTensor, "negation (`-x`)",
    "%y = ag.neg %x : tensor<4xi32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::NegFOp>(loc, x[0]);
  return b.create<::mlir::arith::SubIOp>(loc, scalarConstant(b, loc, type, 0), x[0]);
}]> {
  let hasFolder = 1;
}
def Ag_AbsOp : Ag_UnaryOp<"abs", Ag_NumericTensor, "absolute value",
    "%y = ag.abs %x : tensor<?xf32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::math::AbsFOp>(loc, x[0]);
  return b.create<::mlir::math::AbsIOp>(loc, x[0]);
}]>;
def Ag_SquareOp : Ag_UnaryOp<"square", Ag_NumericTensor, "square (`x * x`)",
    "%y = ag.square %x : tensor<3x3xf64>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::MulFOp>(loc, x[0], x[0]);
  return b.create<::mlir::arith::MulIOp>(loc, x[0], x[0]);
}]>;
def Ag_ReluOp : Ag_UnaryOp<"relu", Ag_NumericTensor, "rectified linear unit (`max(x, 0)`)",
    "%y = ag.relu %x : tensor<?x128xf32>",
    [{
  // x < 0 ? 0 : x: NaN and -0 pass through, as std::max(x, 0).
  ::mlir::Value zero = scalarConstant(b, loc, type, 0);
  ::mlir::Value negative = compareScalars(b, loc, ComparisonPredicate::lt, x[0], zero);
  return b.create<::mlir::arith::SelectOp>(loc, negative, zero, x[0]);
}]>;
def Ag_SignOp : Ag_UnaryOp<"sign", Ag_NumericTensor,
    "sign (-1, 0 or 1; NaN and -0 stay as they are)",
    "%y = ag.sign %x : tensor<?xf32>",
    [{
  ::mlir::Value zero = scalarConstant(b, loc, type, 0);
  ::mlir::Value positive = compareScalars(b, loc, ComparisonPredicate::gt, x[0], zero);
  ::mlir::Value negative = compareScalars(b, loc, ComparisonPredicate::lt, x[0], zero);
  ::mlir::Value minusOneOrX = b.create<::mlir::arith::SelectOp>(
      loc, negative, scalarConstant(b, loc, type, -1), x[0]);
  return b.create<::mlir::arith::SelectOp>(
      loc, positive, scalarConstant(b, loc, type, 1), minusOneOrX);
}]>;
def Ag_ExpOp : Ag_UnaryOp<"exp", Ag_FloatTensor,
    "exponential (0 where the result would be below the least normal number)",
    "%y = ag.exp %x : tensor<8xf32>",
    [{
  // x < log(least normal) ? 0 : exp(x), as the eager runtime computes it.
  const ::llvm::fltSemantics &semantics =
      ::mlir::cast<::mlir::FloatType>(type).getFloatSemantics();
  double leastNormal =
      ::llvm::APFloat::getSmallestNormalized(semantics).convertToDouble();
  ::mlir::Value limit = scalarConstant(b, loc, type, std::log(leastNormal));
  ::mlir::Value below = compareScalars(b, loc, ComparisonPredicate::lt, x[0], limit);
  ::mlir::Value exp = b.create<::mlir::math::ExpOp>(loc, x[0]);
  return b.create<::mlir::arith::SelectOp>(
      loc, below, scalarConstant(b, loc, type, 0), exp);
}]>;
def Ag_LogOp : Ag_UnaryOp<"log", Ag_FloatTensor, "natural logarithm",
    "%y = ag.log %x : tensor<8xf32>",
    [{ return b.create<::mlir::math::LogOp>(loc, x[0]); }]>;
def Ag_SqrtOp : Ag_UnaryOp<"sqrt", Ag_FloatTensor, "square root",
    "%y = ag.sqrt %x : tensor<8xf64>",
    [{ return b.create<::mlir::math::SqrtOp>(loc, x[0]); }]>;
def Ag_TanhOp : Ag_UnaryOp<"tanh", Ag_FloatTensor, "hyperbolic tangent",
    "%y = ag.tanh %x : tensor<?x10xf32>",
    [{ return b.create<::mlir::math::TanhOp>(loc, x[0]); }]>;
def Ag_SigmoidOp : Ag_UnaryOp<"sigmoid", Ag_FloatTensor,
    "logistic sigmoid (`1 / (1 + exp(-x))`)",
    "%y = ag.sigmoid %x : tensor<?x10xf32>",
    [{
  ::mlir::Value one = scalarConstant(b, loc, type, 1);
  ::mlir::Value negated = b.create<::mlir::arith::NegFOp>(loc, x[0]);
  ::mlir::Value denominator = b.create<::mlir::arith::AddFOp>(
      loc, one, b.create<::mlir::math::ExpOp>(loc, negated));
  return b.create<::mlir::arith::DivFOp>(loc, one, denominator);
}]>;
def Ag_LogicalNotOp : Ag_UnaryOp<"logical_not", Ag_BoolTensor, "logical not",
    "%y = ag.logical_not %x : tensor<i1>",
    [{
  ::mlir::Value trueValue =
      b.create<::mlir::arith::ConstantOp>(loc, b.getBoolAttr(true));
  return b.create<::mlir::arith::XOrIOp>(loc, x[0], trueValue);
}]> {
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Binary elementwise
//===----------------------------------------------------------------------===//

class Ag_BinaryOp<string mnemonic, Type type, string doc, string example,
                  code scalarBody, list<Trait> traits = []>
    : Ag_Op<mnemonic, !listconcat(traits,
        [Pure, Elementwise, AllTypesMatch<["lhs", "rhs", "result"]>,
         DeclareOpInterfaceMethods<Ag_ScalarComputationOpInterface>])>,
      Ag_ScalarComputation<scalarBody> {
  let extraClassDefinition = scalarComputation;
  let summary = "Elementwise " # doc;
  let description = "Computes " # doc # " element by element. Both operands "
    # "and the result have one type: broadcasting is done beforehand with "
    # "`ag.broadcast_to`, dtype conversion with `ag.cast`.\n\n```mlir\n"
    # example # "\n```";
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs type:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Ag_AddOp : Ag_BinaryOp<"add", Ag_NumericTensor, "addition",
    "%z = ag.add %x, %y : tensor<?x4xf32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::AddFOp>(loc, x[0], x[1]);
  return b.create<::mlir::arith::AddIOp>(loc, x[0], x[1]);
}], [Commutative]> {
  let hasFolder = 1;
}
def Ag_SubOp : Ag_BinaryOp<"sub", Ag_NumericTensor, "subtraction",
    "%z = ag.sub %x, %y : tensor<4xi64>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::SubFOp>(loc, x[0], x[1]);
  return b.create<::mlir::arith::SubIOp>(loc, x[0], x[1]);
}]> {
  let hasFolder = 1;
}
def Ag_MulOp : Ag_BinaryOp<"mul", Ag_NumericTensor, "multiplication",
    "%z = ag.mul %x, %y : tensor<f64>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::MulFOp>(loc, x[0], x[1]);
  return b.create<::mlir::arith::MulIOp>(loc, x[0], x[1]);
}], [Commutative]> {
  let hasFolder = 1;
}
def Ag_DivOp : Ag_BinaryOp<"div", Ag_NumericTensor,
    "division; integer division truncates toward zero as in C++ and "
    # "dividing an integer by zero is a run-time error",
    "%z = ag.div %x, %y : tensor<i32>",
    [{ return divideSafely(b, loc, x[0], x[1]); }]>;
def Ag_RemOp : Ag_BinaryOp<"rem", Ag_NumericTensor,
    "remainder with the dividend's sign (C++ `%`, `fmod` for floats); an "
    # "integer remainder by zero is a run-time error",
    "%z = ag.rem %x, %y : tensor<i64>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::arith::RemFOp>(loc, x[0], x[1]);
  return divideIntegers(b, loc, x[0], x[1], /*remainder=*/true);
}]>;
def Ag_PowOp : Ag_BinaryOp<"pow", Ag_NumericTensor, "power (`lhs ^ rhs`)",
    "%z = ag.pow %x, %y : tensor<3xf32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return b.create<::mlir::math::PowFOp>(loc, x[0], x[1]);
  return b.create<::mlir::math::IPowIOp>(loc, x[0], x[1]);
}]>;
def Ag_MaximumOp : Ag_BinaryOp<"maximum", Ag_NumericTensor, "maximum",
    "%z = ag.maximum %x, %y : tensor<3xf32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return nanPropagatingChoice(b, loc, x[0], x[1], ::mlir::arith::CmpFPredicate::OLT);
  return b.create<::mlir::arith::MaxSIOp>(loc, x[0], x[1]);
}], [Commutative]> {
  let hasFolder = 1;
}
def Ag_MinimumOp : Ag_BinaryOp<"minimum", Ag_NumericTensor, "minimum",
    "%z = ag.minimum %x, %y : tensor<3xf32>",
    [{
  if (::mlir::isa<::mlir::FloatType>(type))
    return nanPropagatingChoice(b, loc, x[0], x[1], ::mlir::arith::CmpFPredicate::OGT);
  return b.create<::mlir::arith::MinSIOp>(loc, x[0], x[1]);
}], [Commutative]> {
  let hasFolder = 1;
}
def Ag_LogicalAndOp : Ag_BinaryOp<"logical_and", Ag_BoolTensor, "logical and",
    "%z = ag.logical_and %x, %y : tensor<4xi1>",
    [{ return b.create<::mlir::arith::AndIOp>(loc, x[0], x[1]); }], [Commutative]> {
  let hasFolder = 1;
}
def Ag_LogicalOrOp : Ag_BinaryOp<"logical_or", Ag_BoolTensor, "logical or",
    "%z = ag.logical_or %x, %y : tensor<4xi1>",
    [{ return b.create<::mlir::arith::OrIOp>(loc, x[0], x[1]); }], [Commutative]> {
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Compare, cast, select
//===----------------------------------------------------------------------===//

def Ag_CompareOp : Ag_Op<"compare", [Pure,
    AllTypesMatch<["lhs", "rhs"]>,
    DeclareOpInterfaceMethods<InferTypeOpInterface>,
    DeclareOpInterfaceMethods<Ag_ScalarComputationOpInterface>]>,
    Ag_ScalarComputation<[{
  return compareScalars(b, loc, getPredicate(), x[0], x[1]);
}]> {
  let extraClassDefinition = scalarComputation;
  let summary = "Elementwise comparison";
  let description = [{
    Compares two tensors of one type element by element with `predicate`
    (`eq`, `ne`, `lt`, `le`, `gt`, `ge`); the result is a boolean tensor of
    the operands' shape. Floats compare as IEEE ordered comparisons, except
    `ne`, which is true for NaN as in C++.

    ```mlir
    %b = ag.compare lt, %x, %y : tensor<?xf32>
    ```
  }];
  let arguments = (ins Ag_ComparisonPredicate:$predicate,
                       Ag_Tensor:$lhs, Ag_Tensor:$rhs);
  let results = (outs Ag_BoolTensor:$result);
  let assemblyFormat = "$predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs)";
  let hasFolder = 1;
}

def Ag_CastOp : Ag_Op<"cast", [Pure,
    DeclareOpInterfaceMethods<Ag_ScalarComputationOpInterface>]>,
    Ag_ScalarComputation<[{ return convertScalar(b, loc, x[0], type); }]> {
  let extraClassDefinition = scalarComputation;
  let summary = "Elementwise dtype conversion";
  let description = [{
    Converts each element to the result's element type with C++ semantics:
    float to integer truncates toward zero, anything to `i1` is `x != 0`,
    `i1` to a number is 0 or 1. The shape does not change.

    ```mlir
    %i = ag.cast %x : tensor<?x3xf32> to tensor<?x3xi32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_SelectOp : Ag_Op<"select", [Pure,
    AllTypesMatch<["on_true", "on_false", "result"]>,
    DeclareOpInterfaceMethods<Ag_ScalarComputationOpInterface>]>,
    Ag_ScalarComputation<[{
  return b.create<::mlir::arith::SelectOp>(loc, x[0], x[1], x[2]);
}]> {
  let extraClassDefinition = scalarComputation;
  let summary = "Elementwise choice (`where(c, a, b)`)";
  let description = [{
    Takes each element from `on_true` where `condition` is true and from
    `on_false` elsewhere. All three have one shape (broadcast beforehand).

    ```mlir
    %r = ag.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Ag_BoolTensor:$condition, Ag_Tensor:$on_true,
                       Ag_Tensor:$on_false);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:` type($condition) `,` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // AUTOGRAPH_DIALECT_AG_AGMATHOPS_TD
