//===- TensorOpsToTensor.cpp - ag data-movement ops to tensor -------------===//
//
// ag.constant, ag.dim, ag.reshape, ag.concat, ag.index, ag.slice,
// ag.update_row, ag.gather and ag.range become tensor (and arith, linalg)
// ops. Indices are clamped into range so compiled
// code never reads out of bounds; reporting a bad index is ag.assert's job.
// Patterns only.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "LinalgBuilders.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"

#include <tuple>
#include <utility>

using namespace mlir;
using namespace autograph::lowering;

namespace {

Value toIndex(OpBuilder &builder, Location loc, Value scalar) {
  return builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), scalar);
}

/// max(low, min(value, high)) on index values.
Value clamp(OpBuilder &builder, Location loc, Value value, Value low,
            Value high) {
  Value upper = builder.create<arith::MinSIOp>(loc, value, high);
  return builder.create<arith::MaxSIOp>(loc, upper, low);
}

/// `value` as `type` (a tensor.cast when only static information differs).
Value castTo(OpBuilder &builder, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return builder.create<tensor::CastOp>(loc, type, value);
}

struct ConstantToArith : OpRewritePattern<ag::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct DimToTensor : OpRewritePattern<ag::DimOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::DimOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value size = dimSize(rewriter, loc, op.getOperand(), op.getDim());
    Value asI64 =
        rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(), size);
    rewriter.replaceOp(op, wrapScalar(rewriter, loc, asI64));
    return success();
  }
};

struct ReshapeToTensor : OpRewritePattern<ag::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getOperand();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto type = cast<RankedTensorType>(op.getType());
    // The one dynamic result size is the element count over the static ones
    // (0 when a static size is 0, to avoid dividing by it).
    Value total = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    for (int64_t i = 0; i < inputType.getRank(); ++i)
      total = rewriter.create<arith::MulIOp>(loc, total,
                                             dimSize(rewriter, loc, input, i));
    int64_t known = 1;
    for (int64_t size : type.getShape())
      if (!ShapedType::isDynamic(size))
        known *= size;
    SmallVector<Value> sizes;
    for (int64_t size : type.getShape()) {
      if (!ShapedType::isDynamic(size)) {
        sizes.push_back(rewriter.create<arith::ConstantIndexOp>(loc, size));
        continue;
      }
      sizes.push_back(known == 0 ? rewriter.create<arith::ConstantIndexOp>(loc, 0)
                                       .getResult()
                                 : rewriter.create<arith::DivUIOp>(
                                       loc, total,
                                       rewriter.create<arith::ConstantIndexOp>(
                                           loc, known)).getResult());
    }
    auto shapeType = RankedTensorType::get(
        {static_cast<int64_t>(sizes.size())}, rewriter.getIndexType());
    Value shape = rewriter.create<tensor::FromElementsOp>(loc, shapeType, sizes);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, type, input, shape);
    return success();
  }
};

struct ConcatToTensor : OpRewritePattern<ag::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getDim(), rank = type.getRank();
    ValueRange inputs = op.getInputs();

    SmallVector<Value> axisSizes;
    Value total = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    for (Value input : inputs) {
      axisSizes.push_back(dimSize(rewriter, loc, input, axis));
      total = rewriter.createOrFold<arith::AddIOp>(loc, total, axisSizes.back());
    }
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d)
      if (type.isDynamicDim(d))
        dynamicSizes.push_back(d == axis ? total
                                         : dimSize(rewriter, loc, inputs[0], d));
    Value result = emptyTensor(rewriter, loc, type, dynamicSizes);

    Value offset = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    for (auto [input, axisSize] : llvm::zip(inputs, axisSizes)) {
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = getAsOpFoldResult(offset);
      SmallVector<OpFoldResult> sizes;
      for (int64_t d = 0; d < rank; ++d)
        sizes.push_back(getAsOpFoldResult(
            d == axis ? axisSize : dimSize(rewriter, loc, input, d)));
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      result = rewriter.create<tensor::InsertSliceOp>(loc, input, result,
                                                      offsets, sizes, strides);
      offset = rewriter.createOrFold<arith::AddIOp>(loc, offset, axisSize);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Offsets, sizes and strides of rows [start, start + count) of `source`.
void rowsSlice(OpBuilder &builder, Location loc, Value source, Value start,
               Value count, SmallVectorImpl<OpFoldResult> &offsets,
               SmallVectorImpl<OpFoldResult> &sizes,
               SmallVectorImpl<OpFoldResult> &strides) {
  auto type = cast<RankedTensorType>(source.getType());
  offsets.assign(type.getRank(), builder.getIndexAttr(0));
  offsets[0] = getAsOpFoldResult(start);
  sizes.assign({getAsOpFoldResult(count)});
  for (int64_t d = 1; d < type.getRank(); ++d)
    sizes.push_back(getAsOpFoldResult(dimSize(builder, loc, source, d)));
  strides.assign(type.getRank(), builder.getIndexAttr(1));
}

/// For an operand whose first dimension is dynamic: one row of zeros in
/// place of the operand when it is empty, so that a clamped index always has
/// a row to read or write. Returns the operand to use and its row count
/// (at least 1).
std::pair<Value, Value> withARow(OpBuilder &builder, Location loc, Value source) {
  auto type = cast<RankedTensorType>(source.getType());
  Value rows = dimSize(builder, loc, source, 0);
  if (!type.isDynamicDim(0))
    return {source, rows};
  SmallVector<int64_t> oneRow(type.getShape());
  oneRow[0] = 1;
  SmallVector<Value> rest;
  for (int64_t d = 1; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      rest.push_back(dimSize(builder, loc, source, d));
  Value empty = emptyTensor(
      builder, loc, RankedTensorType::get(oneRow, type.getElementType()), rest);
  Value zero = scalarConstant(builder, loc, type.getElementType(), 0);
  Value zeros = builder.create<linalg::FillOp>(loc, zero, empty).getResult(0);
  Value none = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value isEmpty =
      builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, rows, none);
  Value replaced = builder.create<arith::SelectOp>(
      loc, isEmpty, castTo(builder, loc, zeros, type), source);
  Value atLeastOne = builder.create<arith::MaxSIOp>(
      loc, rows, builder.create<arith::ConstantIndexOp>(loc, 1));
  return {replaced, atLeastOne};
}

struct IndexToTensor : OpRewritePattern<ag::IndexOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::IndexOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value source = op.getOperand();
    // An empty operand has no row to read (the index failed the assert
    // before the op): zeros, or a row of zeros when it is empty at run time.
    if (cast<RankedTensorType>(source.getType()).getDimSize(0) == 0) {
      SmallVector<Value> dynamicSizes;
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (type.isDynamicDim(d))
          dynamicSizes.push_back(dimSize(rewriter, loc, source, d + 1));
      rewriter.replaceOpWithNewOp<linalg::FillOp>(
          op, scalarConstant(rewriter, loc, type.getElementType(), 0),
          emptyTensor(rewriter, loc, type, dynamicSizes));
      return success();
    }
    Value rows = dimSize(rewriter, loc, source, 0);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    Value readable = rows;
    std::tie(source, readable) = withARow(rewriter, loc, source);
    Value last = rewriter.create<arith::SubIOp>(loc, readable, one);
    // A negative index counts from the end, as in the eager runtime.
    Value raw =
        toIndex(rewriter, loc, extractScalar(rewriter, loc, op.getIndex()));
    Value negative =
        rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, raw, zero);
    Value fromEnd = rewriter.create<arith::AddIOp>(loc, raw, rows);
    Value wrapped = rewriter.create<arith::SelectOp>(loc, negative, fromEnd, raw);
    Value index = clamp(rewriter, loc, wrapped, zero, last);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    rowsSlice(rewriter, loc, source, index, one, offsets, sizes, strides);
    sizes[0] = rewriter.getIndexAttr(1);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(op, type, source,
                                                        offsets, sizes, strides);
    return success();
  }
};

struct SliceToTensor : OpRewritePattern<ag::SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::SliceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value source = op.getOperand();
    auto sourceType = cast<RankedTensorType>(source.getType());
    Value rows = dimSize(rewriter, loc, source, 0);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value start = clamp(rewriter, loc,
                        toIndex(rewriter, loc,
                                extractScalar(rewriter, loc, op.getStart())),
                        zero, rows);
    Value limit = clamp(rewriter, loc,
                        toIndex(rewriter, loc,
                                extractScalar(rewriter, loc, op.getLimit())),
                        start, rows);
    Value count = rewriter.create<arith::SubIOp>(loc, limit, start);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    rowsSlice(rewriter, loc, source, start, count, offsets, sizes, strides);
    SmallVector<int64_t> shape(sourceType.getShape());
    shape[0] = ShapedType::kDynamic;
    auto sliceType = RankedTensorType::get(shape, sourceType.getElementType());
    Value slice = rewriter.create<tensor::ExtractSliceOp>(
        loc, sliceType, source, offsets, sizes, strides);
    rewriter.replaceOp(op, castTo(rewriter, loc, slice, op.getType()));
    return success();
  }
};

/// tensor.insert_slice of the row at the clamped index. An empty operand is
/// the result as it is (the index failed the assert before the op).
struct UpdateRowToTensor : OpRewritePattern<ag::UpdateRowOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::UpdateRowOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value target = op.getOperand();
    auto type = cast<RankedTensorType>(target.getType());
    if (type.getDimSize(0) == 0) {
      rewriter.replaceOp(op, target);
      return success();
    }
    auto [working, rows] = withARow(rewriter, loc, target);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    Value last = rewriter.create<arith::SubIOp>(loc, rows, one);
    Value index = clamp(rewriter, loc,
                        toIndex(rewriter, loc, extractScalar(rewriter, loc, op.getIndex())),
                        zero, last);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    rowsSlice(rewriter, loc, working, index, one, offsets, sizes, strides);
    sizes[0] = rewriter.getIndexAttr(1);
    // Extents known only at run time may disagree (ag.assert reports it):
    // only the part of the row that fits is written.
    Value row = op.getRow();
    auto rowType = cast<RankedTensorType>(row.getType());
    SmallVector<OpFoldResult> rowSizes;
    SmallVector<int64_t> fittedShape;
    bool fitted = false;
    for (int64_t d = 0; d < rowType.getRank(); ++d) {
      if (!rowType.isDynamicDim(d) && !type.isDynamicDim(d + 1)) {
        rowSizes.push_back(rewriter.getIndexAttr(rowType.getDimSize(d)));
        fittedShape.push_back(rowType.getDimSize(d));
        continue;
      }
      fitted = true;
      Value size = rewriter.create<arith::MinSIOp>(
          loc, dimSize(rewriter, loc, row, d), dimSize(rewriter, loc, working, d + 1));
      rowSizes.push_back(size);
      sizes[d + 1] = size;
      fittedShape.push_back(ShapedType::kDynamic);
    }
    if (fitted)
      row = rewriter.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get(fittedShape, rowType.getElementType()), row,
          SmallVector<OpFoldResult>(rowType.getRank(), rewriter.getIndexAttr(0)),
          rowSizes, SmallVector<OpFoldResult>(rowType.getRank(), rewriter.getIndexAttr(1)));
    // The row has one dimension less: insert_slice drops the unit one.
    Value updated = rewriter.create<tensor::InsertSliceOp>(loc, row, working, offsets,
                                                           sizes, strides);
    if (type.isDynamicDim(0)) {
      // Back to the operand's own row count (0 for an empty operand).
      SmallVector<OpFoldResult> whole, wholeSizes, unit;
      rowsSlice(rewriter, loc, target, zero, dimSize(rewriter, loc, target, 0), whole,
                wholeSizes, unit);
      updated = rewriter.create<tensor::ExtractSliceOp>(loc, type, updated, whole,
                                                        wholeSizes, unit);
    }
    rewriter.replaceOp(op, updated);
    return success();
  }
};

/// A linalg.generic whose body reads `operand[clamp(index), j...]` for each
/// index element. An empty operand has no row to read: its result is zeros
/// (indices into it fail the assert that tracing put before the op).
struct GatherToLinalg : OpRewritePattern<ag::GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::GatherOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value source = op.getOperand(), indices = op.getIndices();
    auto sourceType = cast<RankedTensorType>(source.getType());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    int64_t indexRank = indicesType.getRank(), rank = resultType.getRank();

    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d)
      if (resultType.isDynamicDim(d))
        dynamicSizes.push_back(
            d < indexRank ? dimSize(rewriter, loc, indices, d)
                          : dimSize(rewriter, loc, source, d - indexRank + 1));
    Value init = emptyTensor(rewriter, loc, resultType, dynamicSizes);
    Value zero = scalarConstant(rewriter, loc, elementType, 0);
    if (sourceType.getDimSize(0) == 0) {
      rewriter.replaceOpWithNewOp<linalg::FillOp>(op, zero, init);
      return success();
    }
    Value rows;
    std::tie(source, rows) = withARow(rewriter, loc, source);
    Value last = rewriter.create<arith::SubIOp>(
        loc, rows, rewriter.create<arith::ConstantIndexOp>(loc, 1));

    SmallVector<AffineExpr> indexDims;
    for (int64_t d = 0; d < indexRank; ++d)
      indexDims.push_back(rewriter.getAffineDimExpr(d));
    SmallVector<AffineMap> maps{
        AffineMap::get(rank, 0, indexDims, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{resultType}, ValueRange{indices}, ValueRange{init}, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value zeroIndex = b.create<arith::ConstantIndexOp>(l, 0);
          SmallVector<Value> position{
              clamp(b, l, toIndex(b, l, args[0]), zeroIndex, last)};
          for (int64_t d = indexRank; d < rank; ++d)
            position.push_back(b.create<linalg::IndexOp>(l, d));
          b.create<linalg::YieldOp>(
              l, b.create<tensor::ExtractOp>(l, source, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct RangeToLinalg : OpRewritePattern<ag::RangeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::RangeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value start = extractScalar(rewriter, loc, op.getStart());
    Value limit = extractScalar(rewriter, loc, op.getLimit());
    Value delta = extractScalar(rewriter, loc, op.getDelta());
    Type elementType = start.getType();
    Value count = elementCount(rewriter, loc, start, limit, delta);

    auto dynamicType = RankedTensorType::get({ShapedType::kDynamic}, elementType);
    Value init = emptyTensor(rewriter, loc, dynamicType, count);
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(1)};
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{dynamicType}, ValueRange{}, ValueRange{init}, maps,
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange) {
          Value i = indexToScalar(b, l, b.create<linalg::IndexOp>(l, 0),
                                  elementType);
          Value value =
              isa<FloatType>(elementType)
                  ? b.create<arith::AddFOp>(
                         l, start, b.create<arith::MulFOp>(l, i, delta))
                        .getResult()
                  : b.create<arith::AddIOp>(
                         l, start, b.create<arith::MulIOp>(l, i, delta))
                        .getResult();
          b.create<linalg::YieldOp>(l, value);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, generic.getResult(0),
                                  op.getType()));
    return success();
  }

  /// ceil((limit - start) / delta), at least 0; 0 for a zero delta.
  static Value elementCount(OpBuilder &b, Location loc, Value start,
                            Value limit, Value delta) {
    Type type = start.getType();
    Value zero = scalarConstant(b, loc, type, 0);
    Value count;
    Value deltaIsZero;
    if (isa<FloatType>(type)) {
      Value quotient = b.create<arith::DivFOp>(
          loc, b.create<arith::SubFOp>(loc, limit, start), delta);
      Value ceiled = b.create<math::CeilOp>(loc, quotient);
      // Also 0 for NaN (a zero delta) and negative counts.
      Value positive =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, ceiled, zero);
      Value safe = b.create<arith::SelectOp>(loc, positive, ceiled, zero);
      count = b.create<arith::FPToSIOp>(loc, b.getI64Type(), safe);
    } else {
      Value difference = b.create<arith::SubIOp>(loc, limit, start);
      Value quotient = divideIntegers(b, loc, difference, delta, false);
      Value remainder = divideIntegers(b, loc, difference, delta, true);
      // Round the truncated quotient up when there is a remainder and the
      // quotient is positive.
      Value hasRemainder =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, remainder, zero);
      Value sameSign = b.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq,
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, difference, zero),
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, delta, zero));
      Value roundUp = b.create<arith::AndIOp>(loc, hasRemainder, sameSign);
      Value up = b.create<arith::AddIOp>(
          loc, quotient,
          b.create<arith::ExtUIOp>(loc, type, roundUp));
      deltaIsZero =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, delta, zero);
      Value nonNegative = b.create<arith::MaxSIOp>(loc, up, zero);
      count = b.create<arith::SelectOp>(loc, deltaIsZero, zero, nonNegative);
    }
    return b.create<arith::IndexCastOp>(loc, b.getIndexType(), count);
  }
};

} // namespace

void autograph::populateAgTensorOpsToTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, DimToTensor, ReshapeToTensor, ConcatToTensor,
               IndexToTensor, SliceToTensor, UpdateRowToTensor, GatherToLinalg,
               RangeToLinalg>(
      patterns.getContext());
}
