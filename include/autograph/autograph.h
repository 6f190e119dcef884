//===- autograph.h - the ag tensor DSL --------------------------*- C++ -*-===//
//
// The one header users include: `#include <autograph/autograph.h>`.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_AUTOGRAPH_H
#define AUTOGRAPH_AUTOGRAPH_H

#include "autograph/Error.h"

#endif // AUTOGRAPH_AUTOGRAPH_H
