//===- SavedModelFiles.h - the files of a saved model -----------*- C++ -*-===//
#ifndef AUTOGRAPH_SAVED_MODEL_SAVEDMODELFILES_H
#define AUTOGRAPH_SAVED_MODEL_SAVEDMODELFILES_H

namespace ag::saved_model::detail {

/// DIR/saved_model.json: {"format", "functions": [{"inputs": "f32[?,8]",
/// "outputs": "f32[?,4]", "symbol", "reads": [variable indices],
/// "assigns": [...]}], "variables": [{"name", "dtype", "shape",
/// "trainable"}]}.
constexpr const char *kManifest = "saved_model.json";
/// Format 2: small results are written in place (CompiledCodeABI.h), which
/// changed the compiled functions' parameters. Format 3: buffers come from
/// the runtime's allocation functions (CompiledCodeABI.def), so the runtime
/// frees results with its own free, not the C library's.
constexpr const char *kFormatPrefix = "autograph saved model ";
constexpr const char *kFormat = "autograph saved model 3";
/// The compiled functions, each `SYMBOL_packed(void **pointers)`: the
/// parameters of their C interface (ag::compiled::Call::parameter).
constexpr const char *kLibrary = "model.so";
/// The variables' values, by name (safetensors).
constexpr const char *kWeights = "variables.safetensors";

} // namespace ag::saved_model::detail

#endif // AUTOGRAPH_SAVED_MODEL_SAVEDMODELFILES_H
