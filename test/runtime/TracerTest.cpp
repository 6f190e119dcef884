// The op layer's tracing hook, exercised with a recording tracer.
#include "TensorTestUtil.h"

#include <string>
#include <vector>

namespace {

struct Recorded {
  ag::OpKind kind;
  std::vector<ag::TensorSpec> inputs;
  std::vector<bool> symbolic;
  ag::OpAttrs attrs;
  ag::TensorSpec result;
};

class RecordingTracer : public ag::Tracer {
public:
  std::vector<Recorded> ops;
  std::vector<std::string> prints;
  std::vector<std::string> asserts;
  int next = 1;

  ag::Tensor emit(ag::OpKind kind, ag::Span<const ag::Tensor> inputs,
                  const ag::OpAttrs &attrs, const ag::TensorSpec &result) override {
    Recorded r{kind, {}, {}, attrs, result};
    for (const ag::Tensor &t : inputs) {
      r.inputs.push_back(t.spec());
      r.symbolic.push_back(t.is_symbolic());
    }
    ops.push_back(r);
    return ag::Tensor::symbolic(result.dtype, result.shape,
                                reinterpret_cast<void *>(static_cast<std::intptr_t>(next++)));
  }
  void emit_print(ag::Span<const ag::PrintArg> args) override {
    std::string s;
    for (const ag::PrintArg &a : args)
      s += a.kind == ag::PrintArg::Kind::Tensor ? "<tensor>" : a.text + "|";
    prints.push_back(s);
  }
  void emit_assert(const ag::Tensor &c, const std::string &message,
                   const ag::SourceLocation &where) override {
    asserts.push_back(message + "@" + std::to_string(where.line) +
                      (c.is_symbolic() ? " symbolic" : " concrete"));
  }
  ag::Tensor emit_dim(const ag::Tensor &, std::int64_t axis) override {
    dims.push_back(axis);
    return ag::Tensor::symbolic(ag::int64, {},
                                reinterpret_cast<void *>(static_cast<std::intptr_t>(next++)));
  }
  void emit_check(const ag::Tensor &, const std::string &message) override {
    checks.push_back(message);
  }
  std::vector<std::int64_t> dims;
  std::vector<std::string> checks;
};

} // namespace

TEST(TracerTest, SymbolicTensorsCarryTypeAndHandle) {
  RecordingTracer tracer;
  ag::TracerScope scope(&tracer);
  int dummy = 0;
  ag::Tensor x = ag::Tensor::symbolic(ag::float32, {-1, 784}, &dummy);
  EXPECT_TRUE(x.is_symbolic());
  EXPECT_EQ(x.handle(), &dummy);
  EXPECT_EQ(x.tracer(), &tracer);
  EXPECT_EQ(x.shape(), (ag::Shape{-1, 784}));
  EXPECT_EQ(x.num_elements(), -1);
  EXPECT_EQ(ag::format_spec(x.spec()), "f32[?,784]");
  EXPECT_EQ(ag::constant(1).handle(), nullptr);
}

TEST(TracerTest, OpsOnSymbolicInputsAreEmittedWithExplicitBroadcasts) {
  RecordingTracer tracer;
  ag::TracerScope scope(&tracer);
  ag::Tensor x = ag::Tensor::symbolic(ag::float32, {-1, 3}, nullptr);
  ag::Tensor b = ag::constant({1.f, 2.f, 3.f});
  ag::Tensor y = x + b;
  ASSERT_EQ(tracer.ops.size(), 2u);
  EXPECT_EQ(tracer.ops[0].kind, ag::OpKind::BroadcastTo);
  EXPECT_EQ(tracer.ops[0].attrs.shape, (ag::Shape{-1, 3}));
  EXPECT_FALSE(tracer.ops[0].symbolic[0]); // the concrete bias, to capture
  // The run-time size of the unknown extent is x's dimension 0, an input of
  // the broadcast; one unknown extent under a static one needs no check.
  ASSERT_EQ(tracer.ops[0].inputs.size(), 2u);
  EXPECT_TRUE(tracer.ops[0].symbolic[1]);
  EXPECT_EQ(tracer.dims, (std::vector<std::int64_t>{0}));
  EXPECT_TRUE(tracer.checks.empty());
  EXPECT_EQ(tracer.ops[1].kind, ag::OpKind::Add);
  EXPECT_EQ(tracer.ops[1].result, (ag::TensorSpec{ag::float32, {-1, 3}}));
  EXPECT_TRUE(y.is_symbolic());

  ag::Tensor s = ag::reduce_sum(y, 1, true);
  EXPECT_EQ(tracer.ops.back().kind, ag::OpKind::Reduce);
  EXPECT_EQ(tracer.ops.back().attrs.axes, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(s.shape(), (ag::Shape{-1, 1}));

  ag::Tensor w = ag::Tensor::symbolic(ag::float32, {3, 10}, nullptr);
  EXPECT_EQ(ag::matmul(x, w).shape(), (ag::Shape{-1, 10}));
  EXPECT_EQ((x > 0.f).dtype(), ag::boolean);
  EXPECT_EQ(tracer.ops.back().kind, ag::OpKind::Compare);
  EXPECT_EQ(tracer.ops.back().attrs.predicate, ag::ComparePredicate::GT);
  EXPECT_EQ(ag::reshape(x, {-1}).shape(), (ag::Shape{-1}));
  EXPECT_EQ(ag::range(ag::Tensor::symbolic(ag::int32, {}, nullptr)).shape(),
            (ag::Shape{-1}));
  EXPECT_EQ(x[0].shape(), (ag::Shape{3}));
}

TEST(TracerTest, ConcreteOpsStillRunEagerlyWhileTracing) {
  RecordingTracer tracer;
  ag::TracerScope scope(&tracer);
  ag::Tensor c = ag::constant(2) + ag::constant(3);
  EXPECT_FALSE(c.is_symbolic());
  EXPECT_EQ(c.item<int>(), 5);
  EXPECT_TRUE(tracer.ops.empty());
}

TEST(TracerTest, ErrorsAreTheSameAsEager) {
  RecordingTracer tracer;
  ag::TracerScope scope(&tracer);
  ag::Tensor x = ag::Tensor::symbolic(ag::float32, {2, 3}, nullptr);
  agtest::expect_invalid([&] { x + ag::zeros({4}); },
                         "add: incompatible shapes [2,3] and [4]");
  agtest::expect_invalid([&] { x + ag::zeros({3}, ag::int32); },
                         "add: dtype mismatch float32 vs int32 (use ag::cast)");
  agtest::expect_invalid([&] { ag::reshape(x, {4}); },
                         "reshape: cannot reshape a tensor of shape [2,3] (6 elements)");
  agtest::expect_invalid([&] { x[5]; }, "index: index 5 is out of range for shape [2,3]");
}

TEST(TracerTest, TruthValueOfASymbolicTensorIsATracingError) {
  RecordingTracer tracer;
  ag::TracerScope scope(&tracer);
  ag::Tensor c = ag::Tensor::symbolic(ag::boolean, {}, nullptr);
  try {
    if (c) {
    }
    FAIL() << "no exception";
  } catch (const ag::TracingError &e) {
    EXPECT_NE(std::string(e.what()).find("autograph-cc"), std::string::npos);
  }
  EXPECT_THROW(c.item<bool>(), ag::TracingError);
  EXPECT_THROW(ag::format_tensor(c), ag::TracingError);
}

TEST(TracerTest, PrintAndAssertAreRecorded) {
  RecordingTracer tracer;
  {
    ag::TracerScope scope(&tracer);
    ag::Tensor x = ag::Tensor::symbolic(ag::int32, {}, nullptr);
    ag::print("x:", x);
    ag::Assert(x > 0, "positive");
    ag::Assert(ag::constant(true), "constant");
  }
  ASSERT_EQ(tracer.prints.size(), 1u);
  // ag::print's separators and newline are pieces of their own.
  EXPECT_EQ(tracer.prints[0], "x:| |<tensor>\n|");
  ASSERT_EQ(tracer.asserts.size(), 2u);
  EXPECT_NE(tracer.asserts[0].find("positive@"), std::string::npos);
  EXPECT_NE(tracer.asserts[0].find("symbolic"), std::string::npos);
  EXPECT_NE(tracer.asserts[1].find("concrete"), std::string::npos);
}

TEST(TracerTest, ScopesNestAndRestore) {
  RecordingTracer a, b;
  EXPECT_EQ(ag::current_tracer(), nullptr);
  {
    ag::TracerScope sa(&a);
    EXPECT_EQ(ag::current_tracer(), &a);
    {
      ag::TracerScope sb(&b);
      EXPECT_EQ(ag::current_tracer(), &b);
      ag::TracerScope none(nullptr);
      EXPECT_EQ(ag::current_tracer(), nullptr);
    }
    EXPECT_EQ(ag::current_tracer(), &a);
  }
  EXPECT_EQ(ag::current_tracer(), nullptr);
}

TEST(TracerTest, SymbolicTensorOutsideItsTraceIsATracingError) {
  ag::Tensor x = ag::Tensor::symbolic(ag::float32, {2}, nullptr, nullptr);
  EXPECT_THROW(x + x, ag::TracingError);
  EXPECT_THROW(ag::exp(x), ag::TracingError);
}

TEST(TracerTest, InferOpIsPublic) {
  const ag::Tensor in[] = {ag::zeros({2, 3})};
  ag::OpAttrs attrs;
  attrs.perm = {1, 0};
  EXPECT_EQ(ag::infer_op(ag::OpKind::Transpose, in, attrs),
            (ag::TensorSpec{ag::float32, {3, 2}}));
  EXPECT_STREQ(ag::op_name(ag::OpKind::BroadcastTo), "broadcast_to");
  EXPECT_STREQ(ag::op_name(ag::OpKind::Matmul), "matmul");
}

namespace {
class CountingObserver : public ag::OpObserver {
public:
  std::vector<ag::OpKind> kinds;
  void record(ag::OpKind kind, ag::Span<const ag::Tensor>, const ag::OpAttrs &,
              const ag::Tensor &) override {
    kinds.push_back(kind);
  }
};
} // namespace

TEST(TracerTest, ObserverSeesExplicitBroadcasts) {
  CountingObserver obs;
  ag::Tensor r;
  {
    ag::OpObserverScope scope(&obs);
    r = ag::constant({1.f, 2.f}) * 3.f;
  }
  ASSERT_EQ(obs.kinds.size(), 2u);
  EXPECT_EQ(obs.kinds[0], ag::OpKind::BroadcastTo);
  EXPECT_EQ(obs.kinds[1], ag::OpKind::Mul);
  agtest::expect_tensor<float>(r, ag::float32, {2}, {3.f, 6.f});
}
