//===- autograph-saved-model.cpp - inspect a saved model ------------------===//
//
//   autograph-saved-model show DIR
//
// Prints a saved model's signatures and variables, as TF's
// `saved_model_cli show --all` does. Loads it as any program would, with
// autograph::runtime only (which also checks every file). Two words of
// command line need no parser library.
//
//===----------------------------------------------------------------------===//
#include "autograph/Error.h"
#include "autograph/SavedModel.h"

#include <cstdio>
#include <cstring>

namespace {
int usage(const char *program) {
  std::fprintf(stderr,
               "usage: %s show DIR\n"
               "  prints the signatures and variables of the saved model in DIR\n",
               program);
  return 2;
}
} // namespace

int main(int argc, char **argv) {
  if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    usage(argv[0]);
    return 0;
  }
  if (argc != 3 || std::strcmp(argv[1], "show") != 0)
    return usage(argv[0]);
  try {
    ag::saved_model::LoadedModel model = ag::saved_model::load(argv[2]);
    std::printf("The saved model %s contains the following signatures:\n",
                model.directory().c_str());
    for (const auto &signature : model.signatures())
      std::printf("  (%s) -> (%s)\n", signature.inputs.c_str(), signature.outputs.c_str());
    std::vector<ag::Variable> variables = model.variables();
    std::printf("and %zu variables:\n", variables.size());
    for (const ag::Variable &variable : variables)
      std::printf("  %s %s%s\n", variable.name().c_str(),
                  ag::format_spec(ag::TensorSpec{variable.dtype(), variable.shape()}).c_str(),
                  variable.trainable() ? "" : " (not trainable)");
  } catch (const ag::Error &error) {
    std::fprintf(stderr, "autograph-saved-model: %s\n", error.what());
    return 1;
  }
  return 0;
}
