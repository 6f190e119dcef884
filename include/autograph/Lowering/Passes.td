//===- Passes.td - ag lowering passes ----------------------*- tablegen -*-===//
#ifndef AUTOGRAPH_LOWERING_PASSES_TD
#define AUTOGRAPH_LOWERING_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAgControlFlowToSCF : Pass<"convert-ag-control-flow-to-scf"> {
  let summary = "Lower ag.cond, ag.while_loop and ag.for to scf";
  let description = [{
    `ag.cond` becomes `scf.if` on the predicate's element, `ag.while_loop`
    becomes `scf.while`, and `ag.for` becomes `scf.for` when its step is a
    positive constant and `scf.while` otherwise (a negative step counts
    down; a zero step runs no iteration). Induction values stay 0-d tensors
    in the body, so the ag ops in it are unchanged. A loop whose regions
    contain an `ag.assert` also stops when a check of the call has failed
    (`agrt_memref_error_pending()`), as eager execution stopped by raising.

    ```mlir
    %r = ag.cond %p -> (tensor<f32>) { ag.yield %a : tensor<f32> }
                                     else { ag.yield %b : tensor<f32> }
    // becomes
    %c = tensor.extract %p[] : tensor<i1>
    %r = scf.if %c -> (tensor<f32>) { scf.yield %a : tensor<f32> }
                                    else { scf.yield %b : tensor<f32> }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ConvertAgTensorArrayToRuntimeCalls
    : Pass<"convert-ag-tensor-array-to-runtime-calls", "::mlir::ModuleOp"> {
  let summary = "Lower ag.tensor_array_* ops to calls into the runtime";
  let description = [{
    The arrays live in the runtime behind an i64 handle
    (`runtime/TensorArray.cpp`): create, write (the runtime copies the
    element), size and element extents are calls; a read or stack allocates
    the result's bytes, has the runtime fill them, and views them as the
    result tensor (`bufferization.to_tensor restrict writable`).

    ```mlir
    %e = ag.tensor_array_read %ta[%i] : tensor<i64> -> tensor<?xf32>
    // becomes
    %d = call @agrt_memref_tensor_array_element_dim(%h, %c0_i64) : (i64, i64) -> i64
    %m = memref.alloc(%bytes) {alignment = 64 : i64} : memref<?xi8>
    call @agrt_memref_tensor_array_read(%h, %i, %m) : (i64, i64, memref<?xi8>) -> ()
    %v = memref.view %m[%c0][%n] : memref<?xi8> to memref<?xf32>
    %e = bufferization.to_tensor %v restrict writable : memref<?xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ConvertAgPrintAssertToRuntimeCalls
    : Pass<"convert-ag-print-assert-to-runtime-calls", "::mlir::ModuleOp"> {
  let summary = "Lower ag.print and ag.assert to calls into the runtime";
  let description = [{
    `ag.print` becomes `agrt_memref_print_begin`, one `agrt_memref_print_text`
    per literal piece (an i8 tensor), one `agrt_memref_print_tensor_<dtype>`
    per tensor (an unranked tensor) and `agrt_memref_print_end`, so the runtime
    formats tensors exactly as eager `ag::print` does. `ag.assert` becomes a
    call to `agrt_memref_assert_fail(message, file, line)` when the predicate
    is false, with the file and line of the op's location. The functions are
    declared in the module with read-only tensor arguments and defined by the
    runtime (`include/autograph/CompiledCodeABI.h`).

    ```mlir
    ag.print("x = ", %x, "\n") : tensor<2xf32>
    // becomes
    call @agrt_memref_print_begin() : () -> ()
    call @agrt_memref_print_text(%text) : (tensor<?xi8>) -> ()
    call @agrt_memref_print_tensor_f32(%unranked) : (tensor<*xf32>) -> ()
    ...
    call @agrt_memref_print_end() : () -> ()
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ConvertAgSummaryToRuntimeCalls
    : Pass<"convert-ag-summary-to-runtime-calls", "::mlir::ModuleOp"> {
  let summary = "Lower ag.summary_write to calls into the runtime";
  let description = [{
    `ag.summary_write` becomes `agrt_memref_summary_scalar(tag, description,
    value, step)` or `agrt_memref_summary_histogram(tag, description, values,
    buckets, step)`, which write to the calling thread's default summary
    writer when the compiled function runs (`include/autograph/Summary.h`).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ConvertAgMathToLinalg : Pass<"convert-ag-math-to-linalg"> {
  let summary = "Lower ag tensor math to linalg, tensor, arith and math";
  let description = [{
    Elementwise ops become `linalg` named ops where one has the op's exact
    semantics (`linalg.add`, `linalg.exp`, ...) and `linalg.generic` with
    `arith`/`math` bodies otherwise; `ag.matmul` becomes `linalg.matmul`,
    `ag.transpose` `linalg.transpose`, reductions `linalg.reduce`, and
    the structural ops `tensor` ops. Dynamic dimensions are read with
    `tensor.dim`; a broadcast of a dimension known only at run time reads
    the operand in place when it has the result's size and stretches it
    (an `scf.if`) when it is 1. Integer division and remainder divide by 1 where the
    divisor is 0, so compiled code has no undefined behaviour; the division
    by zero itself is reported by `ag.assert`s that the tracer inserts.
  }];
  // linalg-detensorize, which follows this pass in the ag pipelines, builds
  // cf ops without declaring the dialect: load it here.
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::cf::ControlFlowDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ScalarizeSCFTensors : Pass<"scalarize-scf-tensors"> {
  let summary = "Carry 0-d tensors through scf loops and branches as scalars";
  let description = [{
    `linalg-detensorize` turns 0-d linalg computations into scalar `arith`
    but leaves the values that `scf.while`, `scf.for` and `scf.if` carry as
    0-d tensors, which would bufferize into one heap allocation per
    iteration. This pass carries them as scalars: a data-dependent scalar
    loop then runs at native speed.

    ```mlir
    %r = scf.while (%n = %t) : (tensor<i64>) -> tensor<i64> { ... }
    // becomes
    %e = tensor.extract %t[] : tensor<i64>
    %s = scf.while (%n = %e) : (i64) -> i64 { ... }
    %r = tensor.from_elements %s : tensor<i64>
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ApproximateMathPolynomials : Pass<"approximate-math-polynomials"> {
  let summary = "Replace exp, tanh, log, ... by polynomial approximations";
  let description = [{
    Runs MLIR's math polynomial approximations on float32 math ops, so that
    transcendental functions become arithmetic that the loop vectorizer can
    vectorize instead of calls into libm. The approximations are accurate to
    a few ulp (within the 1e-5 relative tolerance between compiled and eager
    results). float64 math and functions without an approximation stay
    `math` ops (libm calls).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def AllowFloatContraction : Pass<"allow-float-contraction"> {
  let summary = "Mark float arithmetic contractible: a * b + c may become one FMA";
  let description = [{
    Adds `contract` to the fast-math flags of every float `arith` op, so
    that LLVM fuses a multiply and the add or subtraction that uses it into
    one fused multiply-add (what C compilers do under `-ffp-contract=fast`,
    GCC's default). The fused result is rounded once instead of twice, so it
    is at least as exact, and it may differ from the eager runtime's (one op
    at a time) in the last bit; compiled and eager results agree within
    their documented 1e-5 relative tolerance. On AVX-512 this cut the
    `sigmoid(x * w + b) * 2 - 1` loop by a fifth (docs/performance.md).
    Nothing else changes: no reassociation, no reciprocals, NaN and
    infinity semantics kept.

    ```mlir
    %p = arith.mulf %x, %w : vector<16xf32>
    %s = arith.addf %p, %b : vector<16xf32>
    // becomes
    %p = arith.mulf %x, %w fastmath<contract> : vector<16xf32>
    %s = arith.addf %p, %b fastmath<contract> : vector<16xf32>
    ```
  }];
}

def GeneralizeElementwiseLinalgOps : Pass<"generalize-elementwise-linalg-ops"> {
  let summary = "Turn elementwise linalg named ops into linalg.generic";
  let description = [{
    Elementwise fusion works on `linalg.generic`; unlike
    `linalg-generalize-named-ops`, this keeps `linalg.matmul` named so that
    `convert-matmul-to-runtime-gemm` can still find it.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FuseElementwiseLinalgOps : Pass<"fuse-elementwise-linalg-ops"> {
  let summary = "Fuse elementwise linalg.generic chains without recomputing costly work";
  let description = [{
    `linalg-fuse-elementwise-ops`, except that a producer calling a math
    function or dividing is not fused through a broadcasting indexing map,
    where its body would run once per element of the broadcast (a scalar
    `pow` per weight in an optimizer's update).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ScopeRuntimeCallDescriptors : Pass<"scope-runtime-call-descriptors"> {
  let summary = "Free the stack that a runtime call's unranked memrefs take";
  let description = [{
    Passing a ranked memref as an unranked one (`memref.cast` to
    `memref<*xT>`, how ag.print and ag.tensor_array_write hand tensors to the
    runtime) lowers to a stack allocation of the ranked descriptor where the
    cast is. Inside a loop each iteration would take more stack, until a long
    loop overflows it. Such a runtime call in a loop, with its casts, is put
    in a `memref.alloca_scope`, which frees that stack after the call.

    ```mlir
    scf.for %i = %c0 to %n step %c1 {
      %u = memref.cast %m : memref<f32> to memref<*xf32>
      func.call @agrt_memref_print_tensor_f32(%u) : (memref<*xf32>) -> ()
    }
    // becomes
    scf.for %i = %c0 to %n step %c1 {
      memref.alloca_scope {
        %u = memref.cast %m : memref<f32> to memref<*xf32>
        func.call @agrt_memref_print_tensor_f32(%u) : (memref<*xf32>) -> ()
      }
    }
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def CollapseContiguousLoopDims : Pass<"collapse-contiguous-loop-dims"> {
  let summary = "Run a linalg.generic over contiguous buffers as fewer, longer loops";
  let description = [{
    Runs on memrefs, after bufferization. In a `linalg.generic` whose
    operands all have the identity (row-major, contiguous) layout, each run
    of consecutive loops of one iterator type that every indexing map keeps
    together and in the same order becomes one loop over views made by
    `memref.collapse_shape` (no copy). An elementwise op on f32[128, 10]
    becomes one loop of 1280 iterations, which LLVM vectorises along the
    memory; as a nest, LLVM unrolled the inner loop of 10 and vectorised
    the outer one with gathers and scatters of stride 10, or not at all
    (Adam's update of a 128x10 kernel took longer than that of the 64x128
    one; docs/performance.md). A map that broadcasts along some of the run
    (a bias of [10] added to [32, 10]) keeps those loops apart, and bodies
    that read `linalg.index` are left alone.

    ```mlir
    linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d0, d1)],
                    iterator_types = ["parallel", "parallel"]}
        ins(%a : memref<128x10xf32>) outs(%b : memref<128x10xf32>)
    // becomes
    %a1 = memref.collapse_shape %a [[0, 1]] : memref<128x10xf32> into memref<1280xf32>
    %b1 = memref.collapse_shape %b [[0, 1]] : memref<128x10xf32> into memref<1280xf32>
    linalg.generic {indexing_maps = [(d0) -> (d0), (d0) -> (d0)],
                    iterator_types = ["parallel"]}
        ins(%a1 : memref<1280xf32>) outs(%b1 : memref<1280xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def SmallResultsToOutParams
    : Pass<"small-results-to-out-params", "::mlir::ModuleOp"> {
  let summary = "Write small static results into memory the caller passes";
  let description = [{
    Runs on memrefs, before buffer deallocation. In each function called
    through the C interface (`llvm.emit_c_interface`), a result of static
    shape and at most 64 bytes (ag::compiled::result_in_place,
    include/autograph/CompiledCodeABI.h) becomes an out-parameter appended
    after the arguments, in result order. A result allocated in the
    function's entry block is computed in the out-parameter itself (the
    allocation is gone); any other is copied into it before each return.
    Calling compiled code that returns scalars then allocates nothing.

    ```mlir
    func.func @f(%x: memref<f32>) -> memref<f32> attributes {llvm.emit_c_interface} {
      %r = memref.alloc() : memref<f32>
      ...
      return %r : memref<f32>
    }
    // becomes
    func.func @f(%x: memref<f32>, %out: memref<f32>) attributes {llvm.emit_c_interface} {
      ...   // uses of %r use %out
      return
    }
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def MaterializeLargeSplats : Pass<"materialize-large-splats"> {
  let summary = "Fill large splat tensor constants at run time";
  let description = [{
    A splat `arith.constant` tensor of more than 64 KiB (a fill of a large
    static shape, folded) becomes `tensor.empty` + `linalg.fill`, so that
    neither the compiler nor the object file holds every element: bufferized
    as it is, it would become a global of all its elements, which LLVM builds
    element by element (a fill of 10^12 elements would never compile).

    ```mlir
    %c = arith.constant dense<3> : tensor<100000x100000xi64>
    // becomes
    %three = arith.constant 3 : i64
    %empty = tensor.empty() : tensor<100000x100000xi64>
    %c = linalg.fill ins(%three : i64) outs(%empty : tensor<100000x100000xi64>)
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ConvertMatmulToRuntimeGemm
    : Pass<"convert-matmul-to-runtime-gemm", "::mlir::ModuleOp"> {
  let summary = "Call the runtime's Eigen GEMM for float linalg.matmul on memrefs";
  let description = [{
    Runs after bufferization: `linalg.matmul` on f32/f64 memrefs becomes a
    call to `agrt_memref_matmul_f32`/`_f64(A, B, C)` (C += A * B), defined by
    the runtime with Eigen's blocked, vectorised GEMM. Integer matmul keeps
    its loops.

    ```mlir
    linalg.matmul ins(%a, %b : memref<?x784xf32>, memref<784x128xf32>)
                  outs(%c : memref<?x128xf32>)
    // becomes
    call @agrt_memref_matmul_f32(%a_cast, %b_cast, %c_cast)
      : (memref<?x?xf32, strided<[?, ?], offset: ?>>, ...) -> ()
    ```
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

def ParallelizeLargeLoops
    : Pass<"parallelize-large-loops", "::mlir::ModuleOp"> {
  let summary = "Keep scf.parallel only where threads pay; the rest as scf.for";
  let description = [{
    Each outermost `scf.parallel` (of convert-linalg-to-parallel-loops)
    runs on several threads only when its work is large: it becomes an
    `scf.if` on `iterations * work >= 2^20 && agrt_memref_num_threads() > 1`
    (work: the ops of one iteration, nested loops counted with their
    constant trip counts) whose then-branch is the `scf.parallel`
    (convert-scf-to-openmp makes it an OpenMP loop) and whose else-branch
    the same nest of `scf.for` loops. `scf.parallel` nested in another
    becomes `scf.for`: one level of threads.

    ```mlir
    scf.parallel (%i) = (%c0) to (%n) step (%c1) { ... }
    // becomes
    %large = ...   // %n >= 2^20 / work and agrt_memref_num_threads() > 1
    scf.if %large {
      scf.parallel (%i) = (%c0) to (%n) step (%c1) { ... }
    } else {
      scf.for %i = %c0 to %n step %c1 { ... }
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect"];
}

def SetParallelThreadCounts
    : Pass<"set-parallel-thread-counts", "::mlir::ModuleOp"> {
  let summary = "Run each omp.parallel on ag::get_num_threads() threads";
  let description = [{
    An `omp.parallel` without a thread count gets
    `num_threads(trunci(agrt_memref_num_threads()))`: the count
    `ag::set_num_threads` chose, read each time the loop starts (OpenMP's
    own setting is per thread; ag's is the program's). The
    `memref.alloca_scope` that convert-scf-to-openmp wraps each loop body
    in is inlined where the body allocates nothing on the stack itself: a
    scope's region must stay one block, which a body with nested loops is
    not once they are lowered to branches.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::omp::OpenMPDialect"];
}

#endif // AUTOGRAPH_LOWERING_PASSES_TD
