//===- TraceRequest.cpp - tracing a compiled AG_FUNCTION for autograph-cc -===//
#include "autograph/TraceRequest.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

namespace ag::jit {
namespace {

struct TraceTarget {
  std::size_t arity;
  std::function<TensorList(const TensorList &)> function;
};

std::map<std::string, TraceTarget> &targets() {
  static auto *registered = new std::map<std::string, TraceTarget>();
  return *registered;
}

[[noreturn]] void exitWith(int status) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(status);
}

} // namespace

bool register_trace_target(const char *name, std::size_t arity,
                           std::function<TensorList(const TensorList &)> fn) {
  targets()[name] = TraceTarget{arity, std::move(fn)};
  return true;
}

bool serve_trace_request() {
  const char *name = std::getenv("AG_TRACE_FUNCTION");
  if (!name)
    return false;
  const char *signature = std::getenv("AG_TRACE_SIGNATURE");
  const char *output = std::getenv("AG_TRACE_OUTPUT");
  auto it = targets().find(name);
  if (it == targets().end()) {
    std::cerr << "cannot trace '" << name << "': it is not an AG_FUNCTION "
              << "compiled on call in this file";
    if (!targets().empty()) {
      std::cerr << " (those are:";
      for (const auto &target : targets())
        std::cerr << " " << target.first;
      std::cerr << ")";
    }
    std::cerr << "\n";
    exitWith(1);
  }
  try {
    std::vector<TensorSpec> inputs = parse_signature(signature ? signature : "");
    if (inputs.size() != it->second.arity)
      throw InvalidArgumentError("the signature has " +
                                 std::to_string(inputs.size()) + " tensors but " +
                                 name + " takes " +
                                 std::to_string(it->second.arity));
    std::string module = trace(it->second.function, inputs, name);
    if (!output) {
      std::cout << module;
    } else {
      std::ofstream file(output);
      file << module;
      if (!file.flush())
        throw Error(std::string("cannot write ") + output);
    }
  } catch (const std::exception &error) {
    // autograph-cc names the function and the signature.
    std::cerr << error.what() << "\n";
    exitWith(1);
  }
  exitWith(0);
}

} // namespace ag::jit
