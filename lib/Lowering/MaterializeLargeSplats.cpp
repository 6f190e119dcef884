//===- MaterializeLargeSplats.cpp - large splat constants become fills ----===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace autograph {
#define GEN_PASS_DEF_MATERIALIZELARGESPLATS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
/// Larger splats are filled at run time (see Passes.td).
constexpr int64_t kLargestStoredSplatBytes = 64 * 1024;

/// The fill that `op` (a splat tensor constant) becomes, if it is large.
void fillIfLarge(IRRewriter &rewriter, arith::ConstantOp op) {
  auto type = dyn_cast<RankedTensorType>(op.getType());
  auto splat = dyn_cast<SplatElementsAttr>(op.getValue());
  if (!type || !splat || !type.hasStaticShape())
    return;
  int64_t bits = std::max<int64_t>(type.getElementTypeBitWidth(), 8);
  if (type.getNumElements() <= kLargestStoredSplatBytes * 8 / bits)
    return;
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  Value element = rewriter.create<arith::ConstantOp>(
      loc, cast<TypedAttr>(splat.getSplatValue<Attribute>()));
  Value empty = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                 type.getElementType());
  rewriter.replaceOpWithNewOp<linalg::FillOp>(op, element, empty);
}

struct MaterializeLargeSplatsPass
    : autograph::impl::MaterializeLargeSplatsBase<MaterializeLargeSplatsPass> {
  void runOnOperation() override {
    // A walk, not the greedy driver: its folding would turn the fills back
    // into constants.
    SmallVector<arith::ConstantOp> constants;
    getOperation()->walk([&](arith::ConstantOp op) { constants.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (arith::ConstantOp op : constants)
      fillIfLarge(rewriter, op);
  }
};
} // namespace
