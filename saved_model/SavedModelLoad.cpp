//===- SavedModelLoad.cpp - ag::saved_model::load (autograph::runtime) ----===//
//
// Loads a saved model without a compiler: the manifest (nlohmann/json),
// the weights (safetensors) and the compiled code (dlopen). The code calls
// the runtime's agrt_memref_* functions, which every program linked with
// autograph::runtime exports for it (runtime/CMakeLists.txt). Every file is
// checked; what is wrong is an ag::Error naming the file.
//
//===----------------------------------------------------------------------===//
#include "autograph/SavedModel.h"

#include "SavedModelFiles.h"

#include "../checkpoint/Safetensors.h"

#include "autograph/CompiledCall.h"
#include "autograph/Error.h"

#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace ag::saved_model {

namespace detail {
struct LoadedFunction {
  std::vector<TensorSpec> inputs, outputs; // the call's own
  std::string signature, outputSignature;
  std::vector<int> reads, assigns;
  void (*entry)(void **) = nullptr;
};

struct LoadedState {
  std::string dir;
  void *library = nullptr;
  std::vector<LoadedFunction> functions;
  std::vector<Variable> variables;
  ~LoadedState() {
    if (library)
      dlclose(library);
  }
};
} // namespace detail

namespace {
namespace fs = std::filesystem;

bool matches(const TensorSpec &spec, const Tensor &arg) {
  if (arg.dtype() != spec.dtype || arg.rank() != static_cast<std::int64_t>(spec.shape.size()))
    return false;
  for (std::size_t d = 0; d < spec.shape.size(); ++d)
    if (spec.shape[d] >= 0 && spec.shape[d] != arg.shape()[d])
      return false;
  return true;
}
} // namespace

LoadedModel load(const std::string &dir) {
  auto state = std::make_shared<detail::LoadedState>();
  state->dir = dir;
  std::string manifestPath = (fs::path(dir) / detail::kManifest).string();
  auto bad = [&](const std::string &file, const std::string &what) {
    return Error("saved model " + dir + ": " + file + " " + what);
  };
  std::ifstream in(manifestPath);
  if (!in)
    throw bad(manifestPath, "is missing");
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception &e) {
    throw bad(manifestPath, std::string("is not JSON: ") + e.what());
  }
  try {
    if (manifest.at("format") != detail::kFormat) {
      const nlohmann::json &format = manifest.at("format");
      bool ours = format.is_string() &&
                  format.get<std::string>().rfind(detail::kFormatPrefix, 0) == 0;
      throw bad(manifestPath,
                ours ? "was saved by another version of autograph (format " +
                           format.dump() + "; this one reads \"" + detail::kFormat +
                           "\"): save the model again"
                     : "is not an autograph saved model (format " + format.dump() + ")");
    }
    // The weights, checked against the manifest.
    std::string weightsPath = (fs::path(dir) / detail::kWeights).string();
    if (!fs::exists(weightsPath))
      throw bad(weightsPath, "is missing");
    train::detail::SafetensorsFile weights = train::detail::read_safetensors(weightsPath);
    std::map<std::string, Tensor> byName(weights.tensors.begin(), weights.tensors.end());
    for (const auto &entry : manifest.at("variables")) {
      std::string name = entry.at("name");
      auto found = byName.find(name);
      if (found == byName.end())
        throw bad(weightsPath, "has no value for variable '" + name + "'");
      const Tensor &value = found->second;
      if (dtype_name(value.dtype()) != entry.at("dtype").get<std::string>() ||
          value.shape() != entry.at("shape").get<Shape>())
        throw bad(weightsPath, "has '" + name + "' as " + format_spec(value.spec()) +
                                   ", the manifest says " + entry.at("dtype").get<std::string>() +
                                   entry.at("shape").dump());
      state->variables.emplace_back(value, name, entry.at("trainable").get<bool>());
    }
    // The code.
    std::string libraryPath = fs::absolute(fs::path(dir) / detail::kLibrary).string();
    if (!fs::exists(libraryPath))
      throw bad(libraryPath, "is missing");
    state->library = dlopen(libraryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!state->library)
      throw bad(libraryPath, std::string("cannot be loaded: ") + dlerror());
    for (const auto &entry : manifest.at("functions")) {
      detail::LoadedFunction function;
      function.signature = entry.at("inputs");
      function.outputSignature = entry.at("outputs");
      function.inputs = parse_signature(function.signature);
      function.outputs = parse_signature(function.outputSignature);
      function.reads = entry.at("reads").get<std::vector<int>>();
      function.assigns = entry.at("assigns").get<std::vector<int>>();
      for (int index : function.reads)
        if (index < 0 || index >= static_cast<int>(state->variables.size()))
          throw bad(manifestPath, "names variable " + std::to_string(index) + " of " +
                                      std::to_string(state->variables.size()));
      for (int index : function.assigns)
        if (index < 0 || index >= static_cast<int>(state->variables.size()))
          throw bad(manifestPath, "names variable " + std::to_string(index) + " of " +
                                      std::to_string(state->variables.size()));
      std::string symbol = entry.at("symbol");
      function.entry = reinterpret_cast<void (*)(void **)>(dlsym(state->library, symbol.c_str()));
      if (!function.entry)
        throw bad(libraryPath, "has no function " + symbol);
      state->functions.push_back(std::move(function));
    }
  } catch (const nlohmann::json::exception &e) {
    throw bad(manifestPath, std::string("is not a saved model manifest: ") + e.what());
  } catch (const InvalidArgumentError &e) {
    throw bad(manifestPath, std::string("has a bad signature: ") + e.what());
  }
  LoadedModel model;
  model.state_ = std::move(state);
  return model;
}

TensorList LoadedModel::call(const TensorList &args) const {
  const detail::LoadedState &state = *state_;
  const detail::LoadedFunction *function = nullptr;
  for (const detail::LoadedFunction &candidate : state.functions) {
    bool all = candidate.inputs.size() == args.size();
    for (std::size_t i = 0; all && i < args.size(); ++i)
      all = args[i].defined() && matches(candidate.inputs[i], args[i]);
    if (all) {
      function = &candidate;
      break;
    }
  }
  if (!function) {
    std::string given, known;
    for (const Tensor &arg : args)
      given += (given.empty() ? "" : ", ") +
               (arg.defined() ? format_spec(arg.spec()) : std::string("undefined"));
    for (const detail::LoadedFunction &candidate : state.functions)
      known += (known.empty() ? "" : "; ") + ("(" + candidate.signature + ")");
    throw InvalidArgumentError("saved model " + state.dir +
                               ": could not find a matching function to call for (" + given +
                               "); only existing signatures are " + known);
  }
  TensorList all = args;
  std::vector<TensorSpec> inputs = function->inputs, outputs = function->outputs;
  for (int index : function->reads) {
    const Variable &variable = state.variables[static_cast<std::size_t>(index)];
    all.push_back(variable.value());
    inputs.push_back(TensorSpec{variable.dtype(), variable.shape()});
  }
  for (int index : function->assigns) {
    const Variable &variable = state.variables[static_cast<std::size_t>(index)];
    outputs.push_back(TensorSpec{variable.dtype(), variable.shape()});
  }
  std::string name = "saved model " + state.dir;
  compiled::Call call(name.c_str(), inputs, outputs, all);
  std::vector<void *> pointers;
  for (std::size_t i = 0; i < call.parameter_count(); ++i)
    pointers.push_back(call.parameter(i));
  function->entry(pointers.data());
  TensorList results = call.finish();
  for (std::size_t k = 0; k < function->assigns.size(); ++k) {
    Variable variable = state.variables[static_cast<std::size_t>(function->assigns[k])];
    variable.assign(results[function->outputs.size() + k]);
  }
  results.resize(function->outputs.size());
  return results;
}

std::vector<Variable> LoadedModel::variables() const { return state_->variables; }

std::vector<Variable> LoadedModel::trainable_variables() const {
  std::vector<Variable> out;
  for (const Variable &variable : state_->variables)
    if (variable.trainable())
      out.push_back(variable);
  return out;
}

std::vector<LoadedModel::Signature> LoadedModel::signatures() const {
  std::vector<Signature> out;
  for (const detail::LoadedFunction &function : state_->functions)
    out.push_back({function.signature, function.outputSignature});
  return out;
}

const std::string &LoadedModel::directory() const { return state_->dir; }

} // namespace ag::saved_model
