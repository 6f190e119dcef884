//===- Passes.h - ag lowering passes ----------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_LOWERING_PASSES_H
#define AUTOGRAPH_LOWERING_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace autograph {

#define GEN_PASS_DECL
#include "autograph/Lowering/Passes.h.inc"

/// Whether the C interface of compiled code takes a result of `type` (a
/// ranked tensor, or a memref of identity layout) as an out-parameter
/// rather than returning it (small-results-to-out-params;
/// ag::compiled::result_in_place).
bool resultPassedInPlace(mlir::Type type);

/// ag.cond, ag.while_loop, ag.for (and their ag.yield) to scf.
void populateAgControlFlowToSCFPatterns(mlir::RewritePatternSet &patterns);

/// Elementwise ag ops (unary, binary, compare, cast, select) to linalg.
void populateAgElementwiseToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// ag.matmul, transpose, broadcast_to, fill, reduce, argmax, one_hot to linalg.
void populateAgStructuredOpsToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// ag.constant, dim, reshape, concat, index, slice, range to tensor/arith.
void populateAgTensorOpsToTensorPatterns(mlir::RewritePatternSet &patterns);

/// ag.print and ag.assert to calls into the runtime's C ABI.
void populateAgPrintAssertToRuntimeCallsPatterns(
    mlir::RewritePatternSet &patterns);

/// ag.summary_write to calls into the runtime's C ABI.
void populateAgSummaryToRuntimeCallsPatterns(mlir::RewritePatternSet &patterns);

/// ag.tensor_array_* to calls into the runtime's C ABI.
void populateAgTensorArrayToRuntimeCallsPatterns(mlir::RewritePatternSet &patterns);

/// 0-d tensors carried by scf.while/for/if become scalars.
void populateScalarizeSCFTensorsPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "autograph/Lowering/Passes.h.inc"

} // namespace autograph

#endif // AUTOGRAPH_LOWERING_PASSES_H
