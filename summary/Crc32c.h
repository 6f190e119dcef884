//===- Crc32c.h - CRC-32C (Castagnoli), as TFRecord framing uses it -*- C++ -*-===//
#ifndef AUTOGRAPH_SUMMARY_CRC32C_H
#define AUTOGRAPH_SUMMARY_CRC32C_H

#include <cstddef>
#include <cstdint>

namespace ag::summary::detail {

/// CRC-32C of `size` bytes (reflected polynomial 0x82F63B78).
std::uint32_t crc32c(const void *data, std::size_t size);

/// TFRecord's masked CRC: ((crc >> 15) | (crc << 17)) + 0xA282EAD8.
std::uint32_t masked_crc32c(const void *data, std::size_t size);

} // namespace ag::summary::detail

#endif // AUTOGRAPH_SUMMARY_CRC32C_H
