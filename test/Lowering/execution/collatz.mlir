// A data-dependent loop with a branch, compiled and run.
// RUN: autograph-opt %s -ag-to-llvm | %mlir_run | FileCheck %s

func.func private @printMemrefI64(tensor<*xi64>)

func.func @collatz_steps(%n0: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  %n, %steps = ag.while_loop (%n0, %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) cond {
  ^bb0(%n: tensor<i64>, %s: tensor<i64>):
    %more = ag.compare gt, %n, %one : tensor<i64>
    ag.condition %more, %n, %s : tensor<i64>, tensor<i64>
  } body {
  ^bb0(%n: tensor<i64>, %s: tensor<i64>):
    %r = ag.rem %n, %two : tensor<i64>
    %even = ag.compare eq, %r, %zero : tensor<i64>
    %next = ag.cond %even -> (tensor<i64>) {
      %h = ag.div %n, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %t = ag.mul %n, %three : tensor<i64>
      %t1 = ag.add %t, %one : tensor<i64>
      ag.yield %t1 : tensor<i64>
    }
    %s1 = ag.add %s, %one : tensor<i64>
    ag.yield %next, %s1 : tensor<i64>, tensor<i64>
  }
  return %steps : tensor<i64>
}

func.func @print(%t: tensor<i64>) {
  %u = tensor.cast %t : tensor<i64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}

func.func @main() {
  // 6 -> 3 -> 10 -> 5 -> 16 -> 8 -> 4 -> 2 -> 1: 8 steps.
  // CHECK: [8]
  %six = ag.constant dense<6> : tensor<i64>
  %a = call @collatz_steps(%six) : (tensor<i64>) -> tensor<i64>
  call @print(%a) : (tensor<i64>) -> ()
  // 1 is already there: 0 steps.
  // CHECK: [0]
  %one = ag.constant dense<1> : tensor<i64>
  %b = call @collatz_steps(%one) : (tensor<i64>) -> tensor<i64>
  call @print(%b) : (tensor<i64>) -> ()
  // 27 takes 111 steps (a well-known value).
  // CHECK: [111]
  %n27 = ag.constant dense<27> : tensor<i64>
  %c = call @collatz_steps(%n27) : (tensor<i64>) -> tensor<i64>
  call @print(%c) : (tensor<i64>) -> ()
  return
}
