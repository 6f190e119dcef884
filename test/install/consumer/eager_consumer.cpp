// Links autograph::runtime only: no LLVM or MLIR library may be loaded.
#include <autograph/autograph.h>

int main() {
  ag::Tensor x = ag::constant({1.f, 2.f, 3.f});
  ag::print("consumer:", ag::reduce_sum(x * 2.f)); // 2 + 4 + 6
  try {
    ag::print(x + ag::constant({1.f, 2.f}));
  } catch (const ag::InvalidArgumentError &) {
    ag::print("consumer: shape error caught");
  }
  return 0;
}
