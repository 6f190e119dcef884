//===- Safetensors.cpp - the safetensors file format ----------------------===//
//
// JSON through nlohmann/json (Debian's nlohmann-json3-dev, header only):
// the header is parsed by a well-kept parser, not by hand.
//
//===----------------------------------------------------------------------===//
#include "Safetensors.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace ag::train::detail {
namespace {

const char *dtypeCode(DType dtype) {
  switch (dtype) {
  case DType::Float32: return "F32";
  case DType::Float64: return "F64";
  case DType::Int32: return "I32";
  case DType::Int64: return "I64";
  case DType::Bool: return "BOOL";
  }
  return "?";
}

bool dtypeOf(const std::string &code, DType &dtype) {
  for (DType d : {DType::Float32, DType::Float64, DType::Int32, DType::Int64, DType::Bool})
    if (code == dtypeCode(d)) {
      dtype = d;
      return true;
    }
  return false;
}

/// The largest header accepted (the format's own limit is 100 MB).
constexpr std::uint64_t kMaxHeader = 100u << 20;

} // namespace

void write_safetensors(const std::string &path, const SafetensorsFile &file) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!file.metadata.empty())
    header["__metadata__"] = file.metadata;
  std::uint64_t offset = 0;
  for (const auto &[name, tensor] : file.tensors) {
    std::uint64_t bytes = static_cast<std::uint64_t>(tensor.num_elements()) * dtype_size(tensor.dtype());
    header[name] = {{"dtype", dtypeCode(tensor.dtype())},
                    {"shape", tensor.shape()},
                    {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' '); // the data starts 8-byte aligned

  std::string temporary = path + ".tmp-" + std::to_string(getpid());
  std::FILE *out = std::fopen(temporary.c_str(), "wb");
  if (!out)
    throw Error("checkpoint: cannot create " + temporary + ": " + std::strerror(errno));
  bool ok = true;
  std::uint64_t size = text.size();
  unsigned char sizeBytes[8];
  for (int i = 0; i < 8; ++i)
    sizeBytes[i] = static_cast<unsigned char>((size >> (8 * i)) & 0xFFu);
  ok = ok && std::fwrite(sizeBytes, 1, 8, out) == 8;
  ok = ok && std::fwrite(text.data(), 1, text.size(), out) == text.size();
  for (const auto &entry : file.tensors) {
    const Tensor &dense = entry.second;
    std::size_t bytes = static_cast<std::size_t>(dense.num_elements()) * dtype_size(dense.dtype());
    ok = ok && (bytes == 0 || std::fwrite(dense.raw_data(), 1, bytes, out) == bytes);
  }
  ok = ok && std::fflush(out) == 0 && fsync(fileno(out)) == 0;
  ok = (std::fclose(out) == 0) && ok;
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw Error("checkpoint: cannot write " + path + ": " + reason);
  }
}

SafetensorsFile read_safetensors(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("checkpoint: cannot open " + path + ": " + std::strerror(errno));
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_safetensors(data, path);
}

SafetensorsFile parse_safetensors(const std::string &data, const std::string &path) {
  auto bad = [&](const std::string &what) {
    return Error(path + " is not a valid safetensors file: " + what);
  };
  if (data.size() < 8)
    throw bad("shorter than its 8-byte header size");
  std::uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = (headerSize << 8) | static_cast<unsigned char>(data[static_cast<std::size_t>(i)]);
  if (headerSize > kMaxHeader || headerSize > data.size() - 8)
    throw bad("its header size (" + std::to_string(headerSize) + " bytes) exceeds the file");
  nlohmann::ordered_json header;
  try {
    header = nlohmann::ordered_json::parse(data.begin() + 8,
                                           data.begin() + 8 + static_cast<std::ptrdiff_t>(headerSize));
  } catch (const nlohmann::json::exception &e) {
    throw bad(std::string("its header is not JSON (") + e.what() + ")");
  }
  if (!header.is_object())
    throw bad("its header is not a JSON object");
  const std::uint64_t dataStart = 8 + headerSize, dataSize = data.size() - dataStart;
  SafetensorsFile file;
  std::uint64_t covered = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string &name = it.key();
    const auto &entry = it.value();
    if (name == "__metadata__") {
      if (!entry.is_object())
        throw bad("__metadata__ is not an object");
      for (auto m = entry.begin(); m != entry.end(); ++m) {
        if (!m.value().is_string())
          throw bad("__metadata__ value '" + m.key() + "' is not a string");
        file.metadata[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    DType dtype;
    if (!entry.is_object() || !entry.contains("dtype") || !entry["dtype"].is_string() ||
        !dtypeOf(entry["dtype"].get<std::string>(), dtype))
      throw bad("tensor '" + name + "' has no dtype this program reads (F32, F64, I32, I64, BOOL)");
    if (!entry.contains("shape") || !entry["shape"].is_array())
      throw bad("tensor '" + name + "' has no shape");
    Shape shape;
    std::uint64_t elements = 1;
    for (const auto &d : entry["shape"]) {
      if (!d.is_number_unsigned() || d.get<std::uint64_t>() > (1ull << 40))
        throw bad("tensor '" + name + "' has a bad shape " + entry["shape"].dump());
      const std::uint64_t extent = d.get<std::uint64_t>();
      shape.push_back(static_cast<std::int64_t>(extent));
      // Checked before multiplying: the product must not wrap around.
      if (extent != 0 && elements > (1ull << 40) / extent)
        throw bad("tensor '" + name + "' is too large");
      elements *= extent;
    }
    const auto &offsets = entry.value("data_offsets", nlohmann::ordered_json());
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
      throw bad("tensor '" + name + "' has no data_offsets [begin, end]");
    std::uint64_t begin = offsets[0].get<std::uint64_t>(), end = offsets[1].get<std::uint64_t>();
    if (begin > end)
      throw bad("tensor '" + name + "' has data_offsets [" + std::to_string(begin) + ", " +
                std::to_string(end) + "]");
    if (end > dataSize)
      throw bad("truncated: tensor '" + name + "' needs data bytes [" + std::to_string(begin) +
                ", " + std::to_string(end) + "), the file has " + std::to_string(dataSize));
    if (end - begin != elements * dtype_size(dtype))
      throw bad("tensor '" + name + "' has " + std::to_string(end - begin) +
                " bytes for its dtype and shape's " + std::to_string(elements * dtype_size(dtype)));
    ranges.emplace_back(begin, end);
    covered += end - begin;
    file.tensors.emplace_back(
        name, Tensor::from_data(dtype, shape, data.data() + dataStart + begin));
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second)
      throw bad("tensors overlap in the data");
  if (covered != dataSize)
    throw bad("its data has " + std::to_string(dataSize) + " bytes, its tensors " +
              std::to_string(covered) + " (truncated or padded)");
  return file;
}

} // namespace ag::train::detail
