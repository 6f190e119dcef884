//===- Function.cpp - ::ag::function: trace, lower, JIT, run ----------------===//
#include "autograph/Function.h"

#include "MlirTracer.h"
#include "autograph/CompiledCall.h"
#include "autograph/CompiledCodeABI.h"
#include "autograph/DType.h"
#include "autograph/Error.h"
#include "autograph/CodeGen/ModuleCompiler.h"
#include "autograph/Tracer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>

using namespace mlir;

namespace ag {

namespace {
// AG_RUN_FUNCTIONS_EAGERLY=1 sets it from the start (to run a converted
// program without compiling, e.g. to compare or debug).
std::atomic<bool> g_run_eagerly{[] {
  const char *value = std::getenv("AG_RUN_FUNCTIONS_EAGERLY");
  return value && *value && std::string(value) != "0";
}()};

/// Whether `args` have exactly the dtypes and shapes of `specs` (without
/// building specs: this runs on every call).
bool hasSignature(const TensorList &args, const std::vector<TensorSpec> &specs) {
  if (args.size() != specs.size())
    return false;
  for (size_t i = 0; i < args.size(); ++i) {
    const Tensor &arg = args[i];
    const Shape &shape = specs[i].shape;
    if (!arg.defined() || arg.dtype() != specs[i].dtype ||
        arg.rank() != static_cast<std::int64_t>(shape.size()))
      return false;
    for (size_t d = 0; d < shape.size(); ++d)
      if (arg.dim(static_cast<std::int64_t>(d)) != shape[d])
        return false;
  }
  return true;
}

/// One MLIR context with the dialects and translations compilation needs.
std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  autograph::codegen::registerCompilationDialects(registry);
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

/// The agrt_* functions compiled code calls, resolved to this process's
/// runtime (a statically linked runtime's symbols are not exported).
llvm::orc::SymbolMap runtimeSymbols(llvm::orc::MangleAndInterner interner) {
  llvm::orc::SymbolMap map;
  auto add = [&](const char *name, void *address) {
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                           llvm::JITSymbolFlags::Exported};
  };
#define AG_RUNTIME_SYMBOL(name) add(#name, reinterpret_cast<void *>(&name))
  AG_RUNTIME_SYMBOL(agrt_memref_print_begin);
  AG_RUNTIME_SYMBOL(agrt_memref_print_text);
  AG_RUNTIME_SYMBOL(agrt_memref_print_format);
  AG_RUNTIME_SYMBOL(agrt_memref_print_tensor_f32);
  AG_RUNTIME_SYMBOL(agrt_memref_print_tensor_f64);
  AG_RUNTIME_SYMBOL(agrt_memref_print_tensor_i32);
  AG_RUNTIME_SYMBOL(agrt_memref_print_tensor_i64);
  AG_RUNTIME_SYMBOL(agrt_memref_print_tensor_bool);
  AG_RUNTIME_SYMBOL(agrt_memref_print_end);
  AG_RUNTIME_SYMBOL(agrt_memref_assert_fail);
  AG_RUNTIME_SYMBOL(agrt_memref_error_pending);
  AG_RUNTIME_SYMBOL(agrt_memref_matmul_f32);
  AG_RUNTIME_SYMBOL(agrt_memref_matmul_f64);
#undef AG_RUNTIME_SYMBOL
  return map;
}

/// Writes an AG_DUMP_DIR file; a failure is reported on stderr (a dump is
/// a diagnostic aid: the function still compiles and runs).
void writeDump(const std::string &path, const std::string &text) {
  std::ofstream file(path);
  file << text;
  file.close();
  if (!file)
    std::cerr << "AG_DUMP_DIR: cannot write " << path << "\n";
}

} // namespace

void run_functions_eagerly(bool eagerly) { g_run_eagerly = eagerly; }
bool functions_run_eagerly() { return g_run_eagerly; }

namespace jit {

struct CompiledFunction::Impl {
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<llvm::TargetMachine> targetMachine;
  std::unique_ptr<ExecutionEngine> engine;
  std::string name;
  std::string mlir;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  // The packed C interface (`_mlir__mlir_ciface_NAME`), looked up once.
  void (*entry)(void **) = nullptr;
};

static ModuleOp traceInto(MLIRContext *context,
                          const std::function<TensorList(const TensorList &)> &fn,
                          const std::vector<TensorSpec> &inputs,
                          const std::string &name,
                          std::vector<TensorSpec> *outputs) {
  ModuleOp module = ModuleOp::create(UnknownLoc::get(context));
  try {
    autograph::tracing::MlirTracer tracer(module, name, inputs);
    TensorList results;
    {
      TracerScope scope(&tracer);
      results = fn(tracer.arguments());
    }
    for (const Tensor &result : results)
      if (outputs)
        outputs->push_back(result.spec());
    tracer.finish(results);
  } catch (...) {
    module->erase();
    throw;
  }
  return module;
}

std::string trace(const std::function<TensorList(const TensorList &)> &fn,
                  const std::vector<TensorSpec> &inputs, const std::string &name) {
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module(traceInto(context.get(), fn, inputs, name, nullptr));
  return autograph::codegen::printWithLocations(*module);
}

CompiledFunction::CompiledFunction(
    const std::function<TensorList(const TensorList &)> &fn,
    const std::vector<TensorSpec> &inputs, const std::string &name)
    : impl_(std::make_unique<Impl>()) {
  impl_->context = makeContext();
  impl_->name = name;
  impl_->inputs = inputs;
  MLIRContext *context = impl_->context.get();
  OwningOpRef<ModuleOp> module(
      traceInto(context, fn, inputs, name, &impl_->outputs));
  impl_->mlir = autograph::codegen::printWithLocations(*module);

  const char *dumpDir = std::getenv("AG_DUMP_DIR");
  if (dumpDir && *dumpDir) {
    // Like XLA's dump flag, the directory is created when missing.
    if (std::error_code error = llvm::sys::fs::create_directories(dumpDir))
      std::cerr << "AG_DUMP_DIR: cannot create " << dumpDir << ": "
                << error.message() << "\n";
    writeDump(std::string(dumpDir) + "/" + name + ".ag.mlir", impl_->mlir);
  }

  // Lets a program check that its eager fallback gives the same results.
  if (const char *fail = std::getenv("AG_JIT_FAIL_LOWERING"); fail && *fail)
    throw Error("lowering " + name + " failed: AG_JIT_FAIL_LOWERING is set");

  autograph::codegen::prepareForCompiledCall(
      module->lookupSymbol<func::FuncOp>(name));
  std::string diagnostics;
  if (failed(autograph::codegen::lowerAgModule(
          *module, autograph::codegen::LoweringStage::LLVM,
          dumpDir ? dumpDir : "", name, diagnostics)))
    throw Error("lowering " + name + " failed:\n" + diagnostics);

  // Optimise for the host CPU (all its vector extensions): without a target
  // machine the vectorizer may emit what the x86 back end cannot lower.
  auto machine = autograph::codegen::createTargetMachine(/*portable=*/false);
  if (!machine)
    throw Error("compiling " + name + ": " + llvm::toString(machine.takeError()));
  impl_->targetMachine = std::move(*machine);
  ExecutionEngineOptions options;
  // As for AOT: the implementation is internal, so it is inlined into its
  // C interface and specialised (a loop's closed form, vectorisation).
  llvm::TargetMachine *target = impl_->targetMachine.get();
  options.transformer = [target](llvm::Module *module) {
    autograph::codegen::internalizeAllButCInterfaces(*module);
    autograph::codegen::optimizeModule(*module, *target);
    return llvm::Error::success();
  };
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(*module, options);
  if (!engine)
    throw Error("compiling " + name + " failed: " +
                llvm::toString(engine.takeError()));
  impl_->engine = std::move(*engine);
  impl_->engine->registerSymbols(runtimeSymbols);
  auto entry = impl_->engine->lookupPacked("_mlir_ciface_" + name);
  if (!entry)
    throw Error("compiling " + name + ": " + llvm::toString(entry.takeError()));
  impl_->entry = *entry;
}

CompiledFunction::~CompiledFunction() = default;

const std::string &CompiledFunction::mlir() const { return impl_->mlir; }

TensorList CompiledFunction::operator()(const TensorList &args) const {
  compiled::Call call(impl_->name.c_str(), impl_->inputs, impl_->outputs, args);
  // The C interface takes the results' storage first (when there are
  // results), then a pointer to each argument's descriptor.
  std::vector<void *> pointers;
  if (!impl_->outputs.empty())
    pointers.push_back(call.results());
  for (size_t i = 0; i < args.size(); ++i)
    pointers.push_back(call.argument(i));
  std::vector<void *> packed;
  for (void *&pointer : pointers)
    packed.push_back(&pointer);
  impl_->entry(packed.data());
  return call.finish();
}

} // namespace jit

Function::Function(std::function<TensorList(const TensorList &)> fn,
                   std::string name)
    : fn_(std::move(fn)), name_(std::move(name)) {}
Function::~Function() = default;
Function::Function(Function &&) noexcept = default;

TensorList Function::operator()(const TensorList &args) {
  if (functions_run_eagerly() || current_tracer())
    return fn_(args);
  auto it = std::find_if(cache_.begin(), cache_.end(), [&](const Traced &traced) {
    return hasSignature(args, traced.inputs);
  });
  if (it == cache_.end()) {
    std::vector<TensorSpec> inputs;
    for (const Tensor &arg : args)
      inputs.push_back(arg.spec());
    std::unique_ptr<jit::CompiledFunction> compiled;
    ++trace_count_;
    try {
      compiled = std::make_unique<jit::CompiledFunction>(fn_, inputs, name_);
      last_mlir_ = compiled->mlir();
    } catch (const TracingError &) {
      throw;
    } catch (const InvalidArgumentError &) {
      throw;
    } catch (const Error &error) {
      if (!warned_)
        std::cerr << "::ag::function " << name_ << ": " << error.what()
                  << "\nrunning it eagerly instead\n";
      warned_ = true;
    }
    cache_.push_back(Traced{std::move(inputs), std::move(compiled)});
    it = cache_.end() - 1;
  }
  if (!it->compiled)
    return fn_(args);
  return (*it->compiled)(args);
}

} // namespace ag
