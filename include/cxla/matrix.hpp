// cxla/matrix.hpp - fixed-size matrix and column vector types.
//
//   cxla::matrix<T, R, C>   R x C, row-major, `T data[R][C]`
//   cxla::vector<T, N>      N x 1 column vector, `T data[N]`
//
// Both are aggregates, trivially copyable, heap-free and structural (usable as non-type
// template parameters: `template <cxla::matrix W> struct layer`).
//
// Why `vector` is its own type and not matrix<T, N, 1>: a column vector is indexed with one
// index (`w[i]`), initialises as `{{2, -1}}` or `{2, -1}` without brace elision, and lets
// overloads say what they mean (softmax of a vector vs row-wise softmax of a matrix). The two
// meet where the algebra says they should: `X * w` is matrix * vector -> vector,
// `transpose(w)` is the 1 x N row matrix, `as_matrix(w)` the N x 1 matrix, `col(X, j)` and
// `row(X, i)` return vectors.
#pragma once

#include <cstddef>
#include <type_traits>

#include "detail/arith.hpp"
#include "detail/checks.hpp"

namespace cxla {

using std::size_t;

template <class T, size_t R, size_t C>
struct matrix {
  static_assert(R > 0 && C > 0, "cxla: matrix dimensions must be at least 1");
  static_assert(detail::element<T> || std::is_same_v<T, bool>,
                "cxla: matrix element type must be an arithmetic type (bool only for masks)");

  using value_type = T;
  static constexpr size_t rows = R;
  static constexpr size_t cols = C;
  static constexpr size_t size() noexcept { return R * C; }

  T data[R > 0 ? R : 1][C > 0 ? C : 1];  // (guarded so R or C == 0 gives only the static_assert)

  constexpr T& operator()(size_t i, size_t j) noexcept {
    if (!(i < R && j < C)) detail::cxla_error_index_out_of_range();
    return data[i][j];
  }
  constexpr const T& operator()(size_t i, size_t j) const noexcept {
    if (!(i < R && j < C)) detail::cxla_error_index_out_of_range();
    return data[i][j];
  }
};

template <class T, size_t R, size_t C>
matrix(const T (&)[R][C]) -> matrix<T, R, C>;

template <class T, size_t N>
struct vector {
  static_assert(N > 0, "cxla: vector length must be at least 1");
  static_assert(detail::element<T> || std::is_same_v<T, bool>,
                "cxla: vector element type must be an arithmetic type (bool only for masks)");

  using value_type = T;
  static constexpr size_t rows = N;
  static constexpr size_t cols = 1;
  static constexpr size_t size() noexcept { return N; }

  T data[N > 0 ? N : 1];

  constexpr T& operator[](size_t i) noexcept {
    if (!(i < N)) detail::cxla_error_index_out_of_range();
    return data[i];
  }
  constexpr const T& operator[](size_t i) const noexcept {
    if (!(i < N)) detail::cxla_error_index_out_of_range();
    return data[i];
  }
  constexpr T& operator()(size_t i) noexcept { return (*this)[i]; }
  constexpr const T& operator()(size_t i) const noexcept { return (*this)[i]; }

  constexpr T* begin() noexcept { return data; }
  constexpr T* end() noexcept { return data + N; }
  constexpr const T* begin() const noexcept { return data; }
  constexpr const T* end() const noexcept { return data + N; }
};

template <class T, size_t N>
vector(const T (&)[N]) -> vector<T, N>;

// ---- shape traits -------------------------------------------------------------------

template <class>
inline constexpr bool is_matrix_v = false;
template <class T, size_t R, size_t C>
inline constexpr bool is_matrix_v<matrix<T, R, C>> = true;

template <class>
inline constexpr bool is_vector_v = false;
template <class T, size_t N>
inline constexpr bool is_vector_v<vector<T, N>> = true;

// Any cxla matrix or vector (cv-ref qualifiers ignored).
template <class A>
concept matrix_like = is_matrix_v<std::remove_cvref_t<A>> || is_vector_v<std::remove_cvref_t<A>>;

template <class A>
concept any_matrix = is_matrix_v<std::remove_cvref_t<A>>;

template <class A>
concept any_vector = is_vector_v<std::remove_cvref_t<A>>;

// A scalar that may multiply or divide a matrix of T: any arithmetic type except bool,
// and not a floating-point scalar with an integer matrix (that would truncate).
template <class S, class T>
concept scalar_for = detail::is_scalar_for_v<S, T>;

// Shape compatibility as concepts, for generic code: the operators themselves accept any
// shapes and reject mismatches with a static_assert (so the error says "shape mismatch"
// in plain words), which means `requires { a * b; }` cannot see a mismatch. Use these.
template <class A, class B>
concept same_shape = matrix_like<A> && matrix_like<B> && std::remove_cvref_t<A>::rows ==
                     std::remove_cvref_t<B>::rows&& std::remove_cvref_t<A>::cols ==
                     std::remove_cvref_t<B>::cols&& any_vector<A> == any_vector<B>;

template <class A, class B>
concept same_element =
    matrix_like<A> && matrix_like<B> && std::is_same_v < typename std::remove_cvref_t<A>::value_type,
typename std::remove_cvref_t<B>::value_type > ;

// A + B, A - B, A == B: same element type, same shape.
template <class A, class B>
concept addable =
    same_shape<A, B> && same_element<A, B> && detail::element<typename std::remove_cvref_t<A>::value_type>;

// A * B (matrix * matrix, matrix * vector, vector * row-matrix): inner dimensions agree.
template <class A, class B>
concept multipliable = matrix_like<A> && matrix_like<B> && !(any_vector<A> && any_vector<B>) &&
                       same_element<A, B> &&
                       detail::element<typename std::remove_cvref_t<A>::value_type> &&
                       std::remove_cvref_t<A>::cols == std::remove_cvref_t<B>::rows;

// ---- equality -----------------------------------------------------------------------
// Exact elementwise comparison (NaN != NaN, +0 == -0). Use approx_equal for tolerances.
// Comparing different shapes or element types is a compile error, not `false`.

template <class T, size_t R1, size_t C1, class U, size_t R2, size_t C2>
constexpr bool operator==(const matrix<T, R1, C1>& a, const matrix<U, R2, C2>& b) noexcept {
  static_assert(R1 == R2 && C1 == C2,
                "cxla: shape mismatch in A == B: both must have the same rows and columns");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A == B: convert one side with cxla::cast<T>");
  if constexpr (R1 == R2 && C1 == C2 && std::is_same_v<T, U>) {
    bool equal = true;
    for (size_t i = 0; i < R1; ++i)
      for (size_t j = 0; j < C1; ++j) equal = equal && (a.data[i][j] == b.data[i][j]);
    return equal;
  } else {
    return false;
  }
}

template <class T, size_t N, class U, size_t M>
constexpr bool operator==(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in a == b: vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in a == b: convert one side with cxla::cast<T>");
  if constexpr (N == M && std::is_same_v<T, U>) {
    bool equal = true;
    for (size_t i = 0; i < N; ++i) equal = equal && (a.data[i] == b.data[i]);
    return equal;
  } else {
    return false;
  }
}

template <class T, size_t R, size_t C, class U, size_t N>
constexpr bool operator==(const matrix<T, R, C>&, const vector<U, N>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in A == w: a matrix compared with a vector "
                "(use as_matrix(w) or col(A, j))");
  return false;
}

template <class T, size_t R, size_t C, class U, size_t N>
constexpr bool operator==(const vector<U, N>&, const matrix<T, R, C>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in w == A: a vector compared with a matrix "
                "(use as_matrix(w) or col(A, j))");
  return false;
}

}  // namespace cxla
