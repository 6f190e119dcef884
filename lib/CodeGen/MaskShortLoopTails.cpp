//===- MaskShortLoopTails.cpp - vectorise loops of a few iterations -------===//
#include "MaskShortLoopTails.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;

namespace autograph::codegen {

PreservedAnalyses MaskShortLoopTailsPass::run(Loop &loop, LoopAnalysisManager &,
                                              LoopStandardAnalysisResults &results,
                                              LPMUpdater &) {
  if (!loop.isInnermost())
    return PreservedAnalyses::all();
  unsigned trips = results.SE.getSmallConstantTripCount(&loop);
  // 0: unknown. A count the vector width divides needs no tail.
  if (trips < 2 || trips >= kShortTripCount || trips % 8 == 0)
    return PreservedAnalyses::all();
  addStringMetadataToLoop(&loop, "llvm.loop.vectorize.predicate.enable", 1);
  // Else full unrolling would turn the row into straight-line code first,
  // which is then vectorised across rows with gathers and scatters.
  addStringMetadataToLoop(&loop, "llvm.loop.unroll.disable", 1);
  return PreservedAnalyses::all();
}

} // namespace autograph::codegen
