//===- Crc32c.cpp - CRC-32C (Castagnoli) ----------------------------------===//
//
// A byte-wise table implementation. No Debian package exports CRC-32C to
// C++ (zlib's crc32 is the other polynomial; abseil's crc32c arrived after
// bookworm's version), and event files are small: their framing CRCs are
// not a measurable cost next to the file writes.
//
//===----------------------------------------------------------------------===//
#include "Crc32c.h"

#include <array>

namespace ag::summary::detail {
namespace {
constexpr std::array<std::uint32_t, 256> makeTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc >> 1) ^ ((crc & 1u) ? 0x82F63B78u : 0u);
    table[i] = crc;
  }
  return table;
}
constexpr std::array<std::uint32_t, 256> kTable = makeTable();
} // namespace

std::uint32_t crc32c(const void *data, std::size_t size) {
  const auto *bytes = static_cast<const unsigned char *>(data);
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i)
    crc = kTable[(crc ^ bytes[i]) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::uint32_t masked_crc32c(const void *data, std::size_t size) {
  std::uint32_t crc = crc32c(data, size);
  return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
}

} // namespace ag::summary::detail
