//===- Function.cpp - ::ag::function: trace, lower, JIT, run ----------------===//
#include "autograph/Function.h"

#include "MlirTracer.h"
#include "autograph/CompiledCodeABI.h"
#include "autograph/DType.h"
#include "autograph/Error.h"
#include "autograph/Lowering/Pipelines.h"
#include "autograph/Tracer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>

using namespace mlir;

namespace ag {

namespace {
std::atomic<bool> g_run_eagerly{false};

std::string signatureOf(const TensorList &args) {
  std::string key;
  for (const Tensor &arg : args)
    key += format_spec(arg.spec()) + ";";
  return key;
}

/// One MLIR context with the dialects and translations compilation needs.
std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  autograph::registerAgLoweringDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

/// Collects the diagnostics emitted while it lives.
struct DiagnosticCollector {
  explicit DiagnosticCollector(MLIRContext *context)
      : handler(context, [this](Diagnostic &d) {
          llvm::raw_string_ostream(text) << d.getLocation() << ": " << d << "\n";
          return success();
        }) {}
  std::string text;
  ScopedDiagnosticHandler handler;
};

std::string printModule(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/true);
  module->print(os, flags);
  return text;
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

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream(path) << text;
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
  return printModule(*module);
}

CompiledFunction::CompiledFunction(
    const std::function<TensorList(const TensorList &)> &fn,
    const std::vector<TensorSpec> &inputs, const std::string &name)
    : impl_(std::make_unique<Impl>()) {
  static std::once_flag nativeTarget;
  std::call_once(nativeTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  impl_->context = makeContext();
  impl_->name = name;
  impl_->inputs = inputs;
  MLIRContext *context = impl_->context.get();
  OwningOpRef<ModuleOp> module(
      traceInto(context, fn, inputs, name, &impl_->outputs));
  impl_->mlir = printModule(*module);

  const char *dumpDir = std::getenv("AG_DUMP_DIR");
  if (dumpDir && *dumpDir) {
    // Like XLA's dump flag, the directory is created when missing.
    if (std::error_code error = llvm::sys::fs::create_directories(dumpDir))
      std::cerr << "AG_DUMP_DIR: cannot create " << dumpDir << ": "
                << error.message() << "\n";
    writeFile(std::string(dumpDir) + "/" + name + ".ag.mlir", impl_->mlir);
  }

  // Arguments are ag tensors, immutable and shared: never write into them.
  auto function = module->lookupSymbol<func::FuncOp>(name);
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    function.setArgAttr(i, "bufferization.writable", BoolAttr::get(context, false));
  function->setAttr("llvm.emit_c_interface", UnitAttr::get(context));

  DiagnosticCollector diagnostics(context);
  PassManager pm(context);
  autograph::buildAgToLinalgPipeline(pm);
  autograph::buildLinalgToLLVMPipeline(pm);
  if (dumpDir && *dumpDir) {
    context->disableMultithreading();
    pm.enableIRPrintingToFileTree(
        [](Pass *, Operation *) { return false; },
        [](Pass *, Operation *) { return true; }, /*printModuleScope=*/true,
        /*printAfterOnlyOnChange=*/false, /*printAfterOnlyOnFailure=*/false,
        std::string(dumpDir) + "/" + name);
  }
  if (failed(pm.run(*module)))
    throw Error("lowering " + name + " failed:\n" + diagnostics.text);

  // Optimise for the host CPU (all its vector extensions): without a target
  // machine the vectorizer may emit what the x86 back end cannot lower.
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    throw Error("compiling " + name + ": " +
                llvm::toString(machineBuilder.takeError()));
  machineBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    throw Error("compiling " + name + ": " + llvm::toString(machine.takeError()));
  impl_->targetMachine = std::move(*machine);
  ExecutionEngineOptions options;
  options.transformer = makeOptimizingTransformer(
      /*optLevel=*/3, /*sizeLevel=*/0, impl_->targetMachine.get());
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(*module, options);
  if (!engine)
    throw Error("compiling " + name + " failed: " +
                llvm::toString(engine.takeError()));
  impl_->engine = std::move(*engine);
  impl_->engine->registerSymbols(runtimeSymbols);
}

CompiledFunction::~CompiledFunction() = default;

const std::string &CompiledFunction::mlir() const { return impl_->mlir; }

namespace {
/// A memref descriptor of any rank as 8-byte words:
/// allocated, aligned, offset, sizes[rank], strides[rank].
std::vector<int64_t> descriptorOf(const Tensor &tensor) {
  TensorSpec spec = tensor.spec();
  auto data = reinterpret_cast<int64_t>(tensor.raw_data());
  std::vector<int64_t> words{data, data, 0};
  for (int64_t size : spec.shape)
    words.push_back(size);
  int64_t stride = 1;
  std::vector<int64_t> strides(spec.shape.size());
  for (size_t i = spec.shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= spec.shape[i];
  }
  words.insert(words.end(), strides.begin(), strides.end());
  return words;
}

/// Adopts a result buffer (owned by the caller, from malloc) as a tensor.
Tensor adoptResult(DType dtype, size_t rank, const int64_t *words) {
  void *allocated = reinterpret_cast<void *>(words[0]);
  char *aligned = reinterpret_cast<char *>(words[1]);
  int64_t offset = words[2];
  Shape shape(words + 3, words + 3 + rank);
  const int64_t *strides = words + 3 + rank;
  size_t element = dtype_size(dtype);
  bool contiguous = true;
  int64_t expected = 1;
  for (size_t i = rank; i-- > 0;) {
    if (shape[i] != 1 && strides[i] != expected)
      contiguous = false;
    expected *= shape[i];
  }
  char *data = aligned + offset * static_cast<int64_t>(element);
  if (contiguous)
    return Tensor::from_blob(dtype, shape, data,
                             [](void *, void *block) { std::free(block); },
                             allocated);
  // Gather a strided result into a fresh row-major buffer.
  Tensor copy = Tensor::uninitialized(dtype, shape);
  char *out = static_cast<char *>(copy.mutable_raw_data());
  std::vector<int64_t> index(rank, 0);
  for (int64_t n = 0; n < expected; ++n) {
    int64_t position = 0;
    for (size_t d = 0; d < rank; ++d)
      position += index[d] * strides[d];
    std::memcpy(out + n * element, data + position * element, element);
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  std::free(allocated);
  return copy;
}
} // namespace

TensorList CompiledFunction::operator()(const TensorList &args) const {
  if (args.size() != impl_->inputs.size())
    throw InvalidArgumentError(impl_->name + ": expected " +
                               std::to_string(impl_->inputs.size()) +
                               " arguments, got " + std::to_string(args.size()));
  std::vector<std::vector<int64_t>> descriptors;
  for (size_t i = 0; i < args.size(); ++i) {
    TensorSpec spec = args[i].spec();
    const TensorSpec &want = impl_->inputs[i];
    bool matches = spec.dtype == want.dtype && spec.shape.size() == want.shape.size();
    for (size_t d = 0; matches && d < spec.shape.size(); ++d)
      matches = want.shape[d] < 0 || want.shape[d] == spec.shape[d];
    if (!matches || args[i].is_symbolic())
      throw InvalidArgumentError(impl_->name + ": argument #" + std::to_string(i) +
                                 " is " + format_spec(spec) + " but the function "
                                 "was compiled for " + format_spec(want));
    descriptors.push_back(descriptorOf(args[i]));
  }
  // The C interface: results first (one descriptor, or a struct of them),
  // then a pointer to each argument's descriptor.
  size_t resultWords = 0;
  for (const TensorSpec &spec : impl_->outputs)
    resultWords += 3 + 2 * spec.shape.size();
  std::vector<int64_t> results(resultWords, 0);
  std::vector<void *> pointers;
  std::vector<void *> packed;
  void *resultPointer = results.data();
  if (!impl_->outputs.empty())
    packed.push_back(&resultPointer);
  for (auto &descriptor : descriptors)
    pointers.push_back(descriptor.data());
  for (void *&pointer : pointers)
    packed.push_back(&pointer);
  if (llvm::Error error =
          impl_->engine->invokePacked("_mlir_ciface_" + impl_->name, packed))
    throw Error(impl_->name + ": " + llvm::toString(std::move(error)));

  TensorList outputs;
  size_t position = 0;
  for (const TensorSpec &spec : impl_->outputs) {
    outputs.push_back(
        adoptResult(spec.dtype, spec.shape.size(), results.data() + position));
    position += 3 + 2 * spec.shape.size();
  }
  compiled::raise_pending_error();
  return outputs;
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
  std::string key = signatureOf(args);
  auto it = cache_.find(key);
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
    it = cache_.emplace(key, std::move(compiled)).first;
  }
  if (!it->second)
    return fn_(args);
  return (*it->second)(args);
}

} // namespace ag
