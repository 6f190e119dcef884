//===- AllowFloatContraction.cpp - let LLVM fuse a*b+c into one FMA -------===//
#include "autograph/Lowering/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace autograph {
#define GEN_PASS_DEF_ALLOWFLOATCONTRACTION
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;

namespace {
struct AllowFloatContractionPass
    : autograph::impl::AllowFloatContractionBase<AllowFloatContractionPass> {
  void runOnOperation() override {
    getOperation()->walk([](arith::ArithFastMathInterface op) {
      arith::FastMathFlags flags = op.getFastMathFlagsAttr()
                                       ? op.getFastMathFlagsAttr().getValue()
                                       : arith::FastMathFlags::none;
      op->setAttr(op.getFastMathAttrName(),
                  arith::FastMathFlagsAttr::get(
                      op->getContext(), flags | arith::FastMathFlags::contract));
    });
  }
};
} // namespace
