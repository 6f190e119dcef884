#include "TensorTestUtil.h"


#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

namespace {
std::string str(const ag::Tensor &t) {
  std::ostringstream os;
  os << t;
  return os.str();
}

template <class... Args> std::string printed(const Args &...args) {
  testing::internal::CaptureStdout();
  ag::print(args...);
  return testing::internal::GetCapturedStdout();
}
} // namespace

TEST(PrintTest, Scalars) {
  EXPECT_EQ(str(ag::constant(5)), "5");
  EXPECT_EQ(str(ag::constant(0.5f)), "0.5");
  EXPECT_EQ(str(ag::constant(2.0)), "2");
  EXPECT_EQ(str(ag::constant(-3.25)), "-3.25");
  EXPECT_EQ(str(ag::constant(std::int64_t{-9000000000})), "-9000000000");
  EXPECT_EQ(str(ag::constant(true)), "true");
  EXPECT_EQ(str(ag::constant(false)), "false");
}

TEST(PrintTest, FloatsUsePercentG) {
  EXPECT_EQ(str(ag::constant(1.0 / 3.0)), "0.333333");
  EXPECT_EQ(str(ag::constant(123456789.0)), "1.23457e+08");
  EXPECT_EQ(str(ag::constant(1e-7f)), "1e-07");
  EXPECT_EQ(str(ag::constant(100000.f)), "100000");
  EXPECT_EQ(str(ag::constant(1000000.f)), "1e+06");
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(str(ag::constant({inf, -inf, std::numeric_limits<float>::quiet_NaN()})),
            "[inf -inf nan]");
  EXPECT_EQ(str(ag::constant(-std::numeric_limits<double>::quiet_NaN())), "nan");
}

TEST(PrintTest, Vectors) {
  EXPECT_EQ(str(ag::constant({1, 2, 3})), "[1 2 3]");
  EXPECT_EQ(str(ag::constant({1.5f, -2.f})), "[1.5 -2]");
  EXPECT_EQ(str(ag::constant({true, false, true})), "[true false true]");
  EXPECT_EQ(str(ag::zeros({0})), "[]");
  EXPECT_EQ(str(ag::constant({7})), "[7]");
}

TEST(PrintTest, Matrices) {
  EXPECT_EQ(str(ag::constant({{1, 2}, {3, 4}})), "[[1 2]\n [3 4]]");
  EXPECT_EQ(str(ag::constant({{1.5, 2.0, 3.0}})), "[[1.5 2 3]]");
  EXPECT_EQ(str(ag::constant({{true}, {false}})), "[[true]\n [false]]");
}

TEST(PrintTest, Rank3SeparatesBlocksWithABlankLine) {
  EXPECT_EQ(str(ag::reshape(ag::range(8), {2, 2, 2})),
            "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
}

TEST(PrintTest, LongDimensionsAreSummarised) {
  EXPECT_EQ(str(ag::range(6)), "[0 1 2 3 4 5]");
  EXPECT_EQ(str(ag::range(7)), "[0 1 2 ... 4 5 6]");
  EXPECT_EQ(str(ag::range(10)), "[0 1 2 ... 7 8 9]");
  EXPECT_EQ(str(ag::reshape(ag::range(16), {8, 2})),
            "[[0 1]\n [2 3]\n [4 5]\n ...\n [10 11]\n [12 13]\n [14 15]]");
  EXPECT_EQ(str(ag::reshape(ag::range(64), {8, 8})),
            "[[0 1 2 ... 5 6 7]\n"
            " [8 9 10 ... 13 14 15]\n"
            " [16 17 18 ... 21 22 23]\n"
            " ...\n"
            " [40 41 42 ... 45 46 47]\n"
            " [48 49 50 ... 53 54 55]\n"
            " [56 57 58 ... 61 62 63]]");
  EXPECT_EQ(str(ag::ones({7}, ag::boolean)),
            "[true true true ... true true true]");
}

TEST(PrintTest, PrintJoinsArgumentsWithSpacesAndEndsTheLine) {
  EXPECT_EQ(printed("x =", ag::constant({1, 2, 3})), "x = [1 2 3]\n");
  EXPECT_EQ(printed("loss:", ag::constant(0.5f), "step", 3, 2.5, true, 'c'),
            "loss: 0.5 step 3 2.5 true c\n");
  EXPECT_EQ(printed(ag::constant({{1, 2}, {3, 4}})), "[[1 2]\n [3 4]]\n");
  EXPECT_EQ(printed(), "\n");
  EXPECT_EQ(printed(std::string("a"), std::string_view("b")), "a b\n");
}

TEST(PrintTest, OstreamMatchesPrint) {
  ag::Tensor t = ag::constant({{0.25f, 1.f}, {2.f, 3.f}});
  EXPECT_EQ(printed(t), str(t) + "\n");
  std::ostringstream os;
  os << ag::float32 << " " << ag::boolean;
  EXPECT_EQ(os.str(), "float32 bool");
  EXPECT_EQ(str(ag::Tensor()), "Tensor(undefined)");
}

TEST(PrintTest, FormatsBuffersOfAnyLayout) {
  // What compiled code's prints use: a buffer with a shape and strides.
  const float data[] = {1.f, 2.5f, 3.f, 4.f};
  const std::int64_t shape[] = {2, 2};
  std::string contiguous;
  ag::format_tensor_to(contiguous, ag::float32, shape, 2, data, nullptr);
  EXPECT_EQ(contiguous, "[[1 2.5]\n [3 4]]");
  // Strided: the transpose of the same buffer.
  const std::int64_t strides[] = {1, 2};
  std::string s;
  ag::format_tensor_to(s, ag::float32, shape, 2, data, strides);
  EXPECT_EQ(s, "[[1 3]\n [2.5 4]]");
}

namespace {
template <class F> std::string captured(F &&print) {
  testing::internal::CaptureStdout();
  print();
  return testing::internal::GetCapturedStdout();
}

template <class... Args> std::string c_printf(const char *format, Args... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, format, args...);
  return buffer;
}
} // namespace

TEST(PrintFormattedTest, TensorsFormatLikePrintfOfTheirValue) {
  ag::Tensor loss = ag::constant(0.015625f);
  ag::Tensor step = ag::constant(std::int64_t{7});
  EXPECT_EQ(captured([&] {
              ag::print_formatted("step %2lld: loss %8.5f (%s) %d%%\n",
                                  {step, loss, "ok", 3});
            }),
            c_printf("step %2lld: loss %8.5f (%s) %d%%\n", 7LL, 0.015625, "ok", 3));
  EXPECT_EQ(captured([&] { ag::print_formatted("%x %o %e %G|%-4d|%+.2f", {step, step, loss, loss, step, loss}); }),
            "7 7 1.562500e-02 0.015625|7   |+0.02");
  // The value is converted to the conversion's type, as item<T>() would.
  EXPECT_EQ(captured([&] { ag::print_formatted("%d %f %d", {ag::constant(2.75f), step, ag::constant(true)}); }),
            "2 7.000000 1");
  // A one-element tensor of any rank; C++ bools and chars.
  EXPECT_EQ(captured([&] { ag::print_formatted("%.1f %d %c %c", {ag::constant({{1.25}}), true, 'x', 65}); }),
            "1.2 1 x A");
}

TEST(PrintFormattedTest, MismatchesAreErrors) {
  ag::Tensor two = ag::constant({1.f, 2.f});
  auto message = [](auto &&call) {
    try {
      call();
    } catch (const ag::InvalidArgumentError &e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { ag::print_formatted("%f %f\n", {ag::constant(1.f)}); }),
            "print_formatted: format \"%f %f\n\": it has 2 conversions for 1 arguments");
  EXPECT_EQ(message([&] { ag::print_formatted("%f", {two}); }),
            "print_formatted: '%f' formats a tensor of one element; got f32[2]");
  EXPECT_EQ(message([&] { ag::print_formatted("%s", {ag::constant(1.f)}); }),
            "print_formatted: '%s' needs a string; got a number");
  EXPECT_EQ(message([&] { ag::print_formatted("%d", {"text"}); }),
            "print_formatted: '%d' needs a number; got the string \"text\"");
  EXPECT_NE(message([&] { ag::print_formatted("%n", {1}); }).find("'%n' is not a conversion ag can print"),
            std::string::npos);
  EXPECT_NE(message([&] { ag::print_formatted("%*d", {1}); }).find("'*' widths"),
            std::string::npos);
  EXPECT_NE(message([&] { ag::print_formatted("%d", {ag::constant(std::nanf(""))}); }).find("'%d' formats an integer; got nan"),
            std::string::npos);
  // Nothing was printed by the failed calls.
  EXPECT_EQ(captured([&] { message([&] { ag::print_formatted("a%f", {two}); }); }), "");
}

TEST(PrintStreamTest, PrintsWhatStdCoutWould) {
  ag::Tensor t = ag::constant({{1.5f, 2.f}, {3.f, 4.f}});
  std::ostringstream expected;
  expected << "t = " << ag::format_tensor(t) << ", " << true << ' '
           << static_cast<std::int8_t>(65) << ' ' << 1.0 / 3 << ' '
           << std::string("s") << std::endl;
  EXPECT_EQ(captured([&] {
              (ag::PrintStream() << "t = " << t << ", " << true << ' '
                                 << static_cast<std::int8_t>(65) << ' '
                                 << 1.0 / 3 << ' ' << std::string("s")
                                 << std::endl)
                  .print();
            }),
            expected.str());
  // Manipulators apply to the C++ values of the chain.
  EXPECT_EQ(captured([&] {
              (ag::PrintStream() << std::fixed << std::setprecision(2) << 3.14159
                                 << " " << ag::constant(0.5f))
                  .print();
            }),
            "3.14 0.5");
}

TEST(PrintStreamTest, StartsWithStdCoutsSettings) {
  std::ios_base::fmtflags flags = std::cout.flags();
  std::streamsize precision = std::cout.precision();
  std::cout << std::boolalpha << std::setprecision(3);
  std::string out = captured([] { (ag::PrintStream() << true << " " << 3.14159).print(); });
  std::cout.flags(flags);
  std::cout.precision(precision);
  EXPECT_EQ(out, "true 3.14");
}
