// tests/properties/core_properties.hpp - properties of matrix/ops, written once as
// constexpr bool functions. tests/static checks them with static_assert, tests/runtime
// with CHECK on inputs the compiler cannot fold, tests/embedded on the emulated core.
#pragma once

#include <cxla/cxla.hpp>

namespace cxla_props {

using cxla::size_t;

// The seed's identity: X * w is the explicit sum of w[j] * col(X, j) (bit for bit: both
// follow the documented summation order).
template <class T, size_t R, size_t C>
constexpr bool xw_is_column_combination(const cxla::matrix<T, R, C>& X, const cxla::vector<T, C>& w) {
  return X * w == cxla::column_combination(X, w);
}

// (X * w)[i] is the dot product of row i with w, bit for bit.
template <class T, size_t R, size_t C>
constexpr bool xw_rows_are_dots(const cxla::matrix<T, R, C>& X, const cxla::vector<T, C>& w) {
  const auto y = X * w;
  for (size_t i = 0; i < R; ++i)
    if (!(y[i] == cxla::dot(cxla::row(X, i), w))) return false;
  return true;
}

// transpose(transpose(A)) == A and element (i, j) moves to (j, i).
template <class T, size_t R, size_t C>
constexpr bool transpose_is_involution(const cxla::matrix<T, R, C>& A) {
  const auto At = cxla::transpose(A);
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j)
      if (!(At(j, i) == A(i, j))) return false;
  return cxla::transpose(At) == A;
}

// transpose(A * B) == transpose(B) * transpose(A): the same products summed in the same
// order, so exact for floating point too.
template <class T, size_t R, size_t K, size_t C>
constexpr bool transpose_of_product(const cxla::matrix<T, R, K>& A, const cxla::matrix<T, K, C>& B) {
  return cxla::transpose(A * B) == cxla::transpose(B) * cxla::transpose(A);
}

// Exact laws for integer elements (with wrapping arithmetic they hold even on overflow).
template <class T, size_t R, size_t K, size_t C, size_t D>
constexpr bool product_is_associative(const cxla::matrix<T, R, K>& A, const cxla::matrix<T, K, C>& B,
                                      const cxla::matrix<T, C, D>& E) {
  return (A * B) * E == A * (B * E);
}

template <class T, size_t R, size_t K, size_t C>
constexpr bool product_distributes(const cxla::matrix<T, R, K>& A, const cxla::matrix<T, K, C>& B,
                                   const cxla::matrix<T, K, C>& E) {
  return A * (B + E) == A * B + A * E;
}

// X * w equals X times w as an N x 1 matrix (integers: exact).
template <class T, size_t R, size_t C>
constexpr bool matvec_matches_matmul(const cxla::matrix<T, R, C>& X, const cxla::vector<T, C>& w) {
  return X * w == cxla::as_vector(X * cxla::as_matrix(w));
}

// Matrix entries of A * B equal dot products of rows and columns (integers: exact).
template <class T, size_t R, size_t K, size_t C>
constexpr bool product_entries_are_dots(const cxla::matrix<T, R, K>& A, const cxla::matrix<T, K, C>& B) {
  const auto P = A * B;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j)
      if (!(P(i, j) == cxla::dot(cxla::row(A, i), cxla::col(B, j)))) return false;
  return true;
}

// Identity is neutral on both sides; A - A is zero; A + (-A) is zero.
template <class T, size_t R, size_t C>
constexpr bool identity_and_inverse_elements(const cxla::matrix<T, R, C>& A) {
  const cxla::matrix<T, R, C> zero{};
  return cxla::identity<T, R>() * A == A && A * cxla::identity<T, C>() == A && A - A == zero &&
         A + (-A) == zero;
}

// outer(a, b) == as_matrix(a) * transpose(b) and a * transpose(b) (vector * row matrix).
template <class T, size_t N, size_t M>
constexpr bool outer_is_column_times_row(const cxla::vector<T, N>& a, const cxla::vector<T, M>& b) {
  return cxla::outer(a, b) == cxla::as_matrix(a) * cxla::transpose(b) && cxla::outer(a, b) == a * cxla::transpose(b);
}

// Scalars commute with products: (s * X) * w == s * (X * w) (integers: exact).
template <class T, size_t R, size_t C>
constexpr bool scalar_commutes_with_product(T s, const cxla::matrix<T, R, C>& X, const cxla::vector<T, C>& w) {
  return (s * X) * w == s * (X * w) && X * (w * s) == (X * w) * s;
}

// row/col extract what operator() sees.
template <class T, size_t R, size_t C>
constexpr bool rows_and_columns_agree(const cxla::matrix<T, R, C>& X) {
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j)
      if (!(cxla::row(X, i)[j] == X(i, j) && cxla::col(X, j)[i] == X(i, j))) return false;
  return true;
}

}  // namespace cxla_props
