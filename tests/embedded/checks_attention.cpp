// tests/embedded/checks_attention.cpp - attention.hpp on the target, through the API of the
// design (cxla::attention(q, K, V) for one query): against a double reference built on
// newlib's exp and sqrt, and the span fact of the seed: the output is a convex combination
// of the value rows, so each coordinate lies between the values' minimum and maximum.
#include <array>

#include <cxla/cxla.hpp>
#if __has_include(<cxla/attention.hpp>)
#include <cxla/attention.hpp>
#define CXLA_EMBEDDED_HAVE_ATTENTION 1
#else
#define CXLA_EMBEDDED_HAVE_ATTENTION 0
#endif
// The shared property functions (tests/properties/attention_properties.hpp) need the
// library headers they test.
#if CXLA_EMBEDDED_HAVE_ATTENTION && __has_include("attention_properties.hpp")
#include "attention_properties.hpp"
#define CXLA_EMBEDDED_HAVE_ATTENTION_PROPERTIES 1
#else
#define CXLA_EMBEDDED_HAVE_ATTENTION_PROPERTIES 0
#endif

#include "inputs.hpp"
#include "reference.hpp"
#include "suites.hpp"

namespace cxla_embedded {
namespace {

template <class T, size_t N, size_t D, size_t DV>
void attention_at(checker& c, generator& g, int trials) {
  const double tol = sizeof(T) == sizeof(float) ? 2e-5 : 1e-13;
  for (int t = 0; t < trials; ++t) {
    const auto q = g.vector<T, D>(T(-2), T(2));
    const auto keys = g.matrix<T, N, D>(T(-2), T(2));
    const auto values = g.matrix<T, N, DV>(T(-10), T(10));
    const auto o = attention(opaque(q), opaque(keys), opaque(values));
    const auto expected = reference::attention(q, keys, values);
    bool close = true, convex = true;
    for (size_t j = 0; j < DV; ++j) {
      close = close && reference::close(static_cast<double>(o[j]), expected[j], tol, tol);
      T lo = values.data[0][j], hi = values.data[0][j];
      for (size_t i = 1; i < N; ++i) {
        lo = values.data[i][j] < lo ? values.data[i][j] : lo;
        hi = values.data[i][j] > hi ? values.data[i][j] : hi;
      }
      convex = convex && lo <= o[j] && o[j] <= hi;
    }
    CXLA_CHECK(c, close);
    CXLA_CHECK(c, convex);
  }
}

#if CXLA_EMBEDDED_HAVE_ATTENTION_PROPERTIES
// The properties of tests/properties/attention_properties.hpp (attention part), as the
// doctest suite runs them on the host.
template <class T>
void attention_properties(checker& c, generator& g) {
  c.group(sizeof(T) == sizeof(float) ? "attention properties (float)" : "attention properties (double)");
  for (int t = 0; t < 3; ++t) {
    const auto Q = opaque(g.matrix<T, 6, 8>(T(-2), T(2)));
    const auto K = opaque(g.matrix<T, 11, 8>(T(-2), T(2)));
    const auto V = opaque(g.matrix<T, 11, 5>(T(-2), T(2)));
    cxla::matrix<bool, 6, 11> mask{};
    for (size_t i = 0; i < 6; ++i)
      for (size_t j = 0; j < 11; ++j) mask.data[i][j] = i != 2 && g.value<int>(0, 3) != 0;  // query 2 sees nothing
    CXLA_CHECK(c, cxla_props::attention_output_is_convex_combination(cxla::row(Q, 0), K, V));
    CXLA_CHECK(c, cxla_props::multi_query_rows_are_single_queries(Q, K, V, mask));
    CXLA_CHECK(c, cxla_props::masked_attention_respects_mask(Q, K, V, mask));
    CXLA_CHECK(c, cxla_props::causal_attention_looks_back_only(opaque(g.matrix<T, 9, 8>(T(-2), T(2)))));
    const auto X = opaque(g.matrix<T, 7, 12>(T(-1), T(1)));
    CXLA_CHECK(c, cxla_props::multi_head_with_identity_is_blockwise<1>(X, cxla::causal_mask<7>()));
    CXLA_CHECK(c, cxla_props::multi_head_with_identity_is_blockwise<4>(X, cxla::no_mask<7, 7>()));
    CXLA_CHECK(c, cxla_props::multi_head_with_identity_is_blockwise<6>(X, cxla::causal_mask<7>()));
    const std::array<cxla::matrix<T, 7, 12>, 2> Xs{X, opaque(g.matrix<T, 7, 12>(T(-1), T(1)))};
    CXLA_CHECK(c, cxla_props::batched_is_per_item<3>(Xs, opaque(g.matrix<T, 12, 12>(T(-1), T(1))),
                                                     opaque(g.matrix<T, 12, 12>(T(-1), T(1))),
                                                     opaque(g.matrix<T, 12, 12>(T(-1), T(1))),
                                                     opaque(g.matrix<T, 12, 12>(T(-1), T(1)))));
  }
}
#endif

template <class T>
void attention_for(checker& c, generator& g) {
  using Q = cxla::vector<T, 16>;
  using M = cxla::matrix<T, 16, 16>;
  if constexpr (requires(Q q, M k, M v) { attention(q, k, v); }) {
    c.group(sizeof(T) == sizeof(float) ? "attention (float)" : "attention (double)");
    attention_at<T, 1, 2, 3>(c, g, 2);
    attention_at<T, 3, 2, 2>(c, g, 4);
    attention_at<T, 16, 16, 16>(c, g, 4);
    attention_at<T, 9, 5, 7>(c, g, 4);
#if CXLA_EMBEDDED_HAVE_ATTENTION_PROPERTIES
    attention_properties<T>(c, g);
#else
    c.skip("attention properties", "tests/properties/attention_properties.hpp not present yet");
#endif
  } else if (CXLA_EMBEDDED_HAVE_ATTENTION) {
    c.check(false, "attention.hpp exists but attention(vector<T, 16>, matrix<T, 16, 16>, matrix<T, 16, 16>) does not compile",
            __FILE__, __LINE__);
  } else {
    c.skip("attention", "cxla/attention.hpp not present yet");
  }
}

}  // namespace

void check_attention(checker& c) {
  generator g{0x5eed0004u};
  attention_for<double>(c, g);
  attention_for<float>(c, g);
}

}  // namespace cxla_embedded
