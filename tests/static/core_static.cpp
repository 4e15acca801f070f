// Compile-time checks of matrix.hpp and ops.hpp: compiling this file is passing.
#include <cstdint>
#include <type_traits>

#include <cxla/cxla.hpp>

#include "core_properties.hpp"

using cxla::matrix;
using cxla::vector;

// ---- the seed's first snippet ------------------------------------------------------
constexpr matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
constexpr vector<double, 2> w{{2, -1}};
constexpr auto yhat = X * w;
static_assert(std::is_same_v<decltype(yhat), const vector<double, 3>>);
static_assert(yhat == vector<double, 3>{{0, 2, 4}});
static_assert(yhat == cxla::column_combination(X, w));
static_assert(yhat == 2.0 * cxla::col(X, 0) - 1.0 * cxla::col(X, 1));
static_assert(X(2, 1) == 6 && w[1] == -1);
static_assert(cxla_props::xw_is_column_combination(X, w));
static_assert(cxla_props::xw_rows_are_dots(X, w));

constexpr matrix<int, 3, 2> Xi{{{1, 2}, {3, 4}, {5, 6}}};
constexpr vector<int, 2> wi{2, -1};  // single braces work for vector
static_assert(Xi * wi == vector<int, 3>{{0, 2, 4}});
static_assert(cxla_props::xw_is_column_combination(Xi, wi));
static_assert(cxla_props::matvec_matches_matmul(Xi, wi));

// ---- wider inputs: more columns than the 8 summation lanes, uneven tails -------------
template <class T, cxla::size_t R, cxla::size_t C>
constexpr matrix<T, R, C> sample_matrix(int seed) {
  // A small linear congruential generator: deterministic, exact in every element type.
  matrix<T, R, C> A{};
  unsigned state = static_cast<unsigned>(seed) * 2654435761u + 1u;
  for (cxla::size_t i = 0; i < R; ++i)
    for (cxla::size_t j = 0; j < C; ++j) {
      state = state * 1664525u + 1013904223u;
      A.data[i][j] = static_cast<T>(static_cast<int>((state >> 24) % 19u) - 9);
    }
  return A;
}
template <class T, cxla::size_t N>
constexpr vector<T, N> sample_vector(int seed) {
  return cxla::as_vector(sample_matrix<T, N, 1>(seed));
}

// Doubles whose products and sums are not exact, so the summation order matters.
template <cxla::size_t R, cxla::size_t C>
constexpr matrix<double, R, C> inexact_matrix(int seed) {
  matrix<double, R, C> A = sample_matrix<double, R, C>(seed);
  for (cxla::size_t i = 0; i < R; ++i)
    for (cxla::size_t j = 0; j < C; ++j) A.data[i][j] = A.data[i][j] / 7.0 + 0.1 * static_cast<double>(j);
  return A;
}

static_assert(cxla_props::xw_is_column_combination(inexact_matrix<5, 19>(1), cxla::col(inexact_matrix<19, 1>(2), 0)));
static_assert(cxla_props::xw_rows_are_dots(inexact_matrix<9, 17>(3), cxla::col(inexact_matrix<17, 1>(4), 0)));
static_assert(cxla_props::xw_is_column_combination(inexact_matrix<4, 3>(5), cxla::col(inexact_matrix<3, 1>(6), 0)));
static_assert(cxla_props::transpose_of_product(inexact_matrix<3, 11>(7), inexact_matrix<11, 5>(8)));
static_assert(cxla_props::transpose_is_involution(inexact_matrix<4, 7>(9)));

static_assert(cxla_props::xw_is_column_combination(sample_matrix<int, 7, 13>(1), sample_vector<int, 13>(2)));
static_assert(cxla_props::matvec_matches_matmul(sample_matrix<long, 6, 10>(3), sample_vector<long, 10>(4)));
static_assert(cxla_props::product_is_associative(sample_matrix<int, 3, 4>(5), sample_matrix<int, 4, 5>(6),
                                                 sample_matrix<int, 5, 2>(7)));
static_assert(cxla_props::product_distributes(sample_matrix<int, 4, 6>(8), sample_matrix<int, 6, 3>(9),
                                              sample_matrix<int, 6, 3>(10)));
static_assert(cxla_props::product_entries_are_dots(sample_matrix<int, 5, 9>(11), sample_matrix<int, 9, 4>(12)));
static_assert(cxla_props::identity_and_inverse_elements(sample_matrix<int, 3, 5>(13)));
static_assert(cxla_props::identity_and_inverse_elements(inexact_matrix<4, 4>(14)));
static_assert(cxla_props::outer_is_column_times_row(sample_vector<int, 4>(15), sample_vector<int, 3>(16)));
static_assert(cxla_props::scalar_commutes_with_product(3, sample_matrix<int, 4, 9>(17), sample_vector<int, 9>(18)));
static_assert(cxla_props::rows_and_columns_agree(inexact_matrix<3, 5>(19)));
static_assert(cxla_props::product_is_associative(sample_matrix<std::int16_t, 2, 3>(20),
                                                 sample_matrix<std::int16_t, 3, 2>(21),
                                                 sample_matrix<std::int16_t, 2, 2>(22)));

// Unsigned elements wrap modulo 2^bits, which keeps the ring laws exact.
static_assert(cxla_props::product_distributes(sample_matrix<unsigned, 3, 3>(23), sample_matrix<unsigned, 3, 3>(24),
                                              sample_matrix<unsigned, 3, 3>(25)));
static_assert(matrix<std::uint8_t, 1, 1>{{{200}}} + matrix<std::uint8_t, 1, 1>{{{100}}} ==
              matrix<std::uint8_t, 1, 1>{{{44}}});
static_assert(vector<std::uint16_t, 1>{{65535}} * vector<std::uint16_t, 1>{{65535}}[0] ==
              vector<std::uint16_t, 1>{{1}});  // 65535^2 mod 2^16, no int overflow on the way

// ---- float and long double ---------------------------------------------------------
constexpr matrix<float, 2, 3> F{{{0.5f, 1.5f, -2.0f}, {4.0f, 0.25f, 1.0f}}};
static_assert(F * vector<float, 3>{{2.0f, 4.0f, 1.0f}} == vector<float, 2>{{5.0f, 10.0f}});
static_assert(cxla_props::transpose_of_product(F, cxla::transpose(F)));
constexpr matrix<long double, 2, 2> L{{{1.0L, 2.0L}, {3.0L, 4.0L}}};
static_assert(L * L == matrix<long double, 2, 2>{{{7.0L, 10.0L}, {15.0L, 22.0L}}});

// ---- results are the shapes the algebra says, as types -----------------------------
static_assert(std::is_same_v<decltype(X * w), vector<double, 3>>);
static_assert(std::is_same_v<decltype(cxla::transpose(X)), matrix<double, 2, 3>>);
static_assert(std::is_same_v<decltype(X * cxla::transpose(X)), matrix<double, 3, 3>>);
static_assert(std::is_same_v<decltype(cxla::transpose(X) * X), matrix<double, 2, 2>>);
static_assert(std::is_same_v<decltype(cxla::transpose(w)), matrix<double, 1, 2>>);
static_assert(std::is_same_v<decltype(cxla::outer(yhat, w)), matrix<double, 3, 2>>);
static_assert(std::is_same_v<decltype(cxla::row(X, 0)), vector<double, 2>>);
static_assert(std::is_same_v<decltype(cxla::col(X, 0)), vector<double, 3>>);
static_assert(std::is_same_v<decltype(cxla::dot(w, w)), double>);
static_assert(std::is_same_v<decltype(2 * X), matrix<double, 3, 2>>);
static_assert(std::is_same_v<decltype(X / 2), matrix<double, 3, 2>>);
static_assert(std::is_same_v<decltype(w * cxla::transpose(w)), matrix<double, 2, 2>>);
static_assert(decltype(X)::rows == 3 && decltype(X)::cols == 2 && decltype(X)::size() == 6);
static_assert(decltype(w)::rows == 2 && decltype(w)::cols == 1 && decltype(w)::size() == 2);

// ---- the type is what the design promises ------------------------------------------
static_assert(std::is_aggregate_v<matrix<double, 3, 2>> && std::is_aggregate_v<vector<double, 2>>);
static_assert(std::is_trivially_copyable_v<matrix<double, 3, 2>> && std::is_trivially_copyable_v<vector<float, 5>>);
static_assert(std::is_standard_layout_v<matrix<double, 3, 2>>);
static_assert(sizeof(matrix<float, 4, 4>) == 16 * sizeof(float) && sizeof(vector<double, 3>) == 3 * sizeof(double));

// Structural: usable as a non-type template parameter, deduced with CTAD.
template <cxla::matrix W>
struct fixed_layer {
  template <class V>
  static constexpr auto apply(const V& x) { return W * x; }
};
static_assert(fixed_layer<X>::apply(w) == yhat);
static_assert(std::is_same_v<decltype(cxla::matrix{{{1.0, 2.0}, {3.0, 4.0}}}), matrix<double, 2, 2>>);
static_assert(std::is_same_v<decltype(cxla::vector{{1.0f, 2.0f, 3.0f}}), vector<float, 3>>);

// ---- shape rules as concepts, many pairs at once -----------------------------------
template <cxla::size_t R, cxla::size_t C>
using M = matrix<double, R, C>;
template <cxla::size_t N>
using V = vector<double, N>;
static_assert(cxla::multipliable<M<3, 2>, V<2>> && !cxla::multipliable<M<3, 2>, V<3>>);
static_assert(cxla::multipliable<M<2, 3>, M<3, 4>> && !cxla::multipliable<M<2, 3>, M<2, 3>>);
static_assert(!cxla::multipliable<M<3, 2>, matrix<float, 2, 2>>);   // element types differ
static_assert(cxla::multipliable<V<4>, M<1, 5>> && !cxla::multipliable<V<4>, M<4, 5>>);
static_assert(!cxla::multipliable<V<4>, V<4>> && !cxla::multipliable<V<4>, V<1>> &&
              !cxla::multipliable<V<1>, V<1>>);                    // column * column, any lengths
static_assert(cxla::addable<M<2, 3>, M<2, 3>> && !cxla::addable<M<2, 3>, M<3, 2>>);
static_assert(!cxla::addable<V<3>, M<3, 1>>);                        // vector vs N x 1 matrix
static_assert(!cxla::addable<V<3>, V<4>> && cxla::addable<V<3>, const V<3>&>);
static_assert(!cxla::addable<matrix<bool, 2, 2>, matrix<bool, 2, 2>>);  // masks are not numbers
static_assert(cxla::scalar_for<int, double> && !cxla::scalar_for<double, int> && !cxla::scalar_for<bool, int>);
// Operators that exist for valid shapes are found (the positive half of the rules).
static_assert(requires(M<3, 2> a, V<2> b, M<2, 5> c) {
  a * b;
  a * c;
  a + a;
  -a;
  2 * a;
  a / 2.0;
  cxla::dot(b, b);
});

// ---- conversions and tolerances are defined everywhere ------------------------------
static_assert(cxla::cast<int>(vector<double, 3>{{-2147483648.75, 2147483647.5, -0.5}}) ==
              vector<int, 3>{{-2147483647 - 1, 2147483647, 0}});  // truncation toward zero
static_assert(cxla::cast<unsigned>(vector<float, 2>{{-0.75f, 4294967040.0f}}) == vector<unsigned, 2>{{0u, 4294967040u}});
static_assert(cxla::cast<std::uint8_t>(vector<int, 2>{{256, -1}}) == vector<std::uint8_t, 2>{{0, 255}});  // wraps
static_assert(!cxla::approx_equal(-2147483647 - 1, 2147483647, 0));  // |difference| does not fit int
static_assert(!cxla::approx_equal(-2147483647 - 1, 2147483647, 2147483647, 1) &&
              cxla::approx_equal(-2147483647 - 1, 2147483647, 0, 2));  // 2 * 2^31 saturates, >= 2^32 - 1
static_assert(cxla::approx_equal(10, 12, 2) && !cxla::approx_equal(10, 13, 2) && !cxla::approx_equal(10, 11, -1));

int main() {}
