// RUN: autograph-opt %s -convert-ag-tensor-array-to-runtime-calls | FileCheck %s

// The runtime functions, declared once: handles and indices are i64, an
// element to write an unranked read-only tensor, a result's storage bytes.
// CHECK-DAG: func.func private @agrt_memref_tensor_array_create(i64, i64, i64, tensor<?xi8> {bufferization.access = "read"}) -> i64
// CHECK-DAG: func.func private @agrt_memref_tensor_array_write_f32(i64, i64, tensor<*xf32> {bufferization.access = "read"})
// CHECK-DAG: func.func private @agrt_memref_tensor_array_read(i64, i64, memref<?xi8>)
// CHECK-DAG: func.func private @agrt_memref_tensor_array_stack(i64, memref<?xi8>)
// CHECK-DAG: func.func private @agrt_memref_tensor_array_element_dim(i64, i64) -> i64
// CHECK-DAG: func.func private @agrt_memref_tensor_array_size(i64) -> i64
// CHECK-DAG: func.func private @agrt_memref_tensor_array_release(i64)

// CHECK-LABEL: func @fill_and_stack
// CHECK-SAME: (%[[N:[^:]*]]: tensor<i64>, %[[I:[^:]*]]: tensor<i32>, %[[X:[^:]*]]: tensor<?x13xf32>)
func.func @fill_and_stack(%n: tensor<i64>, %i: tensor<i32>, %x: tensor<?x13xf32>)
    -> (tensor<?x13xf32>, tensor<?x?x13xf32>, tensor<i32>) {
  // Create: size, dtype code (float32 is 0), dynamic flag, name bytes "ta".
  // CHECK: %[[SIZE:.*]] = tensor.extract %[[N]][] : tensor<i64>
  // CHECK-DAG: %[[F32:.*]] = arith.constant 0 : i64
  // CHECK-DAG: %[[DYNAMIC:.*]] = arith.constant 1 : i64
  // CHECK-DAG: %[[NAME:.*]] = arith.constant dense<[116, 97]> : tensor<2xi8>
  // CHECK: %[[H:.*]] = call @agrt_memref_tensor_array_create(%[[SIZE]], %[[F32]], %[[DYNAMIC]], %{{.*}})
  // CHECK: %[[HT:.*]] = tensor.from_elements %[[H]] : tensor<i64>
  %ta = ag.tensor_array_create %n, f32 {dynamic_size, name = "ta"} : tensor<i64>

  // Write: the element travels unranked; an i32 index is widened.
  // CHECK: %[[XU:.*]] = tensor.cast %[[X]] : tensor<?x13xf32> to tensor<*xf32>
  // CHECK: %[[WH:.*]] = tensor.extract %[[HT]][]
  // CHECK: %[[WI32:.*]] = tensor.extract %[[I]][] : tensor<i32>
  // CHECK: %[[WI:.*]] = arith.extsi %[[WI32]] : i32 to i64
  // CHECK: call @agrt_memref_tensor_array_write_f32(%[[WH]], %[[WI]], %[[XU]])
  ag.tensor_array_write %ta[%i], %x : tensor<i32>, tensor<?x13xf32>

  // Read: the dynamic extent from the runtime, 4 * d0 * 13 bytes, filled by
  // the runtime and viewed as the element.
  // CHECK: %[[D0:.*]] = call @agrt_memref_tensor_array_element_dim(%[[RH:[^,]*]], %{{.*}}) : (i64, i64) -> i64
  // CHECK: %[[D0I:.*]] = arith.index_cast %[[D0]] : i64 to index
  // CHECK: %[[B0:.*]] = arith.muli %{{.*}}, %[[D0I]] : index
  // CHECK: %[[BYTES:.*]] = arith.muli %[[B0]], %{{.*}} : index
  // CHECK: %[[BUF:.*]] = memref.alloc(%[[BYTES]]) {alignment = 64 : i64} : memref<?xi8>
  // CHECK: call @agrt_memref_tensor_array_read(%[[RH]], %{{.*}}, %[[BUF]])
  // CHECK: %[[VIEW:.*]] = memref.view %[[BUF]][%{{.*}}][%[[D0I]]] : memref<?xi8> to memref<?x13xf32>
  // CHECK: %[[E:.*]] = bufferization.to_tensor %[[VIEW]] restrict writable : memref<?x13xf32>
  %e = ag.tensor_array_read %ta[%i] : tensor<i32> -> tensor<?x13xf32>

  // Stack: the size, then the element's extents.
  // CHECK: %[[S:.*]] = call @agrt_memref_tensor_array_size(%[[SH:[^)]*]])
  // CHECK: %[[SI:.*]] = arith.index_cast %[[S]]
  // CHECK: %[[SD:.*]] = call @agrt_memref_tensor_array_element_dim(%[[SH]], %{{.*}})
  // CHECK: %[[SDI:.*]] = arith.index_cast %[[SD]]
  // CHECK: %[[SBUF:.*]] = memref.alloc
  // CHECK: call @agrt_memref_tensor_array_stack(%[[SH]], %[[SBUF]])
  // CHECK: memref.view %[[SBUF]][%{{.*}}][%[[SI]], %[[SDI]]] : memref<?xi8> to memref<?x?x13xf32>
  %all = ag.tensor_array_stack %ta : tensor<?x?x13xf32>

  // Size: an i32.
  // CHECK: %[[Z:.*]] = call @agrt_memref_tensor_array_size
  // CHECK: %[[Z32:.*]] = arith.trunci %[[Z]] : i64 to i32
  // CHECK: tensor.from_elements %[[Z32]] : tensor<i32>
  %size = ag.tensor_array_size %ta : tensor<i32>

  // Release: the handle.
  // CHECK: %[[RLH:.*]] = tensor.extract %[[HT]][] : tensor<i64>
  // CHECK: call @agrt_memref_tensor_array_release(%[[RLH]]) : (i64) -> ()
  ag.tensor_array_release %ta
  // CHECK-NOT: ag.tensor_array
  return %e, %all, %size : tensor<?x13xf32>, tensor<?x?x13xf32>, tensor<i32>
}
