//===- TensorArrayToRuntimeCalls.cpp - ag.tensor_array_* to the C ABI -----===//
//
// The arrays live in the runtime (runtime/TensorArray.cpp), behind an i64
// handle:
//
//   ag.tensor_array_create  agrt_memref_tensor_array_create(size, dtype,
//                           dynamic, name) -> handle
//   ag.tensor_array_write   agrt_memref_tensor_array_write_<dtype>(handle,
//                           index, unranked value): the runtime copies it
//   ag.tensor_array_read    the element's run-time extents
//   ag.tensor_array_stack   (agrt_memref_tensor_array_element_dim / _size), a
//                           memref.alloc of its bytes that the runtime fills
//                           (agrt_memref_tensor_array_read / _stack), viewed
//                           as the result type and made a tensor
//                           (bufferization.to_tensor restrict writable)
//   ag.tensor_array_size    agrt_memref_tensor_array_size
//   ag.tensor_array_release agrt_memref_tensor_array_release
//
// The buffers are ordinary allocations, freed by buffer deallocation. Patterns
// only; the pass is in ConvertAgTensorArrayToRuntimeCalls.cpp.
//
//===----------------------------------------------------------------------===//
#include "autograph/DType.h"
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// The runtime's dtype of an element type.
std::optional<::ag::DType> dtypeOf(Type type) {
  if (type.isF32())
    return ::ag::DType::Float32;
  if (type.isF64())
    return ::ag::DType::Float64;
  if (type.isInteger(32))
    return ::ag::DType::Int32;
  if (type.isInteger(64))
    return ::ag::DType::Int64;
  if (type.isInteger(1))
    return ::ag::DType::Bool;
  return std::nullopt;
}

Value i64Constant(OpBuilder &builder, Location loc, int64_t value) {
  return builder.create<arith::ConstantOp>(loc, builder.getI64IntegerAttr(value));
}

/// A 0-d integer tensor's element as i64.
Value scalarAsI64(OpBuilder &builder, Location loc, Value scalarTensor) {
  Value scalar = extractScalar(builder, loc, scalarTensor);
  if (scalar.getType().isInteger(64))
    return scalar;
  return builder.create<arith::ExtSIOp>(loc, builder.getI64Type(), scalar);
}

Value callForI64(OpBuilder &builder, Location loc, Operation *anchor,
                 RuntimeFunction function, ValueRange arguments) {
  return callRuntimeFunction(builder, loc, anchor, function, arguments)->getResult(0);
}

/// A tensor of `type` that the runtime fills: its extents (dynamic ones
/// from `extent(axis)`), an allocation of its bytes passed to `fill`, the
/// allocation viewed as `type`.
Value runtimeFilledTensor(OpBuilder &builder, Location loc, RankedTensorType type,
                          llvm::function_ref<Value(unsigned)> extent,
                          llvm::function_ref<void(Value bytes)> fill) {
  SmallVector<Value> dynamicSizes;
  Value bytes = builder.create<arith::ConstantIndexOp>(
      loc, static_cast<int64_t>(::ag::dtype_size(*dtypeOf(type.getElementType()))));
  for (unsigned axis = 0; axis < type.getRank(); ++axis) {
    Value size;
    if (type.isDynamicDim(axis)) {
      size = builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), extent(axis));
      dynamicSizes.push_back(size);
    } else {
      size = builder.create<arith::ConstantIndexOp>(loc, type.getDimSize(axis));
    }
    bytes = builder.create<arith::MulIOp>(loc, bytes, size);
  }
  auto byteType = MemRefType::get({ShapedType::kDynamic}, builder.getI8Type());
  Value buffer = builder.create<memref::AllocOp>(loc, byteType, ValueRange{bytes},
                                                 builder.getI64IntegerAttr(64));
  fill(buffer);
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  auto viewType = MemRefType::get(type.getShape(), type.getElementType());
  Value view = builder.create<memref::ViewOp>(loc, viewType, buffer, zero, dynamicSizes);
  return builder.create<bufferization::ToTensorOp>(loc, view, /*restrict=*/true,
                                                   /*writable=*/true);
}

struct CreateToRuntimeCall : OpRewritePattern<mlir::ag::TensorArrayCreateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArrayCreateOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<::ag::DType> dtype = dtypeOf(op.getElementType());
    if (!dtype)
      return rewriter.notifyMatchFailure(op, "no runtime dtype for the element type");
    Location loc = op.getLoc();
    Value handle = callForI64(
        rewriter, loc, op, RuntimeFunction::tensor_array_create,
        {scalarAsI64(rewriter, loc, op.getSize()),
         i64Constant(rewriter, loc, static_cast<int64_t>(*dtype)),
         i64Constant(rewriter, loc, op.getDynamicSize() ? 1 : 0),
         runtimeText(rewriter, loc, op.getName())});
    rewriter.replaceOp(op, wrapScalar(rewriter, loc, handle));
    return success();
  }
};

std::optional<RuntimeFunction> writeFunction(Type elementType) {
  switch (dtypeOf(elementType).value_or(::ag::DType::Bool)) {
  case ::ag::DType::Float32:
    return RuntimeFunction::tensor_array_write_f32;
  case ::ag::DType::Float64:
    return RuntimeFunction::tensor_array_write_f64;
  case ::ag::DType::Int32:
    return RuntimeFunction::tensor_array_write_i32;
  case ::ag::DType::Int64:
    return RuntimeFunction::tensor_array_write_i64;
  case ::ag::DType::Bool:
    if (elementType.isInteger(1))
      return RuntimeFunction::tensor_array_write_bool;
    return std::nullopt;
  }
  return std::nullopt;
}

struct WriteToRuntimeCall : OpRewritePattern<mlir::ag::TensorArrayWriteOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArrayWriteOp op,
                                PatternRewriter &rewriter) const override {
    Type elementType = op.getValue().getType().getElementType();
    std::optional<RuntimeFunction> function = writeFunction(elementType);
    if (!function)
      return rewriter.notifyMatchFailure(op, "no runtime write for the dtype");
    Location loc = op.getLoc();
    Value unranked = rewriter.create<tensor::CastOp>(
        loc, UnrankedTensorType::get(elementType), op.getValue());
    callRuntimeFunction(rewriter, loc, op, *function,
                        {extractScalar(rewriter, loc, op.getHandle()),
                         scalarAsI64(rewriter, loc, op.getIndex()), unranked});
    rewriter.eraseOp(op);
    return success();
  }
};

struct ReadToRuntimeCall : OpRewritePattern<mlir::ag::TensorArrayReadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArrayReadOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getElement().getType();
    if (!dtypeOf(type.getElementType()))
      return rewriter.notifyMatchFailure(op, "no runtime dtype for the element type");
    Location loc = op.getLoc();
    Value handle = extractScalar(rewriter, loc, op.getHandle());
    Value index = scalarAsI64(rewriter, loc, op.getIndex());
    Value element = runtimeFilledTensor(
        rewriter, loc, type,
        [&](unsigned axis) {
          return callForI64(rewriter, loc, op, RuntimeFunction::tensor_array_element_dim,
                            {handle, i64Constant(rewriter, loc, axis)});
        },
        [&](Value bytes) {
          callRuntimeFunction(rewriter, loc, op, RuntimeFunction::tensor_array_read,
                              {handle, index, bytes});
        });
    rewriter.replaceOp(op, element);
    return success();
  }
};

struct StackToRuntimeCall : OpRewritePattern<mlir::ag::TensorArrayStackOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArrayStackOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getStacked().getType();
    if (!dtypeOf(type.getElementType()))
      return rewriter.notifyMatchFailure(op, "no runtime dtype for the element type");
    Location loc = op.getLoc();
    Value handle = extractScalar(rewriter, loc, op.getHandle());
    Value stacked = runtimeFilledTensor(
        rewriter, loc, type,
        [&](unsigned axis) {
          if (axis == 0)
            return callForI64(rewriter, loc, op, RuntimeFunction::tensor_array_size, handle);
          return callForI64(rewriter, loc, op, RuntimeFunction::tensor_array_element_dim,
                            {handle, i64Constant(rewriter, loc, axis - 1)});
        },
        [&](Value bytes) {
          callRuntimeFunction(rewriter, loc, op, RuntimeFunction::tensor_array_stack,
                              {handle, bytes});
        });
    rewriter.replaceOp(op, stacked);
    return success();
  }
};

struct ReleaseToRuntimeCall : OpRewritePattern<mlir::ag::TensorArrayReleaseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArrayReleaseOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    callRuntimeFunction(rewriter, loc, op, RuntimeFunction::tensor_array_release,
                        {extractScalar(rewriter, loc, op.getHandle())});
    rewriter.eraseOp(op);
    return success();
  }
};

struct SizeToRuntimeCall : OpRewritePattern<mlir::ag::TensorArraySizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mlir::ag::TensorArraySizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value size = callForI64(rewriter, loc, op, RuntimeFunction::tensor_array_size,
                            extractScalar(rewriter, loc, op.getHandle()));
    Value size32 = rewriter.create<arith::TruncIOp>(loc, rewriter.getI32Type(), size);
    rewriter.replaceOp(op, wrapScalar(rewriter, loc, size32));
    return success();
  }
};

} // namespace

void autograph::populateAgTensorArrayToRuntimeCallsPatterns(RewritePatternSet &patterns) {
  patterns.add<CreateToRuntimeCall, WriteToRuntimeCall, ReadToRuntimeCall,
               StackToRuntimeCall, ReleaseToRuntimeCall, SizeToRuntimeCall>(
      patterns.getContext());
}
