//===- Gradients.h - each op's gradient, from the op registry ---*- C++ -*-===//
//
// For every Differentiable entry of include/autograph/Ops.def, the function
// `<name>_gradient` (Gradients.cpp) maps an op's inputs, attributes, output
// and the adjoint of its output to the adjoints of its inputs (an undefined
// tensor for an input that carries none), in ag ops: it runs eagerly and is
// traced into compiled functions alike.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_GRADIENTS_H
#define AUTOGRAPH_RUNTIME_GRADIENTS_H

#include "autograph/Op.h"

#include <vector>

namespace ag::detail {

/// The adjoints of `inputs` for the op `kind` whose output `output` has
/// adjoint `adjoint`. An op without a gradient (NotDifferentiable) raises
/// ag::InvalidArgumentError naming it.
std::vector<Tensor> op_gradient(OpKind kind, Span<const Tensor> inputs,
                                const OpAttrs &attrs, const Tensor &output,
                                const Tensor &adjoint);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_GRADIENTS_H
