//===- ArrayGradients.cpp - TensorArray reads and writes on a tape --------===//
//
// A tape records a TensorArray write of a value it has connected to a
// watched tensor, and then every read and stack of that array. In the
// backward pass each such array has an array of adjoints, one per element
// (zeros at first): a read's adjoint is added to its element's, a stack's
// to every element's, and a write takes its element's adjoint (the value's
// adjoint) and clears it (an overwritten value gets none, as in TF). The
// adjoint arrays are created before the backward pass, so that a backward
// loop writes and reads the same one in every iteration.
//
//===----------------------------------------------------------------------===//
#include "Tape.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/TensorArray.h"

namespace ag::detail {

const void *array_key(const TensorArray &array) {
  return array.state() ? static_cast<const void *>(array.state().get())
                       : array.traced_handle().id();
}

void record_array_op(ArrayOp op, const TensorArray &array, const Tensor &index,
                     const Tensor &value) {
  auto record = std::make_shared<ArrayRecord>(ArrayRecord{op, array, index, value, array_key(array)});
  TapeEntry entry{OpKind::Constant, {}, {}, Tensor()};
  if (op == ArrayOp::Write)
    entry.inputs = {value};
  else
    entry.output = value;
  entry.array = record;
  // In a staged region, the region's record has it (the region's gradient
  // handles it); at the top level, the tapes' records do.
  bool inRegion = record_array_in_region(entry);
  for (TapeState *tape : recording_tapes()) {
    if (!tape->recording)
      continue;
    if (op == ArrayOp::Write) {
      if (!carries_gradient(value.dtype()) || !tape->connected.count(value.id()))
        continue;
      tape->connectedArrays.insert(record->key);
      if (!inRegion)
        tape->entries.push_back(entry);
    } else if (tape->connectedArrays.count(record->key)) {
      if (!inRegion)
        tape->entries.push_back(entry);
      tape->connected.insert(value.id());
    }
  }
}

namespace {
void collectArrays(const std::vector<TapeEntry> &entries, const TapeState &tape,
                   std::vector<const ArrayRecord *> &arrays) {
  for (const TapeEntry &entry : entries) {
    if (entry.array && tape.connectedArrays.count(entry.array->key))
      arrays.push_back(entry.array.get());
    if (entry.cond)
      for (const auto &branch : entry.cond->branches)
        collectArrays(branch, tape, arrays);
    if (entry.loop)
      collectArrays(entry.loop->body, tape, arrays);
  }
}
} // namespace

bool writes_connected_arrays(const TapeEntry &entry, const TapeState &tape) {
  std::vector<const ArrayRecord *> arrays;
  collectArrays({entry}, tape, arrays);
  for (const ArrayRecord *record : arrays)
    if (record->op == ArrayOp::Write)
      return true;
  return false;
}

void create_adjoint_arrays(const TapeState &tape) {
  tape.adjointArrays.clear();
  std::vector<const ArrayRecord *> arrays;
  collectArrays(tape.entries, tape, arrays);
  for (const ArrayRecord *record : arrays) {
    if (tape.adjointArrays.count(record->key))
      continue;
    const TensorArray &array = record->array;
    TensorArray adjoints(array.dtype(), array.size(), /*dynamic_size=*/false,
                         array.name() + " (adjoints)");
    adjoints.unstack(zeros_like(array.stack()));
    tape.adjointArrays.emplace(record->key, adjoints);
  }
}

void array_gradient(const TapeEntry &entry, const TapeState &tape, const Adjoints &values,
                    Adjoints &adjoints) {
  const ArrayRecord &record = *entry.array;
  auto found = tape.adjointArrays.find(record.key);
  if (found == tape.adjointArrays.end())
    return; // an array no connected value was written to
  TensorArray &elements = found->second;
  Tensor index = value_in(values, record.index);
  switch (record.op) {
  case ArrayOp::Read: {
    auto adjoint = adjoints.find(record.value.id());
    if (adjoint != adjoints.end())
      elements.write(index, elements.read(index) + adjoint->second);
    return;
  }
  case ArrayOp::Stack: {
    auto adjoint = adjoints.find(record.value.id());
    if (adjoint != adjoints.end())
      elements.unstack(elements.stack() + adjoint->second);
    return;
  }
  case ArrayOp::Write: {
    Tensor adjoint = elements.read(index);
    if (carries_gradient(record.value.dtype()))
      accumulate(adjoints, record.value, adjoint);
    elements.write(index, zeros_like(adjoint));
    return;
  }
  }
}

} // namespace ag::detail
