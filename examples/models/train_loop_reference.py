# Independent reference for examples/models/train_loop.cc (its .expected is
# this script's output): the same SGD on the same data in plain Python,
# float32 after each operation, Keras's SGD (var -= lr * g) and Mean.
import math, struct
def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
xs, ys = [], []
for i in range(20):
    x0 = f32(round(f32(4.0 * f32(math.sin(float(i))))) / 8.0)
    x1 = f32(round(f32(4.0 * f32(math.cos(f32(1.5 * i))))) / 8.0)
    xs.append((x0, x1)); ys.append(f32(f32(f32(2.0 * x0) - x1) + 0.5))
w = [0.0, 0.0]; b = 0.0; it = 0; total = 0.0; count = 0.0
for epoch in range(3):
    for start in range(0, 20, 4):
        batch = list(range(start, min(start + 4, 20)))
        n = len(batch)
        preds = [f32(f32(f32(xs[k][0] * w[0]) + f32(xs[k][1] * w[1])) + b) for k in batch]
        errs = [f32(preds[j] - ys[k]) for j, k in enumerate(batch)]
        loss = f32(sum(f32(e * e) for e in errs) / n)
        # d loss / d pred = 2 e / n
        g = [f32(2.0 * e / n) for e in errs]
        gw0 = f32(sum(f32(xs[k][0] * g[j]) for j, k in enumerate(batch)))
        gw1 = f32(sum(f32(xs[k][1] * g[j]) for j, k in enumerate(batch)))
        gb = f32(sum(g))
        w = [f32(w[0] - f32(0.1 * gw0)), f32(w[1] - f32(0.1 * gw1))]
        b = f32(b - f32(0.1 * gb))
        it += 1
        total = f32(total + loss); count += 1
        if it % 5 == 0:
            print("step %2d: mean loss %.4f" % (it, f32(total / count)))
            total = 0.0; count = 0.0
print("w = [%.3f %.3f], b = %.3f" % (w[0], w[1], b))
