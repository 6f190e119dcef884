// RUN: autograph-opt %s -small-results-to-out-params | FileCheck %s
// Small results of static shape (at most 64 bytes) of functions called
// through the C interface are written into an out-parameter the caller
// passes (ag::compiled::result_in_place, CompiledCodeABI.h).

// A result allocated up front is computed in the out-parameter: no alloc.
// CHECK-LABEL: func @scalar
// CHECK-SAME: (%[[X:.*]]: memref<f32>, %[[OUT:.*]]: memref<f32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK-NOT: memref.alloc
// CHECK: %[[V:.*]] = memref.load %[[X]][]
// CHECK: memref.store %[[V]], %[[OUT]][]
// CHECK-NEXT: return{{$}}
func.func @scalar(%x: memref<f32>) -> memref<f32> attributes {llvm.emit_c_interface} {
  %r = memref.alloc() : memref<f32>
  %v = memref.load %x[] : memref<f32>
  memref.store %v, %r[] : memref<f32>
  return %r : memref<f32>
}

// Sixteen floats are 64 bytes: still in place. A result that is not an
// allocation of the function (here an argument) is copied.
// CHECK-LABEL: func @identity
// CHECK-SAME: (%[[X:.*]]: memref<16xf32>, %[[OUT:.*]]: memref<16xf32>)
// CHECK-NEXT: memref.copy %[[X]], %[[OUT]] : memref<16xf32> to memref<16xf32>
// CHECK-NEXT: return{{$}}
func.func @identity(%x: memref<16xf32>) -> memref<16xf32> attributes {llvm.emit_c_interface} {
  return %x : memref<16xf32>
}

// One allocation returned twice: the first result is computed in place, the
// second gets a copy of it.
// CHECK-LABEL: func @twice
// CHECK-SAME: (%[[A:[^:]*]]: memref<2xi32>, %[[B:[^:]*]]: memref<2xi32>)
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill {{.*}} outs(%[[A]] : memref<2xi32>)
// CHECK-NEXT: memref.copy %[[A]], %[[B]]
// CHECK-NEXT: return{{$}}
func.func @twice() -> (memref<2xi32>, memref<2xi32>) attributes {llvm.emit_c_interface} {
  %c = arith.constant 7 : i32
  %r = memref.alloc() : memref<2xi32>
  linalg.fill ins(%c : i32) outs(%r : memref<2xi32>)
  return %r, %r : memref<2xi32>, memref<2xi32>
}

// Dynamic and larger results are still returned; the small one between them
// becomes the only out-parameter, after the arguments.
// CHECK-LABEL: func @mixed
// CHECK-SAME: (%[[X:[^:]*]]: memref<?xf32>, %[[OUT:[^:]*]]: memref<2x2xf64>)
// CHECK-SAME: -> (memref<?xf32>, memref<17xf32>)
// CHECK: %[[BIG:.*]] = memref.alloc() : memref<17xf32>
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill {{.*}} outs(%[[OUT]] : memref<2x2xf64>)
// CHECK: return %[[X]], %[[BIG]] : memref<?xf32>, memref<17xf32>
func.func @mixed(%x: memref<?xf32>) -> (memref<?xf32>, memref<2x2xf64>, memref<17xf32>)
    attributes {llvm.emit_c_interface} {
  %zero = arith.constant 0.0 : f64
  %big = memref.alloc() : memref<17xf32>
  %small = memref.alloc() : memref<2x2xf64>
  linalg.fill ins(%zero : f64) outs(%small : memref<2x2xf64>)
  return %x, %small, %big : memref<?xf32>, memref<2x2xf64>, memref<17xf32>
}

// With several returns, each copies its value; the allocation stays.
// CHECK-LABEL: func @branches
// CHECK-SAME: (%[[P:[^:]*]]: i1, %[[X:[^:]*]]: memref<i64>, %[[OUT:[^:]*]]: memref<i64>)
// CHECK: %[[R:.*]] = memref.alloc() : memref<i64>
// CHECK: ^bb1:
// CHECK-NEXT: memref.copy %[[X]], %[[OUT]]
// CHECK-NEXT: return{{$}}
// CHECK: ^bb2:
// CHECK-NEXT: memref.copy %[[R]], %[[OUT]]
// CHECK-NEXT: return{{$}}
func.func @branches(%p: i1, %x: memref<i64>) -> memref<i64> attributes {llvm.emit_c_interface} {
  %r = memref.alloc() : memref<i64>
  cf.cond_br %p, ^bb1, ^bb2
^bb1:
  return %x : memref<i64>
^bb2:
  return %r : memref<i64>
}

// A function compiled code calls internally keeps its results.
// CHECK-LABEL: func @internal
// CHECK-SAME: () -> memref<f32>
// CHECK: %[[R:.*]] = memref.alloc() : memref<f32>
// CHECK: return %[[R]] : memref<f32>
func.func @internal() -> memref<f32> {
  %r = memref.alloc() : memref<f32>
  return %r : memref<f32>
}
