//===- SummaryTracing.cpp - ag::summary calls in a trace ------------------===//
//
// A summary call records ag.summary_write where the program makes it (its
// memory effect keeps it in order with prints and other writes); the write
// happens at run time. Data and step known while tracing are constants.
//
//===----------------------------------------------------------------------===//
#include "MlirTracer.h"

#include "autograph/Dialect/Ag/AgOps.h"

using namespace mlir;

namespace autograph::tracing {

void MlirTracer::emit_summary(const std::string &plugin, const std::string &tag,
                              const std::string &description, const ::ag::Tensor &data,
                              const ::ag::Tensor &step, std::int64_t buckets) {
  builder_.create<mlir::ag::SummaryWriteOp>(here(), plugin, tag, valueOf(data), valueOf(step),
                                            description, buckets);
}

} // namespace autograph::tracing
