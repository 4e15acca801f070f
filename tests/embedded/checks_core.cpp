// tests/embedded/checks_core.cpp - matrix.hpp and ops.hpp on the target: the properties of
// tests/properties/core_properties.hpp on random inputs, and X * w against exact results
// (integer and dyadic inputs, where every product and sum is exact).
#include <cstdint>
#include <type_traits>

#include <cxla/cxla.hpp>

#include "core_properties.hpp"
#include "inputs.hpp"
#include "suites.hpp"

namespace cxla_embedded {
namespace {

template <class T, size_t R, size_t C>
void properties_at(checker& c, generator& g, int trials) {
  for (int t = 0; t < trials; ++t) {
    const auto X = g.matrix<T, R, C>(T(-100), T(100));
    const auto w = g.vector<T, C>(T(-100), T(100));
    const auto A = g.matrix<T, C, R>(T(-100), T(100));
    CXLA_CHECK(c, cxla_props::xw_is_column_combination(X, w));
    CXLA_CHECK(c, cxla_props::xw_rows_are_dots(X, w));
    CXLA_CHECK(c, cxla_props::transpose_is_involution(X));
    CXLA_CHECK(c, cxla_props::transpose_of_product(X, A));
    CXLA_CHECK(c, cxla_props::rows_and_columns_agree(X));
    CXLA_CHECK(c, cxla_props::identity_and_inverse_elements(X));
    if constexpr (std::is_integral_v<T>) {
      const auto B = g.matrix<T, C, R>(T(-100), T(100));
      CXLA_CHECK(c, cxla_props::matvec_matches_matmul(X, w));
      CXLA_CHECK(c, cxla_props::product_distributes(X, A, B));
      CXLA_CHECK(c, cxla_props::product_is_associative(X, A, X));
      CXLA_CHECK(c, cxla_props::product_entries_are_dots(X, A));
      CXLA_CHECK(c, cxla_props::scalar_commutes_with_product(g.value<T>(T(-9), T(9)), X, w));
      CXLA_CHECK(c, cxla_props::outer_is_column_times_row(w, cxla::col(X, 0)));
    }
  }
}

template <class T>
void properties_for(checker& c, generator& g) {
  properties_at<T, 1, 1>(c, g, 4);
  properties_at<T, 3, 2>(c, g, 4);
  properties_at<T, 8, 8>(c, g, 2);
  properties_at<T, 9, 17>(c, g, 2);
  properties_at<T, 16, 33>(c, g, 1);
}

// X * w with dyadic inputs k / 16 equals the integer computation scaled by 2^-8: with
// |k| <= 500 and at most 33 terms every partial sum is an integer multiple of 2^-8 below
// 33 * 500^2 = 8.25e6 < 2^24 of those units, so float and double compute it exactly.
template <class T, size_t R, size_t C>
void exact_matvec(checker& c, generator& g) {
  constexpr int scale_bits = 4;
  cxla::matrix<long long, R, C> Xk{};
  cxla::vector<long long, C> wk{};
  cxla::matrix<T, R, C> X{};
  cxla::vector<T, C> w{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      Xk.data[i][j] = g.value<int>(-500, 500);
      X.data[i][j] = static_cast<T>(Xk.data[i][j]) / static_cast<T>(1 << scale_bits);
    }
  for (size_t j = 0; j < C; ++j) {
    wk.data[j] = g.value<int>(-500, 500);
    w.data[j] = static_cast<T>(wk.data[j]) / static_cast<T>(1 << scale_bits);
  }
  const auto y = opaque(X) * opaque(w);
  bool all_exact = true;
  for (size_t i = 0; i < R; ++i) {
    long long exact = 0;
    for (size_t j = 0; j < C; ++j) exact += Xk.data[i][j] * wk.data[j];
    all_exact = all_exact && y.data[i] * static_cast<T>(1 << (2 * scale_bits)) == static_cast<T>(exact);
  }
  CXLA_CHECK(c, all_exact);
}

// The same for integer elements, against a wider accumulator; narrow types wrap modulo 2^bits
// (the conversion back to T is modular in C++20).
template <class T, size_t R, size_t C>
void exact_integer_matvec(checker& c, generator& g) {
  const auto X = g.matrix<T, R, C>(T(-1000), T(1000));
  const auto w = g.vector<T, C>(T(-1000), T(1000));
  const auto y = opaque(X) * opaque(w);
  bool all_exact = true;
  for (size_t i = 0; i < R; ++i) {
    long long exact = 0;
    for (size_t j = 0; j < C; ++j)
      exact += static_cast<long long>(X.data[i][j]) * static_cast<long long>(w.data[j]);
    all_exact = all_exact && y.data[i] == static_cast<T>(exact);
  }
  CXLA_CHECK(c, all_exact);
}

// X * w computed in constant evaluation against the same product at run time, bit for bit,
// for row lengths that take the target's block kernels (multiples of 8: the Cortex-M VLDM
// kernel) and one that does not; inexact inputs (every product rounds).
template <class T, size_t R, size_t C>
constexpr cxla::matrix<T, R, C> inexact_matrix() {
  cxla::matrix<T, R, C> X{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j)
      X.data[i][j] = static_cast<T>(static_cast<int>((i * 37 + j * 11) % 23) - 11) / static_cast<T>(7.0 + double(j));
  return X;
}
template <class T, size_t C>
constexpr cxla::vector<T, C> inexact_vector() {
  cxla::vector<T, C> w{};
  for (size_t j = 0; j < C; ++j) w.data[j] = static_cast<T>(static_cast<int>(j % 5) - 2) / static_cast<T>(3.0 + double(j));
  return w;
}
template <class T, size_t R, size_t C>
void compile_time_matvec(checker& c) {
  constexpr auto X = inexact_matrix<T, R, C>();
  constexpr auto w = inexact_vector<T, C>();
  constexpr auto y_compile_time = X * w;
  CXLA_CHECK(c, opaque(X) * opaque(w) == y_compile_time);
}

}  // namespace

void check_core(checker& c) {
  generator g{0x5eed0001u};
  c.group("core properties (double)");
  properties_for<double>(c, g);
  c.group("core properties (float)");
  properties_for<float>(c, g);
  c.group("core properties (int)");
  properties_for<int>(c, g);
  c.group("core properties (long long)");
  properties_for<long long>(c, g);

  c.group("X * w exact on dyadic and integer inputs");
  exact_matvec<float, 16, 16>(c, g);
  exact_matvec<float, 5, 33>(c, g);
  exact_matvec<double, 16, 16>(c, g);
  exact_matvec<double, 7, 3>(c, g);
  exact_integer_matvec<int, 16, 16>(c, g);
  exact_integer_matvec<std::int16_t, 4, 9>(c, g);
  exact_integer_matvec<long long, 3, 17>(c, g);

  c.group("X * w at run time == X * w in constant evaluation");
  compile_time_matvec<float, 3, 8>(c);
  compile_time_matvec<float, 16, 16>(c);
  compile_time_matvec<float, 5, 24>(c);
  compile_time_matvec<float, 4, 13>(c);
  compile_time_matvec<double, 16, 16>(c);
  // Every product -0 (x < 0, w = +0): the sum from +0 is +0, not -0.
  cxla::matrix<float, 2, 16> negative{};
  for (auto& row : negative.data)
    for (float& x : row) x = -1.5f;
  const auto zero_sum = opaque(negative) * opaque(cxla::vector<float, 16>{});
  CXLA_CHECK(c, zero_sum[0] == 0.0f && !__builtin_signbit(zero_sum[0]) && !__builtin_signbit(zero_sum[1]));

  c.group("wrapping integer arithmetic");
  const auto a = opaque(cxla::vector<std::uint8_t, 2>{{200, 255}});
  const auto b = opaque(cxla::vector<std::uint8_t, 2>{{100, 1}});
  CXLA_CHECK(c, a + b == cxla::vector<std::uint8_t, 2>{{44, 0}});
  const auto big = opaque(cxla::vector<int, 1>{{2147483647}});
  CXLA_CHECK(c, (big + cxla::vector<int, 1>{{1}})[0] == -2147483647 - 1);
  const auto m = opaque(cxla::vector<std::int16_t, 1>{{-32768}});
  CXLA_CHECK(c, (-m)[0] == -32768);
}

}  // namespace cxla_embedded
