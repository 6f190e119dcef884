// Each --emit value shows one level of the compilation of a traced function.
// RUN: autograph-cc %s --emit=linalg --function=axpy --signature="f32[?],f32[?]" -- -std=c++17 | FileCheck %s --check-prefix=LINALG
// RUN: autograph-cc %s --emit=llvm --function=axpy --signature="f32[?],f32[?]" -- -std=c++17 | FileCheck %s --check-prefix=LLVM
// RUN: autograph-cc %s --emit=llvm-ir --function=axpy --signature="f32[?],f32[?]" -- -std=c++17 | FileCheck %s --check-prefix=IR
// RUN: autograph-cc %s --emit=asm --portable --function=axpy --signature="f32[?],f32[?]" -- -std=c++17 | FileCheck %s --check-prefix=ASM
// -v reports each stage and its time on stderr.
// RUN: autograph-cc %s --emit=obj -o %t.v.o -v --function=axpy --signature="f32[?],f32[?]" -- -std=c++17 2>&1 >/dev/null | FileCheck %s --check-prefix=VERBOSE
// VERBOSE: autograph-cc: converted {{.*}}emit-stages.cpp ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: traced axpy(f32[?],f32[?]) ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: lowered to the LLVM dialect ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: translated to LLVM IR and optimised for {{.*}} ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: generated the object file ({{[0-9.]+}} s)
// --dump-dir keeps the converted source, the ag module, every pass's output
// and the LLVM IR.
// RUN: rm -rf %t.dump
// RUN: autograph-cc %s --emit=obj -o %t.o --dump-dir %t.dump --function=axpy --signature="f32[?],f32[?]" -- -std=c++17
// RUN: ls %t.dump | FileCheck %s --check-prefix=DUMP
// RUN: ls %t.dump/axpy | FileCheck %s --check-prefix=STAGES

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor axpy(ag::Tensor x, ag::Tensor y) {
  return x * 2.f + y;
}

// The elementwise chain is one fused linalg.generic over a dynamic size.
// LINALG-LABEL: func.func @axpy(
// LINALG: linalg.generic
// LINALG-NOT: linalg.generic
// LINALG: return

// LLVM: llvm.func @axpy(
// LLVM: llvm.func @_mlir_ciface_axpy(

// Compiled functions keep only their C interface visible.
// IR: define void @_mlir_ciface_ag_aot_axpy(
// IR-NOT: define {{.*}}@ag_aot_axpy(

// --portable: no AVX.
// ASM: _mlir_ciface_ag_aot_axpy:
// ASM-NOT: %ymm

// DUMP: axpy
// DUMP: axpy.ag.mlir
// DUMP: axpy.ll
// DUMP: emit-stages.converted.cc
// STAGES: builtin_module_no-symbol-name
