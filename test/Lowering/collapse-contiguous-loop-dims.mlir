// RUN: autograph-opt %s -collapse-contiguous-loop-dims -split-input-file | FileCheck %s

// An elementwise op on contiguous buffers is one loop over all elements.
// CHECK-LABEL: func @elementwise_becomes_one_loop
func.func @elementwise_becomes_one_loop(%a: memref<128x10xf32>, %b: memref<128x10xf32>) {
  // CHECK-DAG: %[[A:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<128x10xf32> into memref<1280xf32>
  // CHECK-DAG: %[[B:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<128x10xf32> into memref<1280xf32>
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel"]
  // CHECK-SAME: ins(%[[A]] : memref<1280xf32>) outs(%[[B]] : memref<1280xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<128x10xf32>) outs(%b : memref<128x10xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A 0-d operand (a scalar broadcast to every element) does not stop it.
// CHECK-LABEL: func @scalar_operand
func.func @scalar_operand(%a: memref<4x8xf32>, %s: memref<f32>, %b: memref<4x8xf32>) {
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel"]
  // CHECK-SAME: memref<32xf32>, memref<f32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %s : memref<4x8xf32>, memref<f32>) outs(%b : memref<4x8xf32>) {
  ^bb0(%x: f32, %c: f32, %y: f32):
    %m = arith.mulf %x, %c : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A bias along the last dimension keeps the rows apart; with a leading
// dimension, the two it spans are still one loop.
// CHECK-LABEL: func @broadcast_keeps_its_dimensions
func.func @broadcast_keeps_its_dimensions(%a: memref<32x10xf32>, %bias: memref<10xf32>, %b: memref<32x10xf32>,
                                          %c: memref<4x8x16xf32>, %m: memref<8x16xf32>, %d: memref<4x8x16xf32>) {
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel", "parallel"]
  // CHECK-SAME: ins(%{{.*}}, %{{.*}} : memref<32x10xf32>, memref<10xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %bias : memref<32x10xf32>, memref<10xf32>) outs(%b : memref<32x10xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  // CHECK: memref.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : memref<4x8x16xf32> into memref<4x128xf32>
  // CHECK: memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<8x16xf32> into memref<128xf32>
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel", "parallel"]
  // CHECK-SAME: ins(%{{.*}}, %{{.*}} : memref<4x128xf32>, memref<128xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%c, %m : memref<4x8x16xf32>, memref<8x16xf32>) outs(%d : memref<4x8x16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A strided view cannot be viewed as one dimension, a reduction's loops of
// two kinds stay apart, and a body reading linalg.index keeps its loops.
// CHECK-LABEL: func @left_alone
func.func @left_alone(%a: memref<8x8xf32>, %b: memref<4x4xf32>, %r: memref<8xf32>, %i: memref<8x8xi64>) {
  %view = memref.subview %a[0, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  // CHECK-NOT: memref.collapse_shape
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel", "parallel"]
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%view : memref<4x4xf32, strided<[8, 1]>>) outs(%b : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel", "reduction"]
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<8x8xf32>) outs(%r : memref<8xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel", "parallel"]
  // CHECK-NOT: memref.collapse_shape
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      outs(%i : memref<8x8xi64>) {
  ^bb0(%y: i64):
    %k = linalg.index 1 : index
    %v = arith.index_cast %k : index to i64
    linalg.yield %v : i64
  }
  return
}

// -----

// A dimension known only at run time (a dataset's last batch) collapses too.
// CHECK-LABEL: func @dynamic_rows
func.func @dynamic_rows(%a: memref<?x10xf32>, %b: memref<?x10xf32>) {
  // CHECK: memref.collapse_shape %{{.*}} {{\[\[}}0, 1]] : memref<?x10xf32> into memref<?xf32>
  // CHECK: linalg.generic
  // CHECK-SAME: iterator_types = ["parallel"]
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<?x10xf32>) outs(%b : memref<?x10xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  }
  return
}
