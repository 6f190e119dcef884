//===- Timing.h - how the benchmarks time a call ----------------*- C++ -*-===//
#ifndef AUTOGRAPH_BENCH_TIMING_H
#define AUTOGRAPH_BENCH_TIMING_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

/// Median time of one call, in microseconds, over 7 rounds of enough calls
/// to take about 30 ms each (after one untimed call: the JIT traces and
/// compiles on its first). bench/*.py time PyTorch the same way.
inline double microsecondsPerCall(const std::function<void()> &call) {
  using Clock = std::chrono::steady_clock;
  call();
  int calls = 1;
  for (;;) {
    auto start = Clock::now();
    for (int i = 0; i < calls; ++i)
      call();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (seconds > 0.03 || calls > (1 << 24))
      break;
    calls *= 2;
  }
  std::vector<double> rounds;
  for (int round = 0; round < 7; ++round) {
    auto start = Clock::now();
    for (int i = 0; i < calls; ++i)
      call();
    rounds.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
                     calls);
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

#endif // AUTOGRAPH_BENCH_TIMING_H
