//===- Annotations.h - AG_FUNCTION and AG_DO_NOT_CONVERT --------*- C++ -*-===//
//
// Markers for autograph-cc. Under Clang they become `annotate` attributes that
// the converter matches (AnnotateAttr "autograph" and
// "autograph_do_not_convert"); other compilers see nothing, so unconverted code
// compiles everywhere and runs eagerly.
//
//   AG_FUNCTION ag::Tensor step(ag::Tensor x) { ... }
//   AG_DO_NOT_CONVERT void log_only(const ag::Tensor &t) { ... }
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_ANNOTATIONS_H
#define AUTOGRAPH_ANNOTATIONS_H

#if defined(__clang__)
#define AG_FUNCTION [[clang::annotate("autograph")]]
#define AG_DO_NOT_CONVERT [[clang::annotate("autograph_do_not_convert")]]
#else
#define AG_FUNCTION
#define AG_DO_NOT_CONVERT
#endif

#endif // AUTOGRAPH_ANNOTATIONS_H
