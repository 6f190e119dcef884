//===- AgTensorArrayOps.td - ag.tensor_array_* ops ------------*- tablegen -*-===//
//
// ag::TensorArray in compiled code: a run-time array of same-shaped tensors
// behind a 0-d i64 handle. Every op reads and writes the default resource,
// as ag.print does, so that nothing reorders, merges or removes them (a
// read that fails must fail in compiled code as it does eagerly).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_AGTENSORARRAYOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGTENSORARRAYOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Ag_TensorArrayOp<string mnemonic, list<Trait> traits = []>
    : Ag_Op<mnemonic, !listconcat(traits, [MemoryEffects<[MemRead, MemWrite]>])>;

def Ag_TensorArrayCreateOp : Ag_TensorArrayOp<"tensor_array_create"> {
  let summary = "Creates an array of `size` elements (`tf.TensorArray`)";
  let description = [{
    A new, empty array whose elements have dtype `element_type`; with
    `dynamic_size`, writes past the end grow it. The array lives until the
    compiled function returns. A negative size is an error.

    ```mlir
    %ta = ag.tensor_array_create %n, f32 {name = "outputs"} : tensor<i64>
    ```
  }];
  let arguments = (ins Ag_IntScalar:$size, TypeAttr:$element_type,
                       UnitAttr:$dynamic_size, StrAttr:$name);
  let results = (outs Ag_I64Scalar:$handle);
  let assemblyFormat = "$size `,` $element_type attr-dict `:` type($size)";
}

def Ag_TensorArrayWriteOp : Ag_TensorArrayOp<"tensor_array_write"> {
  let summary = "Stores a copy of a tensor as element `index`";
  let description = [{
    The first write sets the element shape; a later value of another shape
    or of another dtype, a negative index, or an index past a fixed size is
    an error (the messages of eager `ag::TensorArray::write`).

    ```mlir
    ag.tensor_array_write %ta[%i], %h : tensor<i64>, tensor<?x13xf32>
    ```
  }];
  let arguments = (ins Ag_I64Scalar:$handle, Ag_IntScalar:$index, Ag_Tensor:$value);
  let assemblyFormat =
      "$handle `[` $index `]` `,` $value attr-dict `:` type($index) `,` type($value)";
}

def Ag_TensorArrayReadOp : Ag_TensorArrayOp<"tensor_array_read"> {
  let summary = "A copy of element `index`";
  let description = [{
    Reading an element never written, or an index out of range, is an
    error. The result type must match the elements' shape at run time.

    ```mlir
    %e = ag.tensor_array_read %ta[%i] : tensor<i32> -> tensor<?x13xf32>
    ```
  }];
  let arguments = (ins Ag_I64Scalar:$handle, Ag_IntScalar:$index);
  let results = (outs Ag_Tensor:$element);
  let assemblyFormat = "$handle `[` $index `]` attr-dict `:` type($index) `->` type($element)";
}

def Ag_TensorArrayStackOp : Ag_TensorArrayOp<"tensor_array_stack"> {
  let summary = "The elements stacked along a new first axis";
  let description = [{
    `[size, ...element]`; elements never written are zeros. An array no
    element was written to is an error (its element shape is unknown).

    ```mlir
    %all = ag.tensor_array_stack %ta : tensor<?x?x13xf32>
    ```
  }];
  let arguments = (ins Ag_I64Scalar:$handle);
  let results = (outs Ag_Tensor:$stacked);
  let assemblyFormat = "$handle attr-dict `:` type($stacked)";
  let hasVerifier = 1;
}

def Ag_TensorArrayReleaseOp : Ag_TensorArrayOp<"tensor_array_release"> {
  let summary = "Frees the array's elements before the function returns";
  let description = [{
    For an array that nothing uses afterwards (a loop gradient's stacks of
    an inner loop staged again, once its gradient is computed): its
    elements' memory is freed now instead of when the compiled function
    returns. A later write, read or stack of it is an error.

    ```mlir
    ag.tensor_array_release %ta
    ```
  }];
  let arguments = (ins Ag_I64Scalar:$handle);
  let assemblyFormat = "$handle attr-dict";
}

def Ag_TensorArraySizeOp : Ag_TensorArrayOp<"tensor_array_size"> {
  let summary = "The number of elements, as a 0-d i32";
  let arguments = (ins Ag_I64Scalar:$handle);
  let results = (outs 0DTensorOf<[I32]>:$size);
  let assemblyFormat = "$handle attr-dict `:` type($size)";
}

#endif // AUTOGRAPH_DIALECT_AG_AGTENSORARRAYOPS_TD
