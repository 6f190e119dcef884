// Loops and functions that leave early (Effective TF2: "use Python control
// flow", with break, continue and return): autograph-cc turns a break or
// continue of a staged loop into a flag, guards the rest of the body with it
// and folds the break flag into the loop's condition, then stages the loop;
// a return from a tensor if becomes the assignment of the result.
#include <autograph/autograph.h>

#include <cstdint>

// How many times x can be doubled without exceeding limit: a while loop
// left with break.
AG_FUNCTION ag::Tensor doublings_within(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor steps = ag::constant(0);
  while (steps < 100) {
    x = x * 2.f;
    if (x > limit)
      break;
    steps += 1;
  }
  return steps;
}

// The sum of the odd numbers below n: a for loop with continue.
AG_FUNCTION ag::Tensor sum_of_odd(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  for (ag::Tensor i = ag::constant(std::int64_t{0}); i < n; i = i + 1) {
    if (i % 2 == 0)
      continue;
    total += i;
  }
  return total;
}

// The position of the first element above t (the length when there is
// none): a range-for over a tensor of run-time length, left with break.
AG_FUNCTION ag::Tensor first_above(ag::Tensor x, ag::Tensor t) {
  ag::Tensor index = ag::constant(std::int64_t{0});
  for (ag::Tensor v : x) {
    if (v > t)
      break;
    index += 1;
  }
  return index;
}

// Pairs j <= i < n with i + j even: nested loops, break in the inner one,
// continue after it.
AG_FUNCTION ag::Tensor even_pairs(ag::Tensor n) {
  ag::Tensor count = ag::constant(std::int64_t{0});
  for (ag::Tensor i = ag::constant(std::int64_t{0}); i < n; i = i + 1) {
    for (ag::Tensor j = ag::constant(std::int64_t{0}); j < n; j = j + 1) {
      if (j > i)
        break;
      if ((i + j) % 2 != 0)
        continue;
      count += 1;
    }
  }
  return count;
}

// The sign of x, returned early from tensor ifs: every return becomes the
// assignment of one result, and what follows an if that returns moves into
// its else.
AG_FUNCTION ag::Tensor sign_of(ag::Tensor x) {
  if (x > 0.f)
    return ag::constant(1.f);
  if (x < 0.f)
    return ag::constant(-1.f);
  return ag::constant(0.f);
}

// The first element of x above t, or -1: a return inside a range-for over a
// tensor of run-time length. Returns inside staged loops set a return flag
// as well as the result, and leave the loop.
AG_FUNCTION ag::Tensor first_value_above(ag::Tensor x, ag::Tensor t) {
  for (ag::Tensor v : x) {
    if (v > t)
      return v;
  }
  return ag::constant(-1.f);
}

// The first product i * j (1 <= j <= i < n, in that order) above limit, or
// 0: a return from inside nested while loops leaves both.
AG_FUNCTION ag::Tensor smallest_product_above(ag::Tensor n, ag::Tensor limit) {
  ag::Tensor i = ag::constant(std::int64_t{1});
  while (i < n) {
    ag::Tensor j = ag::constant(std::int64_t{1});
    while (j <= i) {
      if (i * j > limit)
        return i * j;
      j += 1;
    }
    i += 1;
  }
  return ag::constant(std::int64_t{0});
}

// x when it is in (0, limit), else half of min(x, limit): a return that one
// branch reaches on some paths only.
AG_FUNCTION ag::Tensor bounded(ag::Tensor x, ag::Tensor limit) {
  if (x > 0.f) {
    if (x < limit)
      return x;
    x = limit;
  }
  return x * 0.5f;
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::print("doublings_within(1, 20) =", doublings_within(ag::constant(1.f), ag::constant(20.f)));
  ag::print("doublings_within(0.001, 1) =",
            doublings_within(ag::constant(0.001f), ag::constant(1.f)));
  ag::print("sum_of_odd(10) =", sum_of_odd(ag::constant(std::int64_t{10})));
  ag::print("first_above([1 5 2 7], 4) =",
            first_above(ag::constant({1.f, 5.f, 2.f, 7.f}), ag::constant(4.f)));
  ag::print("first_above([1 2], 4) =", first_above(ag::constant({1.f, 2.f}), ag::constant(4.f)));
  ag::print("even_pairs(4) =", even_pairs(ag::constant(std::int64_t{4})));
  ag::print("sign of -3, 4, 0:", sign_of(ag::constant(-3.f)), sign_of(ag::constant(4.f)),
            sign_of(ag::constant(0.f)));
  ag::print("first_value_above([1 5 2 7], 4) =",
            first_value_above(ag::constant({1.f, 5.f, 2.f, 7.f}), ag::constant(4.f)));
  ag::print("first_value_above([1 2], 4) =",
            first_value_above(ag::constant({1.f, 2.f}), ag::constant(4.f)));
  ag::print("smallest_product_above(5, 6) =",
            smallest_product_above(ag::constant(std::int64_t{5}), ag::constant(std::int64_t{6})));
  ag::print("smallest_product_above(5, 100) =",
            smallest_product_above(ag::constant(std::int64_t{5}), ag::constant(std::int64_t{100})));
  ag::print("bounded of 2, 20, -4 by 10:", bounded(ag::constant(2.f), ag::constant(10.f)),
            bounded(ag::constant(20.f), ag::constant(10.f)),
            bounded(ag::constant(-4.f), ag::constant(10.f)));
  return 0;
}
#endif
