//===- Checkpoint.cpp - ag::train::Checkpoint -----------------------------===//
#include "autograph/Checkpoint.h"

#include "Safetensors.h"

#include "../training/ModuleState.h"
#include "../training/OptimizerState.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ag::train {

namespace fs = std::filesystem;

struct Checkpoint::Tracked {
  std::vector<std::pair<std::string, Variable>> values; // what save() stores
  std::unordered_map<std::string, Variable> byKey;
  std::unordered_set<const void *> seen;
  /// Module paths, for values of variables not created yet.
  std::map<std::string, std::shared_ptr<nn::detail::ModuleState>> modules;
  /// Variables that optimizer slots may belong to, with their keys.
  std::vector<std::pair<std::string, Variable>> slotOwners;
  std::vector<std::pair<std::string, std::shared_ptr<optimizers::Optimizer>>> optimizers;

  bool add(const std::string &key, const Variable &variable) {
    if (!seen.insert(variable.state().get()).second)
      return false;
    values.emplace_back(key, variable);
    byKey.emplace(key, variable);
    return true;
  }
};

namespace {
constexpr const char *kSlotMarker = "/.OPTIMIZER_SLOT/";

std::string leafName(const std::string &name) { return name.substr(name.rfind('/') + 1); }

void walkModule(const std::shared_ptr<nn::detail::ModuleState> &state, const std::string &path,
                Checkpoint::Tracked &tracked);
} // namespace

Checkpoint::Checkpoint(std::initializer_list<std::pair<std::string, Object>> objects)
    : objects_(objects),
      saveCounter_(constant(std::int64_t{0}), "save_counter", /*trainable=*/false) {
  std::set<std::string> names;
  for (const auto &[name, object] : objects_)
    if (name.empty() || name.find('/') != std::string::npos || !names.insert(name).second)
      throw InvalidArgumentError("Checkpoint: object names must be unique, non-empty and "
                                 "without '/', got '" + name + "'");
}

namespace {
void walkModule(const std::shared_ptr<nn::detail::ModuleState> &state, const std::string &path,
                Checkpoint::Tracked &tracked) {
  tracked.modules.emplace(path, state);
  for (const Variable &v : state->variables) {
    std::string key = path + "/" + leafName(v.name());
    if (tracked.add(key, v))
      tracked.slotOwners.emplace_back(key, v);
  }
  std::map<std::string, int> seenNames;
  for (const auto &child : state->children) {
    int n = seenNames[child->name]++;
    walkModule(child, path + "/" + (n == 0 ? child->name : child->name + "_" + std::to_string(n)),
               tracked);
  }
}
} // namespace

std::shared_ptr<nn::detail::ModuleState> Checkpoint::stateOf(const nn::Module &module) {
  return module.state_;
}

void Checkpoint::collect(Tracked &tracked) const {
  for (const auto &[name, object] : objects_) {
    if (object.module_) {
      walkModule(object.module_, name, tracked);
    } else if (object.optimizer_) {
      tracked.add(name + "/iterations", object.optimizer_->iterations());
      tracked.optimizers.emplace_back(name, object.optimizer_);
    } else if (object.metric_) {
      tracked.add(name + "/total", object.metric_->total());
      tracked.add(name + "/count", object.metric_->count());
    } else if (object.variable_ && tracked.add(name, *object.variable_)) {
      tracked.slotOwners.emplace_back(name, *object.variable_);
    }
  }
  // The slots the optimizers have made for tracked variables.
  for (const auto &[optimizerName, optimizer] : tracked.optimizers) {
    std::vector<std::string> slotNames = optimizer->slot_names();
    std::lock_guard<std::mutex> lock(optimizer->state_->mutex);
    for (const auto &[key, variable] : tracked.slotOwners) {
      auto slots = optimizer->state_->slots.find(variable.state()->id);
      if (slots == optimizer->state_->slots.end())
        continue;
      for (std::size_t i = 0; i < slots->second.size() && i < slotNames.size(); ++i)
        tracked.add(key + kSlotMarker + optimizerName + "/" + slotNames[i], slots->second[i]);
    }
  }
}

std::vector<std::pair<std::string, Variable>> Checkpoint::variables() const {
  Tracked tracked;
  collect(tracked);
  return tracked.values;
}

std::string Checkpoint::save(const std::string &prefix) {
  std::int64_t number = saveCounter_.value().item<std::int64_t>() + 1;
  std::string path = prefix + "-" + std::to_string(number);
  Tracked tracked;
  collect(tracked);
  detail::SafetensorsFile file;
  for (const auto &[key, variable] : tracked.values)
    file.tensors.emplace_back(key, variable.value());
  file.tensors.emplace_back("save_counter", constant(number));
  file.metadata["format"] = "autograph checkpoint 1";
  fs::path parent = fs::path(path).parent_path();
  std::error_code error;
  if (!parent.empty())
    fs::create_directories(parent, error);
  if (error)
    throw Error("checkpoint: cannot create " + parent.string() + ": " + error.message());
  detail::write_safetensors(path + ".safetensors", file);
  saveCounter_.assign(constant(number));
  // DIR/checkpoint, as TF's CheckpointState text: the latest checkpoint.
  fs::path directory = parent.empty() ? fs::path(".") : parent;
  fs::path state = directory / "checkpoint", temporary = directory / "checkpoint.tmp";
  {
    std::ofstream out(temporary);
    out << "model_checkpoint_path: \"" << fs::path(path).filename().string() << "\"\n";
    if (!out.flush())
      throw Error("checkpoint: cannot write " + temporary.string());
  }
  fs::rename(temporary, state, error);
  if (error)
    throw Error("checkpoint: cannot write " + state.string() + ": " + error.message());
  return path;
}

void Checkpoint::restore(const std::string &path) {
  std::string filePath = path;
  if (filePath.size() < 12 || filePath.compare(filePath.size() - 12, 12, ".safetensors") != 0)
    filePath += ".safetensors";
  detail::SafetensorsFile file = detail::read_safetensors(filePath);
  Tracked tracked;
  collect(tracked);
  auto mismatch = [&](const std::string &what) {
    return Error("checkpoint " + filePath + " does not match the objects restored: " + what);
  };
  auto sameSpec = [&](const std::string &key, const Tensor &value, const Variable &variable) {
    if (value.dtype() != variable.dtype() || value.shape() != variable.shape())
      throw mismatch("'" + key + "' is " + format_spec(value.spec()) + " in the checkpoint, " +
                     format_spec(TensorSpec{variable.dtype(), variable.shape()}) + " here");
  };

  // Everything is checked first; the changes are collected as closures.
  std::vector<std::function<void()>> apply;
  std::set<std::string> restored;
  std::map<std::pair<std::string, std::string>, nn::detail::PendingRestore> pending;
  std::vector<std::pair<std::string, Tensor>> slotValues;
  for (const auto &[key, value] : file.tensors) {
    if (key == "save_counter") {
      if (value.dtype() != DType::Int64 || value.rank() != 0)
        throw mismatch("'save_counter' is not a 0-d int64");
      apply.push_back([this, value = value] { saveCounter_.assign(value); });
      continue;
    }
    if (key.find(kSlotMarker) != std::string::npos) {
      slotValues.emplace_back(key, value);
      continue;
    }
    auto found = tracked.byKey.find(key);
    if (found != tracked.byKey.end()) {
      sameSpec(key, value, found->second);
      apply.push_back([variable = found->second, value = value]() mutable {
        variable.assign(value);
      });
      restored.insert(key);
      continue;
    }
    // A variable a module has not created yet.
    std::size_t slash = key.rfind('/');
    auto module = slash == std::string::npos ? tracked.modules.end()
                                             : tracked.modules.find(key.substr(0, slash));
    if (module == tracked.modules.end() || !module->second->variables.empty())
      throw mismatch("it has '" + key + "', which nothing restored here has");
    pending[{module->first, key.substr(slash + 1)}] =
        nn::detail::PendingRestore{value, key, filePath, {}};
  }
  for (const auto &[key, variable] : tracked.values)
    if (key.find(kSlotMarker) == std::string::npos && !restored.count(key))
      throw mismatch("it has no '" + key + "'");

  // Optimizer slots: of existing variables now, of pending ones on creation.
  for (const auto &[key, value] : slotValues) {
    std::size_t marker = key.find(kSlotMarker);
    std::string owner = key.substr(0, marker),
                rest = key.substr(marker + std::strlen(kSlotMarker));
    std::size_t slash = rest.find('/');
    std::string optimizerName = rest.substr(0, slash), slotName = rest.substr(slash + 1);
    std::shared_ptr<optimizers::Optimizer> optimizer;
    for (const auto &[name, candidate] : tracked.optimizers)
      if (name == optimizerName)
        optimizer = candidate;
    int index = -1;
    if (optimizer) {
      std::vector<std::string> names = optimizer->slot_names();
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == slotName)
          index = static_cast<int>(i);
    }
    if (index < 0 || slash == std::string::npos)
      throw mismatch("it has '" + key + "', which nothing restored here has");
    auto restoreSlot = [optimizer, index, key = key, value = value,
                        mismatch](const Variable &variable) {
      Variable slot = optimizer->slot(variable, index);
      if (value.dtype() != slot.dtype() || value.shape() != slot.shape())
        throw mismatch("'" + key + "' is " + format_spec(value.spec()) + ", the slot " +
                       format_spec(TensorSpec{slot.dtype(), slot.shape()}));
      slot.state()->set(value);
    };
    auto found = tracked.byKey.find(owner);
    if (found != tracked.byKey.end()) {
      sameSpec(key, value, found->second);
      apply.push_back([restoreSlot, variable = found->second] { restoreSlot(variable); });
      continue;
    }
    std::size_t ownerSlash = owner.rfind('/');
    auto deferred = ownerSlash == std::string::npos
                        ? pending.end()
                        : pending.find({owner.substr(0, ownerSlash), owner.substr(ownerSlash + 1)});
    if (deferred == pending.end())
      throw mismatch("it has '" + key + "', which nothing restored here has");
    deferred->second.then.push_back(restoreSlot);
  }

  for (const auto &change : apply)
    change();
  for (auto &[where, restore] : pending)
    tracked.modules.at(where.first)->pending[where.second] = std::move(restore);
}

std::string latest_checkpoint(const std::string &directory) {
  std::ifstream in(fs::path(directory) / "checkpoint");
  std::string line;
  static const std::regex pattern("model_checkpoint_path: \"(.*)\"");
  std::smatch match;
  while (std::getline(in, line))
    if (std::regex_match(line, match, pattern))
      return (fs::path(directory) / match[1].str()).string();
  return "";
}

} // namespace ag::train
