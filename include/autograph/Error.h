//===- Error.h - ag error classes -------------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_ERROR_H
#define AUTOGRAPH_ERROR_H

#include <stdexcept>
#include <string>

namespace ag {

/// Base of every error the ag runtime raises. Nothing in ag aborts.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message);
};

/// Bad shapes, dtypes, indices, failed asserts.
class InvalidArgumentError : public Error {
public:
  explicit InvalidArgumentError(const std::string &message);
};

/// Something that cannot happen while a function is being traced.
class TracingError : public Error {
public:
  explicit TracingError(const std::string &message);
};

/// An allocation the machine cannot satisfy (a tensor too large for memory).
class ResourceExhaustedError : public Error {
public:
  explicit ResourceExhaustedError(const std::string &message);
};

} // namespace ag

#endif // AUTOGRAPH_ERROR_H
