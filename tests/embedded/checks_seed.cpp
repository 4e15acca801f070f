// tests/embedded/checks_seed.cpp - the seed's two examples (seed/spans.md) on the target.
//   1. yhat = X w is the combination 2 X[:,0] - X[:,1] of X's columns.
//   2. Single-query attention: weights a = softmax(K q / sqrt(2)) are non-negative and sum
//      to 1, and o = a V is the convex combination a0 V0 + a1 V1 + a2 V2.
// Expected values of example 2 were computed on the host with Python's decimal module at 40
// significant digits (s = 1/sqrt(2); a0 = a2 = e^s / (2 e^s + 1); a1 = 1 / (2 e^s + 1)).
#include <cxla/cxla.hpp>
#if __has_include(<cxla/softmax.hpp>)
#include <cxla/softmax.hpp>
#endif
#if __has_include(<cxla/attention.hpp>)
#include <cxla/attention.hpp>
#endif

#include "inputs.hpp"
#include "suites.hpp"

namespace cxla_embedded {
namespace {

template <class T>
void seed_prediction(checker& c) {
  const auto X = opaque(cxla::matrix<T, 3, 2>{{{1, 2}, {3, 4}, {5, 6}}});
  const auto w = opaque(cxla::vector<T, 2>{{2, -1}});
  const auto yhat = X * w;
  CXLA_CHECK(c, yhat == cxla::vector<T, 3>{{0, 2, 4}});
  CXLA_CHECK(c, yhat == cxla::column_combination(X, w));
  CXLA_CHECK(c, yhat == T(2) * cxla::col(X, 0) - T(1) * cxla::col(X, 1));
  CXLA_CHECK(c, X(2, 1) == T(6) && w[1] == T(-1));
}

// Seed example 2 through the API the design promises (softmax(v) and attention(q, K, V));
// a requires-expression keeps the checker building while those are missing or differ.
constexpr double inv_sqrt2 = 0.7071067811865475244008443621048490392847;
constexpr double a0_expected = 0.4011120926797859103140104463112145416505;  // = a2
constexpr double a1_expected = 0.1977758146404281793719791073775709166991;
constexpr double o_expected[2] = {0.8022241853595718206280208926224290833010,
                                  0.7966637219606422690579686610663563750487};

template <class T, class Scores>
void seed_softmax(checker& c, const Scores& scores) {
  if constexpr (requires { softmax(scores); }) {
    c.group(sizeof(T) == sizeof(float) ? "seed: attention weights (float)" : "seed: attention weights (double)");
    const auto a = softmax(scores);
    const T tol = sizeof(T) == sizeof(float) ? T(4e-7) : T(4e-15);
    CXLA_CHECK(c, cxla::approx_equal(a[0], T(a0_expected), tol, tol));
    CXLA_CHECK(c, cxla::approx_equal(a[1], T(a1_expected), tol, tol));
    CXLA_CHECK(c, cxla::approx_equal(a[2], T(a0_expected), tol, tol));
    CXLA_CHECK(c, a[0] >= T(0) && a[1] >= T(0) && a[2] >= T(0));
    CXLA_CHECK(c, cxla::approx_equal(a[0] + a[1] + a[2], T(1), tol, tol));
  } else {
#if __has_include(<cxla/softmax.hpp>)
    c.check(false, "softmax.hpp exists but softmax(vector<T, 3>) does not compile", __FILE__, __LINE__);
#else
    c.skip("seed: attention weights", "cxla/softmax.hpp not present yet");
#endif
  }
}

template <class T, class Q, class K, class V>
void seed_attention_output(checker& c, const Q& q, const K& keys, const V& values) {
  if constexpr (requires { attention(q, keys, values); }) {
    c.group(sizeof(T) == sizeof(float) ? "seed: attention output (float)" : "seed: attention output (double)");
    const auto o = attention(q, keys, values);
    const T tol = sizeof(T) == sizeof(float) ? T(1e-6) : T(8e-15);
    CXLA_CHECK(c, cxla::approx_equal(o[0], T(o_expected[0]), tol, tol));
    CXLA_CHECK(c, cxla::approx_equal(o[1], T(o_expected[1]), tol, tol));
    // Convex combination: each coordinate within the values' range in that coordinate.
    for (cxla::size_t j = 0; j < 2; ++j) {
      T lo = values(0, j), hi = values(0, j);
      for (cxla::size_t i = 1; i < 3; ++i) {
        lo = values(i, j) < lo ? values(i, j) : lo;
        hi = values(i, j) > hi ? values(i, j) : hi;
      }
      CXLA_CHECK(c, lo <= o[j] && o[j] <= hi);
    }
  } else {
#if __has_include(<cxla/attention.hpp>)
    c.check(false, "attention.hpp exists but attention(vector<T, 2>, matrix<T, 3, 2>, matrix<T, 3, 2>) does not compile",
            __FILE__, __LINE__);
#else
    c.skip("seed: attention output", "cxla/attention.hpp not present yet");
#endif
  }
}

template <class T>
void seed_attention(checker& c) {
  const auto q = opaque(cxla::vector<T, 2>{{1, 0}});
  const auto keys = opaque(cxla::matrix<T, 3, 2>{{{1, 0}, {0, 1}, {1, 1}}});
  const auto values = opaque(cxla::matrix<T, 3, 2>{{{1, 0}, {0, 2}, {1, 1}}});
  // scores = K q / sqrt(d_k), d_k = 2: [1/sqrt(2), 0, 1/sqrt(2)]
  const auto scores = (keys * q) * T(inv_sqrt2);
  seed_softmax<T>(c, scores);
  seed_attention_output<T>(c, q, keys, values);
  // The seed's "combo" line: o equals a0 V0 + a1 V1 + a2 V2 with the softmax weights.
  if constexpr (requires { softmax(scores); attention(q, keys, values); }) {
    const auto a = softmax(scores);
    const auto o = attention(q, keys, values);
    const T tol = sizeof(T) == sizeof(float) ? T(1e-6) : T(8e-15);
    for (cxla::size_t j = 0; j < 2; ++j)
      CXLA_CHECK(c, cxla::approx_equal(o[j], a[0] * values(0, j) + a[1] * values(1, j) + a[2] * values(2, j), tol, tol));
  }
}

}  // namespace

void check_seed(checker& c) {
  c.group("seed: yhat = X w as a column combination");
  seed_prediction<double>(c);
  seed_prediction<float>(c);
  seed_prediction<int>(c);
  seed_attention<double>(c);
  seed_attention<float>(c);
}

}  // namespace cxla_embedded
