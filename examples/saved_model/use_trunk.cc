// Loads the trunk examples/saved_model/export_trunk.cc saved, without its
// source and without a compiler (linked with autograph::runtime only), and
// runs it on the exporter's input.
//
//   use_trunk DIR                prints trunk(x), its signatures, variables
//   use_trunk DIR --bad-inputs   checks that damaged copies of DIR and a
//                                call of the wrong signature are errors
#include <autograph/autograph.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

/// Runs `fn`; true when it raises an ag::Error containing `expected`.
bool rejects(const char *what, const std::function<void()> &fn, const std::string &expected) {
  try {
    fn();
  } catch (const ag::Error &error) {
    bool ok = std::string(error.what()).find(expected) != std::string::npos;
    std::printf("%s: %s (%s)\n", what, ok ? "rejected" : "WRONG ERROR", error.what());
    return ok;
  }
  std::printf("%s: NOT REJECTED\n", what);
  return false;
}

int badInputs(const std::string &dir) {
  auto trunk = ag::saved_model::load(dir);
  bool ok = rejects("a call of another shape", [&] { trunk(ag::zeros({2, 5})); },
                    "only existing signatures are (f32[?,3]); (f32[1,3])");
  ok &= rejects("a call of another dtype", [&] { trunk(ag::zeros({2, 3}, ag::DType::Float64)); },
                "could not find a matching function");
  std::string copy = (fs::temp_directory_path() / "ag_saved_trunk_copy").string();
  auto damaged = [&](const char *file, const std::function<void(const std::string &)> &damage) {
    fs::remove_all(copy);
    fs::copy(dir, copy);
    damage((fs::path(copy) / file).string());
    return copy;
  };
  ok &= rejects("a missing model.so",
                [&] { ag::saved_model::load(damaged("model.so", [](auto p) { fs::remove(p); })); },
                "model.so is missing");
  ok &= rejects("a truncated variables.safetensors", [&] {
    ag::saved_model::load(damaged("variables.safetensors", [](auto p) {
      fs::resize_file(p, fs::file_size(p) - 4);
    }));
  }, "variables.safetensors is not a valid safetensors file");
  ok &= rejects("a manifest that is not JSON", [&] {
    ag::saved_model::load(damaged("saved_model.json", [](auto p) {
      std::ofstream(p) << "{ not json";
    }));
  }, "saved_model.json is not JSON");
  // Format 2's model.so allocated its buffers with malloc, which this
  // version's runtime would free with its own allocator's free.
  ok &= rejects("a model saved by an older version", [&] {
    ag::saved_model::load(damaged("saved_model.json", [](auto p) {
      std::stringstream manifest;
      manifest << std::ifstream(p).rdbuf();
      std::string text = manifest.str();
      std::string format = "\"autograph saved model 3\"";
      std::size_t at = text.find(format);
      if (at != std::string::npos)
        text.replace(at, format.size(), "\"autograph saved model 2\"");
      std::ofstream(p) << text;
    }));
  }, "was saved by another version of autograph (format \"autograph saved model 2\"");
  ok &= rejects("a missing directory", [&] { ag::saved_model::load(copy + "-nowhere"); },
                "saved_model.json is missing");
  fs::remove_all(copy);
  return ok ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [--bad-inputs]\n", argv[0]);
    return 2;
  }
  if (argc == 3 && std::strcmp(argv[2], "--bad-inputs") == 0)
    return badInputs(argv[1]);
  auto trunk = ag::saved_model::load(argv[1]);
  ag::Tensor x = ag::constant({{0.5f, -0.25f, 1.f}, {0.f, 2.f, -1.f}});
  std::printf("trunk(x) = ");
  ag::print(trunk(x));
  std::printf("one row: ");
  ag::print(trunk(ag::constant({{0.5f, -0.25f, 1.f}})));
  for (const auto &signature : trunk.signatures())
    std::printf("signature (%s) -> (%s)\n", signature.inputs.c_str(), signature.outputs.c_str());
  std::printf("%zu trainable variables\n", trunk.trainable_variables().size());
  for (const ag::Variable &v : trunk.variables())
    std::printf("variable %s %s\n", v.name().c_str(),
                ag::format_spec(ag::TensorSpec{v.dtype(), v.shape()}).c_str());
  return 0;
}
