//===- autograph.h - the ag tensor DSL --------------------------*- C++ -*-===//
//
// The one header users include: `#include <autograph/autograph.h>`.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_AUTOGRAPH_H
#define AUTOGRAPH_AUTOGRAPH_H

#include "autograph/Annotations.h"
#include "autograph/Assert.h"
#include "autograph/ControlFlow.h"
#include "autograph/Creation.h"
#include "autograph/DType.h"
#include "autograph/Dataset.h"
#include "autograph/Error.h"
#include "autograph/Op.h"
#include "autograph/Operators.h"
#include "autograph/Ops.h"
#include "autograph/Print.h"
#include "autograph/Random.h"
#include "autograph/Scalar.h"
#include "autograph/Shape.h"
#include "autograph/Span.h"
#include "autograph/Summary.h"
#include "autograph/Checkpoint.h"
#include "autograph/SavedModel.h"
#include "autograph/Tensor.h"
#include "autograph/GradientTape.h"
#include "autograph/Layers.h"
#include "autograph/Losses.h"
#include "autograph/Metrics.h"
#include "autograph/Optimizers.h"
#include "autograph/TensorArray.h"
#include "autograph/Threads.h"
#include "autograph/Tracer.h"
#include "autograph/Variable.h"

#endif // AUTOGRAPH_AUTOGRAPH_H
