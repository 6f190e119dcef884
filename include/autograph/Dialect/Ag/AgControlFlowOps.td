//===- AgControlFlowOps.td - ag functional control flow ----*- tablegen -*-===//
//
// ag.cond, ag.while_loop, ag.for and their terminators ag.yield and
// ag.condition: what autograph-cc turns `if`, `?:`, `while`, `do`, `for`
// over tensors into. They implement RegionBranchOpInterface (and the loops
// LoopLikeOpInterface), so upstream analyses (dataflow, SCCP) and
// loop-invariant code motion see through them.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DIALECT_AG_AGCONTROLFLOWOPS_TD
#define AUTOGRAPH_DIALECT_AG_AGCONTROLFLOWOPS_TD

include "autograph/Dialect/Ag/AgBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/LoopLikeInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Ag_CondOp : Ag_Op<"cond", [RecursiveMemoryEffects, NoRegionArguments,
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
                              ["getEntrySuccessorOperands"]>]> {
  let summary = "Two-way conditional with results (`tf.cond`)";
  let description = [{
    Runs `then` when the 0-d boolean `predicate` is true and `else`
    otherwise; each region ends in `ag.yield` with values of the op's result
    types. Both branches were traced, so both always exist (an `if` without
    `else` yields the unchanged values).

    ```mlir
    %y = ag.cond %pred -> (tensor<f32>) {
      %a = ag.mul %x, %x : tensor<f32>
      ag.yield %a : tensor<f32>
    } else {
      ag.yield %x : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Ag_BoolScalar:$predicate);
  let results = (outs Variadic<Ag_Tensor>:$results);
  let regions = (region SizedRegion<1>:$then_region,
                        SizedRegion<1>:$else_region);
  let assemblyFormat = [{
    $predicate (`->` `(` type($results)^ `)`)? $then_region `else` $else_region attr-dict
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Ag_WhileLoopOp : Ag_Op<"while_loop", [RecursiveMemoryEffects,
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
                              ["getEntrySuccessorOperands"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface,
        ["getRegionIterArgs", "getLoopResults"]>]> {
  let summary = "Loop with carried values (`tf.while_loop`)";
  let description = [{
    Starts with the loop-carried values `inits`. Each iteration runs the
    `cond` region on the current values; it ends in `ag.condition`, which
    gives a 0-d boolean and forwards the carried values: while the boolean
    is true they go to the `body` region, which yields the next ones; when
    it is false they are the results. Both regions take one block argument
    per carried value, of its type; the type of a carried value (dtype and
    shape) does not change across iterations.

    ```mlir
    %n, %steps = ag.while_loop (%n0, %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) cond {
    ^bb0(%n: tensor<i64>, %s: tensor<i64>):
      %more = ag.compare gt, %n, %one : tensor<i64>
      ag.condition %more, %n, %s : tensor<i64>, tensor<i64>
    } body {
    ^bb0(%n: tensor<i64>, %s: tensor<i64>):
      %half = ag.div %n, %two : tensor<i64>
      %s1 = ag.add %s, %one : tensor<i64>
      ag.yield %half, %s1 : tensor<i64>, tensor<i64>
    }
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$inits);
  let results = (outs Variadic<Ag_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond_region,
                        SizedRegion<1>:$body_region);
  let assemblyFormat = [{
    `(` $inits `)` attr-dict `:` functional-type($inits, $results)
    `cond` $cond_region `body` $body_region
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Ag_ForOp : Ag_Op<"for", [RecursiveMemoryEffects,
    AllTypesMatch<["lower", "upper", "step"]>,
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
                              ["getEntrySuccessorOperands"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface,
        ["getRegionIterArgs", "getLoopResults"]>]> {
  let summary = "Counted loop over `range(lower, upper, step)`";
  let description = [{
    Runs `body` for `i = lower, lower + step, ...` while `i < upper` (or
    `i > upper` when `step` is negative), threading the loop-carried values
    `inits` through it: `for (auto i : ag::range(...))` and iteration over a
    tensor's rows. The body's block arguments are the 0-d induction value and
    the carried values; it yields the next carried values. A zero step is a
    run-time error.

    ```mlir
    %sum = ag.for %c0 to %n step %c1 : tensor<i64> iter_args(%zero : tensor<f32>) -> (tensor<f32>) {
    ^bb0(%i: tensor<i64>, %acc: tensor<f32>):
      %row = ag.index %x[%i] : tensor<?xf32>, tensor<i64> -> tensor<f32>
      %next = ag.add %acc, %row : tensor<f32>
      ag.yield %next : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Ag_IntScalar:$lower, Ag_IntScalar:$upper,
                       Ag_IntScalar:$step, Variadic<Ag_Tensor>:$inits);
  let results = (outs Variadic<Ag_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $lower `to` $upper `step` $step `:` type($lower)
    (`iter_args` `(` $inits^ `:` type($inits) `)`)? (`->` `(` type($results)^ `)`)?
    $body attr-dict
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Ag_ConditionOp : Ag_Op<"condition", [Pure, Terminator,
    HasParent<"WhileLoopOp">,
    DeclareOpInterfaceMethods<RegionBranchTerminatorOpInterface>]> {
  let summary = "Ends the cond region of ag.while_loop";
  let description = [{
    Decides whether `ag.while_loop` goes on: while the 0-d boolean
    `condition` is true, `args` (the carried values) go to the body; when it
    is false they are the loop's results (like `scf.condition`).

    ```mlir
    ag.condition %more, %n, %s : tensor<i64>, tensor<i64>
    ```
  }];
  let arguments = (ins Ag_BoolScalar:$condition, Variadic<Ag_Tensor>:$args);
  let assemblyFormat = "$condition (`,` $args^ `:` type($args))? attr-dict";
}

def Ag_YieldOp : Ag_Op<"yield", [Pure, ReturnLike, Terminator,
    ParentOneOf<["CondOp", "WhileLoopOp", "ForOp"]>]> {
  let summary = "Ends a region of ag control flow with its values";
  let description = [{
    Returns values from a region of `ag.cond` (the branch's results), the
    `body` of `ag.while_loop` or of `ag.for` (the next carried values). The
    parent op checks the values' number and types.

    ```mlir
    ag.yield %a, %b : tensor<f32>, tensor<i64>
    ```
  }];
  let arguments = (ins Variadic<Ag_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // AUTOGRAPH_DIALECT_AG_AGCONTROLFLOWOPS_TD
