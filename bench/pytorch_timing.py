"""How the PyTorch benchmarks time a call, as bench/Timing.h times ag's:
the median of 7 rounds of enough calls to take about 30 ms, after 3 untimed
calls (TorchScript's profiling executor optimises after its first runs)."""
import statistics
import time


def microseconds_per_call(call):
    for _ in range(3):
        call()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            call()
        if time.perf_counter() - start > 0.03 or calls > (1 << 20):
            break
        calls *= 2
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        rounds.append((time.perf_counter() - start) * 1e6 / calls)
    return statistics.median(rounds)
