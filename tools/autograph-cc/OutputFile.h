//===- OutputFile.h - writing autograph-cc's outputs atomically -*- C++ -*-===//
#ifndef AUTOGRAPH_CC_OUTPUTFILE_H
#define AUTOGRAPH_CC_OUTPUTFILE_H

#include "llvm/ADT/StringRef.h"

namespace autograph::cc {

/// Writes `contents` to `path` ("-" or empty: stdout) through a temporary
/// file renamed into place, so that a failure never leaves a partial file.
/// Reports a failure on stderr and returns false.
bool writeOutput(llvm::StringRef path, llvm::StringRef contents);

} // namespace autograph::cc

#endif // AUTOGRAPH_CC_OUTPUTFILE_H
