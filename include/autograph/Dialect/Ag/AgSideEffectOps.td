//===- AgSideEffectOps.td - ag.print and ag.assert ---------*- tablegen -*-===//
#ifndef AUTOGRAPH_DIALECT_AG_AGSIDEEFFECTOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGSIDEEFFECTOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Both ops write to the default resource, so that nothing folds, removes or
// reorders them relative to each other.
def Ag_PrintOp : Ag_Op<"print", [MemoryEffects<[MemWrite]>]> {
  let summary = "Prints text and tensors to stdout (`tf.print`)";
  let description = [{
    Writes its literal text pieces and its tensors, in the order written, to
    standard output, with tensors formatted as `ag::print` does (`5`, `0.5`,
    `[1 2 3]`, `[[1 2]\n [3 4]]`, `true`; dimensions longer than 6 are
    summarised). Nothing is added between pieces: a `std::cout` chain and an
    `ag::print` call (which puts spaces between its arguments and a newline
    at the end) both become exactly their text. The op's location is the
    user's source line.

    ```mlir
    ag.print("step ", %i, ": loss = ", %loss, "\n") : tensor<i64>, tensor<f32>
    ```

    The `texts` attribute holds one more piece than there are tensors: text
    `k` is printed before tensor `k`, the last text after the last tensor.

    A value followed by `as "FORMAT"` is printed by that printf conversion
    (`%d`, `%.3f`, `%5x`, ...; what a converted `printf` asks for): the value
    must then have exactly one element at run time, which is formatted as
    printf would after conversion to the conversion's integer or floating
    type. The optional `formats` attribute holds one conversion per value
    (`""` for the default format).

    ```mlir
    ag.print("loss ", %loss as "%.3f", " at step ", %step as "%4d", "\n")
        : tensor<f32>, tensor<i64>
    ```
  }];
  let arguments = (ins StrArrayAttr:$texts, Variadic<Ag_Tensor>:$values,
                       OptionalAttr<StrArrayAttr>:$formats);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The printf conversion of value `i`, or "" for the default format.
    ::llvm::StringRef getFormat(unsigned i);
  }];
  let builders = [
    OpBuilder<(ins "::llvm::ArrayRef<::llvm::StringRef>":$texts,
                   "::mlir::ValueRange":$values,
                   CArg<"::llvm::ArrayRef<::llvm::StringRef>", "{}">:$formats)>
  ];
}

def Ag_AssertOp : Ag_Op<"assert", [MemoryEffects<[MemWrite]>]> {
  let summary = "Fails with a message when a predicate is false (`tf.Assert`)";
  let description = [{
    When the 0-d boolean `predicate` is false, execution stops with an
    `ag::InvalidArgumentError` carrying `message` and the op's location (the
    user's `file:line`), in eager, JIT and AOT modes alike.

    ```mlir
    ag.assert %ok, "x must be positive" loc("model.cc":12:3)
    ```
  }];
  let arguments = (ins Ag_BoolScalar:$predicate, StrAttr:$message);
  let assemblyFormat = "$predicate `,` $message attr-dict";
  let hasCanonicalizer = 1;
}

def Ag_SummaryWriteOp : Ag_Op<"summary_write", [MemoryEffects<[MemWrite]>]> {
  let summary = "Writes a TensorBoard summary (`tf.summary.scalar`, `histogram`)";
  let description = [{
    When the function runs, writes `data` at `step` under `tag` to the
    calling thread's default summary writer (nothing without one), as
    eager `ag::summary::scalar` / `histogram` do. `plugin` is `"scalars"`
    (`data` a 0-d f32 tensor) or `"histograms"` (`data` f64 of any shape,
    put in `buckets` buckets by the runtime).

    ```mlir
    ag.summary_write "scalars" "loss" %loss, %step : tensor<f32>
    ag.summary_write "histograms" "weights" %w, %step {buckets = 30 : i64} : tensor<4x3xf64>
    ```
  }];
  let arguments = (ins StrAttr:$plugin, StrAttr:$tag, Ag_Tensor:$data, Ag_I64Scalar:$step,
                       DefaultValuedStrAttr<StrAttr, "">:$description,
                       DefaultValuedAttr<I64Attr, "0">:$buckets);
  let assemblyFormat = "$plugin $tag $data `,` $step attr-dict `:` type($data)";
  let hasVerifier = 1;
}

#endif // AUTOGRAPH_DIALECT_AG_AGSIDEEFFECTOPS_TD
