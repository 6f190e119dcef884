//===- Summary.cpp - ag::summary: writers, scalars, histograms ------------===//
//
// Eagerly a summary call writes to the thread's default writer at once.
// While a function is traced it records ag.summary_write (the tracer's
// emit_summary), which compiled code lowers to the runtime calls below:
// the write then happens each time the function runs, to the default writer
// of that moment, exactly as eager code would have written it.
//
//===----------------------------------------------------------------------===//
#include "autograph/Summary.h"

#include "EventFile.h"

#include "autograph/CompiledCodeABI.h"
#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include "../runtime/CompiledArguments.h"

#include <cstring>
#include <exception>

namespace ag {
void Tracer::emit_summary(const std::string &, const std::string &tag, const std::string &,
                          const Tensor &, const Tensor &, std::int64_t) {
  throw TracingError("ag::summary '" + tag + "': this tracer cannot record summaries");
}
} // namespace ag

namespace ag::summary {

SummaryWriter::SummaryWriter(std::shared_ptr<detail::EventFileWriter> writer)
    : writer_(std::move(writer)) {}

SummaryWriter::DefaultScope::DefaultScope(std::shared_ptr<detail::EventFileWriter> writer)
    : writer_(std::move(writer)) {
  detail::push_default_writer(writer_);
}

SummaryWriter::DefaultScope::DefaultScope(DefaultScope &&other) noexcept
    : writer_(std::move(other.writer_)) {}

SummaryWriter::DefaultScope::~DefaultScope() noexcept(false) {
  if (!writer_)
    return;
  detail::pop_default_writer();
  // TF flushes a writer when its as_default() context exits; a failure is
  // the caller's error, unless an exception is already on its way.
  if (std::uncaught_exceptions() == 0)
    writer_->flush();
}

SummaryWriter::DefaultScope SummaryWriter::as_default() const { return DefaultScope(writer_); }
void SummaryWriter::flush() const { writer_->flush(); }
void SummaryWriter::close() const { writer_->close(); }
const std::string &SummaryWriter::path() const { return writer_->path(); }

SummaryWriter create_file_writer(const std::string &logdir, int max_queue, int flush_millis,
                                 const std::string &filename_suffix) {
  return SummaryWriter(std::make_shared<detail::EventFileWriter>(logdir, max_queue, flush_millis,
                                                                 filename_suffix));
}

namespace {
void checkStep(const char *op, const Tensor &step) {
  if (!step.defined() || step.rank() != 0 || !is_integer(step.dtype()))
    throw InvalidArgumentError(std::string("summary.") + op +
                               ": step must be a 0-d integer tensor, got " +
                               (step.defined() ? dtype_name(step.dtype()) + format_shape(step.shape())
                                               : std::string("an undefined tensor")));
}

void checkNumbers(const char *op, const Tensor &data) {
  if (!data.defined() || data.dtype() == DType::Bool)
    throw InvalidArgumentError(std::string("summary.") + op + ": data must be numbers, got " +
                               (data.defined() ? dtype_name(data.dtype()) : "an undefined tensor"));
}
} // namespace

// Eagerly without a default writer a call only checks its arguments: no
// tensor is made (a training loop may call it every step).
bool scalar(const std::string &name, const Tensor &data, const Tensor &step,
            const std::string &description) {
  checkNumbers("scalar", data);
  if (data.rank() != 0)
    throw InvalidArgumentError("summary.scalar: data must be a scalar (0-d) tensor, got shape " +
                               format_shape(data.shape()));
  checkStep("scalar", step);
  if (Tracer *tracer = current_tracer()) {
    tracer->emit_summary("scalars", name, description, cast(data, DType::Float32),
                         cast(step, DType::Int64), 0);
    return true;
  }
  std::shared_ptr<detail::EventFileWriter> writer = detail::default_writer();
  if (!writer)
    return false;
  writer->write_scalar(name, data.to_vector<float>()[0], step.to_vector<std::int64_t>()[0],
                       description);
  return true;
}

bool scalar(const std::string &name, const Tensor &data, std::int64_t step,
            const std::string &description) {
  return scalar(name, data, constant(step), description);
}

bool histogram(const std::string &name, const Tensor &data, const Tensor &step, int buckets,
               const std::string &description) {
  if (buckets <= 0)
    throw InvalidArgumentError("summary.histogram: buckets must be positive, got " +
                               std::to_string(buckets));
  checkNumbers("histogram", data);
  checkStep("histogram", step);
  if (Tracer *tracer = current_tracer()) {
    tracer->emit_summary("histograms", name, description, cast(data, DType::Float64),
                         cast(step, DType::Int64), buckets);
    return true;
  }
  std::shared_ptr<detail::EventFileWriter> writer = detail::default_writer();
  if (!writer)
    return false;
  std::vector<double> flat = data.to_vector<double>();
  writer->write_histogram(name,
                          detail::histogram_rows(flat.data(),
                                                 static_cast<std::int64_t>(flat.size()), buckets),
                          step.to_vector<std::int64_t>()[0], description);
  return true;
}

bool histogram(const std::string &name, const Tensor &data, std::int64_t step, int buckets,
               const std::string &description) {
  return histogram(name, data, constant(step), buckets, description);
}

} // namespace ag::summary

//===--- The C ABI of compiled code (CompiledCodeABI.def) -----------------===//

namespace {
template <class F> void writing(F &&write) noexcept {
  if (ag::compiled::has_pending_error())
    return;
  try {
    if (std::shared_ptr<ag::summary::detail::EventFileWriter> writer =
            ag::summary::detail::default_writer())
      write(*writer);
  } catch (const std::exception &error) {
    ag::compiled::report_error(error.what());
  }
}
} // namespace

extern "C" void agrt_memref_summary_scalar(const char *, const char *tag, int64_t tagOffset,
                                           int64_t tagSize, int64_t tagStride, const char *,
                                           const char *description, int64_t descriptionOffset,
                                           int64_t descriptionSize, int64_t descriptionStride,
                                           int64_t rank, const void *value, int64_t step) {
  writing([&](ag::summary::detail::EventFileWriter &writer) {
    ag::detail::RankedDescriptorView view = ag::detail::view_descriptor(rank, value);
    float number;
    std::memcpy(&number, view.aligned + view.offset * 4, sizeof number);
    writer.write_scalar(ag::detail::text_argument(tag, tagOffset, tagSize, tagStride), number,
                        step,
                        ag::detail::text_argument(description, descriptionOffset,
                                                  descriptionSize, descriptionStride));
  });
}

extern "C" void agrt_memref_summary_histogram(const char *, const char *tag, int64_t tagOffset,
                                              int64_t tagSize, int64_t tagStride, const char *,
                                              const char *description,
                                              int64_t descriptionOffset,
                                              int64_t descriptionSize,
                                              int64_t descriptionStride, int64_t rank,
                                              const void *values, int64_t buckets,
                                              int64_t step) {
  writing([&](ag::summary::detail::EventFileWriter &writer) {
    std::vector<char> bytes = ag::detail::row_major_bytes(
        ag::detail::view_descriptor(rank, values), rank, sizeof(double));
    std::vector<double> flat(bytes.size() / sizeof(double));
    if (!flat.empty())
      std::memcpy(flat.data(), bytes.data(), bytes.size());
    writer.write_histogram(
        ag::detail::text_argument(tag, tagOffset, tagSize, tagStride),
        ag::summary::detail::histogram_rows(flat.data(), static_cast<std::int64_t>(flat.size()),
                                            static_cast<int>(buckets)),
        step,
        ag::detail::text_argument(description, descriptionOffset, descriptionSize,
                                  descriptionStride));
  });
}
