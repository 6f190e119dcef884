// The Eigen kernels (with their axis merging) against naive loops, over many
// random shapes: broadcasting, transpose, reductions, concat.
#include "TensorTestUtil.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace {

using Shape = ag::Shape;

std::int64_t count(const Shape &s) {
  std::int64_t n = 1;
  for (auto d : s)
    n *= d;
  return n;
}

std::vector<std::int64_t> strides_of(const Shape &s) {
  std::vector<std::int64_t> st(s.size());
  std::int64_t acc = 1;
  for (std::size_t i = s.size(); i-- > 0;) {
    st[i] = acc;
    acc *= s[i];
  }
  return st;
}

// Multi-index of flat position `flat` in shape `s`.
std::vector<std::int64_t> unravel(std::int64_t flat, const Shape &s) {
  std::vector<std::int64_t> idx(s.size());
  for (std::size_t i = s.size(); i-- > 0;) {
    idx[i] = flat % s[i];
    flat /= s[i];
  }
  return idx;
}

Shape random_shape(std::mt19937 &rng, int max_rank) {
  int rank = std::uniform_int_distribution<int>(0, max_rank)(rng);
  Shape s(rank);
  for (auto &d : s)
    d = std::uniform_int_distribution<int>(1, 3)(rng);
  return s;
}

ag::Tensor iota(const Shape &s, int offset = 0) {
  std::vector<int> v(count(s));
  std::iota(v.begin(), v.end(), offset);
  return ag::constant(v, s);
}

} // namespace

TEST(ReferenceCheckTest, BroadcastingBinaryOps) {
  std::mt19937 rng(1);
  for (int iter = 0; iter < 300; ++iter) {
    Shape out = random_shape(rng, 5);
    // Each operand: a suffix of `out` with some extents replaced by 1.
    auto operand = [&] {
      int drop = std::uniform_int_distribution<int>(0, static_cast<int>(out.size()))(rng);
      Shape s(out.begin() + drop, out.end());
      for (auto &d : s)
        if (rng() % 3 == 0)
          d = 1;
      return s;
    };
    Shape sa = operand(), sb = operand();
    ag::Tensor a = iota(sa), b = iota(sb, 100);
    ag::Tensor got = a * 1000 + b;
    Shape expect_shape = ag::broadcast_shapes(sa, sb, "test");
    ASSERT_EQ(got.shape(), expect_shape);
    std::vector<int> g = got.to_vector<int>();
    // broadcast_to alone must give a's element at each position.
    std::vector<int> bt = ag::broadcast_to(a, expect_shape).to_vector<int>();
    auto sta = strides_of(sa), stb = strides_of(sb);
    for (std::int64_t f = 0; f < count(expect_shape); ++f) {
      auto idx = unravel(f, expect_shape);
      std::int64_t ia = 0, ib = 0;
      for (std::size_t k = 0; k < sa.size(); ++k) {
        std::int64_t i = idx[idx.size() - sa.size() + k];
        ia += (sa[k] == 1 ? 0 : i) * sta[k];
      }
      for (std::size_t k = 0; k < sb.size(); ++k) {
        std::int64_t i = idx[idx.size() - sb.size() + k];
        ib += (sb[k] == 1 ? 0 : i) * stb[k];
      }
      ASSERT_EQ(g[f], int(ia * 1000 + 100 + ib))
          << ag::format_shape(sa) << " " << ag::format_shape(sb) << " at " << f;
      ASSERT_EQ(bt[f], int(ia)) << ag::format_shape(sa) << " to "
                                << ag::format_shape(expect_shape);
    }
  }
}

TEST(ReferenceCheckTest, Transpose) {
  std::mt19937 rng(2);
  for (int iter = 0; iter < 300; ++iter) {
    Shape s = random_shape(rng, 6);
    std::vector<std::int64_t> perm(s.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    for (ag::DType d : {ag::int32, ag::int64, ag::boolean}) {
      ag::Tensor x = ag::cast(iota(s), d == ag::boolean ? ag::int32 : d);
      if (d == ag::boolean)
        x = (x % 3) == 0;
      ag::Tensor y = ag::transpose(x, perm);
      Shape os(s.size());
      for (std::size_t i = 0; i < s.size(); ++i)
        os[i] = s[perm[i]];
      ASSERT_EQ(y.shape(), os);
      std::vector<std::int64_t> yv = ag::cast(y, ag::int64).to_vector<std::int64_t>();
      auto st = strides_of(s);
      for (std::int64_t f = 0; f < count(os); ++f) {
        auto idx = unravel(f, os);
        std::int64_t src = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
          src += idx[i] * st[perm[i]];
        std::int64_t expected = d == ag::boolean ? (src % 3 == 0) : src;
        ASSERT_EQ(yv[f], expected) << ag::format_shape(s) << " perm " << ag::format_shape(perm);
      }
    }
  }
}

TEST(ReferenceCheckTest, Reductions) {
  std::mt19937 rng(3);
  for (int iter = 0; iter < 300; ++iter) {
    Shape s = random_shape(rng, 5);
    std::vector<std::int64_t> axes;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(s.size()); ++i)
      if (rng() % 2)
        axes.push_back(i);
    bool keep = rng() % 2;
    // Values with a pattern so that max/min positions vary.
    std::vector<int> v(count(s));
    for (std::size_t i = 0; i < v.size(); ++i)
      v[i] = int((i * 7919) % 101) - 50;
    ag::Tensor x = ag::constant(v, s);
    ag::Tensor sum = ag::reduce_sum(x, axes, keep);
    ag::Tensor mx = ag::reduce_max(x, axes, keep);
    ag::Tensor mn = ag::reduce_min(x, axes, keep);
    ag::Tensor mean = ag::reduce_mean(ag::cast(x, ag::float64), axes, keep);
    Shape os;
    std::vector<bool> red(s.size(), false);
    for (auto a : axes)
      red[a] = true;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (!red[i])
        os.push_back(s[i]);
      else if (keep)
        os.push_back(1);
    ASSERT_EQ(sum.shape(), os);
    // Naive: accumulate into output positions.
    Shape kept; // shape without reduced axes
    for (std::size_t i = 0; i < s.size(); ++i)
      if (!red[i])
        kept.push_back(s[i]);
    std::int64_t n_out = count(kept);
    std::vector<long> es(n_out, 0), emax(n_out, -1000), emin(n_out, 1000), cnt(n_out, 0);
    auto kst = strides_of(kept);
    for (std::int64_t f = 0; f < count(s); ++f) {
      auto idx = unravel(f, s);
      std::int64_t o = 0, k = 0;
      for (std::size_t i = 0; i < s.size(); ++i)
        if (!red[i])
          o += idx[i] * kst[k++];
      es[o] += v[f];
      emax[o] = std::max<long>(emax[o], v[f]);
      emin[o] = std::min<long>(emin[o], v[f]);
      cnt[o]++;
    }
    auto gs = sum.to_vector<int>(), gx = mx.to_vector<int>(), gn = mn.to_vector<int>();
    auto gm = mean.to_vector<double>();
    for (std::int64_t o = 0; o < n_out; ++o) {
      ASSERT_EQ(gs[o], es[o]) << ag::format_shape(s) << " axes " << ag::format_shape(axes);
      ASSERT_EQ(gx[o], emax[o]);
      ASSERT_EQ(gn[o], emin[o]);
      ASSERT_NEAR(gm[o], double(es[o]) / cnt[o], 1e-12);
    }
  }
}

TEST(ReferenceCheckTest, ConcatAndArgMax) {
  std::mt19937 rng(4);
  for (int iter = 0; iter < 200; ++iter) {
    Shape s = random_shape(rng, 4);
    if (s.empty())
      s.push_back(2);
    std::int64_t axis = std::uniform_int_distribution<std::int64_t>(
        0, static_cast<std::int64_t>(s.size()) - 1)(rng);
    Shape s2 = s;
    s2[axis] = std::uniform_int_distribution<int>(0, 3)(rng);
    ag::Tensor a = iota(s), b = iota(s2, 1000);
    ag::Tensor c = ag::concat({a, b}, axis);
    Shape os = s;
    os[axis] += s2[axis];
    ASSERT_EQ(c.shape(), os);
    auto cv = c.to_vector<int>();
    auto sa = strides_of(s), sb = strides_of(s2);
    for (std::int64_t f = 0; f < count(os); ++f) {
      auto idx = unravel(f, os);
      int expected;
      if (idx[axis] < s[axis]) {
        std::int64_t p = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
          p += idx[i] * sa[i];
        expected = int(p);
      } else {
        idx[axis] -= s[axis];
        std::int64_t p = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
          p += idx[i] * sb[i];
        expected = int(1000 + p);
      }
      ASSERT_EQ(cv[f], expected);
    }
    // argmax of a pattern along `axis`.
    std::vector<int> v(count(s));
    for (std::size_t i = 0; i < v.size(); ++i)
      v[i] = int((i * 31) % 7);
    ag::Tensor am = ag::argmax(ag::constant(v, s), axis);
    auto amv = am.to_vector<std::int64_t>();
    Shape rs;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (std::int64_t(i) != axis)
        rs.push_back(s[i]);
    ASSERT_EQ(am.shape(), rs);
    for (std::int64_t o = 0; o < count(rs); ++o) {
      auto ridx = unravel(o, rs);
      std::int64_t best = -1;
      int best_v = -1;
      for (std::int64_t k = 0; k < s[axis]; ++k) {
        std::vector<std::int64_t> idx;
        std::size_t r = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
          idx.push_back(std::int64_t(i) == axis ? k : ridx[r++]);
        std::int64_t p = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
          p += idx[i] * sa[i];
        if (v[p] > best_v) {
          best_v = v[p];
          best = k;
        }
      }
      ASSERT_EQ(amv[o], best);
    }
  }
}

TEST(ReferenceCheckTest, FloatMathMatchesLibm) {
  // Vectorised Eigen approximations stay within 2e-6 relative of libm (the
  // equivalence guarantee allows 1e-5).
  std::vector<float> xs;
  for (int i = -4000; i <= 4000; ++i)
    xs.push_back(i * 0.005f); // [-20, 20]
  ag::Tensor x = ag::constant(xs);
  auto tanh_v = ag::tanh(x).to_vector<float>();
  auto sig_v = ag::sigmoid(x).to_vector<float>();
  auto exp_v = ag::exp(x).to_vector<float>();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    double v = xs[i];
    double t = std::tanh(v), s = 1.0 / (1.0 + std::exp(-v)), e = std::exp(v);
    ASSERT_NEAR(tanh_v[i], t, 2e-6 * std::fabs(t) + 1e-7) << "tanh(" << v << ")";
    ASSERT_NEAR(sig_v[i], s, 2e-6 * std::fabs(s) + 1e-7) << "sigmoid(" << v << ")";
    ASSERT_NEAR(exp_v[i], e, 2e-6 * std::fabs(e)) << "exp(" << v << ")";
  }
  std::vector<float> ps;
  for (int i = 1; i <= 4000; ++i)
    ps.push_back(i * 0.025f); // (0, 100]
  auto log_v = ag::log(ag::constant(ps)).to_vector<float>();
  auto sqrt_v = ag::sqrt(ag::constant(ps)).to_vector<float>();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    ASSERT_NEAR(log_v[i], std::log(double(ps[i])), 2e-6 * std::fabs(std::log(double(ps[i]))) + 1e-7);
    ASSERT_NEAR(sqrt_v[i], std::sqrt(double(ps[i])), 2e-6 * std::sqrt(double(ps[i])));
  }
}

TEST(ReferenceCheckTest, IntegerArithmeticMatchesCxx) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> dist(-1000, 1000);
  std::vector<int> a(2000), b(2000);
  for (int i = 0; i < 2000; ++i) {
    a[i] = dist(rng);
    do
      b[i] = dist(rng) / 50;
    while (b[i] == 0);
  }
  ag::Tensor ta = ag::constant(a), tb = ag::constant(b);
  auto q = (ta / tb).to_vector<int>(), r = (ta % tb).to_vector<int>();
  auto mx = ag::maximum(ta, tb).to_vector<int>();
  auto lt = (ta < tb).to_vector<bool>();
  for (int i = 0; i < 2000; ++i) {
    ASSERT_EQ(q[i], a[i] / b[i]) << a[i] << " / " << b[i];
    ASSERT_EQ(r[i], a[i] % b[i]) << a[i] << " % " << b[i];
    ASSERT_EQ(mx[i], std::max(a[i], b[i]));
    ASSERT_EQ(lt[i], a[i] < b[i]);
  }
  ag::Tensor la = ag::cast(ta, ag::int64), lb = ag::cast(tb, ag::int64);
  auto q64 = (la / lb).to_vector<std::int64_t>();
  auto r64 = (la % lb).to_vector<std::int64_t>();
  for (int i = 0; i < 2000; ++i) {
    ASSERT_EQ(q64[i], std::int64_t(a[i]) / b[i]);
    ASSERT_EQ(r64[i], std::int64_t(a[i]) % b[i]);
  }
}
