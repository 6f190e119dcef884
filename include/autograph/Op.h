//===- Op.h - the op layer shared by eager execution and tracing -*- C++ -*-===//
//
// Every tensor operation of ag is one OpKind applied to input tensors with
// plain-data attributes (OpAttrs). apply_op():
//   1. infers the result dtype and shape (infer_op; the same function for eager
//      execution and tracing, so both raise identical errors);
//   2. if any input is symbolic, asks the current Tracer to emit the op;
//   3. otherwise runs the op's Eigen kernel.
// The public functions of Ops.h/Creation.h are thin compositions over this
// layer (a broadcasting `a + b` is `add(broadcast_to(a, s), broadcast_to(b, s))`).
// See docs/runtime.md.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_OP_H
#define AUTOGRAPH_OP_H

#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <vector>

namespace ag {

/// The ops of the layer; the names (op_name) match the `ag` MLIR dialect.
enum class OpKind : std::uint8_t {
  Constant,    // (value) -> value                                 attrs: -
  Add,         // (a, b) same shape and dtype                      attrs: -
  Sub,
  Mul,
  Div,         // integer: truncates; division by zero is an error
  Rem,         // integer: sign of the dividend; float: fmod
  Pow,
  Maximum,     // NaN propagates
  Minimum,
  Neg,         // (x)
  Exp,         // floating only
  Log,
  Sqrt,
  Abs,
  Square,
  Tanh,
  Sigmoid,
  Relu,
  Compare,     // (a, b) -> bool                                   attrs: predicate
  LogicalAnd,  // bool only
  LogicalOr,
  LogicalNot,
  Cast,        //                                                  attrs: dtype
  Select,      // (cond:bool, a, b) all the same shape
  MatMul,      // [..., m, k] x [..., k, n]; batch dims equal
  Transpose,   //                                                  attrs: perm
  Reshape,     //                                                  attrs: shape
  BroadcastTo, // (x, sizes...)                                    attrs: shape
               // one 0-d int64 size per unknown (-1) extent of attrs.shape
  Reduce,      //                                 attrs: reduction, axes, keepdims
  ArgMax,      // -> int64                                         attrs: axis
  Concat,      // (t0, t1, ...)                                    attrs: axis
  Index,       // (t, i:0-d int) -> t[i] along the first axis
  OneHot,      // (indices:int) -> dtype                      attrs: depth, dtype
  Range,       // (start, limit, delta: 0-d, one dtype) -> 1-d
  Fill,        // (value: 0-d, sizes...) -> attrs.shape            attrs: shape
               // one 0-d int64 size per unknown (-1) extent of attrs.shape
  Gather,      // (t, indices:int) -> rows t[indices[...]] along the first axis
  Slice,       // (t, start, limit: 0-d int, one dtype) -> rows [start, limit)
  UpdateRow,   // (t, i: 0-d int, row) -> t with row i (along the first axis) = row
};
inline constexpr int kNumOpKinds = static_cast<int>(OpKind::UpdateRow) + 1;

enum class ComparePredicate : std::uint8_t { EQ, NE, LT, LE, GT, GE };
enum class Reduction : std::uint8_t { Sum, Mean, Max, Min };

/// Dialect op name: "add", "matmul", "broadcast_to", ...
const char *op_name(OpKind kind) noexcept;
/// "eq", "ne", "lt", "le", "gt", "ge".
const char *predicate_name(ComparePredicate p) noexcept;
/// "sum", "mean", "max", "min".
const char *reduction_name(Reduction r) noexcept;

/// Attributes of an op; each op reads only the fields listed for it in
/// OpKind. Axes are normalised (non-negative, sorted) by the public
/// functions before they reach the layer.
struct OpAttrs {
  ComparePredicate predicate = ComparePredicate::EQ; // Compare
  Reduction reduction = Reduction::Sum;              // Reduce
  std::vector<std::int64_t> axes;                    // Reduce
  bool keepdims = false;                             // Reduce
  std::vector<std::int64_t> perm;                    // Transpose
  Shape shape;                                       // Reshape, BroadcastTo, Fill
  std::int64_t axis = 0;                             // ArgMax, Concat
  std::int64_t depth = 0;                            // OneHot
  DType dtype = DType::Float32;                      // Cast, OneHot
};

/// Result dtype and shape of `kind` on `inputs`, or ag::InvalidArgumentError
/// naming the op and the offending shapes/dtypes. Works on concrete and
/// symbolic inputs (unknown extents propagate as -1).
TensorSpec infer_op(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs);

/// Applies `kind`: emits it through the current Tracer if an input is
/// symbolic, else runs the Eigen kernel.
Tensor apply_op(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs = {});

} // namespace ag

#endif // AUTOGRAPH_OP_H
