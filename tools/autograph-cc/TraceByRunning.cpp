//===- TraceByRunning.cpp - tracing converted source by running it --------===//
#include "TraceByRunning.h"

#include "TraceLinkConfig.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

extern char **environ;

namespace autograph::cc {
namespace {

/// A temporary directory removed with everything in it.
struct WorkDirectory {
  llvm::SmallString<128> path;
  bool ok = false;
  WorkDirectory() {
    ok = !llvm::sys::fs::createUniqueDirectory("autograph-cc-trace", path);
  }
  ~WorkDirectory() {
    if (ok)
      llvm::sys::fs::remove_directories(path);
  }
  std::string file(llvm::StringRef name) const {
    llvm::SmallString<128> result(path);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }
};

/// Writes `text` to `path`; reports a failure (opening, writing or closing
/// the file) on stderr and returns false.
bool writeFile(const std::string &path, llvm::StringRef text) {
  std::error_code error;
  llvm::raw_fd_ostream out(path, error);
  if (!error) {
    out << text;
    out.close();
    error = out.error();
    out.clear_error();
  }
  if (error) {
    llvm::errs() << "autograph-cc: error: cannot write '" << path
                 << "': " << error.message() << "\n";
    return false;
  }
  return true;
}

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// The static libraries of autograph::jit (installed next to the tool, or
/// in the build tree of a tool run from there), then libMLIR, libLLVM, the
/// runtime's libprotobuf-lite (event files) and libomp (parallel ops).
std::vector<std::string> jitLinkArguments(const std::string &argv0) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      argv0.c_str(), reinterpret_cast<void *>(&jitLinkArguments));
  llvm::SmallString<256> libDir(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
  llvm::sys::path::append(libDir, AUTOGRAPH_INSTALL_LIBDIR);
  std::vector<std::string> arguments;
  llvm::SmallVector<llvm::StringRef> installed, built;
  llvm::StringRef(AUTOGRAPH_TRACE_INSTALLED_LIBRARIES).split(installed, ';');
  llvm::StringRef(AUTOGRAPH_TRACE_BUILD_LIBRARIES).split(built, ';');
  llvm::SmallString<256> first(libDir);
  llvm::sys::path::append(first, installed.front());
  if (llvm::sys::fs::exists(first)) {
    for (llvm::StringRef name : installed) {
      llvm::SmallString<256> path(libDir);
      llvm::sys::path::append(path, name);
      arguments.push_back(std::string(path));
    }
  } else {
    for (llvm::StringRef path : built)
      arguments.push_back(path.str());
  }
  arguments.push_back("-L" AUTOGRAPH_LLVM_LIBRARY_DIR);
  arguments.push_back("-Wl,-rpath," AUTOGRAPH_LLVM_LIBRARY_DIR);
  arguments.push_back("-lMLIR");
  arguments.push_back("-lLLVM");
  arguments.push_back("-lprotobuf-lite");
  if (llvm::StringRef openmp = AUTOGRAPH_TRACE_OPENMP_LIBRARY; !openmp.empty()) {
    arguments.push_back(openmp.str());
    arguments.push_back(("-Wl,-rpath," + llvm::sys::path::parent_path(openmp)).str());
  }
  arguments.push_back("-pthread");
  return arguments;
}

/// Runs `program`; its stdout and stderr go to `log`. Returns the exit code
/// (-1 when it could not run or crashed) and `message` the reason.
int run(llvm::StringRef program, const std::vector<std::string> &arguments,
        std::optional<llvm::ArrayRef<llvm::StringRef>> environment,
        const std::string &log, std::string &message) {
  std::vector<llvm::StringRef> argv{program};
  for (const std::string &argument : arguments)
    argv.push_back(argument);
  std::optional<llvm::StringRef> redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(log),
                                                llvm::StringRef(log)};
  return llvm::sys::ExecuteAndWait(program, argv, environment, redirects,
                                   /*SecondsToWait=*/0, /*MemoryLimit=*/0,
                                   &message);
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

std::optional<std::vector<std::string>>
traceByRunning(const autograph::ConvertedSource &source, const TraceSetup &setup,
               llvm::ArrayRef<TraceTarget> targets) {
  auto start = std::chrono::steady_clock::now();
  WorkDirectory work;
  if (!work.ok) {
    llvm::errs() << "autograph-cc: error: cannot create a temporary directory "
                    "to trace in\n";
    return std::nullopt;
  }
  for (const TraceTarget &target : targets)
    if (!llvm::is_contained(source.compiledFunctions, target.function)) {
      llvm::errs() << "autograph-cc: error: cannot trace '" << target.function
                   << "': " << setup.sourcePath
                   << " has no AG_FUNCTION of that name compiled on call";
      if (!source.compiledFunctions.empty())
        llvm::errs() << " (it has: " << llvm::join(source.compiledFunctions, ", ")
                     << ")";
      llvm::errs() << "\n";
      return std::nullopt;
    }

  // The converted source, then the trace entry points, run before main.
  std::string program = source.text;
  program += "\n#include <autograph/TraceRequest.h>\nnamespace {\n";
  for (const std::string &function : source.compiledFunctions)
    program += "const bool ag__trace_target_" + function +
               " = ::ag::jit::register_trace_target(\"" + function + "\", &" +
               function + ");\n";
  program += "const bool ag__trace_request = ::ag::jit::serve_trace_request();\n"
             "} // namespace\n";
  std::string converted = work.file("converted.cc");
  std::string weakMain = work.file("weak_main.cc");
  std::string executable = work.file("trace");
  if (!writeFile(converted, program) ||
      !writeFile(weakMain, "// Lets a file without main be traced.\n"
                           "__attribute__((weak)) int main() { return 0; }\n"))
    return std::nullopt;

  // The user's flags; quoted includes still resolve next to the user's file;
  // tracing needs no optimisation.
  std::string compiler = AUTOGRAPH_CXX_COMPILER;
  if (std::optional<std::string> cxx = llvm::sys::Process::GetEnv("CXX"))
    if (!cxx->empty())
      compiler = *cxx;
  auto found = llvm::sys::findProgramByName(compiler);
  if (!found) {
    llvm::errs() << "autograph-cc: error: cannot find the C++ compiler '"
                 << compiler << "' to trace with (set CXX)\n";
    return std::nullopt;
  }
  std::vector<std::string> arguments{"-std=c++17"};
  arguments.insert(arguments.end(), setup.compileFlags.begin(),
                   setup.compileFlags.end());
  llvm::SmallString<256> sourceDir(setup.sourcePath);
  llvm::sys::fs::make_absolute(sourceDir);
  llvm::sys::path::remove_filename(sourceDir);
  arguments.insert(arguments.end(),
                   {"-iquote", std::string(sourceDir), "-idirafter",
                    setup.agIncludeDir, "-O0", "-g0", converted, weakMain, "-o",
                    executable});
  std::vector<std::string> link = jitLinkArguments(setup.argv0);
  arguments.insert(arguments.end(), link.begin(), link.end());
  if (setup.verbose) {
    llvm::errs() << "autograph-cc: compiling to trace: " << *found;
    for (const std::string &argument : arguments)
      llvm::errs() << " " << argument;
    llvm::errs() << "\n";
  }
  std::string log = work.file("log");
  std::string message;
  if (run(*found, arguments, std::nullopt, log, message) != 0) {
    llvm::errs() << "autograph-cc: error: compiling the converted source to "
                    "trace it failed"
                 << (message.empty() ? "" : ": " + message) << "\n"
                 << readFile(log);
    return std::nullopt;
  }
  if (setup.verbose)
    llvm::errs() << llvm::format("autograph-cc: compiled to trace (%.2f s)\n",
                                 secondsSince(start));

  std::vector<std::string> environment;
  for (char **variable = environ; *variable; ++variable)
    if (!llvm::StringRef(*variable).starts_with("AG_TRACE_"))
      environment.push_back(*variable);
  std::vector<std::string> modules;
  for (const TraceTarget &target : targets) {
    auto traceStart = std::chrono::steady_clock::now();
    std::string output = work.file(target.function + ".ag.mlir");
    std::vector<std::string> request = environment;
    request.push_back("AG_TRACE_FUNCTION=" + target.function);
    request.push_back("AG_TRACE_SIGNATURE=" + target.signature);
    request.push_back("AG_TRACE_OUTPUT=" + output);
    std::vector<llvm::StringRef> requestRefs(request.begin(), request.end());
    int status = run(executable, {}, llvm::ArrayRef<llvm::StringRef>(requestRefs),
                     log, message);
    if (status != 0) {
      llvm::errs() << "autograph-cc: error: tracing " << target.function << "("
                   << target.signature << ") failed"
                   << (message.empty() ? "" : " (" + message + ")") << ":\n"
                   << readFile(log);
      return std::nullopt;
    }
    auto module = llvm::MemoryBuffer::getFile(output);
    if (!module) {
      llvm::errs() << "autograph-cc: error: tracing " << target.function
                   << " wrote no module: cannot read '" << output
                   << "': " << module.getError().message() << "\n";
      return std::nullopt;
    }
    modules.push_back((*module)->getBuffer().str());
    if (setup.verbose)
      llvm::errs() << llvm::format("autograph-cc: traced %s(%s) (%.2f s)\n",
                                   target.function.c_str(),
                                   target.signature.c_str(),
                                   secondsSince(traceStart));
  }
  return modules;
}

} // namespace autograph::cc
