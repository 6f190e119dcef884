//===- CompiledFunctionHook.h - compile library code when the JIT is linked -===//
//
// Library code in autograph::runtime (Model::fit's training step) that wants
// to run compiled when the program links autograph::jit, and eagerly when it
// links the runtime alone. autograph::jit registers its compiler at start-up
// (its link interface pulls the registration in); without it the body runs
// eagerly. The returned function traces and compiles per signature of its
// tensor inputs, as an ag::function does.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_COMPILEDFUNCTIONHOOK_H
#define AUTOGRAPH_COMPILEDFUNCTIONHOOK_H

#include "autograph/ControlFlow.h"

#include <functional>
#include <string>

namespace ag::detail {

using TensorFunction = std::function<TensorList(const TensorList &)>;
using TensorFunctionCompiler = TensorFunction (*)(TensorFunction body, std::string name);

/// Called once by autograph::jit while the program starts.
void set_tensor_function_compiler(TensorFunctionCompiler compiler);

/// `body` compiled per input signature (named `name` in diagnostics and the
/// JIT report) when autograph::jit is linked; `body` itself otherwise.
TensorFunction compiled_when_available(TensorFunction body, std::string name);

} // namespace ag::detail

#endif // AUTOGRAPH_COMPILEDFUNCTIONHOOK_H
