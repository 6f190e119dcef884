//===- Function.cpp - ::ag::function: trace, lower, JIT, run ----------------===//
#include "autograph/Function.h"

#include "MlirTracer.h"
#include "TraceModule.h"
#include "autograph/CompiledCall.h"
#include "autograph/CompiledCodeABI.h"
#include "autograph/Variable.h"
#include "autograph/DType.h"
#include "autograph/Error.h"
#include "autograph/CodeGen/ModuleCompiler.h"
#include "autograph/Tracer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>

using namespace mlir;

namespace ag {

namespace {
bool environmentSays(const char *variable, const char *value) {
  const char *set = std::getenv(variable);
  return set && std::string(set) == value;
}

// AG_RUN_FUNCTIONS_EAGERLY=1 sets it from the start (to run a converted
// program without compiling, e.g. to compare or debug).
std::atomic<bool> g_run_eagerly{[] {
  const char *value = std::getenv("AG_RUN_FUNCTIONS_EAGERLY");
  return value && *value && std::string(value) != "0";
}()};

// AG_FALLBACK=error makes every fallback an error from the start (tests of
// compiled code run with it, so that no eager fallback can pass them).
std::atomic<FallbackPolicy> g_fallback_policy{
    environmentSays("AG_FALLBACK", "error") ? FallbackPolicy::Error
                                             : FallbackPolicy::Warn};
std::atomic<int> g_fallback_count{0};

/// AG_JIT_REPORT=FILE: at exit, one line per function name that was traced,
/// "NAME compiled=N fallbacks=M" (sorted by name), so that a test of a
/// converted program can check that its functions really were compiled.
struct JitReport {
  std::mutex mutex;
  std::map<std::string, std::pair<int, int>> counts; // compiled, fallbacks

  static JitReport &get() {
    static auto *report = new JitReport();
    return *report;
  }
  void record(const std::string &name, bool compiled) {
    static const char *path = std::getenv("AG_JIT_REPORT");
    if (!path || !*path)
      return;
    std::lock_guard<std::mutex> lock(mutex);
    static bool registered = (std::atexit([] { get().write(); }), true);
    (void)registered;
    auto &entry = counts[name];
    (compiled ? entry.first : entry.second) += 1;
  }
  void write() {
    std::lock_guard<std::mutex> lock(mutex);
    std::ofstream file(std::getenv("AG_JIT_REPORT"));
    for (const auto &[name, count] : counts)
      file << name << " compiled=" << count.first << " fallbacks="
           << count.second << "\n";
    file.close();
    if (!file)
      std::cerr << "AG_JIT_REPORT: cannot write " << std::getenv("AG_JIT_REPORT")
                << "\n";
  }
};

/// The name of a trace's AG_DUMP_DIR files: the function's name, then
/// NAME.2, NAME.3, ... for later traces of a function of that name (another
/// signature, another instantiation of a template), so none overwrites
/// another. A '/' in the name (fit's "model/train_step") becomes '.'.
std::string uniqueDumpName(std::string name) {
  std::replace(name.begin(), name.end(), '/', '.');
  static std::mutex mutex;
  static auto *seen = new std::map<std::string, int>();
  std::lock_guard<std::mutex> lock(mutex);
  int count = ++(*seen)[name];
  return count == 1 ? name : name + "." + std::to_string(count);
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
#define AG_RUNTIME_FUNCTION(name, result, parameters)                          \
  add("agrt_memref_" #name, reinterpret_cast<void *>(&agrt_memref_##name));
#define AG_ALLOCATION_FUNCTION(symbol, result, parameters)                     \
  add(#symbol, reinterpret_cast<void *>(&symbol));
#include "autograph/CompiledCodeABI.def"
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
void set_fallback_policy(FallbackPolicy policy) { g_fallback_policy = policy; }
FallbackPolicy fallback_policy() { return g_fallback_policy; }

namespace jit {

int fallback_count() { return g_fallback_count; }

/// A variable that compiled code reads or assigns.
struct TracedVariable {
  std::weak_ptr<detail::VariableState> variable;
  std::string name;
  TensorSpec spec;

  /// The variable, which must still exist.
  std::shared_ptr<detail::VariableState> lock(const std::string &function) const {
    std::shared_ptr<detail::VariableState> state = variable.lock();
    if (!state)
      throw InvalidArgumentError(
          function + ": variable '" + name +
          "' no longer exists, but the compiled function uses it (it was "
          "traced with it); keep the variable alive while the function is "
          "called");
    return state;
  }
};
/// What a compiled function takes and gives besides the call's own
/// tensors: its implicit inputs (a variable's value, or a tensor captured
/// while tracing), and the variables it assigns (outputs after its own).
struct ImplicitInput {
  std::optional<TracedVariable> variable;
  Tensor captured;
};
struct TracedVariableList {
  std::vector<ImplicitInput> inputs;
  std::vector<TracedVariable> outputs;
  std::size_t userOutputs = 0;
};

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
  /// The variables the function reads (inputs after the call's own) and
  /// assigns (outputs after its own), held weakly: the compiled code does
  /// not keep a variable alive.
  TracedVariableList variables;
};

static ModuleOp traceInto(MLIRContext *context,
                          const std::function<TensorList(const TensorList &)> &fn,
                          const std::vector<TensorSpec> &inputs,
                          const std::string &name,
                          std::vector<TensorSpec> *outputs,
                          TracedVariableList *variables,
                          bool captureLargeTensors) {
  ModuleOp module = ModuleOp::create(UnknownLoc::get(context));
  try {
    autograph::tracing::MlirTracer tracer(module, name, inputs, captureLargeTensors);
    TensorList results;
    {
      TracerScope scope(&tracer);
      results = fn(tracer.arguments());
    }
    for (const Tensor &result : results)
      if (outputs)
        outputs->push_back(result.spec());
    tracer.finish(results);
    if (variables) {
      variables->userOutputs = results.size();
      for (const auto &input : tracer.implicitInputs()) {
        ImplicitInput implicit;
        if (input.variable)
          implicit.variable = TracedVariable{input.variable, input.variable->name,
                                             input.variable->spec};
        implicit.captured = input.captured;
        variables->inputs.push_back(std::move(implicit));
      }
      for (const auto &variable : tracer.variableOutputs())
        variables->outputs.push_back({variable, variable->name, variable->spec});
    }
  } catch (...) {
    module->erase();
    throw;
  }
  return module;
}

std::string trace(const std::function<TensorList(const TensorList &)> &fn,
                  const std::vector<TensorSpec> &inputs, const std::string &name) {
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module(
      traceInto(context.get(), fn, inputs, name, nullptr, nullptr, false));
  return autograph::codegen::printWithLocations(*module);
}

namespace internal {
TracedModule trace_module(const std::function<TensorList(const TensorList &)> &fn,
                          const std::vector<TensorSpec> &inputs, const std::string &name) {
  TracedModule traced;
  traced.context = makeContext();
  TracedVariableList variables;
  traced.module = OwningOpRef<ModuleOp>(traceInto(traced.context.get(), fn, inputs, name,
                                                  &traced.outputs, &variables, false));
  for (const ImplicitInput &input : variables.inputs)
    traced.reads.push_back(input.variable->variable.lock());
  for (const TracedVariable &variable : variables.outputs)
    traced.assigns.push_back(variable.variable.lock());
  return traced;
}
} // namespace internal

CompiledFunction::CompiledFunction(
    const std::function<TensorList(const TensorList &)> &fn,
    const std::vector<TensorSpec> &inputs, const std::string &name)
    : impl_(std::make_unique<Impl>()) {
  impl_->context = makeContext();
  impl_->name = name;
  impl_->inputs = inputs;
  MLIRContext *context = impl_->context.get();
  OwningOpRef<ModuleOp> module(traceInto(context, fn, inputs, name, &impl_->outputs,
                                         &impl_->variables, /*captureLargeTensors=*/true));
  for (const ImplicitInput &input : impl_->variables.inputs)
    impl_->inputs.push_back(input.variable ? input.variable->spec
                                           : input.captured.spec());
  for (const TracedVariable &variable : impl_->variables.outputs)
    impl_->outputs.push_back(variable.spec);
  impl_->mlir = autograph::codegen::printWithLocations(*module);

  const char *dumpDir = std::getenv("AG_DUMP_DIR");
  std::string dumpName;
  if (dumpDir && *dumpDir) {
    dumpName = uniqueDumpName(name);
    // Like XLA's dump flag, the directory is created when missing.
    if (std::error_code error = llvm::sys::fs::create_directories(dumpDir))
      std::cerr << "AG_DUMP_DIR: cannot create " << dumpDir << ": "
                << error.message() << "\n";
    writeDump(std::string(dumpDir) + "/" + dumpName + ".ag.mlir", impl_->mlir);
  }

  // Simulates a lowering failure (to see that tests catch a fallback, or
  // that a program's eager fallback gives the same results).
  if (const char *fail = std::getenv("AG_JIT_FAIL_LOWERING"); fail && *fail)
    throw Error("lowering " + name + " failed: AG_JIT_FAIL_LOWERING is set");

  // The compiled symbol has a prefix of its own: a function named like a
  // C library function (`tanh`, `pow`) would otherwise be the callee of the
  // libm calls that float64 math lowers to.
  auto function = module->lookupSymbol<func::FuncOp>(name);
  std::string symbol = "ag_jit_" + name;
  SymbolTable::setSymbolName(function, symbol);
  autograph::codegen::prepareForCompiledCall(function);
  std::string diagnostics;
  if (failed(autograph::codegen::lowerAgModule(
          *module, autograph::codegen::LoweringStage::LLVM,
          dumpName.empty() ? "" : dumpDir, dumpName, diagnostics)))
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
  // options.transformer is an llvm::function_ref: the callable must outlive
  // ExecutionEngine::create (a temporary lambda left it dangling, and the
  // JIT optimised with a garbage target: no vectorisation, undefined
  // behaviour).
  // AG_DUMP_DIR also gets the optimised LLVM IR (NAME.ll), what AOT's
  // --emit=llvm-ir shows.
  std::string llvmDump =
      dumpName.empty() ? "" : std::string(dumpDir) + "/" + dumpName + ".ll";
  auto optimize = [target, &llvmDump](llvm::Module *module) {
    autograph::codegen::internalizeAllButCInterfaces(*module);
    autograph::codegen::optimizeModule(*module, *target);
    if (!llvmDump.empty()) {
      std::string text;
      llvm::raw_string_ostream os(text);
      module->print(os, nullptr);
      writeDump(llvmDump, os.str());
    }
    return llvm::Error::success();
  };
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(*module, options);
  if (!engine)
    throw Error("compiling " + name + " failed: " +
                llvm::toString(engine.takeError()));
  impl_->engine = std::move(*engine);
  impl_->engine->registerSymbols(runtimeSymbols);
  auto entry = impl_->engine->lookupPacked("_mlir_ciface_" + symbol);
  if (!entry)
    throw Error("compiling " + name + ": " + llvm::toString(entry.takeError()));
  impl_->entry = *entry;
}

CompiledFunction::~CompiledFunction() = default;

const std::string &CompiledFunction::mlir() const { return impl_->mlir; }

TensorList CompiledFunction::operator()(const TensorList &args) const {
  TensorList results;
  (*this)(args, results);
  return results;
}

void CompiledFunction::operator()(const TensorList &userArgs, TensorList &results) const {
  const TracedVariableList &variables = impl_->variables;
  // The variables' current values follow the call's own arguments.
  std::optional<detail::PooledTensorList> pooled;
  if (!variables.inputs.empty()) {
    pooled.emplace();
    TensorList &withVariables = **pooled;
    withVariables.assign(userArgs.begin(), userArgs.end());
    for (const ImplicitInput &input : variables.inputs)
      withVariables.push_back(input.variable ? input.variable->lock(impl_->name)->get()
                                             : input.captured);
  }
  const TensorList &args = pooled ? **pooled : userArgs;
  std::vector<std::shared_ptr<detail::VariableState>> assigned;
  for (const TracedVariable &variable : variables.outputs)
    assigned.push_back(variable.lock(impl_->name));

  compiled::Call call(impl_->name.c_str(), impl_->inputs, impl_->outputs, args);
  // The packed entry point takes the address of each parameter of the C
  // interface (each a pointer).
  std::size_t count = call.parameter_count();
  compiled::detail::InlineArray<void *, 16> pointers, packed;
  pointers.resize(count);
  packed.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    pointers[i] = call.parameter(i);
    packed[i] = &pointers[i];
  }
  impl_->entry(packed.data());
  results.resize(impl_->outputs.size());
  call.finish(results.data());
  // Assigned variables take their results' buffers.
  for (size_t k = 0; k < assigned.size(); ++k)
    assigned[k]->set(results[variables.userOutputs + k]);
  results.resize(variables.userOutputs);
}

} // namespace jit

struct Function::Impl {
  /// One traced signature: its compiled code, or (after a fallback) none.
  struct Entry {
    SignatureKey key;
    std::unique_ptr<jit::CompiledFunction> compiled;
  };
  /// The entries as calls read them without a lock: an immutable list,
  /// replaced (never changed) when a trace adds an entry.
  struct Snapshot {
    std::vector<const Entry *> entries;
  };

  explicit Impl(std::string name) : name(std::move(name)) {}

  const Entry *find(const SignatureKey &key) const {
    const Snapshot *snapshot = current.load(std::memory_order_acquire);
    if (snapshot)
      for (const Entry *entry : snapshot->entries)
        if (entry->key == key)
          return entry;
    return nullptr;
  }

  const std::string name;
  std::atomic<const Snapshot *> current{nullptr};
  // Guarded by `mutex`; entries and snapshots live as long as the function.
  mutable std::mutex mutex;
  std::vector<std::unique_ptr<Entry>> entries;
  std::vector<std::unique_ptr<Snapshot>> snapshots;
  int traces = 0;
  int fallbacks = 0;
  std::string fallbackReason;
  std::string lastMlir;
};

Function::Function(std::string name) : impl_(std::make_unique<Impl>(std::move(name))) {}
Function::~Function() = default;
Function::Function(Function &&) noexcept = default;

TensorList Function::call(const SignatureKey &key, const TensorList &inputs,
                          FunctionBody body) {
  TensorList results;
  call(key, inputs, body, results);
  return results;
}

void Function::call(const SignatureKey &key, const TensorList &inputs,
                    FunctionBody body, TensorList &results) {
  const Impl::Entry *entry = impl_->find(key);
  if (!entry) {
    // One trace per signature: callers of a signature being traced wait.
    std::lock_guard<std::mutex> lock(impl_->mutex);
    entry = impl_->find(key);
    if (!entry) {
      std::vector<TensorSpec> specs;
      for (const Tensor &input : inputs)
        specs.push_back(input.spec());
      auto added = std::make_unique<Impl::Entry>();
      added->key = key;
      ++impl_->traces;
      try {
        added->compiled = std::make_unique<jit::CompiledFunction>(
            [&body](const TensorList &traced) { return body(traced); }, specs,
            impl_->name);
        impl_->lastMlir = added->compiled->mlir();
        JitReport::get().record(impl_->name, /*compiled=*/true);
      } catch (const TracingError &) {
        throw;
      } catch (const InvalidArgumentError &) {
        throw;
      } catch (const Error &error) {
        // Lowering or code generation failed: eager execution, unless
        // fallbacks are errors.
        if (fallback_policy() == FallbackPolicy::Error)
          throw Error("::ag::function " + impl_->name +
                      " cannot be compiled and fallbacks are errors "
                      "(AG_FALLBACK=error): " + error.what());
        if (impl_->fallbacks == 0)
          std::cerr << "::ag::function " << impl_->name << ": " << error.what()
                    << "\nrunning it eagerly instead\n";
        ++impl_->fallbacks;
        ++g_fallback_count;
        JitReport::get().record(impl_->name, /*compiled=*/false);
        impl_->fallbackReason = error.what();
      }
      entry = added.get();
      impl_->entries.push_back(std::move(added));
      auto snapshot = std::make_unique<Impl::Snapshot>();
      if (const Impl::Snapshot *old = impl_->current.load())
        snapshot->entries = old->entries;
      snapshot->entries.push_back(entry);
      impl_->current.store(snapshot.get(), std::memory_order_release);
      impl_->snapshots.push_back(std::move(snapshot));
    }
  }
  if (!entry->compiled) {
    results = body(inputs);
    return;
  }
  (*entry->compiled)(inputs, results);
}

int Function::trace_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->traces;
}

int Function::fallback_count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->fallbacks;
}

std::string Function::fallback_reason() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->fallbackReason;
}

std::string Function::mlir() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->lastMlir;
}

const std::string &Function::name() const { return impl_->name; }

} // namespace ag
