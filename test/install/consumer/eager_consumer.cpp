// Links autograph::runtime only: no LLVM or MLIR library may be loaded.
#include <autograph/autograph.h>

#include <iostream>

int main() {
  try {
    throw ag::InvalidArgumentError("consumer: runtime error classes link");
  } catch (const ag::Error &error) {
    std::cout << error.what() << "\n";
  }
  return 0;
}
