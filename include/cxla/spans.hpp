// cxla/spans.hpp - span and convex-hull checks: where a combination of vectors lies.
//
//   row_combination(V, a)                 sum_i a[i] * V[i, :], the explicit combination
//   is_probability_vector(a, tol)         a_i >= 0 and |sum(a) - 1| <= tol
//   is_linear_combination(o, a, V, tol)   o == sum_i a_i V[i, :]  (o in the span of V's rows)
//   is_convex_combination(o, a, V, tol)   the same, and a is a probability vector
//   in_convex_hull(p, V, a, tol)          p lies in the convex hull of V's rows, with a as
//                                         the certificate
//   in_row_box(p, V, tol)                 min_i V[i, j] <= p_j <= max_i V[i, j] for all j: a
//                                         necessary condition for the hull that needs no weights
//   ulp_distance(x, y), approx_equal_ulps(a, b, ulps)   the ulp member of the approx_equal
//                                         family (approx_equal itself is in ops.hpp)
//
// Tolerances. A combination computed in floating point differs from the exact one by a few
// rounding errors of the size of its terms, so the combination checks compare element j
// with the relative bound
//     |o_j - sum_i a_i V[i, j]| <= tol * sum_i |a_i| * |V[i, j]|
// (tol = n * epsilon is a safe choice; 0 asks for exact agreement with row_combination).
// NaN anywhere makes every check false.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "detail/arith.hpp"
#include "detail/checks.hpp"
#include "matrix.hpp"
#include "ops.hpp"

namespace cxla {

namespace detail {

template <class T>
constexpr T abs_value(T x) noexcept {
  return x < T{0} ? -x : x;
}

// The combination's terms summed in row order with |a_i| |V[i, j]|: the scale of its
// rounding error.
template <class T, size_t N, size_t D>
constexpr vector<T, D> combination_magnitude(const matrix<T, N, D>& V, const vector<T, N>& a) noexcept {
  vector<T, D> m{};
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < D; ++j) m.data[j] = m.data[j] + abs_value(a.data[i]) * abs_value(V.data[i][j]);
  return m;
}

#if CXLA_SIMD
// Run-time kernel of row_combination for float and double: columns in blocks of four 256-bit
// vectors whose accumulators stay in registers across the rows of V (a generic loop keeps
// them in memory with g++). Each lane adds its terms in the same order as the scalar loop,
// sequential in i from +0, so the results are bit-identical.
template <class T>
using lanes256 __attribute__((vector_size(32))) = T;

// Vector loads and stores through memcpy (no alignment or aliasing assumptions; one unaligned
// move). Vectors pass by reference: a 256-bit vector by value would change the calling
// convention with the target's vector width (-Wpsabi).
template <class V, class T>
[[gnu::always_inline]] inline void load256(V& v, const T* p) noexcept {
  __builtin_memcpy(&v, p, sizeof v);
}
template <class V, class T>
[[gnu::always_inline]] inline void store256(T* p, const V& v) noexcept {
  __builtin_memcpy(p, &v, sizeof v);
}

template <class T, size_t N, size_t D>
[[gnu::always_inline]] inline void row_combination_simd(const T (&V)[N][D], const T (&a)[N], T (&o)[D]) noexcept {
  using lanes_t = lanes256<T>;
  constexpr size_t width = 32 / sizeof(T);
  constexpr size_t block = 4 * width;
  constexpr size_t full = D - D % block;
  for (size_t j0 = 0; j0 < full; j0 += block) {
    lanes_t acc0{}, acc1{}, acc2{}, acc3{}, x;
    for (size_t i = 0; i < N; ++i) {
      const T ai = a[i];  // broadcast to every lane by the vector-scalar products below
      load256(x, &V[i][j0]);
      acc0 = acc0 + ai * x;
      load256(x, &V[i][j0 + width]);
      acc1 = acc1 + ai * x;
      load256(x, &V[i][j0 + 2 * width]);
      acc2 = acc2 + ai * x;
      load256(x, &V[i][j0 + 3 * width]);
      acc3 = acc3 + ai * x;
    }
    store256(&o[j0], acc0);
    store256(&o[j0 + width], acc1);
    store256(&o[j0 + 2 * width], acc2);
    store256(&o[j0 + 3 * width], acc3);
  }
  // The last D % block columns: whole vectors one at a time, then single lanes.
  constexpr size_t vector_end = full + (D - full) / width * width;
  for (size_t j0 = full; j0 < vector_end; j0 += width) {
    lanes_t acc{}, x;
    for (size_t i = 0; i < N; ++i) {
      const T ai = a[i];
      load256(x, &V[i][j0]);
      acc = acc + ai * x;
    }
    store256(&o[j0], acc);
  }
  for (size_t j = vector_end; j < D; ++j) {
    T acc{};
    for (size_t i = 0; i < N; ++i) acc = acc + a[i] * V[i][j];
    o[j] = acc;
  }
}
#endif

}  // namespace detail

// row_combination(V, a): matrix<T,N,D> x vector<T,N> -> vector<T,D>   sum_i a[i] * V[i, :]
// Summed sequentially in i from +0 (the order of (A * B)(i, j) in ops.hpp), so
// row_combination(V, a) == as_vector(transpose(a) * V) bit for bit; attention uses it.
template <class T, size_t N, size_t D, class U, size_t NA>
constexpr vector<T, D> row_combination(const matrix<T, N, D>& V, const vector<U, NA>& a) noexcept {
  static_assert(N == NA,
                "cxla: shape mismatch in row_combination(V, a): a's length must equal V's row count");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in row_combination(V, a): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  vector<T, D> o{};
  if constexpr (N == NA && std::is_same_v<T, U> && detail::is_element_v<T>) {
#if CXLA_SIMD
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      if (!std::is_constant_evaluated()) {
        detail::row_combination_simd(V.data, a.data, o.data);
        return o;
      }
    }
#endif
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < D; ++j) o.data[j] = detail::mul_add(a.data[i], V.data[i][j], o.data[j]);
  }
  return o;
}

// is_probability_vector(a, tol): vector<T,N> -> bool   every a_i >= 0 and |sum(a) - 1| <= tol
template <class T, size_t N, class S>
constexpr bool is_probability_vector(const vector<T, N>& a, S tol) noexcept {
  static_assert(std::is_floating_point_v<T>, "cxla: is_probability_vector needs floating-point elements");
  bool nonnegative = true;
  for (size_t i = 0; i < N; ++i) nonnegative = nonnegative && a.data[i] >= T{0};  // false for NaN
  const T total = cxla::sum(a);
  return nonnegative && detail::abs_value(total - T{1}) <= static_cast<T>(tol);
}

// is_linear_combination(o, a, V, tol): vector<T,D> x vector<T,N> x matrix<T,N,D> -> bool
// o equals sum_i a_i V[i, :] within the relative bound above: o lies in the span of V's rows.
template <class T, size_t D, size_t N, size_t NV, size_t DV, class S>
constexpr bool is_linear_combination(const vector<T, D>& o, const vector<T, N>& a, const matrix<T, NV, DV>& V,
                                     S tol) noexcept {
  static_assert(N == NV && D == DV,
                "cxla: shape mismatch in is_linear_combination(o, a, V, tol): V must be "
                "length(a) x length(o)");
  if constexpr (N == NV && D == DV) {
    const vector<T, D> c = row_combination(V, a);
    const vector<T, D> scale = detail::combination_magnitude(V, a);
    bool ok = true;
    for (size_t j = 0; j < D; ++j)
      ok = ok && detail::abs_value(o.data[j] - c.data[j]) <= static_cast<T>(tol) * scale.data[j];
    return ok;
  } else {
    return false;
  }
}

// is_convex_combination(o, a, V, tol): vector<T,D> x vector<T,N> x matrix<T,N,D> -> bool
// a is a probability vector and o == sum_i a_i V[i, :] (both within tol): o lies in the
// convex hull of V's rows, with a as the certificate.
template <class T, size_t D, size_t N, size_t NV, size_t DV, class S>
constexpr bool is_convex_combination(const vector<T, D>& o, const vector<T, N>& a, const matrix<T, NV, DV>& V,
                                     S tol) noexcept {
  static_assert(N == NV && D == DV,
                "cxla: shape mismatch in is_convex_combination(o, a, V, tol): V must be "
                "length(a) x length(o)");
  if constexpr (N == NV && D == DV)
    return is_probability_vector(a, tol) && is_linear_combination(o, a, V, tol);
  else
    return false;
}

// in_convex_hull(p, V, a, tol): vector<T,D> x matrix<T,N,D> x vector<T,N> -> bool
// p lies in conv{V[0, :], ..., V[N-1, :]}, certified by the weights a.
template <class T, size_t D, size_t N, size_t DV, size_t NA, class S>
constexpr bool in_convex_hull(const vector<T, D>& p, const matrix<T, N, DV>& V, const vector<T, NA>& a,
                              S tol) noexcept {
  static_assert(N == NA && D == DV,
                "cxla: shape mismatch in in_convex_hull(p, V, a, tol): V must be "
                "length(a) x length(p)");
  if constexpr (N == NA && D == DV)
    return is_convex_combination(p, a, V, tol);
  else
    return false;
}

// in_row_box(p, V, tol): vector<T,D> x matrix<T,N,D> -> bool
// Every coordinate of p lies between the smallest and largest entry of V's column (widened
// by tol times the column's largest magnitude). Every convex combination of V's rows passes.
template <class T, size_t D, size_t N, size_t DV, class S>
constexpr bool in_row_box(const vector<T, D>& p, const matrix<T, N, DV>& V, S tol) noexcept {
  static_assert(D == DV, "cxla: shape mismatch in in_row_box(p, V, tol): p's length must equal V's column count");
  if constexpr (D == DV) {
    bool ok = true;
    for (size_t j = 0; j < D; ++j) {
      T lo = V.data[0][j], hi = V.data[0][j], mag = detail::abs_value(V.data[0][j]);
      for (size_t i = 1; i < N; ++i) {
        lo = V.data[i][j] < lo ? V.data[i][j] : lo;
        hi = V.data[i][j] > hi ? V.data[i][j] : hi;
        mag = detail::abs_value(V.data[i][j]) > mag ? detail::abs_value(V.data[i][j]) : mag;
      }
      const T slack = static_cast<T>(tol) * mag;
      ok = ok && p.data[j] >= lo - slack && p.data[j] <= hi + slack;
    }
    return ok;
  } else {
    return false;
  }
}

// ---- distances in units in the last place ---------------------------------------------------

namespace detail {

// Maps float/double onto integers that count representable values in order (-0 and +0 both
// map to 0), so the distance between two values is the difference of their images.
template <class T>
constexpr std::int64_t ordered_bits(T x) noexcept {
  if constexpr (std::is_same_v<T, float>) {
    const std::int32_t i = std::bit_cast<std::int32_t>(x);
    return i < 0 ? -static_cast<std::int64_t>(i & 0x7fffffff) : static_cast<std::int64_t>(i);
  } else {
    const std::int64_t i = std::bit_cast<std::int64_t>(x);
    return i < 0 ? -(i & 0x7fffffffffffffffLL) : i;
  }
}

}  // namespace detail

// ulp_distance(x, y): T x T -> uint64   how many representable values apart x and y are
// (0 iff x == y); the maximum uint64 if either is NaN. float and double.
template <class T>
constexpr std::uint64_t ulp_distance(T x, T y) noexcept {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                "cxla: ulp_distance is defined for float and double");
  if (x != x || y != y) return ~std::uint64_t{0};
  const std::int64_t a = detail::ordered_bits(x), b = detail::ordered_bits(y);
  // The difference in uint64: a - b can exceed int64 (e.g. -inf to +inf in double).
  const auto ua = static_cast<std::uint64_t>(a), ub = static_cast<std::uint64_t>(b);
  return a > b ? ua - ub : ub - ua;
}

// approx_equal_ulps(a, b, ulps): same-shape vectors or matrices (or scalars) -> bool
// every element pair is at most `ulps` representable values apart.
template <class T>
requires std::is_floating_point_v<T>
constexpr bool approx_equal_ulps(T a, T b, std::uint64_t ulps) noexcept {
  return ulp_distance(a, b) <= ulps;
}
template <class A, class B>
requires matrix_like<A> && matrix_like<B>
constexpr bool approx_equal_ulps(const A& a, const B& b, std::uint64_t ulps) noexcept {
  static_assert(same_shape<A, B>,
                "cxla: shape mismatch in approx_equal_ulps(a, b, ulps): both must have the same shape");
  static_assert(same_element<A, B>, "cxla: element type mismatch in approx_equal_ulps(a, b, ulps)");
  if constexpr (same_shape<A, B> && same_element<A, B>) {
    bool ok = true;
    if constexpr (any_vector<A>) {
      for (size_t i = 0; i < A::rows; ++i) ok = ok && ulp_distance(a.data[i], b.data[i]) <= ulps;
    } else {
      for (size_t i = 0; i < A::rows; ++i)
        for (size_t j = 0; j < A::cols; ++j) ok = ok && ulp_distance(a.data[i][j], b.data[i][j]) <= ulps;
    }
    return ok;
  } else {
    return false;
  }
}

}  // namespace cxla
