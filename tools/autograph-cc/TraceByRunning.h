//===- TraceByRunning.h - tracing converted source by running it -*- C++ -*-=//
//
// autograph-cc traces an AG_FUNCTION the way the user's program would: it
// compiles the converted source with the user's flags, linked with
// autograph::jit, plus a registration of each compiled AG_FUNCTION
// (<autograph/TraceRequest.h>), and runs the program with a trace request in
// its environment. The program writes the ag module and exits before main.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CC_TRACEBYRUNNING_H
#define AUTOGRAPH_CC_TRACEBYRUNNING_H

#include "ConverterPipeline.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace autograph::cc {

struct TraceTarget {
  std::string function;
  std::string signature; ///< "f32[?,784],i64[]"
};

struct TraceSetup {
  std::string sourcePath;                ///< the user's file
  std::vector<std::string> compileFlags; ///< the user's, without -c/-o/file
  std::string agIncludeDir;
  std::string argv0; ///< to find the installed libraries
  bool verbose = false;
};

/// The ag module text of each target, in order; errors (compiling, running,
/// tracing) are reported on stderr naming the stage, and give nothing.
std::optional<std::vector<std::string>>
traceByRunning(const autograph::ConvertedSource &source, const TraceSetup &setup,
               llvm::ArrayRef<TraceTarget> targets);

} // namespace autograph::cc

#endif // AUTOGRAPH_CC_TRACEBYRUNNING_H
