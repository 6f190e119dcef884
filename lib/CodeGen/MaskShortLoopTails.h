//===- MaskShortLoopTails.h - vectorise loops of a few iterations -*- C++ -*-===//
//
// An LLVM function pass that asks the loop vectoriser to vectorise, with
// masked lanes for the tail, each innermost loop of fewer than 16 known
// iterations. LLVM's -O3 leaves such loops scalar: with no masking, their
// remainder would run as a scalar epilogue, which costs too much for so few
// iterations. Rows of 10 logits (a softmax's exp(x - max) over [32, 10])
// are such loops: an elementwise op broadcast along rows cannot run as one
// contiguous loop (collapse-contiguous-loop-dims), so its inner loop is
// the row. AVX-512 masks make a row one masked vector operation.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CODEGEN_MASKSHORTLOOPTAILS_H
#define AUTOGRAPH_CODEGEN_MASKSHORTLOOPTAILS_H

#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"

namespace autograph::codegen {

struct MaskShortLoopTailsPass : llvm::PassInfoMixin<MaskShortLoopTailsPass> {
  /// Loops of at least this many iterations are LLVM's to judge.
  static constexpr unsigned kShortTripCount = 16;
  llvm::PreservedAnalyses run(llvm::Loop &loop, llvm::LoopAnalysisManager &,
                              llvm::LoopStandardAnalysisResults &results,
                              llvm::LPMUpdater &);
};

} // namespace autograph::codegen

#endif // AUTOGRAPH_CODEGEN_MASKSHORTLOOPTAILS_H
