//===- DumpedIR.h - the optimised LLVM IR of functions a test compiles ----===//
//
// ag::function writes the LLVM IR it compiles to (after LLVM's -O3) into
// $AG_DUMP_DIR/NAME.ll; tests of code generation read it from there.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TEST_TRACING_DUMPEDIR_H
#define AUTOGRAPH_TEST_TRACING_DUMPEDIR_H

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ag_test {

/// A fresh directory that AG_DUMP_DIR names (until unsetenv).
inline std::string dumpInto(const std::string &name) {
  std::string dir = testing::TempDir() + name;
  std::filesystem::remove_all(dir);
  ::setenv("AG_DUMP_DIR", dir.c_str(), 1);
  return dir;
}

/// The optimised LLVM IR of the compiled function `name` dumped in `dir`.
inline std::string dumpedIR(const std::string &dir, const std::string &name) {
  std::ifstream file(dir + "/" + name + ".ll");
  std::stringstream ir;
  ir << file.rdbuf();
  return ir.str();
}

} // namespace ag_test

#endif // AUTOGRAPH_TEST_TRACING_DUMPEDIR_H
