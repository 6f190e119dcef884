//===- Safetensors.h - the safetensors file format --------------*- C++ -*-===//
//
// https://huggingface.co/docs/safetensors: an 8-byte little-endian header
// size N, N bytes of JSON ({"name": {"dtype": "F32", "shape": [2, 3],
// "data_offsets": [begin, end]}, ..., "__metadata__": {"key": "value"}}),
// then the tensors' bytes (offsets relative to their start; little-endian,
// row-major). Reading checks everything (sizes, offsets, dtypes, shapes)
// and reports what is wrong with the file's name, as ag::Error.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CHECKPOINT_SAFETENSORS_H
#define AUTOGRAPH_CHECKPOINT_SAFETENSORS_H

#include "autograph/Tensor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ag::train::detail {

struct SafetensorsFile {
  std::vector<std::pair<std::string, Tensor>> tensors; // in file order
  std::map<std::string, std::string> metadata;
};

/// Writes `file` to `path` atomically: a temporary file in the same
/// directory, flushed to disk, then renamed over `path`.
void write_safetensors(const std::string &path, const SafetensorsFile &file);

/// Reads and checks `path`.
SafetensorsFile read_safetensors(const std::string &path);

/// Checks and decodes the bytes of a safetensors file; `path` names it in
/// errors. Any bytes give a file or an ag::Error (fuzz/SafetensorsFuzzer.cpp).
SafetensorsFile parse_safetensors(const std::string &data, const std::string &path);

} // namespace ag::train::detail

#endif // AUTOGRAPH_CHECKPOINT_SAFETENSORS_H
