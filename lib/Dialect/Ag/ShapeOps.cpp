//===- ShapeOps.cpp - ag structural ops: verifiers and folders ------------===//
#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mlir::ag;

namespace {
/// Two dimension sizes that may be equal at run time.
bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// Prints a dimension size as written in a type: `?` when dynamic.
std::string dimString(int64_t size) {
  return ShapedType::isDynamic(size) ? "?" : std::to_string(size);
}

LogicalResult verifySameElementType(Operation *op, Type a, Type b,
                                    StringRef what) {
  if (getElementTypeOrSelf(a) != getElementTypeOrSelf(b))
    return op->emitOpError() << what << " element types differ: " << a
                             << " vs " << b;
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  RankedTensorType lhs = tensorType(getLhs()), rhs = tensorType(getRhs()),
                   result = tensorType(getResult());
  if (lhs.getRank() != 2 || rhs.getRank() != 2 || result.getRank() != 2)
    return emitOpError("expects matrices (rank 2), got ")
           << lhs << " x " << rhs << " -> " << result;
  if (failed(verifySameElementType(*this, lhs, rhs, "operand")) ||
      failed(verifySameElementType(*this, lhs, result, "operand and result")))
    return failure();
  if (!compatible(lhs.getDimSize(1), rhs.getDimSize(0)))
    return emitOpError("contracting dimensions differ: lhs ")
           << lhs << " has " << lhs.getDimSize(1) << " columns but rhs "
           << rhs << " has " << rhs.getDimSize(0) << " rows";
  if (!compatible(result.getDimSize(0), lhs.getDimSize(0)) ||
      !compatible(result.getDimSize(1), rhs.getDimSize(1)))
    return emitOpError("result type ")
           << result << " is not " << dimString(lhs.getDimSize(0)) << "x"
           << dimString(rhs.getDimSize(1)) << " (lhs rows x rhs columns)";
  return success();
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   result = tensorType(getResult());
  ArrayRef<int64_t> permutation = getPermutation();
  if (static_cast<int64_t>(permutation.size()) != operand.getRank())
    return emitOpError("permutation has ")
           << permutation.size() << " entries but the operand has rank "
           << operand.getRank();
  llvm::SmallBitVector seen(permutation.size());
  for (int64_t dim : permutation) {
    if (dim < 0 || dim >= operand.getRank() || seen.test(dim))
      return emitOpError("permutation [")
             << llvm::make_range(permutation.begin(), permutation.end())
             << "] is not a permutation of [0, " << operand.getRank() << ")";
    seen.set(dim);
  }
  if (failed(verifySameElementType(*this, operand, result, "operand and result")))
    return failure();
  if (result.getRank() != operand.getRank())
    return emitOpError("result rank ") << result.getRank()
                                       << " differs from operand rank "
                                       << operand.getRank();
  for (auto [i, dim] : llvm::enumerate(permutation))
    if (!compatible(result.getDimSize(i), operand.getDimSize(dim)))
      return emitOpError("result dimension ")
             << i << " is " << dimString(result.getDimSize(i))
             << " but operand dimension " << dim << " is "
             << dimString(operand.getDimSize(dim));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  for (auto [i, dim] : llvm::enumerate(getPermutation()))
    if (static_cast<int64_t>(i) != dim)
      return {};
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   result = tensorType(getResult());
  if (failed(verifySameElementType(*this, operand, result, "operand and result")))
    return failure();
  if (result.getNumDynamicDims() > 1)
    return emitOpError("result type ")
           << result << " has " << result.getNumDynamicDims()
           << " dynamic dimensions; at most one can be inferred";
  if (operand.hasStaticShape() && result.hasStaticShape() &&
      operand.getNumElements() != result.getNumElements())
    return emitOpError("cannot reshape ")
           << operand << " (" << operand.getNumElements() << " elements) to "
           << result << " (" << result.getNumElements() << " elements)";
  if (operand.hasStaticShape() && !result.hasStaticShape()) {
    int64_t known = 1;
    for (int64_t size : result.getShape())
      if (!ShapedType::isDynamic(size))
        known *= size;
    if (known == 0 || operand.getNumElements() % known != 0)
      return emitOpError("cannot reshape ")
             << operand << " (" << operand.getNumElements()
             << " elements) to " << result;
  }
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  // reshape(reshape(x)) -> reshape(x): only the last shape matters.
  if (auto inner = getOperand().getDefiningOp<ReshapeOp>()) {
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }
  auto resultType = cast<RankedTensorType>(getType());
  if (auto value = dyn_cast_or_null<DenseElementsAttr>(adaptor.getOperand()))
    if (resultType.hasStaticShape())
      return value.reshape(resultType);
  return {};
}

//===----------------------------------------------------------------------===//
// BroadcastToOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastToOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   result = tensorType(getResult());
  if (failed(verifySameElementType(*this, operand, result, "operand and result")))
    return failure();
  if (operand.getRank() > result.getRank())
    return emitOpError("cannot broadcast ")
           << operand << " to the lower-rank " << result;
  if (static_cast<int64_t>(getDynamicSizes().size()) !=
      result.getNumDynamicDims())
    return emitOpError("has ") << getDynamicSizes().size()
                               << " dynamic sizes but the result type "
                               << result << " has "
                               << result.getNumDynamicDims()
                               << " dynamic dimensions";
  int64_t offset = result.getRank() - operand.getRank();
  for (int64_t i = 0; i < operand.getRank(); ++i) {
    int64_t from = operand.getDimSize(i), to = result.getDimSize(i + offset);
    if (from != 1 && !compatible(from, to))
      return emitOpError("cannot broadcast ")
             << operand << " to " << result << ": operand dimension " << i
             << " (" << dimString(from) << ") is neither 1 nor "
             << dimString(to);
  }
  return success();
}

OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  // A broadcast to the operand's own type is the operand when the sizes
  // agree: static ones by the type, each run-time size by being ag.dim of
  // the operand's same dimension. (Another run-time size may be larger: the
  // operand's extent is then 1 and is stretched.)
  if (getOperand().getType() == getType()) {
    bool same = true;
    auto type = cast<RankedTensorType>(getType());
    for (int64_t d = 0, k = 0; d < type.getRank() && same; ++d) {
      if (!type.isDynamicDim(d))
        continue;
      auto dim = getDynamicSizes()[k++].getDefiningOp<DimOp>();
      same = dim && dim.getOperand() == getOperand() &&
             static_cast<int64_t>(dim.getDim()) == d;
    }
    if (same)
      return getOperand();
  }
  auto resultType = cast<RankedTensorType>(getType());
  if (auto value = dyn_cast_or_null<SplatElementsAttr>(adaptor.getOperand()))
    if (resultType.hasStaticShape())
      return SplatElementsAttr::get(resultType,
                                    value.getSplatValue<Attribute>());
  return {};
}

//===----------------------------------------------------------------------===//
// DimOp
//===----------------------------------------------------------------------===//

LogicalResult DimOp::verify() {
  RankedTensorType operand = tensorType(getOperand());
  int64_t dim = getDim(); // I64Attr's getter is unsigned
  if (dim < 0 || dim >= operand.getRank())
    return emitOpError("dimension ") << dim << " is out of range for "
                                     << operand;
  return success();
}

OpFoldResult DimOp::fold(FoldAdaptor) {
  RankedTensorType operand = tensorType(getOperand());
  int64_t dim = getDim();
  if (dim < 0 || dim >= operand.getRank() || operand.isDynamicDim(dim))
    return {};
  return DenseElementsAttr::get(cast<ShapedType>(getType()),
                                APInt(64, operand.getDimSize(dim)));
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   result = tensorType(getResult());
  if (failed(verifySameElementType(*this, operand, result, "operand and result")))
    return failure();
  ArrayRef<int64_t> dims = getDims();
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (dim < 0 || dim >= operand.getRank())
      return emitOpError("reduction dimension ")
             << dim << " is out of range for " << operand;
    if (i > 0 && dims[i - 1] >= dim)
      return emitOpError("reduction dimensions must be sorted and distinct, got [")
             << llvm::make_range(dims.begin(), dims.end()) << "]";
  }
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < operand.getRank(); ++i) {
    if (!llvm::is_contained(dims, i))
      expected.push_back(operand.getDimSize(i));
    else if (getKeepdims())
      expected.push_back(1);
  }
  auto expectedType = RankedTensorType::get(expected, operand.getElementType());
  if (failed(verifyCompatibleShape(expectedType, result)))
    return emitOpError("result type ")
           << result << " does not match the reduced type " << expectedType;
  return success();
}

OpFoldResult ReduceOp::fold(FoldAdaptor) {
  // Reducing no dimension is the identity for every kind.
  if (getDims().empty() && getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// ArgMaxOp
//===----------------------------------------------------------------------===//

LogicalResult ArgMaxOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   result = tensorType(getResult());
  int64_t dim = getDim();
  if (dim < 0 || dim >= operand.getRank())
    return emitOpError("dimension ") << dim << " is out of range for "
                                     << operand;
  SmallVector<int64_t> expected(operand.getShape());
  expected.erase(expected.begin() + dim);
  auto expectedType = RankedTensorType::get(expected, result.getElementType());
  if (failed(verifyCompatibleShape(expectedType, result)))
    return emitOpError("result type ")
           << result << " does not match " << expectedType;
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  RankedTensorType result = tensorType(getResult());
  int64_t rank = result.getRank(), dim = getDim();
  if (dim < 0 || dim >= rank)
    return emitOpError("dimension ") << dim << " is out of range for rank "
                                     << rank;
  int64_t total = 0;
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    RankedTensorType type = tensorType(input);
    if (type.getElementType() != result.getElementType())
      return emitOpError("input #") << i << " has type " << type
                                    << ", expected element type "
                                    << result.getElementType();
    if (type.getRank() != rank)
      return emitOpError("input #") << i << " has rank " << type.getRank()
                                    << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != dim && !compatible(type.getDimSize(d), result.getDimSize(d)))
        return emitOpError("input #")
               << i << " dimension " << d << " is "
               << dimString(type.getDimSize(d)) << " but the result's is "
               << dimString(result.getDimSize(d));
    if (ShapedType::isDynamic(type.getDimSize(dim)) ||
        ShapedType::isDynamic(total))
      total = ShapedType::kDynamic;
    else
      total += type.getDimSize(dim);
  }
  if (!compatible(total, result.getDimSize(dim)))
    return emitOpError("result dimension ")
           << dim << " is " << dimString(result.getDimSize(dim))
           << " but the inputs add up to " << total;
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return {};
}

//===----------------------------------------------------------------------===//
// IndexOp, SliceOp, UpdateRowOp and GatherOp
//===----------------------------------------------------------------------===//

/// Checks that `result` is `operand` with its first dimension replaced by
/// `firstDim` (dropped when `firstDim` is std::nullopt).
static LogicalResult verifyRowsOf(Operation *op, RankedTensorType operand,
                                  RankedTensorType result,
                                  std::optional<int64_t> firstDim) {
  if (operand.getRank() < 1)
    return op->emitOpError("needs an operand of rank 1 or more, got ")
           << operand;
  SmallVector<int64_t> expected(operand.getShape().drop_front());
  if (firstDim)
    expected.insert(expected.begin(), *firstDim);
  auto expectedType = RankedTensorType::get(expected, operand.getElementType());
  if (result.getElementType() != operand.getElementType() ||
      failed(verifyCompatibleShape(expectedType, result)))
    return op->emitOpError("result type ")
           << result << " does not match " << expectedType;
  return success();
}

LogicalResult IndexOp::verify() {
  return verifyRowsOf(*this, tensorType(getOperand()), tensorType(getResult()),
                      std::nullopt);
}

LogicalResult SliceOp::verify() {
  return verifyRowsOf(*this, tensorType(getOperand()), tensorType(getResult()),
                      ShapedType::kDynamic);
}

LogicalResult UpdateRowOp::verify() {
  RankedTensorType operand = tensorType(getOperand()), row = tensorType(getRow());
  if (operand.getRank() < 1)
    return emitOpError("needs an operand of rank 1 or more, got ") << operand;
  auto expected = RankedTensorType::get(operand.getShape().drop_front(),
                                        operand.getElementType());
  if (row.getElementType() != operand.getElementType() ||
      failed(verifyCompatibleShape(expected, row)))
    return emitOpError("row type ") << row << " does not match " << expected;
  return success();
}

LogicalResult GatherOp::verify() {
  RankedTensorType operand = tensorType(getOperand()),
                   indices = tensorType(getIndices()),
                   result = tensorType(getResult());
  if (operand.getRank() < 1)
    return emitOpError("needs an operand of rank 1 or more, got ") << operand;
  SmallVector<int64_t> expected(indices.getShape());
  llvm::append_range(expected, operand.getShape().drop_front());
  auto expectedType = RankedTensorType::get(expected, operand.getElementType());
  if (result.getElementType() != operand.getElementType() ||
      failed(verifyCompatibleShape(expectedType, result)))
    return emitOpError("result type ")
           << result << " does not match " << expectedType;
  return success();
}

//===----------------------------------------------------------------------===//
// OneHotOp, RangeOp, FillOp
//===----------------------------------------------------------------------===//

LogicalResult OneHotOp::verify() {
  int64_t depth = getDepth(); // I64Attr's getter is unsigned
  if (depth <= 0)
    return emitOpError("depth must be positive, got ") << depth;
  RankedTensorType indices = tensorType(getIndices()),
                   result = tensorType(getResult());
  SmallVector<int64_t> expected(indices.getShape());
  expected.push_back(depth);
  auto expectedType = RankedTensorType::get(expected, result.getElementType());
  if (failed(verifyCompatibleShape(expectedType, result)))
    return emitOpError("result type ")
           << result << " does not match " << expectedType;
  return success();
}

LogicalResult RangeOp::verify() {
  RankedTensorType start = tensorType(getStart()),
                   result = tensorType(getResult());
  if (result.getRank() != 1)
    return emitOpError("result must be 1-d, got ") << result;
  return verifySameElementType(*this, start, result, "bounds and result");
}

LogicalResult FillOp::verify() {
  RankedTensorType value = tensorType(getValue()),
                   result = tensorType(getResult());
  if (failed(verifySameElementType(*this, value, result, "value and result")))
    return failure();
  if (static_cast<int64_t>(getDynamicSizes().size()) !=
      result.getNumDynamicDims())
    return emitOpError("has ") << getDynamicSizes().size()
                               << " dynamic sizes but the result type "
                               << result << " has "
                               << result.getNumDynamicDims()
                               << " dynamic dimensions";
  return success();
}

OpFoldResult FillOp::fold(FoldAdaptor adaptor) {
  auto resultType = cast<RankedTensorType>(getType());
  auto value = dyn_cast_or_null<DenseElementsAttr>(adaptor.getValue());
  if (!value || !resultType.hasStaticShape())
    return {};
  return SplatElementsAttr::get(resultType, value.getSplatValue<Attribute>());
}
