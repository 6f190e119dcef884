//===- CompiledFunctionHook.cpp - the JIT's compiler, when linked ---------===//
#include "autograph/CompiledFunctionHook.h"

#include <atomic>

namespace ag::detail {
namespace {
std::atomic<TensorFunctionCompiler> g_compiler{nullptr};
} // namespace

void set_tensor_function_compiler(TensorFunctionCompiler compiler) { g_compiler = compiler; }

TensorFunction compiled_when_available(TensorFunction body, std::string name) {
  if (TensorFunctionCompiler compiler = g_compiler.load())
    return compiler(std::move(body), std::move(name));
  return body;
}
} // namespace ag::detail
