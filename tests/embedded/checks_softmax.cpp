// tests/embedded/checks_softmax.cpp - softmax.hpp on the target, through the API of the
// design (cxla::softmax(vector) -> vector): against a double reference built on newlib's
// exp, plus the exact facts (weights in [0, 1], sum 1, order kept, shift invariance).
#include <limits>

#include <cxla/cxla.hpp>
#if __has_include(<cxla/softmax.hpp>)
#include <cxla/softmax.hpp>
#define CXLA_EMBEDDED_HAVE_SOFTMAX 1
#else
#define CXLA_EMBEDDED_HAVE_SOFTMAX 0
#endif

// The shared property functions need softmax.hpp, attention.hpp and spans.hpp.
#if CXLA_EMBEDDED_HAVE_SOFTMAX && __has_include(<cxla/attention.hpp>) && __has_include("attention_properties.hpp")
#include "attention_properties.hpp"
#define CXLA_EMBEDDED_HAVE_SOFTMAX_PROPERTIES 1
#else
#define CXLA_EMBEDDED_HAVE_SOFTMAX_PROPERTIES 0
#endif

#include "inputs.hpp"
#include "reference.hpp"
#include "suites.hpp"

namespace cxla_embedded {
namespace {

template <class T, size_t N>
void softmax_at(checker& c, generator& g, int trials) {
  const double tol = sizeof(T) == sizeof(float) ? 1e-6 : 1e-14;
  for (int t = 0; t < trials; ++t) {
    const auto s = g.vector<T, N>(T(-20), T(20));
    const auto a = softmax(opaque(s));
    const auto expected = reference::softmax(s);
    bool close = true, in_range = true, order_kept = true;
    double total = 0;
    for (size_t i = 0; i < N; ++i) {
      close = close && reference::close(static_cast<double>(a[i]), expected[i], tol * 1e-3, tol);
      in_range = in_range && a[i] >= T(0) && a[i] <= T(1);
      total += static_cast<double>(a[i]);
      for (size_t j = 0; j < N; ++j) order_kept = order_kept && (!(s[i] > s[j]) || a[i] >= a[j]);
    }
    CXLA_CHECK(c, close);
    CXLA_CHECK(c, in_range);
    CXLA_CHECK(c, order_kept);
    CXLA_CHECK(c, reference::close(total, 1.0, 2.0 * static_cast<double>(N) * tol, 0.0));
    // Adding a constant to every score leaves the weights unchanged (up to rounding of s + k).
    const T shift = g.value<T>(T(-50), T(50));
    cxla::vector<T, N> shifted{};
    for (size_t i = 0; i < N; ++i) shifted.data[i] = s.data[i] + shift;
    const auto b = softmax(opaque(shifted));
    bool invariant = true;
    for (size_t i = 0; i < N; ++i)
      invariant = invariant && reference::close(static_cast<double>(b[i]), static_cast<double>(a[i]), 1e3 * tol * 1e-3,
                                                sizeof(T) == sizeof(float) ? 2e-4 : 1e-12);
    CXLA_CHECK(c, invariant);
  }
}

#if CXLA_EMBEDDED_HAVE_SOFTMAX_PROPERTIES
// The properties of tests/properties/attention_properties.hpp (softmax part), as the
// doctest suite runs them on the host.
template <class T>
void softmax_properties(checker& c, generator& g) {
  c.group(sizeof(T) == sizeof(float) ? "softmax properties (float)" : "softmax properties (double)");
  for (int t = 0; t < 6; ++t) {
    const auto v = opaque(g.vector<T, 19>(T(-20), T(20)));
    cxla::vector<bool, 19> mask{};
    for (size_t i = 0; i < 19; ++i) mask.data[i] = g.value<int>(0, 2) != 0;
    CXLA_CHECK(c, cxla_props::softmax_is_ordered_distribution(v));
    CXLA_CHECK(c, cxla_props::masked_weights_are_zero(v, mask));
    CXLA_CHECK(c, cxla_props::masking_a_suffix_is_truncation<7>(v));
    CXLA_CHECK(c, cxla_props::minus_infinity_is_masking(v, mask));
    CXLA_CHECK(c, cxla_props::temperature_divides_logits(v));
    CXLA_CHECK(c, cxla_props::softmax_is_shift_invariant(v, opaque(T(3)), T(64) * cxla_props::eps<T>));
    CXLA_CHECK(c, cxla_props::log_softmax_matches_softmax(v, T(64) * cxla_props::eps<T>));
    CXLA_CHECK(c, cxla_props::fully_masked_softmax_is_zero(v));
    cxla::matrix<bool, 5, 13> row_mask{};
    for (size_t i = 0; i < 5; ++i)
      for (size_t j = 0; j < 13; ++j) row_mask.data[i][j] = i != 3 && g.value<int>(0, 2) != 0;
    CXLA_CHECK(c, cxla_props::softmax_rows_is_rowwise(opaque(g.matrix<T, 5, 13>(T(-5), T(5))), opaque(row_mask)));
  }
  CXLA_CHECK(c, cxla_props::equal_logits_are_uniform<T, 7>(opaque(T(-3.5))));
  CXLA_CHECK(c, cxla_props::extreme_logits_do_not_overflow(opaque(sizeof(T) == 8 ? T(1e300) : T(1e4))));
  CXLA_CHECK(c, cxla_props::overflowing_differences_get_zero_weight<T>(opaque(std::numeric_limits<T>::max())));
  CXLA_CHECK(c, cxla_props::plus_infinity_shares_the_weight<T>(opaque(std::numeric_limits<T>::infinity())));
}
#endif

template <class T>
void softmax_for(checker& c, generator& g) {
  using V16 = cxla::vector<T, 16>;
  if constexpr (requires(V16 v) { softmax(v); }) {
    c.group(sizeof(T) == sizeof(float) ? "softmax (float)" : "softmax (double)");
    softmax_at<T, 1>(c, g, 2);
    softmax_at<T, 3>(c, g, 4);
    softmax_at<T, 16>(c, g, 8);
    softmax_at<T, 37>(c, g, 2);
    // Huge scores must not overflow: the row max is subtracted first.
    const auto big = softmax(opaque(cxla::vector<T, 2>{{T(1000), T(1000)}}));
    CXLA_CHECK(c, big[0] == T(0.5) && big[1] == T(0.5));
#if CXLA_EMBEDDED_HAVE_SOFTMAX_PROPERTIES
    softmax_properties<T>(c, g);
#else
    c.skip("softmax properties", "tests/properties/attention_properties.hpp or its headers not present yet");
#endif
  } else if (CXLA_EMBEDDED_HAVE_SOFTMAX) {
    c.check(false, "softmax.hpp exists but softmax(vector<T, 16>) does not compile", __FILE__, __LINE__);
  } else {
    c.skip("softmax", "cxla/softmax.hpp not present yet");
  }
}

}  // namespace

void check_softmax(checker& c) {
  generator g{0x5eed0003u};
  softmax_for<double>(c, g);
  softmax_for<float>(c, g);
}

}  // namespace cxla_embedded
