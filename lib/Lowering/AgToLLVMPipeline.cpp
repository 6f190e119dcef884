//===- AgToLLVMPipeline.cpp - the registered lowering pipeline ------------===//
//
// ag -> scf/linalg -> fused, detensorised linalg -> bufferized memrefs with
// explicit deallocation -> loops -> LLVM dialect.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Pipelines.h"
#include "autograph/Lowering/Passes.h"
#include "autograph/Dialect/Ag/AgDialect.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToFuncs/MathToFuncs.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace {
/// Whether compiled loops may run on several threads: builds whose runtime
/// links LLVM's OpenMP runtime (AUTOGRAPH_OPENMP).
#if defined(AUTOGRAPH_PARALLEL_LOOPS)
constexpr bool kParallelLoops = true;
#else
constexpr bool kParallelLoops = false;
#endif
} // namespace

void autograph::registerAgLoweringDialects(DialectRegistry &registry) {
  registry.insert<ag::AgDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, cf::ControlFlowDialect,
                  func::FuncDialect, linalg::LinalgDialect, LLVM::LLVMDialect,
                  math::MathDialect, memref::MemRefDialect, omp::OpenMPDialect,
                  scf::SCFDialect, tensor::TensorDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  cf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
}

void autograph::buildAgToLinalgPipeline(OpPassManager &pm) {
  // Checks that cannot fail (an integer division by a nonzero constant
  // asserts `true`) go first: a loop with a check left in it asks the
  // runtime for a pending error on every iteration.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertAgControlFlowToSCF());
  pm.addPass(createConvertAgPrintAssertToRuntimeCalls());
  pm.addPass(createConvertAgSummaryToRuntimeCalls());
  pm.addPass(createConvertAgTensorArrayToRuntimeCalls());
  pm.addPass(createConvertAgMathToLinalg());
  pm.addPass(createCanonicalizerPass());
  // Named elementwise ops become generics so that chains fuse into one loop
  // nest, and 0-d computations (loop counters, scalar updates) detensorise
  // into plain scalars across scf control flow.
  pm.addPass(createGeneralizeElementwiseLinalgOps());
  pm.addPass(createFuseElementwiseLinalgOps());
  LinalgDetensorizePassOptions detensorize;
  detensorize.aggressiveMode = true;
  pm.addNestedPass<func::FuncOp>(createLinalgDetensorizePass(detensorize));
  pm.addPass(createScalarizeSCFTensors());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void autograph::buildLinalgToLLVMPipeline(OpPassManager &pm) {
  bufferization::OneShotBufferizationOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // Loop-carried tensors (not detensorised) may be new buffers per iteration.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  // A copy into or out of a strided view (writing a row into a batch) would
  // be memref.copy's generic `memrefCopy`, a libmlir_c_runner_utils function:
  // those become linalg.copy, lowered to loops below. Contiguous copies stay
  // memref.copy (a memcpy).
  bufferize.memCpyFn = [](OpBuilder &builder, Location loc, Value from,
                          Value to) -> LogicalResult {
    auto contiguous = [](Value buffer) {
      return cast<MemRefType>(buffer.getType()).getLayout().isIdentity();
    };
    if (contiguous(from) && contiguous(to))
      builder.create<memref::CopyOp>(loc, from, to);
    else
      builder.create<linalg::CopyOp>(loc, from, to);
    return success();
  };
  // A large splat stays a fill: as a constant it would become a global of
  // every element.
  pm.addPass(createMaterializeLargeSplats());
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Scalars and other small results go where the caller says: no malloc in
  // compiled code, no copy or free in the caller (CompiledCodeABI.h).
  pm.addPass(createSmallResultsToOutParams());
  bufferization::BufferDeallocationPipelineOptions deallocation;
  bufferization::buildBufferDeallocationPipeline(pm, deallocation);
  pm.addPass(createBufferizationToMemRefPass());
  pm.addPass(createConvertMatmulToRuntimeGemm());
  pm.addPass(createScopeRuntimeCallDescriptors());
  pm.addPass(createCollapseContiguousLoopDims());
  if (kParallelLoops) {
    // Large loop nests without loop-carried values run on several threads
    // (ParallelLoops.cpp; docs/performance.md).
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addPass(createParallelizeLargeLoops());
    pm.addPass(createConvertSCFToOpenMPPass());
    pm.addPass(createSetParallelThreadCounts());
  } else {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createApproximateMathPolynomials());
  pm.addPass(createAllowFloatContraction());
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // Buffers come from the runtime's per-thread caches through MLIR's
  // generic allocation functions (CompiledCodeABI.def), not malloc.
  FinalizeMemRefToLLVMConversionPassOptions memrefToLLVM;
  memrefToLLVM.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  if (kParallelLoops)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void autograph::registerAgPipelines() {
  PassPipelineRegistration<>(
      "ag-to-linalg",
      "Lower ag to scf and fused, detensorised linalg on tensors",
      [](OpPassManager &pm) { buildAgToLinalgPipeline(pm); });
  PassPipelineRegistration<>(
      "ag-to-llvm",
      "Lower ag all the way to the LLVM dialect (bufferized, deallocated)",
      [](OpPassManager &pm) {
        buildAgToLinalgPipeline(pm);
        buildLinalgToLLVMPipeline(pm);
      });
}
