"""bench/ThreadsBench.cpp's three workloads in PyTorch (Debian's
python3-torch) at 1 and 2 threads (torch.set_num_threads), timed as
bench/Timing.h times the ag versions: the sigmoid chain over 1M floats with
0-d w and b, the sum of 1M floats, a 1024x1024 float matmul. --json FILE
writes the figures. Run by bench/compare-threads.sh."""
import json
import sys

import torch

from pytorch_timing import microseconds_per_call

torch.manual_seed(0)
x = torch.rand(1 << 20) * 2 - 1
w, b = torch.tensor(0.75), torch.tensor(-0.25)
a, m = torch.rand(1024, 1024) * 2 - 1, torch.rand(1024, 1024) * 2 - 1


def chain(x, w, b):
    return torch.sigmoid(x * w + b) * 2 - 1


script = torch.jit.script(chain)

rows = []
for workload, call in (("chain", lambda: chain(x, w, b)),
                       ("sum", lambda: x.sum()),
                       ("matmul", lambda: a @ m)):
    times = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        times.append(microseconds_per_call(call))
    rows.append({"workload": workload, "variant": "PyTorch eager", "us": times})
times = []
for threads in (1, 2):
    torch.set_num_threads(threads)
    times.append(microseconds_per_call(lambda: script(x, w, b)))
rows.insert(1, {"workload": "chain", "variant": "TorchScript", "us": times})
for row in rows:
    print(f"{row['workload']:8} {row['variant']:15} {row['us'][0]:10.1f} us {row['us'][1]:10.1f} us")
if "--json" in sys.argv:
    json.dump(rows, open(sys.argv[sys.argv.index("--json") + 1], "w"))
