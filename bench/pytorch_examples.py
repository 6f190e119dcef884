"""The example models (examples/models/*.cc) in PyTorch, timed eagerly and as
TorchScript, the same way bench/ExamplesBench.cpp times the ag versions
(median of 7 rounds of about 30 ms of calls, one thread). Writes JSON with
--json FILE. Run by bench/compare-with-pytorch.sh."""
import json
import math
import sys
from typing import List, Tuple

import torch

from pytorch_timing import microseconds_per_call

torch.set_num_threads(1)


def collatz_steps(n: torch.Tensor) -> torch.Tensor:
    steps = torch.tensor(0, dtype=torch.int64)
    while bool(n > 1):
        if bool(n % 2 == 0):
            n = n // 2
        else:
            n = n * 3 + 1
        steps += 1
    return steps


def triangle(n: torch.Tensor) -> torch.Tensor:
    total = torch.tensor(0, dtype=torch.int64)
    i = torch.tensor(1, dtype=torch.int64)
    while bool(i <= n):
        total += i
        i = i + 1
    return total


def halve_at_least_once(x: torch.Tensor) -> torch.Tensor:
    x = x / 2.0
    while bool(x > 1.0):
        x = x / 2.0
    return x


def mlp(x: torch.Tensor, w1: torch.Tensor, b1: torch.Tensor, w2: torch.Tensor,
        b2: torch.Tensor) -> torch.Tensor:
    h = torch.matmul(x, w1) + b1
    if bool(h.mean() > 0.0):
        h = torch.relu(h)
    else:
        h = torch.tanh(h)
    return torch.matmul(h, w2) + b2


def recurrent_cell(sequence: torch.Tensor, w_x: torch.Tensor, w_h: torch.Tensor,
                   b: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    h = torch.zeros(2)
    positive_steps = torch.tensor(0, dtype=torch.int32)
    for x in sequence:
        h = torch.tanh(x * w_x + h * w_h + b)
        if bool(x.sum() > 0.0):
            positive_steps += 1
    return h, positive_steps


def sgd(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    # from_tensor_slices(x, y).batch(64).repeat(2): slices of the tensors.
    n = x.shape[0]
    for epoch in range(2):
        for start in range(0, n, 64):
            xb = x[start:start + 64]
            yb = y[start:start + 64]
            error = torch.matmul(xb, w) - yb
            w = w - torch.matmul(xb.t(), error) * (0.5 / 64)
    return w


def dynamic_rnn(input_data: torch.Tensor, state: torch.Tensor, kernel: torch.Tensor,
                recurrent_kernel: torch.Tensor, bias: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor]:
    # The guide's DynamicRNN: time-major, a list of outputs (TensorArray), stack.
    steps = input_data.transpose(0, 1)
    outputs: List[torch.Tensor] = []
    for i in range(steps.shape[0]):
        state = torch.tanh(torch.matmul(steps[i], kernel) +
                           torch.matmul(state, recurrent_kernel) + bias)
        outputs.append(state)
    return torch.stack(outputs).transpose(0, 1), state


def tensor_array_fill(n: int) -> torch.Tensor:
    # n writes of i * i into a list, then the stack.
    squares: List[torch.Tensor] = []
    for i in range(n):
        t = torch.tensor(i, dtype=torch.int64)
        squares.append(t * t)
    return torch.stack(squares)


def mlp_gradients(x: torch.Tensor, y: torch.Tensor, w1: torch.Tensor, b1: torch.Tensor,
                  w2: torch.Tensor, b2: torch.Tensor) -> List[torch.Tensor]:
    # Forward and backward of an MLP 64-128-10 (relu, mean squared error).
    params = [w1, b1, w2, b2]
    h = torch.relu(torch.matmul(x, w1) + b1)
    logits = torch.matmul(h, w2) + b2
    loss = torch.mean((logits - y) ** 2)
    grads = torch.autograd.grad([loss], params)
    out: List[torch.Tensor] = []
    for g in grads:
        if g is not None:
            out.append(g)
    out.append(loss)
    return out




def main():
    batch, steps = 4096, 10000
    x = torch.tensor([math.sin(0.01 * i) for i in range(batch * 2)],
                     dtype=torch.float32).reshape(batch, 2)
    sequence = torch.tensor([math.cos(0.003 * i) for i in range(steps * 2)],
                            dtype=torch.float32).reshape(steps, 2)
    w1 = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    b1 = torch.tensor([0.5, -0.5])
    w2 = torch.tensor([[1.0], [2.0]])
    b2 = torch.tensor([0.25])
    w_x = torch.tensor([0.5, -1.0])
    w_h = torch.tensor([0.8, 0.3])
    b = torch.tensor([0.1, 0.0])
    samples, features = 4096, 16
    fit_x = torch.tensor([math.sin(0.37 * i) for i in range(samples * features)],
                         dtype=torch.float32).reshape(samples, features)
    fit_y = torch.tensor([math.cos(0.11 * i) for i in range(samples)],
                         dtype=torch.float32).reshape(samples, 1)
    fit_w = torch.zeros(features, 1)
    rnn_input = torch.tensor([math.sin(0.013 * i) for i in range(32 * 100 * 4)],
                             dtype=torch.float32).reshape(32, 100, 4)
    kernel = torch.tensor([[0.5, -0.3, 0.2], [0.1, 0.4, -0.6], [-0.2, 0.3, 0.1],
                           [0.7, -0.1, 0.05]])
    recurrent_kernel = torch.tensor([[0.3, -0.2, 0.1], [0.0, 0.5, 0.2], [-0.4, 0.1, 0.6]])
    bias = torch.tensor([0.1, 0.0, -0.1])
    def pseudo(shape, scale):
        n = 1
        for d in shape:
            n *= d
        return (scale * torch.sin(0.7 * torch.arange(n, dtype=torch.float32) + 0.3)).reshape(shape)
    mlp_params = (pseudo((32, 64), 1.0), pseudo((32, 10), 1.0),
                  pseudo((64, 128), 0.1).requires_grad_(), pseudo((128,), 0.1).requires_grad_(),
                  pseudo((128, 10), 0.1).requires_grad_(), pseudo((10,), 0.1).requires_grad_())
    cases = [
        ("collatz_steps", collatz_steps, (torch.tensor(837799),)),
        ("triangle", triangle, (torch.tensor(100000),)),
        ("halve_at_least_once", halve_at_least_once, (torch.tensor(1e30),)),
        ("mlp", mlp, (x, w1, b1, w2, b2)),
        ("recurrent_cell", recurrent_cell, (sequence, w_x, w_h, b)),
        ("sgd", sgd, (fit_x, fit_y, fit_w)),
        ("dynamic_rnn", dynamic_rnn, (rnn_input, torch.zeros(32, 3), kernel,
                                      recurrent_kernel, bias)),
        ("mlp_gradients", mlp_gradients, mlp_params),
        ("tensor_array_fill", tensor_array_fill, (100000,)),
    ]
    # Hand-checked results, so that both versions compute what the ag ones do.
    assert int(collatz_steps(torch.tensor(27))) == 111
    assert int(triangle(torch.tensor(100))) == 5050
    # examples/models/datasets.expected: two steps from w = 0 give 0.123046875.
    assert float(sgd(torch.ones(4, 1), torch.full((4, 1), 2.0), torch.zeros(1, 1))) == 0.123046875
    records = []
    for name, function, args in cases:
        scripted = torch.jit.script(function)
        eager_us = microseconds_per_call(lambda: function(*args))
        script_us = microseconds_per_call(lambda: scripted(*args))
        print(f"{name:20s} torch eager {eager_us:12.2f} us   TorchScript {script_us:12.2f} us",
              flush=True)
        records.append({"name": name, "torch_eager_us": eager_us,
                        "torchscript_us": script_us})
    if "--json" in sys.argv:
        with open(sys.argv[sys.argv.index("--json") + 1], "w") as out:
            json.dump(records, out, indent=1)


if __name__ == "__main__":
    main()
