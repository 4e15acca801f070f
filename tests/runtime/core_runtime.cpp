// Run-time checks of matrix.hpp and ops.hpp: the property functions that tests/static
// proves at compile time, here on inputs the compiler cannot fold, plus randomised
// differential tests against a naive long double reference on sizes from 1 to 64.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

#include <cxla/cxla.hpp>

#include "core_properties.hpp"
#include "opaque.hpp"

using cxla::matrix;
using cxla::size_t;
using cxla::vector;
using cxla_test::opaque;
using cxla_test::random_matrix;
using cxla_test::random_vector;

TEST_CASE("seed snippet 1 at run time: yhat = X w = 2 X[:,0] - X[:,1]") {
  const auto X = opaque(matrix<double, 3, 2>{{{1, 2}, {3, 4}, {5, 6}}});
  const auto w = opaque(vector<double, 2>{{2, -1}});
  const auto yhat = X * w;
  CHECK(yhat == vector<double, 3>{{0, 2, 4}});
  CHECK(yhat == cxla::column_combination(X, w));
  CHECK(cxla_props::xw_is_column_combination(X, w));
  CHECK(cxla_props::xw_rows_are_dots(X, w));
}

TEST_CASE("element access reads and writes through operator() and operator[]") {
  auto X = opaque(matrix<int, 2, 3>{{{1, 2, 3}, {4, 5, 6}}});
  X(1, 2) = 60;
  CHECK(X.data[1][2] == 60);
  auto v = opaque(vector<int, 3>{{7, 8, 9}});
  v[0] = 70;
  int total = 0;
  for (int x : v) total += x;
  CHECK(total == 87);
}

// ---- randomised property checks -----------------------------------------------------

template <class T, size_t R, size_t C>
void check_properties_at(int trials) {
  for (int t = 0; t < trials; ++t) {
    const auto X = random_matrix<T, R, C>(T(-100), T(100));
    const auto w = random_vector<T, C>(T(-100), T(100));
    const auto A = random_matrix<T, C, R>(T(-100), T(100));
    CHECK(cxla_props::xw_is_column_combination(X, w));
    CHECK(cxla_props::xw_rows_are_dots(X, w));
    CHECK(cxla_props::transpose_is_involution(X));
    CHECK(cxla_props::transpose_of_product(X, A));
    CHECK(cxla_props::rows_and_columns_agree(X));
    if constexpr (std::is_integral_v<T>) {
      const auto B = random_matrix<T, C, R>(T(-100), T(100));
      CHECK(cxla_props::matvec_matches_matmul(X, w));
      CHECK(cxla_props::product_distributes(X, A, B));
      CHECK(cxla_props::product_is_associative(X, A, X));
      CHECK(cxla_props::product_entries_are_dots(X, A));
      CHECK(cxla_props::identity_and_inverse_elements(X));
      CHECK(cxla_props::scalar_commutes_with_product(cxla_test::random_value<T>(T(-9), T(9)), X, w));
    }
  }
}

TEST_CASE_TEMPLATE("properties hold at run time on random inputs", T, double, float, int, long long) {
  check_properties_at<T, 1, 1>(20);
  check_properties_at<T, 3, 2>(20);
  check_properties_at<T, 8, 8>(10);
  check_properties_at<T, 9, 17>(10);
  check_properties_at<T, 16, 33>(5);
}

TEST_CASE("unsigned and narrow integers wrap, signed overflow wraps at run time") {
  const auto a = opaque(vector<std::uint8_t, 2>{{200, 255}});
  const auto b = opaque(vector<std::uint8_t, 2>{{100, 1}});
  CHECK(a + b == vector<std::uint8_t, 2>{{44, 0}});
  const auto big = opaque(vector<int, 1>{{std::numeric_limits<int>::max()}});
  CHECK((big + vector<int, 1>{{1}})[0] == std::numeric_limits<int>::min());
  const auto m = opaque(vector<std::int16_t, 1>{{-32768}});
  CHECK((-m)[0] == -32768);
  CHECK((m / std::int16_t{-1})[0] == -32768);
}

// ---- differential tests against a naive long double reference ------------------------

// |computed - exact| <= gamma(n) * sum |terms|, with gamma(n) = n u / (1 - n u); 2x margin.
template <class T>
long double error_bound(size_t n, long double abs_sum) {
  const long double u = static_cast<long double>(std::numeric_limits<T>::epsilon()) / 2;
  const long double nu = static_cast<long double>(n) * u;
  return 2 * nu / (1 - nu) * abs_sum + static_cast<long double>(std::numeric_limits<T>::denorm_min());
}

template <class T, size_t R, size_t C>
void check_matvec_against_reference() {
  const auto X = random_matrix<T, R, C>(T(-1), T(1));
  const auto w = random_vector<T, C>(T(-1), T(1));
  const auto y = opaque(X) * opaque(w);
  for (size_t i = 0; i < R; ++i) {
    long double exact = 0, abs_sum = 0;
    for (size_t j = 0; j < C; ++j) {
      const long double term = static_cast<long double>(X.data[i][j]) * static_cast<long double>(w.data[j]);
      exact += term;
      abs_sum += term < 0 ? -term : term;
    }
    const long double err = static_cast<long double>(y.data[i]) - exact;
    INFO("X * w at R=", R, " C=", C, " row ", i);
    CHECK((err < 0 ? -err : err) <= error_bound<T>(C, abs_sum));
  }
}

template <class T, size_t R, size_t K, size_t C>
void check_matmul_against_reference() {
  const auto A = random_matrix<T, R, K>(T(-1), T(1));
  const auto B = random_matrix<T, K, C>(T(-1), T(1));
  const auto P = opaque(A) * opaque(B);
  bool all_within = true;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      long double exact = 0, abs_sum = 0;
      for (size_t k = 0; k < K; ++k) {
        const long double term = static_cast<long double>(A.data[i][k]) * static_cast<long double>(B.data[k][j]);
        exact += term;
        abs_sum += term < 0 ? -term : term;
      }
      const long double err = static_cast<long double>(P.data[i][j]) - exact;
      all_within = all_within && (err < 0 ? -err : err) <= error_bound<T>(K, abs_sum);
    }
  INFO("A * B at R=", R, " K=", K, " C=", C);
  CHECK(all_within);
}

template <class T, size_t R, size_t C>
void check_integer_matvec_against_reference() {
  const auto X = random_matrix<T, R, C>(T(-1000), T(1000));
  const auto w = random_vector<T, C>(T(-1000), T(1000));
  const auto y = opaque(X) * opaque(w);
  for (size_t i = 0; i < R; ++i) {
    long long exact = 0;
    for (size_t j = 0; j < C; ++j) exact += static_cast<long long>(X.data[i][j]) * static_cast<long long>(w.data[j]);
    CHECK(static_cast<long long>(y.data[i]) == exact);
  }
}

// Sizes from 1 to 64: the edge sizes, then pairs drawn once by a fixed LCG (reproducible).
constexpr std::size_t size_pairs = 24;
constexpr auto random_sizes = [] {
  std::array<std::pair<size_t, size_t>, size_pairs> sizes{};
  const std::pair<size_t, size_t> edges[] = {{1, 1}, {1, 64}, {64, 1}, {64, 64}, {7, 9}, {8, 8}, {4, 5}, {5, 4}};
  size_t k = 0;
  for (const auto& e : edges) sizes[k++] = e;
  unsigned state = 12345u;
  while (k < size_pairs) {
    state = state * 1664525u + 1013904223u;
    const size_t r = 1 + (state >> 16) % 64;
    state = state * 1664525u + 1013904223u;
    const size_t c = 1 + (state >> 16) % 64;
    sizes[k++] = {r, c};
  }
  return sizes;
}();

template <class T, size_t... I>
void check_all_sizes(std::index_sequence<I...>) {
  (check_matvec_against_reference<T, random_sizes[I].first, random_sizes[I].second>(), ...);
  (check_matmul_against_reference<T, random_sizes[I].first, random_sizes[(I + 5) % size_pairs].second,
                                  random_sizes[I].second>(),
   ...);
  if constexpr (std::is_floating_point_v<T>) {
    (check_integer_matvec_against_reference<long long, random_sizes[I].first, random_sizes[I].second>(), ...);
  }
}

TEST_CASE_TEMPLATE("X * w and A * B agree with a naive long double reference, sizes 1..64", T, float, double) {
  for (int round = 0; round < 3; ++round) check_all_sizes<T>(std::make_index_sequence<size_pairs>{});
}

TEST_CASE("approx_equal: absolute and relative tolerance, NaN never equal") {
  const auto a = opaque(vector<double, 3>{{1.0, 100.0, -3.0}});
  const auto b = opaque(vector<double, 3>{{1.0 + 1e-12, 100.0 + 1e-9, -3.0}});
  CHECK(cxla::approx_equal(a, b, 1e-8));
  CHECK_FALSE(cxla::approx_equal(a, b, 1e-12));
  CHECK(cxla::approx_equal(a, b, 0.0, 1e-10));
  const double nan = opaque(std::numeric_limits<double>::quiet_NaN());
  CHECK_FALSE(cxla::approx_equal(nan, nan, 1.0));
  const double inf = opaque(std::numeric_limits<double>::infinity());
  CHECK(cxla::approx_equal(inf, inf, 0.0));
  CHECK_FALSE(cxla::approx_equal(inf, -inf, 1.0));
}

#include <sstream>

#include <cxla/io.hpp>

TEST_CASE("io.hpp prints shortest round-trip decimals and nested brackets") {
  std::ostringstream os;
  os << opaque(vector<double, 3>{{0, 2, 4}}) << ' ' << opaque(matrix<int, 2, 2>{{{1, -2}, {3, 4}}}) << ' '
     << opaque(vector<double, 2>{{0.1, 1.0 / 3.0}}) << ' ' << opaque(vector<float, 1>{{0.1f}}) << ' '
     << opaque(vector<std::uint8_t, 2>{{65, 7}});
  CHECK(os.str() == "[0, 2, 4] [[1, -2], [3, 4]] [0.1, 0.3333333333333333] [0.1] [65, 7]");
}

TEST_CASE("integer approx_equal and ulp_distance are defined at the extremes") {
  const int lo = opaque(std::numeric_limits<int>::min()), hi = opaque(std::numeric_limits<int>::max());
  CHECK_FALSE(cxla::approx_equal(lo, hi, 0));
  CHECK_FALSE(cxla::approx_equal(lo, hi, hi, 1));
  CHECK(cxla::approx_equal(lo, hi, 0, 2));
  const double inf = opaque(std::numeric_limits<double>::infinity());
  // -inf and +inf are 2 * 0x7FF0000000000000 steps apart (closed form from the encoding).
  CHECK(cxla::ulp_distance(-inf, inf) == 0xFFE0000000000000ULL);
  const float inff = opaque(std::numeric_limits<float>::infinity());
  CHECK(cxla::ulp_distance(inff, -inff) == 0xFF000000ULL);
  CHECK(cxla::ulp_distance(opaque(-0.0), opaque(0.0)) == 0);
  const auto converted = cxla::cast<int>(opaque(vector<double, 2>{{-2147483648.75, 2147483647.5}}));
  CHECK(converted == vector<int, 2>{{std::numeric_limits<int>::min(), std::numeric_limits<int>::max()}});
}
