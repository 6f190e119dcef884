// Each --emit value shows one level of the compilation of a traced function.
// RUN: autograph-cc %s --emit=linalg --function=affine --signature="f32[?],f32[]" -- -std=c++17 | FileCheck %s --check-prefix=LINALG
// RUN: autograph-cc %s --emit=llvm --function=affine --signature="f32[?],f32[]" -- -std=c++17 | FileCheck %s --check-prefix=LLVM
// RUN: autograph-cc %s --emit=llvm-ir --function=affine --signature="f32[?],f32[]" -- -std=c++17 | FileCheck %s --check-prefix=IR
// RUN: autograph-cc %s --emit=asm --portable --function=affine --signature="f32[?],f32[]" -- -std=c++17 | FileCheck %s --check-prefix=ASM
// -v reports each stage and its time on stderr.
// RUN: autograph-cc %s --emit=obj -o %t.v.o -v --function=affine --signature="f32[?],f32[]" -- -std=c++17 2>&1 >/dev/null | FileCheck %s --check-prefix=VERBOSE
// VERBOSE: autograph-cc: converted {{.*}}emit-stages.cpp ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: traced affine(f32[?],f32[]) ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: lowered to the LLVM dialect ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: translated to LLVM IR and optimised for {{.*}} ({{[0-9.]+}} s)
// VERBOSE: autograph-cc: generated the object file ({{[0-9.]+}} s)
// --dump-dir keeps the converted source, the ag module, every pass's output
// and the LLVM IR.
// RUN: rm -rf %t.dump
// RUN: autograph-cc %s --emit=obj -o %t.o --dump-dir %t.dump --function=affine --signature="f32[?],f32[]" -- -std=c++17
// RUN: ls %t.dump | FileCheck %s --check-prefix=DUMP
// RUN: ls %t.dump/affine | FileCheck %s --check-prefix=STAGES

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor affine(ag::Tensor x, ag::Tensor a) {
  return x * a + 1.f;
}

// The elementwise chain is one fused linalg.generic over a dynamic size (the
// 0-d operands are stretched statically).
// LINALG-LABEL: func.func @affine(
// LINALG: linalg.generic
// LINALG-NOT: linalg.generic
// LINALG: return

// LLVM: llvm.func @affine(
// LLVM: llvm.func @_mlir_ciface_affine(

// Compiled functions keep only their C interface visible.
// IR: define void @_mlir_ciface_ag_aot_affine(
// IR-NOT: define {{.*}}@ag_aot_affine(

// --portable: no AVX.
// ASM: _mlir_ciface_ag_aot_affine:
// ASM-NOT: %ymm

// DUMP: affine
// DUMP: affine.ag.mlir
// DUMP: affine.ll
// DUMP: emit-stages.converted.cc
// STAGES: builtin_module_no-symbol-name
