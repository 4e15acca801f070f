// cxla/ops.hpp - arithmetic on matrix and vector.
//
// Shape and element-type rules are checked at compile time. Each operator accepts any shapes
// and rejects a mismatch with a static_assert whose text starts "cxla: shape mismatch" (or
// "cxla: element type mismatch"), so the first error line is ours, not the compiler's list
// of candidates. For SFINAE-style checks in generic code use the concepts in matrix.hpp
// (cxla::addable, cxla::multipliable), since `requires { a * b; }` sees the catch-all.
//
// Summation order (fixed, so results are the same at compile time, at run time and on
// every target; see README "Bit-identical results"):
//   dot(a, b), (X * w)[i]   lane-blocked: term j goes to partial sum j % 8 (each partial
//                           sum starts at +0 and adds terms in increasing j), then the
//                           partial sums p0..p7 combine as ((p0+p4)+(p2+p6))+((p1+p5)+(p3+p7))
//                           (absent lanes are skipped). column_combination uses the same
//                           order, so X * w == column_combination(X, w) exactly.
//   (A * B)(i, j)           sequential in k, starting at +0.
//   sum(x)                  lane-blocked like dot.
#pragma once

#include <cstddef>
#include <type_traits>

#include "detail/arith.hpp"
#include "detail/checks.hpp"
#include "matrix.hpp"

namespace cxla {

namespace detail {

inline constexpr size_t lanes = 8;

// Combines the first `used` partial sums in the documented tree order.
template <size_t used, class T>
constexpr T reduce_lanes(const T (&p)[lanes]) noexcept {
  static_assert(used >= 1 && used <= lanes);
  T s[4]{};
  for (size_t k = 0; k < 4 && k < used; ++k) s[k] = (k + 4 < used) ? add(p[k], p[k + 4]) : p[k];
  constexpr size_t used_s = used < 4 ? used : 4;
  T t[2]{};
  for (size_t k = 0; k < 2 && k < used_s; ++k) t[k] = (k + 2 < used_s) ? add(s[k], s[k + 2]) : s[k];
  if constexpr (used_s >= 2) {
    return add(t[0], t[1]);
  } else {
    return t[0];
  }
}

// Lane-blocked dot product of two length-N arrays.
template <size_t N, class T>
constexpr T dot_lanes(const T* a, const T* b) noexcept {
  T p[lanes]{};
  constexpr size_t full = N - N % lanes;
  for (size_t jb = 0; jb < full; jb += lanes)
    for (size_t k = 0; k < lanes; ++k) p[k] = mul_add(a[jb + k], b[jb + k], p[k]);
  for (size_t k = 0; k < N % lanes; ++k) p[k] = mul_add(a[full + k], b[full + k], p[k]);
  return reduce_lanes<(N < lanes ? N : lanes)>(p);
}

// y = X * w with the dot_lanes order in every row. Four rows at a time give the compiler
// four independent chains of vector adds.
template <class T, size_t R, size_t C>
constexpr void matvec(const T (&X)[R][C], const T (&w)[C], T (&y)[R]) noexcept {
  constexpr size_t full = C - C % lanes;
  constexpr size_t used = C < lanes ? C : lanes;
  constexpr size_t block = 4;
  constexpr size_t full_rows = R - R % block;
  for (size_t i = 0; i < full_rows; i += block) {
    T p[block][lanes]{};
    for (size_t jb = 0; jb < full; jb += lanes)
      for (size_t r = 0; r < block; ++r)
        for (size_t k = 0; k < lanes; ++k) p[r][k] = mul_add(X[i + r][jb + k], w[jb + k], p[r][k]);
    for (size_t r = 0; r < block; ++r)
      for (size_t k = 0; k < C % lanes; ++k) p[r][k] = mul_add(X[i + r][full + k], w[full + k], p[r][k]);
    for (size_t r = 0; r < block; ++r) y[i + r] = reduce_lanes<used>(p[r]);
  }
  for (size_t i = full_rows; i < R; ++i) y[i] = dot_lanes<C>(X[i], w);
}

}  // namespace detail

// ---- construction and conversion ----------------------------------------------------

// identity<T, N>(): N x N
template <class T, size_t N>
constexpr matrix<T, N, N> identity() noexcept {
  matrix<T, N, N> I{};
  for (size_t i = 0; i < N; ++i) I.data[i][i] = T{1};
  return I;
}

// cast<U>(X): same shape, elements converted with static_cast<U>.
template <class U, class T, size_t R, size_t C>
constexpr matrix<U, R, C> cast(const matrix<T, R, C>& X) noexcept {
  matrix<U, R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = static_cast<U>(X.data[i][j]);
  return Y;
}
template <class U, class T, size_t N>
constexpr vector<U, N> cast(const vector<T, N>& v) noexcept {
  vector<U, N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = static_cast<U>(v.data[i]);
  return u;
}

// as_matrix(w): vector<T,N> -> matrix<T,N,1>
template <class T, size_t N>
constexpr matrix<T, N, 1> as_matrix(const vector<T, N>& w) noexcept {
  matrix<T, N, 1> X{};
  for (size_t i = 0; i < N; ++i) X.data[i][0] = w.data[i];
  return X;
}

// as_vector(X): matrix<T,N,1> or matrix<T,1,N> -> vector<T,N>
template <class T, size_t R, size_t C>
constexpr vector<T, (R == 1 ? C : R)> as_vector(const matrix<T, R, C>& X) noexcept {
  static_assert(R == 1 || C == 1, "cxla: shape mismatch in as_vector(X): X must have one row or one column");
  vector<T, (R == 1 ? C : R)> v{};
  if constexpr (R == 1 || C == 1)
    for (size_t i = 0; i < R; ++i)
      for (size_t j = 0; j < C; ++j) v.data[i + j] = X.data[i][j];
  return v;
}

// ---- access -------------------------------------------------------------------------

// row(X, i): matrix<T,R,C> -> vector<T,C>   (i checked like X(i, j))
template <class T, size_t R, size_t C>
constexpr vector<T, C> row(const matrix<T, R, C>& X, size_t i) noexcept {
  detail::check_index(i < R);
  vector<T, C> r{};
  for (size_t j = 0; j < C; ++j) r.data[j] = X.data[i][j];
  return r;
}

// col(X, j): matrix<T,R,C> -> vector<T,R>
template <class T, size_t R, size_t C>
constexpr vector<T, R> col(const matrix<T, R, C>& X, size_t j) noexcept {
  detail::check_index(j < C);
  vector<T, R> c{};
  for (size_t i = 0; i < R; ++i) c.data[i] = X.data[i][j];
  return c;
}

// transpose(X): matrix<T,R,C> -> matrix<T,C,R>;  transpose(w): vector<T,N> -> matrix<T,1,N>
template <class T, size_t R, size_t C>
constexpr matrix<T, C, R> transpose(const matrix<T, R, C>& X) noexcept {
  matrix<T, C, R> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[j][i] = X.data[i][j];
  return Y;
}
template <class T, size_t N>
constexpr matrix<T, 1, N> transpose(const vector<T, N>& w) noexcept {
  matrix<T, 1, N> Y{};
  for (size_t j = 0; j < N; ++j) Y.data[0][j] = w.data[j];
  return Y;
}

// ---- elementwise + - and scalars ----------------------------------------------------

namespace detail {

template <class F, class T, size_t R, size_t C>
constexpr auto map(const matrix<T, R, C>& X, F f) noexcept {
  matrix<decltype(f(X.data[0][0])), R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = f(X.data[i][j]);
  return Y;
}
template <class F, class T, size_t N>
constexpr auto map(const vector<T, N>& v, F f) noexcept {
  vector<decltype(f(v.data[0])), N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = f(v.data[i]);
  return u;
}
template <class F, class T, size_t R, size_t C>
constexpr matrix<T, R, C> zip(const matrix<T, R, C>& A, const matrix<T, R, C>& B, F f) noexcept {
  matrix<T, R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = f(A.data[i][j], B.data[i][j]);
  return Y;
}
template <class F, class T, size_t N>
constexpr vector<T, N> zip(const vector<T, N>& a, const vector<T, N>& b, F f) noexcept {
  vector<T, N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = f(a.data[i], b.data[i]);
  return u;
}

}  // namespace detail

// A + B, A - B: matrix<T,R,C> x matrix<T,R,C> -> matrix<T,R,C>
template <class T, size_t R1, size_t C1, class U, size_t R2, size_t C2>
constexpr matrix<T, R1, C1> operator+(const matrix<T, R1, C1>& A, const matrix<U, R2, C2>& B) noexcept {
  static_assert(R1 == R2 && C1 == C2,
                "cxla: shape mismatch in A + B: both must have the same rows and columns");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A + B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (R1 == R2 && C1 == C2 && std::is_same_v<T, U> && detail::is_element_v<T>) {
    matrix<T, R1, C1> S{};
    for (size_t i = 0; i < R1; ++i)
      for (size_t j = 0; j < C1; ++j) S.data[i][j] = detail::add(A.data[i][j], B.data[i][j]);
    return S;
  } else
    return {};
}
template <class T, size_t R1, size_t C1, class U, size_t R2, size_t C2>
constexpr matrix<T, R1, C1> operator-(const matrix<T, R1, C1>& A, const matrix<U, R2, C2>& B) noexcept {
  static_assert(R1 == R2 && C1 == C2,
                "cxla: shape mismatch in A - B: both must have the same rows and columns");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A - B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (R1 == R2 && C1 == C2 && std::is_same_v<T, U> && detail::is_element_v<T>) {
    matrix<T, R1, C1> S{};
    for (size_t i = 0; i < R1; ++i)
      for (size_t j = 0; j < C1; ++j) S.data[i][j] = detail::sub(A.data[i][j], B.data[i][j]);
    return S;
  } else
    return {};
}

// a + b, a - b: vector<T,N> x vector<T,N> -> vector<T,N>
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator+(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in a + b: vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in a + b: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>) {
    vector<T, N> s{};
    for (size_t i = 0; i < N; ++i) s.data[i] = detail::add(a.data[i], b.data[i]);
    return s;
  } else
    return {};
}
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator-(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in a - b: vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in a - b: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>) {
    vector<T, N> s{};
    for (size_t i = 0; i < N; ++i) s.data[i] = detail::sub(a.data[i], b.data[i]);
    return s;
  } else
    return {};
}

// Adding a matrix and a vector is always a shape error (use as_matrix or col/row).
template <class T, size_t R, size_t C, class U, size_t N>
constexpr matrix<T, R, C> operator+(const matrix<T, R, C>&, const vector<U, N>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in A + w: a matrix plus a vector (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<U, N> operator+(const vector<U, N>&, const matrix<T, R, C>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in w + A: a vector plus a matrix (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr matrix<T, R, C> operator-(const matrix<T, R, C>&, const vector<U, N>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in A - w: a matrix minus a vector (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<U, N> operator-(const vector<U, N>&, const matrix<T, R, C>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in w - A: a vector minus a matrix (use as_matrix(w))");
  return {};
}

// -A, -a
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> operator-(const matrix<T, R, C>& A) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (detail::is_element_v<T>)
    return detail::map(A, [](T a) { return detail::neg(a); });
  else
    return {};
}
template <class T, size_t N>
constexpr vector<T, N> operator-(const vector<T, N>& a) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (detail::is_element_v<T>)
    return detail::map(a, [](T x) { return detail::neg(x); });
  else
    return {};
}

// s * A, A * s, A / s (and the same for vectors). The scalar is converted to the element
// type; a floating-point scalar with an integer matrix is rejected (it would truncate).
template <class S, matrix_like M>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator*(S s, const M& A) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in s * A: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a) { return detail::mul(k, a); });
  } else {
    return {};
  }
}
template <matrix_like M, class S>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator*(const M& A, S s) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in A * s: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a) { return detail::mul(a, k); });
  } else {
    return {};
  }
}
// Integer division by zero: compile error in constant evaluation, trap at run time.
template <matrix_like M, class S>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator/(const M& A, S s) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in A / s: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a) { return detail::div(a, k); });
  } else {
    return {};
  }
}

// ---- products -----------------------------------------------------------------------

// X * w: matrix<T,R,C> x vector<T,C> -> vector<T,R>   (lane-blocked order, see top)
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<T, R> operator*(const matrix<T, R, C>& X, const vector<U, N>& w) noexcept {
  static_assert(C == N, "cxla: shape mismatch in X * w: X's column count must equal w's length");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in X * w: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  vector<T, R> y{};
  if constexpr (C == N && std::is_same_v<T, U> && detail::is_element_v<T>)
    detail::matvec(X.data, w.data, y.data);
  return y;
}

// A * B: matrix<T,R,K> x matrix<T,K,C> -> matrix<T,R,C>   (sequential in k)
template <class T, size_t R, size_t K, class U, size_t K2, size_t C>
constexpr matrix<T, R, C> operator*(const matrix<T, R, K>& A, const matrix<U, K2, C>& B) noexcept {
  static_assert(K == K2, "cxla: shape mismatch in A * B: A's column count must equal B's row count");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A * B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, R, C> P{};
  if constexpr (K == K2 && std::is_same_v<T, U> && detail::is_element_v<T>) {
    // Row i of P is a combination of the rows of B: contiguous, vectorises along j.
    for (size_t i = 0; i < R; ++i)
      for (size_t k = 0; k < K; ++k) {
        const T a = A.data[i][k];
        for (size_t j = 0; j < C; ++j) P.data[i][j] = detail::mul_add(a, B.data[k][j], P.data[i][j]);
      }
  }
  return P;
}

// w * A: vector<T,N> (N x 1) x matrix<T,1,C> -> matrix<T,N,C>   (an outer product)
template <class T, size_t N, class U, size_t R, size_t C>
constexpr matrix<T, N, C> operator*(const vector<T, N>& w, const matrix<U, R, C>& A) noexcept {
  static_assert(R == 1,
                "cxla: shape mismatch in w * A: w is a column (N x 1), so A must have one row; "
                "did you mean transpose(w) * A?");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in w * A: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, N, C> P{};
  if constexpr (R == 1 && std::is_same_v<T, U> && detail::is_element_v<T>)
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < C; ++j) P.data[i][j] = detail::mul(w.data[i], A.data[0][j]);
  return P;
}

// a * b for two column vectors is not a product; say which one was meant.
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator*(const vector<T, N>&, const vector<U, M>&) noexcept {
  static_assert(detail::always_false<N>,
                "cxla: shape mismatch in a * b: two column vectors (N x 1) * (M x 1); "
                "use dot(a, b), outer(a, b) or hadamard(a, b)");
  return {};
}

// dot(a, b): vector<T,N> x vector<T,N> -> T   (lane-blocked order, see top)
template <class T, size_t N, class U, size_t M>
constexpr T dot(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in dot(a, b): vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in dot(a, b): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>)
    return detail::dot_lanes<N>(a.data, b.data);
  else
    return T{};
}

// outer(a, b): vector<T,N> x vector<T,M> -> matrix<T,N,M>
template <class T, size_t N, class U, size_t M>
constexpr matrix<T, N, M> outer(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in outer(a, b): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, N, M> P{};
  if constexpr (std::is_same_v<T, U> && detail::is_element_v<T>)
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < M; ++j) P.data[i][j] = detail::mul(a.data[i], b.data[j]);
  return P;
}

// hadamard(a, b): elementwise product, same shape in and out.
template <class A, class B>
constexpr std::remove_cvref_t<A> hadamard(const A& a, const B& b) noexcept {
  static_assert(matrix_like<A> && matrix_like<B>, "cxla: hadamard(a, b) takes two cxla matrices or vectors");
  static_assert(same_shape<A, B>, "cxla: shape mismatch in hadamard(a, b): both must have the same shape");
  static_assert(same_element<A, B>,
                "cxla: element type mismatch in hadamard(a, b): convert one side with cxla::cast<T>");
  using T = typename std::remove_cvref_t<A>::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (same_shape<A, B> && same_element<A, B> && detail::is_element_v<T>)
    return detail::zip(a, b, [](T x, T y) { return detail::mul(x, y); });
  else
    return {};
}

// sum(x): all elements of a vector, lane-blocked order.
template <class T, size_t N>
constexpr T sum(const vector<T, N>& v) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (!detail::is_element_v<T>) return T{};
  T p[detail::lanes]{};
  constexpr size_t full = N - N % detail::lanes;
  for (size_t jb = 0; jb < full; jb += detail::lanes)
    for (size_t k = 0; k < detail::lanes; ++k) p[k] = detail::add(p[k], v.data[jb + k]);
  for (size_t k = 0; k < N % detail::lanes; ++k) p[k] = detail::add(p[k], v.data[full + k]);
  return detail::reduce_lanes<(N < detail::lanes ? N : detail::lanes)>(p);
}

// column_combination(X, w): matrix<T,R,C> x vector<T,C> -> vector<T,R>
// The explicit sum of w[j] * col(X, j): the prediction X * w as a point of X's column space.
// Columns are accumulated into 8 partial vectors and combined in the order that X * w uses,
// so the two agree bit for bit.
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<T, R> column_combination(const matrix<T, R, C>& X, const vector<U, N>& w) noexcept {
  static_assert(C == N,
                "cxla: shape mismatch in column_combination(X, w): X's column count must equal w's length");
  static_assert(
      std::is_same_v<T, U>,
      "cxla: element type mismatch in column_combination(X, w): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (C == N && std::is_same_v<T, U> && detail::is_element_v<T>) {
    constexpr size_t used = C < detail::lanes ? C : detail::lanes;
    vector<T, R> partial[detail::lanes]{};
    for (size_t j = 0; j < C; ++j) partial[j % detail::lanes] = partial[j % detail::lanes] + w[j] * col(X, j);
    vector<T, R> s[4]{};
    for (size_t k = 0; k < 4 && k < used; ++k)
      s[k] = (k + 4 < used) ? partial[k] + partial[k + 4] : partial[k];
    constexpr size_t used_s = used < 4 ? used : 4;
    vector<T, R> t[2]{};
    for (size_t k = 0; k < 2 && k < used_s; ++k) t[k] = (k + 2 < used_s) ? s[k] + s[k + 2] : s[k];
    if constexpr (used_s >= 2)
      return t[0] + t[1];
    else
      return t[0];
  } else {
    return {};
  }
}

// ---- comparisons with tolerance -----------------------------------------------------

// approx_equal(a, b, abs_tol[, rel_tol]): |a - b| <= max(abs_tol, rel_tol * max(|a|, |b|))
// for every element; false if any element is NaN. Works for scalars, vectors and matrices.
template <detail::element T>
constexpr bool approx_equal(T a, T b, T abs_tol, T rel_tol = T{0}) noexcept {
  if (a == b) return true;  // also covers equal infinities
  const T diff = a > b ? a - b : b - a;
  const T mag_a = a < T{0} ? -a : a;
  const T mag_b = b < T{0} ? -b : b;
  const T mag = mag_a > mag_b ? mag_a : mag_b;
  const T rel = rel_tol * mag;
  const T bound = abs_tol > rel ? abs_tol : rel;
  return diff <= bound;  // false for NaN
}
template <class A, class B, class T>
requires matrix_like<A> && matrix_like<B>
constexpr bool approx_equal(const A& a, const B& b, T abs_tol, T rel_tol = T{0}) noexcept {
  static_assert(same_shape<A, B>,
                "cxla: shape mismatch in approx_equal(a, b, tol): both must have the same shape");
  static_assert(same_element<A, B>, "cxla: element type mismatch in approx_equal(a, b, tol)");
  using E = typename std::remove_cvref_t<A>::value_type;
  if constexpr (same_shape<A, B> && same_element<A, B>) {
    bool ok = true;
    if constexpr (any_vector<A>) {
      for (size_t i = 0; i < A::rows; ++i)
        ok = ok && approx_equal<E>(a.data[i], b.data[i], static_cast<E>(abs_tol), static_cast<E>(rel_tol));
    } else {
      for (size_t i = 0; i < A::rows; ++i)
        for (size_t j = 0; j < A::cols; ++j)
          ok = ok &&
               approx_equal<E>(a.data[i][j], b.data[i][j], static_cast<E>(abs_tol), static_cast<E>(rel_tol));
    }
    return ok;
  } else {
    return false;
  }
}

}  // namespace cxla
