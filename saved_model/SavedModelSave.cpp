//===- SavedModelSave.cpp - ag::saved_model::save (autograph::jit) --------===//
//
// Each signature is traced (TraceModule.h), lowered and compiled ahead of
// time as autograph-cc --emit=obj compiles an AG_FUNCTION, with a packed
// entry point `ag_saved_N_packed(void **)` added so that the loader calls
// any arity through one C type. The objects are linked into model.so by the
// system's C compiler driver; the variables the code reads go to
// variables.safetensors and the manifest to saved_model.json.
//
//===----------------------------------------------------------------------===//
#include "autograph/SavedModel.h"

#include "SavedModelFiles.h"

#include "../checkpoint/Safetensors.h"
#include "../lib/Tracing/TraceModule.h"

#include "autograph/Checkpoint.h"
#include "autograph/CodeGen/ModuleCompiler.h"
#include "autograph/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Program.h"
#include "llvm/Target/TargetMachine.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace ag::saved_model {
namespace {

namespace fs = std::filesystem;

/// `void NAME_packed(void **pointers)`: calls NAME(pointers[0], ...).
void addPackedEntry(llvm::Module &module, const std::string &name) {
  llvm::Function *target = module.getFunction(name);
  if (!target)
    throw Error("saved_model: the compiled code has no " + name);
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *pointer = llvm::PointerType::getUnqual(context);
  auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(context), {pointer}, false);
  auto *entry = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name + "_packed",
                                       module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", entry));
  std::vector<llvm::Value *> arguments;
  for (unsigned k = 0; k < target->arg_size(); ++k)
    arguments.push_back(builder.CreateLoad(
        pointer, builder.CreateConstGEP1_64(pointer, entry->getArg(0), k)));
  builder.CreateCall(target, arguments);
  builder.CreateRetVoid();
}

std::string joinSpecs(const std::vector<TensorSpec> &specs) {
  std::string out;
  for (const TensorSpec &spec : specs)
    out += (out.empty() ? "" : ",") + format_spec(spec);
  return out;
}

void writeFile(const std::string &path, llvm::StringRef bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush())
    throw Error("saved_model: cannot write " + path);
}

/// Links `objects` into `library` with the system's C compiler driver.
void linkSharedLibrary(const std::vector<std::string> &objects, const std::string &library) {
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName("cc");
  if (!driver)
    driver = llvm::sys::findProgramByName("c++");
  if (!driver)
    throw Error("saved_model: linking " + library + " needs a C compiler driver (cc) on PATH");
  std::vector<std::string> arguments{*driver, "-shared", "-o", library};
  arguments.insert(arguments.end(), objects.begin(), objects.end());
  arguments.push_back("-lm");
  std::vector<llvm::StringRef> argv(arguments.begin(), arguments.end());
  std::string log = library + ".link.log", message;
  std::optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), llvm::StringRef(log),
                                                llvm::StringRef(log)};
  int status = llvm::sys::ExecuteAndWait(*driver, argv, std::nullopt, redirects, 0, 0, &message);
  std::ifstream in(log);
  std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(log);
  if (status != 0)
    throw Error("saved_model: linking " + library + " failed: " + message + output);
}

void saveTraced(const std::function<TensorList(const TensorList &)> &function,
                const std::vector<std::string> &signatures, const std::string &dir,
                const std::function<std::string(const Variable &)> &nameOf) {
  if (signatures.empty())
    throw InvalidArgumentError("saved_model::save: no signature given");
  std::error_code error;
  fs::create_directories(dir, error);
  if (error)
    throw Error("saved_model: cannot create " + dir + ": " + error.message());
  auto machine = autograph::codegen::createTargetMachine(/*portable=*/false);
  if (!machine)
    throw Error("saved_model: " + llvm::toString(machine.takeError()));

  std::vector<Variable> variables;
  std::map<const ag::detail::VariableState *, int> indexOf;
  auto variableIndex = [&](const std::shared_ptr<ag::detail::VariableState> &state) {
    auto [it, added] = indexOf.emplace(state.get(), static_cast<int>(variables.size()));
    if (added)
      variables.push_back(Variable::from_state(state));
    return it->second;
  };
  nlohmann::ordered_json functions = nlohmann::ordered_json::array();
  std::vector<std::string> objects;
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    std::vector<TensorSpec> inputs = parse_signature(signatures[i]);
    std::string name = "ag_saved_" + std::to_string(i);
    jit::internal::TracedModule traced = jit::internal::trace_module(function, inputs, name);
    auto func = traced.module->lookupSymbol<mlir::func::FuncOp>(name);
    autograph::codegen::prepareForCompiledCall(func);
    std::string diagnostics;
    if (mlir::failed(autograph::codegen::lowerAgModule(
            *traced.module, autograph::codegen::LoweringStage::LLVM, "", name, diagnostics)))
      throw Error("saved_model: lowering signature " + signatures[i] + " failed:\n" + diagnostics);
    llvm::LLVMContext context;
    auto ir = autograph::codegen::translateToOptimizedLLVMIR(*traced.module, context, **machine);
    if (!ir)
      throw Error("saved_model: " + llvm::toString(ir.takeError()));
    addPackedEntry(**ir, "_mlir_ciface_" + name);
    auto code = autograph::codegen::emitMachineCode(**ir, **machine);
    if (!code)
      throw Error("saved_model: " + llvm::toString(code.takeError()));
    std::string object = (fs::path(dir) / (name + ".o")).string();
    writeFile(object, llvm::StringRef(code->data(), code->size()));
    objects.push_back(object);

    nlohmann::ordered_json reads = nlohmann::ordered_json::array(),
                           assigns = nlohmann::ordered_json::array();
    for (const auto &state : traced.reads)
      reads.push_back(variableIndex(state));
    for (const auto &state : traced.assigns)
      assigns.push_back(variableIndex(state));
    functions.push_back({{"inputs", joinSpecs(inputs)},
                         {"outputs", joinSpecs(traced.outputs)},
                         {"symbol", "_mlir_ciface_" + name + "_packed"},
                         {"reads", reads},
                         {"assigns", assigns}});
  }
  std::string library = (fs::path(dir) / detail::kLibrary).string();
  linkSharedLibrary(objects, library + ".tmp");
  fs::rename(library + ".tmp", library);
  for (const std::string &object : objects)
    fs::remove(object);

  train::detail::SafetensorsFile weights;
  nlohmann::ordered_json variableList = nlohmann::ordered_json::array();
  std::map<std::string, int> used;
  for (const Variable &variable : variables) {
    std::string base = nameOf(variable), name = base;
    for (int n = 1; used.count(name); ++n)
      name = base + "_" + std::to_string(n);
    used[name] = 1;
    weights.tensors.emplace_back(name, variable.value());
    variableList.push_back({{"name", name},
                            {"dtype", dtype_name(variable.dtype())},
                            {"shape", variable.shape()},
                            {"trainable", variable.trainable()}});
  }
  train::detail::write_safetensors((fs::path(dir) / detail::kWeights).string(), weights);
  nlohmann::ordered_json manifest = {
      {"format", detail::kFormat}, {"functions", functions}, {"variables", variableList}};
  std::string manifestPath = (fs::path(dir) / detail::kManifest).string();
  writeFile(manifestPath + ".tmp", manifest.dump(2) + "\n");
  fs::rename(manifestPath + ".tmp", manifestPath);
}

} // namespace

void save(nn::Module &model, const std::vector<std::string> &signatures, const std::string &dir) {
  // Variables by object path, as a checkpoint of {NAME: model} names
  // them (after tracing: the model may build itself then).
  std::map<const ag::detail::VariableState *, std::string> paths;
  saveTraced([&model](const TensorList &inputs) { return TensorList{model(inputs.at(0))}; },
             signatures, dir, [&](const Variable &variable) {
               if (paths.empty())
                 for (const auto &[path, v] : train::Checkpoint({{model.name(), model}}).variables())
                   paths.emplace(v.state().get(), path);
               auto it = paths.find(variable.state().get());
               return it != paths.end() ? it->second : variable.name();
             });
}

void save(const std::function<TensorList(const TensorList &)> &function,
          const std::vector<std::string> &signatures, const std::string &dir) {
  saveTraced(function, signatures, dir, [](const Variable &variable) { return variable.name(); });
}

} // namespace ag::saved_model
