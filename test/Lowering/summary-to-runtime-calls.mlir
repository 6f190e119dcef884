// convert-ag-summary-to-runtime-calls: ag.summary_write becomes one call
// into the runtime, with the tag and description as i8 tensors, the data as
// an unranked tensor and the step as an i64.
// RUN: autograph-opt %s -convert-ag-summary-to-runtime-calls -split-input-file | FileCheck %s

// CHECK-LABEL: func @scalar
// CHECK: %[[STEP:.*]] = tensor.extract %arg1[] : tensor<i64>
// CHECK: call @agrt_memref_summary_scalar(%{{.*}}, %{{.*}}, %{{.*}}, %[[STEP]]) : (tensor<?xi8>, tensor<?xi8>, tensor<*xf32>, i64) -> ()
// CHECK-NOT: ag.summary_write
func.func @scalar(%loss: tensor<f32>, %step: tensor<i64>) {
  ag.summary_write "scalars" "loss" %loss, %step : tensor<f32>
  return
}

// -----

// CHECK-LABEL: func @histogram
// CHECK: %[[BUCKETS:.*]] = arith.constant 12 : i64
// CHECK: call @agrt_memref_summary_histogram(%{{.*}}, %{{.*}}, %{{.*}}, %[[BUCKETS]], %{{.*}}) : (tensor<?xi8>, tensor<?xi8>, tensor<*xf64>, i64, i64) -> ()
func.func @histogram(%w: tensor<4x3xf64>, %step: tensor<i64>) {
  ag.summary_write "histograms" "weights" %w, %step {buckets = 12 : i64, description = "kernel"} : tensor<4x3xf64>
  return
}
