//===- ScopeRuntimeCallDescriptors.cpp - stack of unranked call arguments -===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace autograph {
#define GEN_PASS_DEF_SCOPERUNTIMECALLDESCRIPTORS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {

/// The casts to unranked memrefs that only `call` uses, in its block.
SmallVector<memref::CastOp> unrankedArguments(func::CallOp call) {
  SmallVector<memref::CastOp> casts;
  for (Value operand : call.getOperands())
    if (auto cast = operand.getDefiningOp<memref::CastOp>())
      if (isa<UnrankedMemRefType>(cast.getType()) && cast->hasOneUse() &&
          cast->getBlock() == call->getBlock())
        casts.push_back(cast);
  return casts;
}

/// Moves `call` and `casts` into a new memref.alloca_scope at the call.
void scope(func::CallOp call, ArrayRef<memref::CastOp> casts) {
  OpBuilder builder(call);
  auto scope = builder.create<memref::AllocaScopeOp>(call.getLoc(), call.getResultTypes());
  Block *body = builder.createBlock(&scope.getBodyRegion());
  for (memref::CastOp cast : casts)
    cast->moveBefore(body, body->end());
  call->moveBefore(body, body->end());
  builder.setInsertionPointToEnd(body);
  builder.create<memref::AllocaScopeReturnOp>(call.getLoc(), call.getResults());
  call->replaceUsesWithIf(scope.getResults(), [&](OpOperand &use) {
    return use.getOwner()->getParentOp() != scope;
  });
}

struct ScopeRuntimeCallDescriptorsPass
    : autograph::impl::ScopeRuntimeCallDescriptorsBase<ScopeRuntimeCallDescriptorsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<func::CallOp, SmallVector<memref::CastOp>>> calls;
    getOperation()->walk([&](func::CallOp call) {
      if (!call.getCallee().starts_with("agrt_memref_") ||
          !call->getParentOfType<LoopLikeOpInterface>())
        return;
      SmallVector<memref::CastOp> casts = unrankedArguments(call);
      if (!casts.empty())
        calls.push_back({call, std::move(casts)});
    });
    for (auto &[call, casts] : calls)
      scope(call, casts);
  }
};

} // namespace
