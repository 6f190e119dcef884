//===- Error.cpp - ag error classes ---------------------------------------===//
#include "autograph/Error.h"

namespace ag {
Error::Error(const std::string &message) : std::runtime_error(message) {}
InvalidArgumentError::InvalidArgumentError(const std::string &message)
    : Error(message) {}
TracingError::TracingError(const std::string &message) : Error(message) {}
ResourceExhaustedError::ResourceExhaustedError(const std::string &message)
    : Error(message) {}
} // namespace ag
