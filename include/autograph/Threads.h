//===- Threads.h - how many cores large ops use -----------------*- C++ -*-===//
//
// Large elementwise ops, reductions and matrix products run on several
// threads, eagerly and in compiled code alike (`torch.set_num_threads`).
// Small ones stay on the calling thread: splitting them costs more than it
// saves (docs/performance.md has the measured sizes).
//
// The default is the environment's AG_NUM_THREADS, else OMP_NUM_THREADS,
// else every core of the machine. Elementwise results are bit-identical for
// every thread count; a float sum over one long axis adds per-thread partial
// sums, so it may differ from one thread's in the last bits (within 1e-6
// relative for sums of float32 values of one sign).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_THREADS_H
#define AUTOGRAPH_THREADS_H

namespace ag {

/// Sets the number of threads large ops use from now on, in every thread of
/// the program; `n` must be at least 1 (ag::InvalidArgumentError otherwise).
void set_num_threads(int n);
/// The number of threads large ops use.
int get_num_threads();

} // namespace ag

#endif // AUTOGRAPH_THREADS_H
