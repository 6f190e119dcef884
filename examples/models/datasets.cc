// Datasets and compiled functions together (Effective TF2: "Combine
// tf.data.Datasets and @tf.function"): each function builds an input
// pipeline from its tensors and iterates it with a plain range-for.
// autograph-cc turns each loop into one staged loop over the pipeline's
// elements, so the compiled function runs the whole pipeline natively:
// batches of a length known only at run time, an infinite repeat ended by a
// break, a shuffle (each epoch in its own order, the same in every mode),
// and maps over the elements and over the batches.
#include <autograph/autograph.h>

#include <cstdint>

// The mean of each batch of two, and their sum.
AG_FUNCTION ag::Tensor batch_means(ag::Tensor x) {
  ag::Tensor total = ag::constant(0.f);
  for (ag::Tensor batch : ag::data::from_tensor_slices(x).batch(2)) {
    ag::Tensor mean = ag::reduce_mean(batch);
    ag::print("batch", batch, "mean", mean);
    total += mean;
  }
  return total;
}

// Fits y = w * x by mini-batch gradient descent on a dataset repeated
// forever, until a batch's loss is small.
AG_FUNCTION ag::Tensor fit_line(ag::Tensor x, ag::Tensor y) {
  auto batches = ag::data::from_tensor_slices(x, y).batch(2).repeat();
  ag::Tensor w = ag::constant(0.f);
  ag::Tensor step = ag::constant(std::int64_t{0});
  for (auto [xb, yb] : batches) {
    ag::Tensor error = w * xb - yb;
    ag::Tensor loss = ag::reduce_mean(error * error);
    if (loss < 0.1f)
      break;
    w = w - ag::reduce_mean(error * xb) * 0.125f;
    step += 1;
    ag::print("step", step, "loss", loss);
  }
  return w;
}

// How many times each label is seen in two epochs of shuffled batches of
// four, the batches one-hot encoded by a map.
AG_FUNCTION ag::Tensor label_visits(ag::Tensor labels) {
  auto batches = ag::data::from_tensor_slices(labels)
                     .shuffle(/*buffer_size=*/6, /*seed=*/42)
                     .batch(4)
                     .map([](ag::Tensor b) { return ag::one_hot(b, 6, ag::int64); })
                     .repeat(2);
  ag::Tensor visits = ag::zeros({6}, ag::int64);
  ag::Tensor count = ag::constant(std::int64_t{0});
  for (ag::Tensor hot : batches) {
    count += 1;
    ag::print("batch", count, "has", ag::reduce_sum(hot), "labels");
    visits = visits + ag::reduce_sum(hot, 0);
  }
  return visits;
}

// Each row scaled by its maximum (a map before the batch, run on every row
// in order), then batched in twos.
AG_FUNCTION ag::Tensor normalized_batches(ag::Tensor x) {
  auto batches = ag::data::from_tensor_slices(x)
                     .map([](ag::Tensor row) {
                       ag::Tensor largest = ag::reduce_max(row);
                       ag::print("max", largest);
                       return row / largest;
                     })
                     .batch(2);
  ag::Tensor total = ag::constant(0.f);
  for (ag::Tensor batch : batches) {
    ag::print("batch sum", ag::reduce_sum(batch));
    total += ag::reduce_sum(batch);
  }
  return total;
}

// The first negative element, or 0: a return from inside the loop ends it.
AG_FUNCTION ag::Tensor first_negative(ag::Tensor x) {
  for (ag::Tensor v : ag::data::from_tensor_slices(x)) {
    if (v < 0.f)
      return v;
  }
  return ag::constant(0.f);
}

// Two epochs of mini-batch gradient descent on a least-squares fit
// y ≈ x w (x [n, k], y [n, 1], w [k, 1]).
AG_FUNCTION ag::Tensor sgd(ag::Tensor x, ag::Tensor y, ag::Tensor w) {
  for (auto [xb, yb] : ag::data::from_tensor_slices(x, y).batch(64).repeat(2)) {
    ag::Tensor error = ag::matmul(xb, w) - yb;
    w = w - ag::matmul(ag::transpose(xb), error) * (0.5f / 64);
  }
  return w;
}

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::print("sum of means", batch_means(ag::constant({1.f, 2.f, 3.f, 4.f, 5.f})));
  ag::Tensor x = ag::constant({1.f, 1.f, 2.f, 2.f});
  ag::Tensor y = ag::constant({2.f, 2.f, 4.f, 4.f});
  ag::print("w", fit_line(x, y));
  ag::print("visits", label_visits(ag::range(std::int64_t{6})));
  ag::print("normalized total",
            normalized_batches(ag::constant({{1.f, 2.f}, {4.f, 2.f}, {3.f, 3.f}})));
  ag::print("first negative", first_negative(ag::constant({3.f, -2.f, -5.f})),
            first_negative(ag::constant({1.f, 2.f})));
  ag::print("sgd", sgd(ag::ones({4, 1}), ag::fill({4, 1}, 2.f), ag::zeros({1, 1})));
  return 0;
}
#endif
