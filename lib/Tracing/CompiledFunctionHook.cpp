//===- CompiledFunctionHook.cpp - the runtime's library code, compiled ----===//
//
// Registers an ag::Function-backed compiler with the runtime, so that
// library code such as Model::fit runs its step compiled in programs linked
// with autograph::jit. autograph::jit's link interface names
// ag_jit_compiled_function_hook, which pulls this file into every program.
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledFunctionHook.h"
#include "autograph/Function.h"

#include <memory>

namespace ag::detail {
namespace {
TensorFunction compileWithFunction(TensorFunction body, std::string name) {
  auto function = std::make_shared<Function>(std::move(name));
  return [function, body = std::move(body)](const TensorList &inputs) -> TensorList {
    if (functions_run_eagerly() || current_tracer())
      return body(inputs);
    SignatureKey key;
    for (const Tensor &input : inputs)
      key.add_tensor(input);
    auto run = [&body](const TensorList &traced) { return body(traced); };
    return function->call(key, inputs, FunctionBody(run));
  };
}

struct Registration {
  Registration() { set_tensor_function_compiler(&compileWithFunction); }
};
const Registration g_registration;
} // namespace
} // namespace ag::detail

/// Named by autograph::jit's INTERFACE link options (-u), so that linking
/// the library brings the registration above.
extern "C" const int ag_jit_compiled_function_hook = 1;
