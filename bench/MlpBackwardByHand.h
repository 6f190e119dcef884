//===- MlpBackwardByHand.h - the MLP's backward pass, in Eigen -*- C++ -*-===//
//
// The hand-written reference the benchmarks compare compiled gradients
// with: for h = relu(x w1 + b1), logits = h w2 + b2, given dlogits, the
// gradients of w1, b1, w2, b2 (derived by hand).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_BENCH_MLPBACKWARDBYHAND_H
#define AUTOGRAPH_BENCH_MLPBACKWARDBYHAND_H

#include <Eigen/Core>

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct MlpBackwardByHand {
  RowMajor dh, dw1, dw2;
  Eigen::RowVectorXf db1, db2;

  void run(const RowMajor &x, const RowMajor &h, const RowMajor &w2, const RowMajor &dlogits) {
    dw2.noalias() = h.transpose() * dlogits;
    db2 = dlogits.colwise().sum();
    dh.noalias() = dlogits * w2.transpose();
    dh = dh.cwiseProduct((h.array() > 0.f).cast<float>().matrix());
    dw1.noalias() = x.transpose() * dh;
    db1 = dh.colwise().sum();
  }
};

#endif // AUTOGRAPH_BENCH_MLPBACKWARDBYHAND_H
