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

/// The ops of the layer, one per entry of the op registry (Ops.def, which
/// says what each takes and computes); their names (op_name) are those of
/// the `ag` dialect. No behaviour depends on the enumerators' order.
enum class OpKind : std::uint8_t {
#define AG_OP(Kind, name, Gradient) Kind,
#include "autograph/Ops.def"
};
inline constexpr int kNumOpKinds = 0
#define AG_OP(Kind, name, Gradient) +1
#include "autograph/Ops.def"
    ;

enum class ComparePredicate : std::uint8_t { EQ, NE, LT, LE, GT, GE };
enum class Reduction : std::uint8_t { Sum, Mean, Max, Min };

/// Dialect op name: "add", "matmul", "broadcast_to", ...
const char *op_name(OpKind kind) noexcept;
/// Whether `kind` is an elementwise op of one operand (AG_UNARY_OP) or of
/// two (AG_BINARY_OP).
bool is_unary_elementwise(OpKind kind) noexcept;
bool is_binary_elementwise(OpKind kind) noexcept;
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
