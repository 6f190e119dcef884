// The handwritten digits data set (data/digits.csv.gz, see data/README.md):
// 1797 rows of 64 pixels (0..16) and a label, read with zlib. Pixels are
// scaled to [0, 1]; every fifth row (rows 4, 9, 14, ...) is held out as the
// test set. Used by examples/models/digits.cc and bench/.
#ifndef AUTOGRAPH_EXAMPLES_DIGITS_DATA_H
#define AUTOGRAPH_EXAMPLES_DIGITS_DATA_H

#include <autograph/autograph.h>

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

struct DigitsSplit {
  ag::Tensor images; // float32 [n, 64], in [0, 1]
  ag::Tensor labels; // int32 [n]
};

struct Digits {
  DigitsSplit train, test;
};

inline Digits load_digits(const std::string &path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file)
    throw std::runtime_error("cannot open " + path);
  std::vector<float> pixels[2];
  std::vector<std::int32_t> labels[2];
  char line[1024];
  for (int row = 0; gzgets(file, line, sizeof line); ++row) {
    int split = row % 5 == 4;
    char *p = line;
    for (int i = 0; i < 64; ++i) {
      pixels[split].push_back(static_cast<float>(std::strtol(p, &p, 10)) / 16.f);
      ++p; // the comma
    }
    labels[split].push_back(static_cast<std::int32_t>(std::strtol(p, &p, 10)));
  }
  gzclose(file);
  if (labels[0].size() + labels[1].size() != 1797)
    throw std::runtime_error(path + ": expected 1797 rows");
  Digits digits;
  for (int split = 0; split < 2; ++split) {
    auto n = static_cast<std::int64_t>(labels[split].size());
    DigitsSplit &s = split ? digits.test : digits.train;
    s.images = ag::constant(pixels[split], {n, 64});
    s.labels = ag::constant(labels[split], {n});
  }
  return digits;
}

#endif
