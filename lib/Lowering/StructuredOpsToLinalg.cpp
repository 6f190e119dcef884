//===- StructuredOpsToLinalg.cpp - matmul, transpose, broadcast, reductions -===//
//
// The ag ops with a linalg structured form: ag.matmul (linalg.matmul),
// ag.transpose (linalg.transpose), ag.broadcast_to, ag.reduce, ag.argmax and
// ag.one_hot (linalg.generic), ag.fill (linalg.fill). Patterns only.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "LinalgBuilders.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {

/// The matrix that `value` is the transpose of (ag.transpose with
/// permutation [1, 0]), or null.
Value transposedMatrix(Value value) {
  auto transpose = value.getDefiningOp<ag::TransposeOp>();
  if (!transpose || transpose.getPermutation() != ArrayRef<int64_t>{1, 0})
    return nullptr;
  return transpose.getOperand();
}

/// ag.matmul -> linalg.matmul; a transposed operand is read in place
/// (linalg.matmul_transpose_a / _b), so no transposed copy is made.
struct MatmulToLinalg : OpRewritePattern<ag::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value lhs = op.getLhs(), rhs = op.getRhs();
    Value lhsOfTranspose = transposedMatrix(lhs), rhsOfTranspose = transposedMatrix(rhs);
    // Only one operand is read transposed (linalg has no A^T * B^T).
    if (lhsOfTranspose)
      rhsOfTranspose = nullptr;
    SmallVector<Value> dynamicSizes;
    if (type.isDynamicDim(0))
      dynamicSizes.push_back(lhsOfTranspose ? dimSize(rewriter, loc, lhsOfTranspose, 1)
                                            : dimSize(rewriter, loc, lhs, 0));
    if (type.isDynamicDim(1))
      dynamicSizes.push_back(rhsOfTranspose ? dimSize(rewriter, loc, rhsOfTranspose, 0)
                                            : dimSize(rewriter, loc, rhs, 1));
    Value zero = scalarConstant(rewriter, loc, type.getElementType(), 0);
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, zero, emptyTensor(rewriter, loc, type, dynamicSizes))
                     .getResult(0);
    if (lhsOfTranspose)
      rewriter.replaceOpWithNewOp<linalg::MatmulTransposeAOp>(
          op, ValueRange{lhsOfTranspose, rhs}, ValueRange{init});
    else if (rhsOfTranspose)
      rewriter.replaceOpWithNewOp<linalg::MatmulTransposeBOp>(
          op, ValueRange{lhs, rhsOfTranspose}, ValueRange{init});
    else
      rewriter.replaceOpWithNewOp<linalg::MatmulOp>(op, ValueRange{lhs, rhs},
                                                    ValueRange{init});
    return success();
  }
};

struct TransposeToLinalg : OpRewritePattern<ag::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    SmallVector<Value> dynamicSizes;
    for (auto [i, from] : llvm::enumerate(op.getPermutation()))
      if (type.isDynamicDim(i))
        dynamicSizes.push_back(dimSize(rewriter, loc, op.getOperand(), from));
    Value init = emptyTensor(rewriter, loc, type, dynamicSizes);
    auto transpose = rewriter.create<linalg::TransposeOp>(
        loc, op.getOperand(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose.getResults());
    return success();
  }
};

/// Dynamic result sizes given as 0-d i64 tensors, as index values.
SmallVector<Value> indexSizes(OpBuilder &builder, Location loc,
                              ValueRange sizes) {
  SmallVector<Value> result;
  for (Value size : sizes)
    result.push_back(builder.create<arith::IndexCastOp>(
        loc, builder.getIndexType(), extractScalar(builder, loc, size)));
  return result;
}

/// ag.broadcast_to -> linalg.generic. An operand dimension of static size 1
/// under a larger one is stretched (read at index 0). An operand dimension
/// known only at run time is either the result's size or 1 (the op layer
/// checks that before the op), so it is decided at run time: when every such
/// dimension equals the result's (the usual case: the same batch on both
/// sides), the operand is used as it is (or read in place by a generic that
/// adds dimensions); otherwise a generic reads the operand with
/// `tensor.extract` at index 0 for each dimension of size 1.
///
///   %r = ag.broadcast_to %x[%n] : tensor<?xf32> -> tensor<?xf32>
/// becomes
///   %same = arith.cmpi eq, (dim %x, 0), %n
///   %r = scf.if %same { %x }
///        else { linalg.generic { tensor.extract %x[select(dim == 1, 0, i)] } }
struct BroadcastToLinalg : OpRewritePattern<ag::BroadcastToOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::BroadcastToOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = op.getOperand();
    auto operandType = cast<RankedTensorType>(operand.getType());
    auto type = cast<RankedTensorType>(op.getType());
    SmallVector<Value> sizes = indexSizes(rewriter, loc, op.getDynamicSizes());
    // The result's size of each dimension, as an index.
    SmallVector<Value> resultSizes;
    for (int64_t d = 0, k = 0; d < type.getRank(); ++d)
      resultSizes.push_back(type.isDynamicDim(d)
                                ? sizes[k++]
                                : rewriter.create<arith::ConstantIndexOp>(
                                      loc, type.getDimSize(d)));
    // Operand dimension i is result dimension i + offset.
    int64_t offset = type.getRank() - operandType.getRank();
    SmallVector<int64_t> decidedAtRunTime;
    for (int64_t i = 0; i < operandType.getRank(); ++i)
      if (operandType.isDynamicDim(i) && type.getDimSize(i + offset) != 1)
        decidedAtRunTime.push_back(i);

    // Reads dimension i in place, or at index 0 where a static 1 is stretched.
    auto staticGeneric = [&](OpBuilder &b, Location l) -> Value {
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < operandType.getRank(); ++i) {
        bool stretched =
            operandType.getDimSize(i) == 1 && type.getDimSize(i + offset) != 1;
        exprs.push_back(stretched ? b.getAffineConstantExpr(0)
                                  : b.getAffineDimExpr(i + offset));
      }
      SmallVector<AffineMap> maps{
          AffineMap::get(type.getRank(), 0, exprs, getContext()),
          b.getMultiDimIdentityMap(type.getRank())};
      SmallVector<utils::IteratorType> iterators(type.getRank(),
                                                 utils::IteratorType::parallel);
      return b
          .create<linalg::GenericOp>(
              l, type, operand, emptyTensor(b, l, type, sizes), maps, iterators,
              [](OpBuilder &nested, Location nl, ValueRange args) {
                nested.create<linalg::YieldOp>(nl, args[0]);
              })
          .getResult(0);
    };
    if (decidedAtRunTime.empty()) {
      rewriter.replaceOp(op, staticGeneric(rewriter, loc));
      return success();
    }

    // The operand's run-time sizes, and whether each undecided dimension
    // is the result's.
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value same;
    SmallVector<Value> operandSizes;
    for (int64_t i = 0; i < operandType.getRank(); ++i)
      operandSizes.push_back(dimSize(rewriter, loc, operand, i));
    for (int64_t i : decidedAtRunTime) {
      Value equal = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, operandSizes[i],
          resultSizes[i + offset]);
      same = same ? rewriter.create<arith::AndIOp>(loc, same, equal).getResult()
                  : equal;
    }
    // Without new or stretched dimensions the in-place case is the operand
    // itself: nothing is copied.
    bool identity = offset == 0;
    for (int64_t i = 0; i < operandType.getRank(); ++i)
      identity = identity && !(operandType.getDimSize(i) == 1 &&
                               type.getDimSize(i) != 1);
    auto ifOp = rewriter.create<scf::IfOp>(
        loc, same,
        [&](OpBuilder &b, Location l) {
          Value inPlace =
              !identity ? staticGeneric(b, l)
              : operandType == type
                  ? operand
                  : b.create<tensor::CastOp>(l, type, operand).getResult();
          b.create<scf::YieldOp>(l, inPlace);
        },
        [&](OpBuilder &b, Location l) {
          // Each undecided dimension of size 1 is read at index 0.
          SmallVector<Value> isOne(operandType.getRank());
          for (int64_t i : decidedAtRunTime)
            isOne[i] = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq,
                                               operandSizes[i], one);
          SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(type.getRank())};
          SmallVector<utils::IteratorType> iterators(
              type.getRank(), utils::IteratorType::parallel);
          auto generic = b.create<linalg::GenericOp>(
              l, TypeRange{type}, ValueRange{},
              ValueRange{emptyTensor(b, l, type, sizes)}, maps, iterators,
              [&](OpBuilder &nested, Location nl, ValueRange) {
                SmallVector<Value> indices;
                for (int64_t i = 0; i < operandType.getRank(); ++i) {
                  bool stretched = operandType.getDimSize(i) == 1 &&
                                   type.getDimSize(i + offset) != 1;
                  Value index =
                      stretched ? zero
                                : nested.create<linalg::IndexOp>(nl, i + offset)
                                      .getResult();
                  if (isOne[i])
                    index = nested.create<arith::SelectOp>(nl, isOne[i], zero,
                                                           index);
                  indices.push_back(index);
                }
                Value element =
                    nested.create<tensor::ExtractOp>(nl, operand, indices);
                nested.create<linalg::YieldOp>(nl, element);
              });
          b.create<scf::YieldOp>(l, generic.getResult(0));
        });
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

struct FillToLinalg : OpRewritePattern<ag::FillOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::FillOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value init = emptyTensor(rewriter, loc, type,
                             indexSizes(rewriter, loc, op.getDynamicSizes()));
    Value value = extractScalar(rewriter, loc, op.getValue());
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, value, init);
    return success();
  }
};

/// The value every reduction of `kind` starts from.
Value reductionIdentity(OpBuilder &builder, Location loc, ag::ReductionKind kind,
                        Type elementType) {
  auto floatType = dyn_cast<FloatType>(elementType);
  switch (kind) {
  case ag::ReductionKind::sum:
  case ag::ReductionKind::mean:
    return scalarConstant(builder, loc, elementType, 0);
  case ag::ReductionKind::max:
  case ag::ReductionKind::min: {
    bool max = kind == ag::ReductionKind::max;
    if (floatType)
      return builder.create<arith::ConstantOp>(
          loc, builder.getFloatAttr(
                   floatType, APFloat::getInf(floatType.getFloatSemantics(),
                                              /*Negative=*/max)));
    unsigned width = elementType.getIntOrFloatBitWidth();
    return builder.create<arith::ConstantOp>(
        loc, builder.getIntegerAttr(elementType,
                                    max ? APInt::getSignedMinValue(width)
                                        : APInt::getSignedMaxValue(width)));
  }
  }
  llvm_unreachable("unknown reduction kind");
}

Value combine(OpBuilder &b, Location loc, ag::ReductionKind kind, Value acc,
              Value x) {
  bool isFloat = isa<FloatType>(x.getType());
  switch (kind) {
  case ag::ReductionKind::sum:
  case ag::ReductionKind::mean:
    // A float sum may be reassociated: LLVM then vectorises it (several
    // partial sums, as Eigen's eager sum has); in strict order it is one
    // dependent add per element, 19 times slower over 1M floats.
    return isFloat ? b.create<arith::AddFOp>(
                          loc, acc, x,
                          arith::FastMathFlagsAttr::get(
                              b.getContext(), arith::FastMathFlags::reassoc))
                         .getResult()
                   : b.create<arith::AddIOp>(loc, acc, x).getResult();
  case ag::ReductionKind::max:
    return isFloat ? b.create<arith::MaximumFOp>(loc, acc, x).getResult()
                   : b.create<arith::MaxSIOp>(loc, acc, x).getResult();
  case ag::ReductionKind::min:
    return isFloat ? b.create<arith::MinimumFOp>(loc, acc, x).getResult()
                   : b.create<arith::MinSIOp>(loc, acc, x).getResult();
  }
  llvm_unreachable("unknown reduction kind");
}

/// A full reduction of at least this many elements runs in two stages (see
/// reduceAllInChunks): 64 chunks of at least 1024 elements each.
constexpr int64_t kSplitReductionElements = 1 << 16;
constexpr int64_t kReductionChunks = 64;

/// A tensor of `type` holding the identity of `kind`.
Value identityFilled(OpBuilder &builder, Location loc, ag::ReductionKind kind,
                     RankedTensorType type, ValueRange dynamicSizes) {
  return builder
      .create<linalg::FillOp>(
          loc, reductionIdentity(builder, loc, kind, type.getElementType()),
          emptyTensor(builder, loc, type, dynamicSizes))
      .getResult(0);
}

/// `input` reduced over `dims` by `kind`, starting from `init`.
Value reduceInto(OpBuilder &builder, Location loc, ag::ReductionKind kind,
                 Value input, ArrayRef<int64_t> dims, Value init) {
  return builder
      .create<linalg::ReduceOp>(
          loc, input, init, dims,
          [&](OpBuilder &b, Location l, ValueRange args) {
            b.create<linalg::YieldOp>(l, combine(b, l, kind, args[1], args[0]));
          })
      .getResult(0);
}

/// The full reduction of the static `input` (N elements) in two stages, so
/// that the first can run on several threads: the first 64 * C elements
/// (C = N / 64) viewed as 64 rows of C, each row reduced (a parallel
/// dimension: one chunk per row), then the 64 partial results, then the
/// N - 64 * C elements left over. The chunks are fixed by the shape, so the
/// result does not depend on the thread count. The views are subviews of
/// the input after bufferization: nothing is copied.
Value reduceAllInChunks(OpBuilder &builder, Location loc, ag::ReductionKind kind,
                        Value input) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elementType = inputType.getElementType();
  int64_t n = inputType.getNumElements();
  int64_t chunk = n / kReductionChunks, head = chunk * kReductionChunks;
  Value flat = input;
  if (inputType.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t i = 0; i < inputType.getRank(); ++i)
      all.push_back(i);
    flat = builder.create<tensor::CollapseShapeOp>(
        loc, RankedTensorType::get({n}, elementType), flat,
        ArrayRef<ReassociationIndices>{all});
  }
  auto slice = [&](int64_t offset, int64_t size) {
    return builder.create<tensor::ExtractSliceOp>(
        loc, RankedTensorType::get({size}, elementType), flat, ValueRange{},
        ValueRange{}, ValueRange{}, builder.getDenseI64ArrayAttr({offset}),
        builder.getDenseI64ArrayAttr({size}), builder.getDenseI64ArrayAttr({1}));
  };
  Value rows = head == n ? flat : slice(0, head).getResult();
  rows = builder.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({kReductionChunks, chunk}, elementType), rows,
      ArrayRef<ReassociationIndices>{{0, 1}});
  Value partial = reduceInto(
      builder, loc, kind, rows, {1},
      identityFilled(builder, loc, kind,
                     RankedTensorType::get({kReductionChunks}, elementType), {}));
  Value total = reduceInto(
      builder, loc, kind, partial, {0},
      identityFilled(builder, loc, kind, RankedTensorType::get({}, elementType), {}));
  if (head != n)
    total = reduceInto(builder, loc, kind, slice(head, n - head), {0}, total);
  return total;
}

struct ReduceToLinalg : OpRewritePattern<ag::ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ReduceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getOperand();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    ArrayRef<int64_t> dims = op.getDims();
    ag::ReductionKind kind = op.getKind();

    // The reduced tensor without kept dimensions.
    SmallVector<int64_t> shape;
    SmallVector<Value> dynamicSizes;
    SmallVector<OpFoldResult> keptShape;
    for (int64_t i = 0; i < inputType.getRank(); ++i) {
      if (llvm::is_contained(dims, i)) {
        keptShape.push_back(rewriter.getIndexAttr(1));
        continue;
      }
      shape.push_back(inputType.getDimSize(i));
      if (inputType.isDynamicDim(i)) {
        Value size = dimSize(rewriter, loc, input, i);
        dynamicSizes.push_back(size);
        keptShape.push_back(size);
      } else {
        keptShape.push_back(rewriter.getIndexAttr(inputType.getDimSize(i)));
      }
    }
    auto reducedType = RankedTensorType::get(shape, elementType);
    Value result =
        shape.empty() && inputType.hasStaticShape() &&
                inputType.getNumElements() >= kSplitReductionElements
            ? reduceAllInChunks(rewriter, loc, kind, input)
            : reduceInto(rewriter, loc, kind, input, dims,
                         identityFilled(rewriter, loc, kind, reducedType,
                                        dynamicSizes));

    if (kind == ag::ReductionKind::mean) {
      // Divide by the number of reduced elements (C++ division for integers).
      Value count = rewriter.create<arith::ConstantIndexOp>(loc, 1);
      for (int64_t dim : dims)
        count = rewriter.create<arith::MulIOp>(loc, count,
                                               dimSize(rewriter, loc, input, dim));
      Value divisor = indexToScalar(rewriter, loc, count, elementType);
      result = buildElementwiseGeneric(
          rewriter, loc, result, reducedType,
          [&](OpBuilder &b, Location l, ValueRange args) {
            return divideSafely(b, l, args[0], divisor);
          });
    }
    if (op.getKeepdims()) {
      SmallVector<ReassociationIndices> reassociation =
          keptDimsReassociation(inputType.getRank(), dims);
      result = rewriter.create<tensor::ExpandShapeOp>(
          loc, op.getType(), result, reassociation, keptShape);
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// Groups each kept output dimension with the reduced (size 1) dimensions
  /// that follow or precede it.
  static SmallVector<ReassociationIndices>
  keptDimsReassociation(int64_t rank, ArrayRef<int64_t> dims) {
    SmallVector<ReassociationIndices> groups;
    ReassociationIndices pending;
    for (int64_t i = 0; i < rank; ++i) {
      pending.push_back(i);
      if (!llvm::is_contained(dims, i)) {
        groups.push_back(pending);
        pending.clear();
      }
    }
    if (!pending.empty()) {
      if (groups.empty())
        return {}; // all dimensions reduced: a 0-d tensor expands freely
      llvm::append_range(groups.back(), pending);
    }
    return groups;
  }
};

struct ArgMaxToLinalg : OpRewritePattern<ag::ArgMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::ArgMaxOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getOperand();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t axis = op.getDim();
    auto resultType = cast<RankedTensorType>(op.getType());

    SmallVector<Value> dynamicSizes;
    SmallVector<AffineExpr> outputExprs;
    for (int64_t i = 0; i < inputType.getRank(); ++i) {
      if (i == axis)
        continue;
      outputExprs.push_back(rewriter.getAffineDimExpr(i));
      if (inputType.isDynamicDim(i))
        dynamicSizes.push_back(dimSize(rewriter, loc, input, i));
    }
    auto valueType = RankedTensorType::get(resultType.getShape(), elementType);
    Value values = rewriter
                       .create<linalg::FillOp>(
                           loc,
                           reductionIdentity(rewriter, loc, ag::ReductionKind::max,
                                             elementType),
                           emptyTensor(rewriter, loc, valueType, dynamicSizes))
                       .getResult(0);
    Value indices =
        rewriter
            .create<linalg::FillOp>(
                loc, scalarConstant(rewriter, loc, rewriter.getI64Type(), 0),
                emptyTensor(rewriter, loc, resultType, dynamicSizes))
            .getResult(0);
    int64_t rank = inputType.getRank();
    AffineMap outputMap = AffineMap::get(rank, 0, outputExprs, getContext());
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank),
                                outputMap, outputMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{valueType, resultType}, input, ValueRange{values, indices},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          // The first largest element wins: replace only when strictly larger
          // (for floats, a NaN is larger than everything, as in TensorFlow).
          Value larger =
              isa<FloatType>(elementType)
                  ? b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UGT, x, best)
                        .getResult()
                  : b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sgt, x, best)
                        .getResult();
          Value index = b.create<arith::IndexCastOp>(
              l, b.getI64Type(), b.create<linalg::IndexOp>(l, axis));
          // Once a NaN is taken, keep it.
          if (isa<FloatType>(elementType)) {
            Value bestIsNaN =
                b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, best, best);
            larger = b.create<arith::AndIOp>(
                l, larger,
                b.create<arith::XOrIOp>(
                    l, bestIsNaN,
                    b.create<arith::ConstantOp>(l, b.getBoolAttr(true))));
          }
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, larger, x, best),
                            b.create<arith::SelectOp>(l, larger, index,
                                                      bestIndex)});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

struct OneHotToLinalg : OpRewritePattern<ag::OneHotOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::OneHotOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value indices = op.getIndices();
    auto indicesType = cast<RankedTensorType>(indices.getType());
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    SmallVector<Value> dynamicSizes;
    for (int64_t i = 0; i < indicesType.getRank(); ++i)
      if (type.isDynamicDim(i))
        dynamicSizes.push_back(dimSize(rewriter, loc, indices, i));
    Value init = emptyTensor(rewriter, loc, type, dynamicSizes);
    SmallVector<AffineExpr> inputExprs;
    for (int64_t i = 0; i < rank - 1; ++i)
      inputExprs.push_back(rewriter.getAffineDimExpr(i));
    SmallVector<AffineMap> maps{AffineMap::get(rank, 0, inputExprs, getContext()),
                                rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Type elementType = type.getElementType();
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, indices, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value position = b.create<arith::IndexCastOp>(
              l, args[0].getType(), b.create<linalg::IndexOp>(l, rank - 1));
          Value hot =
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, args[0], position);
          b.create<linalg::YieldOp>(
              l, b.create<arith::SelectOp>(l, hot,
                                           scalarConstant(b, l, elementType, 1),
                                           scalarConstant(b, l, elementType, 0))
                     .getResult());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void autograph::populateAgStructuredOpsToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MatmulToLinalg, TransposeToLinalg, BroadcastToLinalg,
               FillToLinalg, ReduceToLinalg, ArgMaxToLinalg, OneHotToLinalg>(
      patterns.getContext());
}
