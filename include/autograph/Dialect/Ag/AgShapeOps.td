//===- AgShapeOps.td - ag structural tensor ops -----------*- tablegen -*-===//
//
// Ops that move, combine, reduce or create tensors: matmul, transpose,
// reshape, broadcast_to, reduce, argmax, concat, index, slice, one_hot,
// range, fill.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_AGSHAPEOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGSHAPEOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Ag_MatmulOp : Ag_Op<"matmul", [Pure]> {
  let summary = "Matrix product";
  let description = [{
    The product of a `M x K` and a `K x N` matrix of one element type. Any
    dimension may be dynamic; a mismatch of dynamic sizes is a run-time
    error.

    ```mlir
    %y = ag.matmul %x, %w : (tensor<?x784xf32>, tensor<784x128xf32>) -> tensor<?x128xf32>
    ```
  }];
  let arguments = (ins Ag_NumericTensor:$lhs, Ag_NumericTensor:$rhs);
  let results = (outs Ag_NumericTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` `(` type($lhs) `,` type($rhs) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_TransposeOp : Ag_Op<"transpose", [Pure]> {
  let summary = "Permutes dimensions";
  let description = [{
    Result dimension `i` is operand dimension `permutation[i]`.

    ```mlir
    %t = ag.transpose %x, [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $permutation attr-dict `:` type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_ReshapeOp : Ag_Op<"reshape", [Pure]> {
  let summary = "Same elements, new shape";
  let description = [{
    Reinterprets the elements, in row-major order, with the result's shape.
    At most one result dimension may be dynamic (it is inferred from the
    element count); when both shapes are static their element counts must be
    equal, otherwise a mismatch is a run-time error.

    ```mlir
    %r = ag.reshape %x : tensor<?x28x28xf32> -> tensor<?x784xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_BroadcastToOp : Ag_Op<"broadcast_to", [Pure]> {
  let summary = "NumPy broadcasting to a shape";
  let description = [{
    Broadcasts the operand to the result's shape with NumPy's rules: shapes
    are aligned at their last dimension, and each operand dimension equals
    the result's or is 1. Each dynamic result dimension takes its size from
    one `dynamic_sizes` operand (a 0-d `i64`, often from `ag.dim`), in order.

    ```mlir
    %n = ag.dim %x, 0 : tensor<?x128xf32>
    %b = ag.broadcast_to %bias[%n] : tensor<128xf32> -> tensor<?x128xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Variadic<Ag_I64Scalar>:$dynamic_sizes);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand (`[` $dynamic_sizes^ `]`)? attr-dict `:` type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_DimOp : Ag_Op<"dim", [Pure]> {
  let summary = "The size of one dimension, as a 0-d i64 tensor";
  let description = [{
    The run-time size of dimension `dim` of a tensor; a constant when the
    dimension is static.

    ```mlir
    %batch = ag.dim %x, 0 : tensor<?x784xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, I64Attr:$dim);
  let results = (outs Ag_I64Scalar:$result);
  let assemblyFormat = "$operand `,` $dim attr-dict `:` type($operand)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_ReduceOp : Ag_Op<"reduce", [Pure]> {
  let summary = "Reduction along dimensions";
  let description = [{
    Reduces `dims` (sorted, distinct, in range) with `kind` (`sum`, `mean`,
    `max`, `min`). Reduced dimensions are dropped, or kept with size 1 when
    `keepdims` is present. `mean` of integers truncates as C++ division does.

    ```mlir
    %s = ag.reduce sum %x dims [1] : tensor<?x10xf32> -> tensor<?xf32>
    %m = ag.reduce max %x dims [0, 1] keepdims : tensor<2x3xi32> -> tensor<1x1xi32>
    ```
  }];
  let arguments = (ins Ag_ReductionKind:$kind, Ag_NumericTensor:$operand,
                       DenseI64ArrayAttr:$dims, UnitAttr:$keepdims);
  let results = (outs Ag_NumericTensor:$result);
  let assemblyFormat = [{
    $kind $operand `dims` $dims (`keepdims` $keepdims^)? attr-dict `:`
    type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_ArgMaxOp : Ag_Op<"argmax", [Pure]> {
  let summary = "Index of the largest element along a dimension";
  let description = [{
    The index (`i64`) of the first largest element along `dim`, which is
    dropped from the shape.

    ```mlir
    %i = ag.argmax %logits dim 1 : tensor<?x10xf32> -> tensor<?xi64>
    ```
  }];
  let arguments = (ins Ag_NumericTensor:$operand, I64Attr:$dim);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$operand `dim` $dim attr-dict `:` type($operand) `->` type($result)";
  let hasVerifier = 1;
}

def Ag_ConcatOp : Ag_Op<"concat", [Pure]> {
  let summary = "Joins tensors along a dimension";
  let description = [{
    Concatenates one or more tensors of one element type and rank along
    `dim`; the other dimensions must agree.

    ```mlir
    %c = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$inputs, I64Attr:$dim);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $inputs `dim` $dim attr-dict `:` `(` type($inputs) `)` `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ag_IndexOp : Ag_Op<"index", [Pure]> {
  let summary = "Row `index` along the first dimension (`t[i]`)";
  let description = [{
    Selects one slice along the first dimension, which is dropped. An index
    out of `[0, dim 0)` is a run-time error (no wrap-around).

    ```mlir
    %row = ag.index %x[%i] : tensor<?x3xf32>, tensor<i64> -> tensor<3xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Ag_IntScalar:$index);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $index `]` attr-dict `:` type($operand) `,` type($index) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_SliceOp : Ag_Op<"slice", [Pure, AllTypesMatch<["start", "limit"]>]> {
  let summary = "Rows `[start, limit)` along the first dimension";
  let description = [{
    The rows from `start` (inclusive) to `limit` (exclusive), as for a
    dataset batch. Bounds outside `0 <= start <= limit <= dim 0` are a
    run-time error.

    ```mlir
    %batch = ag.slice %x[%lo, %hi] : tensor<1000x784xf32>, tensor<i64> -> tensor<?x784xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Ag_IntScalar:$start,
                       Ag_IntScalar:$limit);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $start `,` $limit `]` attr-dict `:` type($operand) `,` type($start)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_UpdateRowOp : Ag_Op<"update_row", [Pure,
    AllTypesMatch<["operand", "result"]>]> {
  let summary = "`operand` with row `index` (first dimension) replaced by `row`";
  let description = [{
    The functional form of `t[i] = row`: the result is `operand` except for
    its row `index` along the first dimension, which is `row` (of the
    operand's shape without its first dimension). It builds a dataset batch
    element by element when a map comes before the batch. An index out of
    `[0, dim 0)` is a run-time error, checked by an `ag.assert` before the
    op; the lowering (`tensor.insert_slice`) clamps it.

    ```mlir
    %batch2 = ag.update_row %batch[%i], %row : tensor<?x3xf32>, tensor<i64>, tensor<3xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Ag_IntScalar:$index, Ag_Tensor:$row);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $index `]` `,` $row attr-dict `:` type($operand) `,` type($index) `,`
    type($row)
  }];
  let hasVerifier = 1;
}

def Ag_GatherOp : Ag_Op<"gather", [Pure]> {
  let summary = "Rows `operand[indices[...]]` along the first dimension";
  let description = [{
    Selects rows of `operand` along its first dimension, one per element of
    `indices`: the result's shape is the indices' shape followed by the
    operand's other dimensions (`tf.gather` on axis 0). It takes a dataset's
    shuffled or repeated batches. An index outside `[0, dim 0)` is a run-time
    error, checked by an `ag.assert` that tracing puts before the op; the
    lowering clamps indices so that an unchecked one never reads out of
    bounds.

    ```mlir
    %batch = ag.gather %x[%indices] : tensor<100x784xf32>, tensor<?xi64> -> tensor<?x784xf32>
    ```
  }];
  let arguments = (ins Ag_Tensor:$operand, Ag_IntTensor:$indices);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $indices `]` attr-dict `:` type($operand) `,` type($indices) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_OneHotOp : Ag_Op<"one_hot", [Pure]> {
  let summary = "One-hot encoding";
  let description = [{
    Appends a dimension of size `depth`: element `[..., j]` is 1 where the
    index equals `j` and 0 elsewhere (all 0 for an index outside
    `[0, depth)`, as in TensorFlow).

    ```mlir
    %y = ag.one_hot %labels depth 10 : tensor<?xi64> -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins Ag_IntTensor:$indices, I64Attr:$depth);
  let results = (outs Ag_NumericTensor:$result);
  let assemblyFormat = [{
    $indices `depth` $depth attr-dict `:` type($indices) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_RangeOp : Ag_Op<"range", [Pure,
    AllTypesMatch<["start", "limit", "delta"]>]> {
  let summary = "A 1-d sequence `start, start + delta, ...` below `limit`";
  let description = [{
    The values `start + i * delta` strictly before `limit` (above it for a
    negative `delta`), like `ag::range` and `tf.range`. A zero `delta` is a
    run-time error.

    ```mlir
    %r = ag.range %start, %limit, %delta : tensor<i64> -> tensor<?xi64>
    ```
  }];
  let arguments = (ins Ag_NumericScalar:$start, Ag_NumericScalar:$limit,
                       Ag_NumericScalar:$delta);
  let results = (outs Ag_NumericTensor:$result);
  let assemblyFormat = [{
    $start `,` $limit `,` $delta attr-dict `:` type($start) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ag_FillOp : Ag_Op<"fill", [Pure]> {
  let summary = "A tensor with every element equal to a scalar";
  let description = [{
    Creates a tensor of the result's type filled with the 0-d `value`. Each
    dynamic result dimension takes its size from one `dynamic_sizes` operand
    (a 0-d `i64`), in order.

    ```mlir
    %z = ag.fill %zero : tensor<f32> -> tensor<2x3xf32>
    %d = ag.fill %one[%n] : tensor<f32> -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins Ag_Scalar:$value, Variadic<Ag_I64Scalar>:$dynamic_sizes);
  let results = (outs Ag_Tensor:$result);
  let assemblyFormat = [{
    $value (`[` $dynamic_sizes^ `]`)? attr-dict `:` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // AUTOGRAPH_DIALECT_AG_AGSHAPEOPS_TD
