//===- OutputFile.cpp - writing autograph-cc's outputs atomically ---------===//
#include "OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace autograph::cc {

bool writeOutput(llvm::StringRef path, llvm::StringRef contents) {
  if (path.empty() || path == "-") {
    llvm::outs() << contents;
    llvm::outs().flush();
    return true;
  }
  llvm::Expected<llvm::sys::fs::TempFile> temp =
      llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp) {
    llvm::errs() << "autograph-cc: error: cannot write '" << path
                 << "': " << llvm::toString(temp.takeError()) << "\n";
    return false;
  }
  {
    llvm::raw_fd_ostream out(temp->FD, /*shouldClose=*/false);
    out << contents;
    out.flush();
    if (out.has_error()) {
      out.clear_error();
      llvm::consumeError(temp->discard());
      llvm::errs() << "autograph-cc: error: cannot write '" << path << "'\n";
      return false;
    }
  }
  if (llvm::Error error = temp->keep(path)) {
    llvm::errs() << "autograph-cc: error: cannot write '" << path
                 << "': " << llvm::toString(std::move(error)) << "\n";
    return false;
  }
  return true;
}

} // namespace autograph::cc
