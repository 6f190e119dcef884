// Helpers written once for C++ numbers and for tensors (templates), and a
// lambda, called from AG_FUNCTIONs. autograph-cc converts a template's
// control flow whose condition depends on a template parameter into
// operators that choose per instantiation: plain C++ for numbers, staged
// (ag.cond, ag.while_loop) for tensors. The same helper runs both ways.
#include <autograph/autograph.h>

#include <cstdint>

// x above limit is compressed, below -limit cut.
template <class T> T soft_clip(T x, T limit) {
  if (x > limit)
    x = limit + (x - limit) * 0.1f;
  else if (x < -limit)
    x = -limit;
  return x;
}

// The number of Collatz steps from n to 1.
template <class T> T steps_to_one(T n) {
  T steps = n - n;
  while (n > 1) {
    n = n % 2 == 0 ? n / 2 : n * 3 + 1;
    steps = steps + 1;
  }
  return steps;
}

// -1, 0 or 1: returns from ifs on a value of any type (the result, of type
// T, is assigned on every path).
template <class T> T sign_of(T x) {
  if (x > 0)
    return x / x;
  if (x < 0)
    return -x / x;
  return x - x;
}

AG_FUNCTION ag::Tensor clipped(ag::Tensor x) {
  auto amplify = [](ag::Tensor v) {
    if (v > 0.f)
      v = v * 2.f;
    return v;
  };
  return soft_clip(amplify(x), ag::constant(10.f));
}

AG_FUNCTION ag::Tensor collatz_generic(ag::Tensor n) { return steps_to_one(n); }

AG_FUNCTION ag::Tensor sign_generic(ag::Tensor x) { return sign_of(x); }

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::print("on C++ values: soft_clip(25.0, 10.0) =", soft_clip(25.0, 10.0),
            "steps_to_one(27) =", steps_to_one(std::int64_t{27}));
  ag::print("clipped of 3, 20, -30:", clipped(ag::constant(3.f)),
            clipped(ag::constant(20.f)), clipped(ag::constant(-30.f)));
  ag::print("collatz_generic(27) =", collatz_generic(ag::constant(std::int64_t{27})));
  ag::print("sign_of(-7) =", sign_of(-7), "sign_generic of -2.5, 0, 4:",
            sign_generic(ag::constant(-2.5f)), sign_generic(ag::constant(0.f)),
            sign_generic(ag::constant(4.f)));
  return 0;
}
#endif
