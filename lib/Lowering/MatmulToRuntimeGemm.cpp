//===- MatmulToRuntimeGemm.cpp - float linalg.matmul to Eigen's GEMM ------===//
//
// After bufferization, a linalg.matmul on f32 or f64 memrefs becomes a call
// to agrt_memref_matmul_<type>(A, B, C), which computes C += A * B with the
// runtime's Eigen GEMM (blocked, vectorised for the host CPU). Operands are
// cast to fully dynamic strided memrefs, so any layout is accepted: the
// transposed operand of linalg.matmul_transpose_a/_b is a memref.transpose
// view. Integer
// matmul keeps its loops (wrapping arithmetic). Patterns and driver.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <type_traits>

namespace autograph {
#define GEN_PASS_DEF_CONVERTMATMULTORUNTIMEGEMM
#include "autograph/Lowering/Passes.h.inc"
} // namespace autograph

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// A float matmul (`Op` is linalg.matmul, matmul_transpose_a or
/// matmul_transpose_b) on memrefs -> the runtime GEMM; a transposed operand
/// is passed as a memref.transpose view (its strides swapped), not copied.
template <class Op> struct MatmulToRuntimeGemm : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return failure();
    Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1],
          c = op.getDpsInits()[0];
    auto elementType = cast<MemRefType>(c.getType()).getElementType();
    if (!elementType.isF32() && !elementType.isF64())
      return failure();
    for (Value v : {a, b})
      if (cast<MemRefType>(v.getType()).getElementType() != elementType)
        return failure();

    MemRefType matrixType = runtimeMatrixType(elementType);
    Location loc = op.getLoc();
    auto transposed = [&](Value matrix) -> Value {
      AffineMap swap = AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0},
                                                    rewriter.getContext());
      return rewriter.create<memref::TransposeOp>(loc, matrix,
                                                  AffineMapAttr::get(swap));
    };
    if constexpr (std::is_same_v<Op, linalg::MatmulTransposeAOp>)
      a = transposed(a);
    if constexpr (std::is_same_v<Op, linalg::MatmulTransposeBOp>)
      b = transposed(b);
    SmallVector<Value> operands;
    for (Value v : {a, b, c})
      operands.push_back(rewriter.create<memref::CastOp>(loc, matrixType, v));
    callRuntimeFunction(rewriter, loc, op,
                        elementType.isF32() ? RuntimeFunction::matmul_f32
                                            : RuntimeFunction::matmul_f64,
                        operands);
    rewriter.eraseOp(op);
    return success();
  }
};

struct ConvertMatmulToRuntimeGemmPass
    : autograph::impl::ConvertMatmulToRuntimeGemmBase<
          ConvertMatmulToRuntimeGemmPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<MatmulToRuntimeGemm<linalg::MatmulOp>,
                 MatmulToRuntimeGemm<linalg::MatmulTransposeAOp>,
                 MatmulToRuntimeGemm<linalg::MatmulTransposeBOp>>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
