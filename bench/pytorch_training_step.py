"""One training step of the digits MLP (64-128-10, batch 32, Adam) in
PyTorch, eager and with the model as TorchScript (autograd and the optimizer
as usual), timed as bench/Timing.h times the ag versions (median of 7 rounds
of about 30 ms of calls, one thread, same first 32 training images); then 20
epochs of batches of 32 and the held-out accuracy. --json FILE writes the
figures. Run by bench/compare-training-step.sh."""
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import torch

from pytorch_timing import microseconds_per_call

torch.set_num_threads(1)
ROOT = Path(__file__).resolve().parent.parent


def load_digits():
    """data/digits.csv.gz, split as examples/models/digits_data.h does."""
    rows = gzip.open(ROOT / "data" / "digits.csv.gz", "rt").read().split()
    split = {0: ([], []), 1: ([], [])}
    for i, row in enumerate(rows):
        values = [int(v) for v in row.split(",")]
        images, labels = split[int(i % 5 == 4)]
        images.append([v / 16.0 for v in values[:64]])
        labels.append(values[64])
    return [(torch.tensor(x, dtype=torch.float32), torch.tensor(y)) for x, y in
            (split[0], split[1])]




def make_model(script):
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    return (torch.jit.script(model) if script else model), optimizer


def step(model, optimizer, x, y):
    optimizer.zero_grad(set_to_none=True)
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()


def main():
    (train_x, train_y), (test_x, test_y) = load_digits()
    x, y = train_x[:32], train_y[:32]
    figures = {}
    for name, script in (("torch_eager", False), ("torchscript", True)):
        model, optimizer = make_model(script)
        figures[name + "_us"] = microseconds_per_call(lambda: step(model, optimizer, x, y))

    # Whole epochs, eager: shuffled batches of 32, 20 epochs.
    model, optimizer = make_model(False)
    generator = torch.Generator().manual_seed(7)
    epoch_seconds = []
    for _ in range(20):
        start = time.perf_counter()
        order = torch.randperm(len(train_y), generator=generator)
        for i in range(0, len(order), 32):
            batch = order[i:i + 32]
            step(model, optimizer, train_x[batch], train_y[batch])
        epoch_seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
    figures["epoch_torch_eager_ms"] = statistics.median(epoch_seconds[1:]) * 1e3
    figures["accuracy_torch_eager"] = accuracy

    print("PyTorch %s, one thread" % torch.__version__)
    print("  one step: eager %.1f us, TorchScript model %.1f us"
          % (figures["torch_eager_us"], figures["torchscript_us"]))
    print("  20 epochs: %.2f ms per epoch, test accuracy %.4f"
          % (figures["epoch_torch_eager_ms"], accuracy))
    if len(sys.argv) > 2 and sys.argv[1] == "--json":
        Path(sys.argv[2]).write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
