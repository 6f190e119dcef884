//===- CollapseContiguousLoopDims.cpp - one loop over contiguous dims -----===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace autograph {
#define GEN_PASS_DEF_COLLAPSECONTIGUOUSLOOPDIMS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
/// Whether every operand of `op` is a buffer with the identity layout (its
/// dimensions are contiguous, row-major), so that any sequence of them can
/// be viewed as one with memref.collapse_shape.
bool onContiguousBuffers(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return false;
  return llvm::all_of(op->getOperands(), [](Value operand) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    return !type || type.getLayout().isIdentity();
  });
}

/// The longest runs of consecutive loops of one iterator type that every
/// indexing map keeps together and in order (see Passes.td).
SmallVector<ReassociationIndices> collapsibleLoops(linalg::LinalgOp op) {
  SmallVector<ReassociationIndices> groups;
  if (!isa<linalg::GenericOp>(op) || !onContiguousBuffers(op) ||
      !op.getBlock()->getOps<linalg::IndexOp>().empty())
    return groups;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!llvm::all_of(maps, [](AffineMap m) { return m.isProjectedPermutation(); }))
    return groups;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t loops = static_cast<int64_t>(iterators.size());
  for (int64_t first = 0; first < loops;) {
    ReassociationIndices group = {first};
    for (int64_t next = first + 1;
         next < loops && iterators[next] == iterators[first]; ++next) {
      ReassociationIndices longer = group;
      longer.push_back(next);
      if (!linalg::areDimSequencesPreserved(maps, {longer}))
        break;
      group = std::move(longer);
    }
    first += static_cast<int64_t>(group.size());
    if (group.size() > 1)
      groups.push_back(std::move(group));
  }
  return groups;
}

struct CollapseContiguousLoopDimsPass
    : autograph::impl::CollapseContiguousLoopDimsBase<
          CollapseContiguousLoopDimsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateCollapseDimensions(patterns, collapsibleLoops);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
