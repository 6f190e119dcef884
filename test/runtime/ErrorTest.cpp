#include "autograph/Error.h"

#include <gtest/gtest.h>

TEST(ErrorTest, HierarchyIsCatchableAsAgErrorAndRuntimeError) {
  try {
    throw ag::InvalidArgumentError("add: shapes [2] and [3]");
  } catch (const ag::Error &e) {
    EXPECT_STREQ(e.what(), "add: shapes [2] and [3]");
  }
  EXPECT_THROW(throw ag::TracingError("x"), std::runtime_error);
}
