// RUN: autograph-opt %s -scope-runtime-call-descriptors | FileCheck %s

func.func private @agrt_memref_print_tensor_f32(memref<*xf32>)
func.func private @agrt_memref_tensor_array_write_f32(i64, i64, memref<*xf32>)
func.func private @other(memref<*xf32>)

// In a loop, a runtime call and the unranked casts only it uses are scoped,
// so the descriptors' stack is freed each iteration.
// CHECK-LABEL: func @in_a_loop
func.func @in_a_loop(%m: memref<4xf32>, %n: index, %h: i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: scf.for
  scf.for %i = %c0 to %n step %c1 {
    // CHECK-NEXT: memref.alloca_scope {
    // CHECK-NEXT: %[[U:.*]] = memref.cast %{{.*}} : memref<4xf32> to memref<*xf32>
    // CHECK-NEXT: func.call @agrt_memref_print_tensor_f32(%[[U]])
    // CHECK-NEXT: }
    %u = memref.cast %m : memref<4xf32> to memref<*xf32>
    func.call @agrt_memref_print_tensor_f32(%u) : (memref<*xf32>) -> ()
    // CHECK-NEXT: %[[I:.*]] = arith.index_cast
    %i64 = arith.index_cast %i : index to i64
    // CHECK-NEXT: memref.alloca_scope {
    // CHECK-NEXT: memref.cast
    // CHECK-NEXT: func.call @agrt_memref_tensor_array_write_f32(%{{.*}}, %[[I]], %{{.*}})
    // CHECK-NEXT: }
    %w = memref.cast %m : memref<4xf32> to memref<*xf32>
    func.call @agrt_memref_tensor_array_write_f32(%h, %i64, %w) : (i64, i64, memref<*xf32>) -> ()
    // A function that is not the runtime's is left alone.
    // CHECK-NEXT: memref.cast
    // CHECK-NEXT: func.call @other
    %o = memref.cast %m : memref<4xf32> to memref<*xf32>
    func.call @other(%o) : (memref<*xf32>) -> ()
  }
  return
}

// Outside loops nothing changes: the stack is freed when the function returns.
// CHECK-LABEL: func @straight
func.func @straight(%m: memref<4xf32>) {
  // CHECK-NOT: alloca_scope
  %u = memref.cast %m : memref<4xf32> to memref<*xf32>
  func.call @agrt_memref_print_tensor_f32(%u) : (memref<*xf32>) -> ()
  return
}
