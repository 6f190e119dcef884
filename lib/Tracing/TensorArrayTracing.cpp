//===- TensorArrayTracing.cpp - ag::TensorArray ops in a trace ------------===//
//
// A traced array is the 0-d i64 handle of ag.tensor_array_create; writes,
// reads, stacks, sizes and an early release are ops on it, recorded where the program does
// them (their memory effects keep them in that order). Nothing is carried
// through ag.cond or loops: the handle is defined before them.
//
//===----------------------------------------------------------------------===//
#include "MlirTracer.h"

#include "autograph/Dialect/Ag/AgOps.h"

using namespace mlir;

namespace autograph::tracing {

::ag::Tensor MlirTracer::emit_tensor_array_create(const ::ag::Tensor &size,
                                                  ::ag::DType dtype, bool dynamic_size,
                                                  const std::string &name) {
  MLIRContext *context = builder_.getContext();
  Type element = tensorType(context, ::ag::TensorSpec{dtype, {}}).getElementType();
  return symbolic(builder_.create<mlir::ag::TensorArrayCreateOp>(
      here(), tensorType(context, ::ag::TensorSpec{::ag::DType::Int64, {}}),
      valueOf(size), element, dynamic_size, name));
}

void MlirTracer::emit_tensor_array_write(const ::ag::Tensor &handle, const ::ag::Tensor &index,
                                         const ::ag::Tensor &value) {
  builder_.create<mlir::ag::TensorArrayWriteOp>(here(), valueOf(handle), valueOf(index),
                                                valueOf(value));
}

::ag::Tensor MlirTracer::emit_tensor_array_read(const ::ag::Tensor &handle,
                                                const ::ag::Tensor &index,
                                                const ::ag::TensorSpec &element) {
  return symbolic(builder_.create<mlir::ag::TensorArrayReadOp>(
      here(), tensorType(builder_.getContext(), element), valueOf(handle), valueOf(index)));
}

::ag::Tensor MlirTracer::emit_tensor_array_stack(const ::ag::Tensor &handle,
                                                 const ::ag::TensorSpec &stacked) {
  return symbolic(builder_.create<mlir::ag::TensorArrayStackOp>(
      here(), tensorType(builder_.getContext(), stacked), valueOf(handle)));
}

::ag::Tensor MlirTracer::emit_tensor_array_size(const ::ag::Tensor &handle) {
  return symbolic(builder_.create<mlir::ag::TensorArraySizeOp>(
      here(), tensorType(builder_.getContext(), ::ag::TensorSpec{::ag::DType::Int32, {}}),
      valueOf(handle)));
}

void MlirTracer::emit_tensor_array_release(const ::ag::Tensor &handle) {
  builder_.create<mlir::ag::TensorArrayReleaseOp>(here(), valueOf(handle));
}

} // namespace autograph::tracing
