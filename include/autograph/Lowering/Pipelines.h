//===- Pipelines.h - ag lowering pipelines ----------------------*- C++ -*-===//
#ifndef AUTOGRAPH_LOWERING_PIPELINES_H
#define AUTOGRAPH_LOWERING_PIPELINES_H

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace autograph {

/// The dialects an ag module is lowered through, with the bufferization and
/// deallocation interface models the pipeline needs.
void registerAgLoweringDialects(mlir::DialectRegistry &registry);

/// ag -> scf + linalg on tensors, fused and detensorised (`ag-to-linalg`).
void buildAgToLinalgPipeline(mlir::OpPassManager &pm);

/// linalg on tensors -> LLVM dialect: bufferization with deallocation,
/// loops, and the conversions to LLVM.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm);

/// Registers `ag-to-linalg` and `ag-to-llvm` for autograph-opt.
void registerAgPipelines();

} // namespace autograph

#endif // AUTOGRAPH_LOWERING_PIPELINES_H
