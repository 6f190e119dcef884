// Large loop nests on several threads (lib/Lowering/ParallelLoops.cpp).
// RUN: autograph-opt %s -parallelize-large-loops -split-input-file | FileCheck %s
// RUN: autograph-opt %s -parallelize-large-loops -convert-scf-to-openmp -set-parallel-thread-counts -split-input-file | FileCheck %s --check-prefix=OMP

// An elementwise loop of 3 ops: threads only from ceil(2^20 / 3) = 349526
// iterations on, and when more than one thread is allowed; otherwise the
// same loop in sequence.
// CHECK-LABEL: func @elementwise
// CHECK-SAME: (%[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>)
// CHECK: %[[N:.*]] = memref.dim %[[X]]
// CHECK: %[[ITERATIONS:.*]] = arith.muli
// CHECK: %[[NEEDED:.*]] = arith.constant 349526 : index
// CHECK: %[[LARGE:.*]] = arith.cmpi sge, %[[ITERATIONS]], %[[NEEDED]]
// CHECK: %[[THREADS:.*]] = call @agrt_memref_num_threads() : () -> i64
// CHECK: %[[SEVERAL:.*]] = arith.cmpi sgt, %[[THREADS]]
// CHECK: %[[BOTH:.*]] = arith.andi %[[LARGE]], %[[SEVERAL]]
// CHECK: scf.if %[[BOTH]] {
// CHECK-NEXT: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[N]])
// CHECK: } else {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %[[N]]
// CHECK-NEXT: memref.load %[[X]][%[[J]]]
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[Y]][%[[J]]]
// CHECK-NOT: scf.parallel
// OMP-LABEL: func @elementwise
// OMP: scf.if
// OMP: %[[THREADS:.*]] = func.call @agrt_memref_num_threads() : () -> i64
// OMP: %[[COUNT:.*]] = arith.trunci %[[THREADS]] : i64 to i32
// OMP: omp.parallel num_threads(%[[COUNT]] : i32)
// OMP: omp.wsloop
// OMP-NOT: memref.alloca_scope
// OMP: math.exp
func.func @elementwise(%x: memref<?xf32>, %y: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %v = memref.load %x[%i] : memref<?xf32>
    %e = math.exp %v : f32
    memref.store %e, %y[%i] : memref<?xf32>
    scf.reduce
  }
  return
}

// -----

// One level of threads: a parallel loop inside another runs in sequence.
// An iteration is the inner loop: 1000 iterations of 3 ops, so threads
// from ceil(2^20 / 3000) = 350 outer iterations on.
// CHECK-LABEL: func @nested
// CHECK: %[[NEEDED:.*]] = arith.constant 350 : index
// CHECK: scf.if
// CHECK-NEXT: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: } else {
// CHECK-NEXT: scf.for
// CHECK-NEXT: scf.for
// CHECK-NOT: scf.parallel
// The body's scope is dropped: it holds a loop, which becomes branches.
// OMP-LABEL: func @nested
// OMP: omp.loop_nest
// OMP-NOT: memref.alloca_scope
// OMP: scf.for
func.func @nested(%x: memref<?x1000xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c1000 = arith.constant 1000 : index
  %n = memref.dim %x, %c0 : memref<?x1000xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c1000) step (%c1) {
      %v = memref.load %x[%i, %j] : memref<?x1000xf32>
      %w = arith.addf %v, %v : f32
      memref.store %w, %x[%i, %j] : memref<?x1000xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}
