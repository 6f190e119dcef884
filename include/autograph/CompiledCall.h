//===- CompiledCall.h - calling compiled code through its C interface -----===//
//
// Compiled ag functions (JIT or AOT) are called through MLIR's C interface:
//
//   void _mlir_ciface_NAME(Results *results, Descriptor *arg0, ...);
//
// where each tensor travels as a ranked memref descriptor (allocated, aligned,
// offset, sizes..., strides...), `Results` is one descriptor for a single
// result or a struct of them, and a function without results has no
// `results` parameter. A ag::compiled::Call checks the arguments against the
// compiled signature, lays out their descriptors and the result storage, and
// afterwards adopts the results (buffers the caller owns) as tensors and
// raises an error that compiled code reported.
//
// This header needs only autograph::runtime: AOT headers include it.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_COMPILEDCALL_H
#define AUTOGRAPH_COMPILEDCALL_H

#include "autograph/ControlFlow.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ag::compiled {

/// An AOT function's check of a variable parameter: raises
/// ag::InvalidArgumentError naming `function` and the variable when its
/// dtype and shape are not those it was compiled for.
void check_variable(const char *function, const std::string &name,
                    const TensorSpec &actual, const TensorSpec &compiled);

class Call {
public:
  /// Checks `args` against `inputs` (dtype, rank, every static dimension;
  /// -1 accepts any extent) and raises ag::InvalidArgumentError naming
  /// `function`, the argument, what it is and what was compiled.
  Call(const char *function, const std::vector<TensorSpec> &inputs,
       const std::vector<TensorSpec> &outputs, const TensorList &args);
  /// Frees result buffers that finish() did not adopt.
  ~Call();
  Call(const Call &) = delete;
  Call &operator=(const Call &) = delete;

  /// The descriptor of argument `index`, to pass by pointer.
  void *argument(std::size_t index) { return descriptors_[index].data(); }
  /// The results' storage, to pass first (nullptr without results).
  void *results() { return outputs_.empty() ? nullptr : results_.data(); }

  /// Once compiled code returned: the results as tensors (owning their
  /// buffers); raises the error compiled code reported, if any.
  TensorList finish();

private:
  std::vector<TensorSpec> outputs_;
  std::vector<std::vector<std::int64_t>> descriptors_;
  std::vector<std::int64_t> results_;
  bool finished_ = false;
  // The TensorArrays compiled code creates during this call end with it.
  std::size_t arrays_mark_;
};

} // namespace ag::compiled

#endif // AUTOGRAPH_COMPILEDCALL_H
