//===- SmallResultsToOutParams.cpp - small results in the caller's memory -===//
//
// The calling convention for small results (ag::compiled::result_in_place):
// compiled code writes them where the caller says instead of returning a
// buffer it allocated, so that a call returning scalars needs no malloc in
// compiled code, and no copy or free in the caller.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"

#include "autograph/CompiledCodeABI.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/BitVector.h"

namespace autograph {
#define GEN_PASS_DEF_SMALLRESULTSTOOUTPARAMS
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

bool autograph::resultPassedInPlace(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank() || !shaped.getElementType().isIntOrFloat())
    return false;
  if (auto memref = dyn_cast<MemRefType>(type);
      memref && !memref.getLayout().isIdentity())
    return false;
  int64_t elementBytes = (shaped.getElementTypeBitWidth() + 7) / 8;
  ArrayRef<int64_t> shape = shaped.getShape();
  return ag::compiled::result_in_place(elementBytes, shape.data(), shape.size());
}

namespace {

/// The allocation in `entry` that `value` is, when it is one.
memref::AllocOp entryAllocation(Value value, Block &entry) {
  auto alloc = value.getDefiningOp<memref::AllocOp>();
  return alloc && alloc->getBlock() == &entry ? alloc : memref::AllocOp();
}

void convert(func::FuncOp function) {
  FunctionType type = function.getFunctionType();
  SmallVector<unsigned> inPlace;
  llvm::BitVector dropped(type.getNumResults());
  for (auto [i, result] : llvm::enumerate(type.getResults()))
    if (isa<MemRefType>(result) && autograph::resultPassedInPlace(result)) {
      inPlace.push_back(i);
      dropped.set(i);
    }
  if (inPlace.empty())
    return;

  SmallVector<func::ReturnOp> returns;
  function.walk([&](func::ReturnOp op) { returns.push_back(op); });
  Block &entry = function.front();
  SmallVector<BlockArgument> outs;
  for (unsigned i : inPlace) {
    unsigned index = function.getNumArguments();
    function.insertArgument(index, type.getResult(i), DictionaryAttr(),
                            function.getLoc());
    outs.push_back(function.getArgument(index));
  }
  // With one return, a result allocated up front is computed in its
  // out-parameter (each allocation once: a value returned twice is copied
  // the second time).
  if (returns.size() == 1)
    for (auto [k, i] : llvm::enumerate(inPlace)) {
      memref::AllocOp alloc = entryAllocation(returns[0].getOperand(i), entry);
      if (alloc) {
        alloc.getResult().replaceAllUsesWith(outs[k]);
        alloc.erase();
      }
    }
  for (func::ReturnOp ret : returns) {
    OpBuilder builder(ret);
    SmallVector<Value> kept;
    for (auto [i, operand] : llvm::enumerate(ret.getOperands())) {
      if (!dropped.test(i)) {
        kept.push_back(operand);
        continue;
      }
      Value out = outs[llvm::find(inPlace, i) - inPlace.begin()];
      if (operand != out)
        builder.create<memref::CopyOp>(ret.getLoc(), operand, out);
    }
    ret->setOperands(kept);
  }
  function.eraseResults(dropped);
}

struct SmallResultsToOutParamsPass
    : autograph::impl::SmallResultsToOutParamsBase<SmallResultsToOutParamsPass> {
  void runOnOperation() override {
    for (auto function : getOperation().getOps<func::FuncOp>())
      if (!function.isExternal() && function->hasAttr("llvm.emit_c_interface"))
        convert(function);
  }
};

} // namespace
