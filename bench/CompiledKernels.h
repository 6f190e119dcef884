//===- CompiledKernels.h - C interface of bench/kernels/*.mlir -*- C++ -*-===//
//
// The `_mlir_ciface_` functions that -ag-to-llvm produces for functions with
// `llvm.emit_c_interface`: memrefs are passed as pointers to strided
// descriptors; results are returned through the first pointer and are owned
// by the caller (free `allocated` with _mlir_memref_to_llvm_free, the
// runtime's allocator for compiled code's buffers).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_BENCH_COMPILEDKERNELS_H
#define AUTOGRAPH_BENCH_COMPILEDKERNELS_H

#include "autograph/CompiledCodeABI.h"

#include <cstdint>

using ag::compiled::MemRef;

template <typename T, int Rank> void release(MemRef<T, Rank> &m) {
  _mlir_memref_to_llvm_free(m.allocated);
}

extern "C" {
void _mlir_ciface_collatz_steps(MemRef<int64_t, 0> *n,
                                MemRef<int64_t, 0> *result);
void _mlir_ciface_sigmoid_chain(MemRef<float, 1> *result, MemRef<float, 1> *x,
                                MemRef<float, 0> *w, MemRef<float, 0> *b);
void _mlir_ciface_matmul(MemRef<float, 2> *result, MemRef<float, 2> *a,
                         MemRef<float, 2> *b);
}

#endif // AUTOGRAPH_BENCH_COMPILEDKERNELS_H
