//===- OpBuilders.cpp - the ag dialect op of each op of the registry ------===//
#include "OpBuilders.h"

#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Error.h"

using namespace mlir;
using ::ag::OpAttrs;

namespace autograph::tracing {
namespace {

mlir::ag::ComparisonPredicate predicateOf(::ag::ComparePredicate p) {
  switch (p) {
  case ::ag::ComparePredicate::EQ: return mlir::ag::ComparisonPredicate::eq;
  case ::ag::ComparePredicate::NE: return mlir::ag::ComparisonPredicate::ne;
  case ::ag::ComparePredicate::LT: return mlir::ag::ComparisonPredicate::lt;
  case ::ag::ComparePredicate::LE: return mlir::ag::ComparisonPredicate::le;
  case ::ag::ComparePredicate::GT: return mlir::ag::ComparisonPredicate::gt;
  case ::ag::ComparePredicate::GE: return mlir::ag::ComparisonPredicate::ge;
  }
  return mlir::ag::ComparisonPredicate::eq;
}

mlir::ag::ReductionKind reductionOf(::ag::Reduction r) {
  switch (r) {
  case ::ag::Reduction::Sum: return mlir::ag::ReductionKind::sum;
  case ::ag::Reduction::Mean: return mlir::ag::ReductionKind::mean;
  case ::ag::Reduction::Max: return mlir::ag::ReductionKind::max;
  case ::ag::Reduction::Min: return mlir::ag::ReductionKind::min;
  }
  return mlir::ag::ReductionKind::sum;
}

using Operands = ValueRange;

// One per AG_OP of the registry, in its order.

Value build_constant(OpBuilder &, Location, RankedTensorType, Operands operands,
                     const OpAttrs &) {
  return operands[0]; // the tracer captured the value as an ag.constant
}
Value build_compare(OpBuilder &b, Location l, RankedTensorType, Operands operands,
                    const OpAttrs &attrs) {
  return b.create<mlir::ag::CompareOp>(l, predicateOf(attrs.predicate),
                                       operands[0], operands[1]);
}
Value build_cast(OpBuilder &b, Location l, RankedTensorType type, Operands operands,
                 const OpAttrs &) {
  return b.create<mlir::ag::CastOp>(l, type, operands[0]);
}
Value build_select(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::SelectOp>(l, type, operands[0], operands[1], operands[2]);
}
Value build_matmul(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &) {
  if (type.getRank() != 2)
    throw ::ag::TracingError("matmul: batched matmul cannot be traced yet");
  return b.create<mlir::ag::MatmulOp>(l, type, operands[0], operands[1]);
}
Value build_transpose(OpBuilder &b, Location l, RankedTensorType type,
                      Operands operands, const OpAttrs &attrs) {
  return b.create<mlir::ag::TransposeOp>(l, type, operands[0], attrs.perm);
}
Value build_reshape(OpBuilder &b, Location l, RankedTensorType type,
                    Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::ReshapeOp>(l, type, operands[0]);
}
Value build_broadcast_to(OpBuilder &b, Location l, RankedTensorType type,
                         Operands operands, const OpAttrs &) {
  // The op layer passes the run-time size of each unknown extent.
  return b.create<mlir::ag::BroadcastToOp>(l, type, operands[0],
                                           operands.drop_front());
}
Value build_reduce(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &attrs) {
  return b.create<mlir::ag::ReduceOp>(l, type, reductionOf(attrs.reduction),
                                      operands[0], attrs.axes, attrs.keepdims);
}
Value build_argmax(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &attrs) {
  return b.create<mlir::ag::ArgMaxOp>(l, type, operands[0], attrs.axis);
}
Value build_concat(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &attrs) {
  return b.create<mlir::ag::ConcatOp>(l, type, operands, attrs.axis);
}
Value build_index(OpBuilder &b, Location l, RankedTensorType type,
                  Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::IndexOp>(l, type, operands[0], operands[1]);
}
Value build_one_hot(OpBuilder &b, Location l, RankedTensorType type,
                    Operands operands, const OpAttrs &attrs) {
  return b.create<mlir::ag::OneHotOp>(l, type, operands[0], attrs.depth);
}
Value build_range(OpBuilder &b, Location l, RankedTensorType type,
                  Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::RangeOp>(l, type, operands[0], operands[1], operands[2]);
}
Value build_fill(OpBuilder &b, Location l, RankedTensorType type,
                 Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::FillOp>(l, type, operands[0], operands.drop_front());
}
Value build_gather(OpBuilder &b, Location l, RankedTensorType type,
                   Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::GatherOp>(l, type, operands[0], operands[1]);
}
Value build_slice(OpBuilder &b, Location l, RankedTensorType type,
                  Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::SliceOp>(l, type, operands[0], operands[1], operands[2]);
}
Value build_update_row(OpBuilder &b, Location l, RankedTensorType type,
                       Operands operands, const OpAttrs &) {
  return b.create<mlir::ag::UpdateRowOp>(l, type, operands[0], operands[1],
                                         operands[2]);
}

} // namespace

Value buildOp(OpBuilder &builder, Location location, ::ag::OpKind kind,
              RankedTensorType type, ValueRange operands, const OpAttrs &attrs) {
  switch (kind) {
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  case ::ag::OpKind::Kind:                                                     \
    return builder.create<mlir::ag::Kind##Op>(location, type, operands[0]);
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case ::ag::OpKind::Kind:                                                     \
    return builder.create<mlir::ag::Kind##Op>(location, type, operands[0],     \
                                              operands[1]);
#define AG_OP(Kind, name, Gradient)                                            \
  case ::ag::OpKind::Kind:                                                     \
    return build_##name(builder, location, type, operands, attrs);
#include "autograph/Ops.def"
  }
  throw ::ag::TracingError("an op kind without a dialect op");
}

} // namespace autograph::tracing
