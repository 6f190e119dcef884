// RUN: autograph-opt %s -allow-float-contraction | FileCheck %s
// Through the whole pipeline, a * b + c reaches LLVM as contractible ops.
// RUN: autograph-cc %S/Inputs/multiply-add.mlir --emit=llvm-ir -- | FileCheck %s --check-prefix=IR

// Float ops get `contract`, next to the flags they had; integer ops have no
// fast-math flags and stay as they are.
// CHECK-LABEL: func @float_ops_become_contractible
func.func @float_ops_become_contractible(%a: f32, %b: f32, %c: vector<8xf64>,
                                         %i: i64) -> (f32, vector<8xf64>, i64) {
  // CHECK: %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : f32
  // CHECK: arith.addf %[[P]], %{{.*}} fastmath<contract> : f32
  // CHECK: arith.subf %{{.*}}, %{{.*}} fastmath<reassoc,contract> : vector<8xf64>
  // CHECK: arith.muli %{{.*}}, %{{.*}} : i64
  // CHECK-NOT: fastmath
  // CHECK: return
  %p = arith.mulf %a, %b : f32
  %s = arith.addf %p, %a : f32
  %d = arith.subf %c, %c fastmath<reassoc> : vector<8xf64>
  %m = arith.muli %i, %i : i64
  return %s, %d, %m : f32, vector<8xf64>, i64
}

// IR-LABEL: define {{.*}}multiply_add
// IR: fmul contract <{{.*}} x float>
// IR: fadd contract <{{.*}} x float>
