// tests/properties/math_properties.hpp - properties of math.hpp, written once as constexpr bool
// functions: tests/static checks them with static_assert, tests/runtime with CHECK on inputs
// the compiler cannot fold.
#pragma once

#include "props_common.hpp"

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <cxla/cxla.hpp>

namespace cxla_props {

template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

// Same value and sign, or both NaN.
template <class T>
constexpr bool same(T a, T b) {
  if (a != a) return b != b;
  return std::bit_cast<bits_of<T>>(a) == std::bit_cast<bits_of<T>>(b);
}

// |a - b| <= n ULPs, counted as the distance between the bit patterns (finite, same sign).
template <class T>
constexpr bool within_ulps(T a, T b, std::uint64_t n) {
  if (!(a == a && b == b)) return false;
  if ((a < 0) != (b < 0)) return a == 0 && b == 0;
  const auto ia = std::bit_cast<bits_of<T>>(a), ib = std::bit_cast<bits_of<T>>(b);
  return (ia > ib ? ia - ib : ib - ia) <= n;
}

template <class T>
constexpr T nan = std::numeric_limits<T>::quiet_NaN();
template <class T>
constexpr T big = std::numeric_limits<T>::max();
template <class T>
constexpr T tiny = std::numeric_limits<T>::denorm_min();

// Special values as C's <math.h> (Annex F) specifies them.
template <class T>
constexpr bool exp_special_values() {
  return same(cxla::exp(nan<T>), nan<T>) && same(cxla::exp(inf<T>), inf<T>) && same(cxla::exp(-inf<T>), T(0)) &&
         same(cxla::exp(T(0)), T(1)) && same(cxla::exp(-T(0)), T(1)) && same(cxla::exp(T(1000)), inf<T>) &&
         same(cxla::exp(big<T>), inf<T>) && same(cxla::exp(T(-1000)), T(0)) && same(cxla::exp(-big<T>), T(0)) &&
         same(cxla::exp(tiny<T>), T(1));
}

template <class T>
constexpr bool log_special_values() {
  return same(cxla::log(nan<T>), nan<T>) && same(cxla::log(T(0)), -inf<T>) && same(cxla::log(-T(0)), -inf<T>) &&
         same(cxla::log(T(-1)), nan<T>) && same(cxla::log(-inf<T>), nan<T>) && same(cxla::log(-tiny<T>), nan<T>) &&
         same(cxla::log(inf<T>), inf<T>) && same(cxla::log(T(1)), T(0)) && cxla::log(tiny<T>) < T(-100) &&
         cxla::log(big<T>) > T(88);
}

template <class T>
constexpr bool sqrt_special_values() {
  return same(cxla::sqrt(nan<T>), nan<T>) && same(cxla::sqrt(T(0)), T(0)) && same(cxla::sqrt(-T(0)), -T(0)) &&
         same(cxla::sqrt(T(-1)), nan<T>) && same(cxla::sqrt(-inf<T>), nan<T>) && same(cxla::sqrt(-tiny<T>), nan<T>) &&
         same(cxla::sqrt(inf<T>), inf<T>) && same(cxla::sqrt(T(4)), T(2)) && same(cxla::sqrt(T(0.25)), T(0.5));
}

template <class T>
constexpr bool expm1_special_values() {
  return same(cxla::expm1(nan<T>), nan<T>) && same(cxla::expm1(inf<T>), inf<T>) &&
         same(cxla::expm1(-inf<T>), T(-1)) && same(cxla::expm1(T(0)), T(0)) && same(cxla::expm1(-T(0)), -T(0)) &&
         same(cxla::expm1(T(1000)), inf<T>) && same(cxla::expm1(T(-1000)), T(-1)) &&
         same(cxla::expm1(tiny<T>), tiny<T>) && same(cxla::expm1(-tiny<T>), -tiny<T>);
}

template <class T>
constexpr bool log1p_special_values() {
  return same(cxla::log1p(nan<T>), nan<T>) && same(cxla::log1p(T(-1)), -inf<T>) &&
         same(cxla::log1p(T(-2)), nan<T>) && same(cxla::log1p(-inf<T>), nan<T>) &&
         same(cxla::log1p(inf<T>), inf<T>) && same(cxla::log1p(T(0)), T(0)) && same(cxla::log1p(-T(0)), -T(0)) &&
         same(cxla::log1p(tiny<T>), tiny<T>) && same(cxla::log1p(-tiny<T>), -tiny<T>);
}

template <class T>
constexpr bool tanh_special_values() {
  return same(cxla::tanh(nan<T>), nan<T>) && same(cxla::tanh(inf<T>), T(1)) && same(cxla::tanh(-inf<T>), T(-1)) &&
         same(cxla::tanh(T(0)), T(0)) && same(cxla::tanh(-T(0)), -T(0)) && same(cxla::tanh(T(100)), T(1)) &&
         same(cxla::tanh(tiny<T>), tiny<T>) && same(cxla::tanh(-big<T>), T(-1));
}

template <class T>
constexpr bool erf_special_values() {
  return same(cxla::erf(nan<T>), nan<T>) && same(cxla::erf(inf<T>), T(1)) && same(cxla::erf(-inf<T>), T(-1)) &&
         same(cxla::erf(T(0)), T(0)) && same(cxla::erf(-T(0)), -T(0)) && same(cxla::erf(T(10)), T(1)) &&
         same(cxla::erf(-big<T>), T(-1));
}

template <class T>
constexpr bool pow_special_values() {
  return same(cxla::pow(nan<T>, 0), T(1)) && same(cxla::pow(inf<T>, 0), T(1)) && same(cxla::pow(nan<T>, 3), nan<T>) &&
         same(cxla::pow(T(0), -1), inf<T>) && same(cxla::pow(-T(0), -1), -inf<T>) &&
         same(cxla::pow(-T(0), -2), inf<T>) && same(cxla::pow(-T(0), 3), -T(0)) && same(cxla::pow(-T(0), 2), T(0)) &&
         same(cxla::pow(-inf<T>, 3), -inf<T>) && same(cxla::pow(-inf<T>, -3), -T(0)) &&
         same(cxla::pow(inf<T>, -2), T(0)) && same(cxla::pow(T(-2), 3), T(-8)) && same(cxla::pow(T(-2), -3), T(-0.125)) &&
         same(cxla::pow(T(10), 400), inf<T>) && same(cxla::pow(T(-10), 401), -inf<T>) &&
         same(cxla::pow(T(10), -400), T(0)) && same(cxla::pow(T(2), std::numeric_limits<T>::min_exponent - 1), std::numeric_limits<T>::min()) &&
         same(cxla::pow(T(2), std::numeric_limits<T>::min_exponent - std::numeric_limits<T>::digits), tiny<T>) &&
         same(cxla::pow(T(0.5), -127), T(0x1p127)) && same(cxla::pow(T(2), std::numeric_limits<T>::max_exponent), inf<T>) &&
         same(cxla::pow(T(1), -1000000007LL), T(1)) && same(cxla::pow(T(-1), 1000000007LL), T(-1)) &&
         same(cxla::pow(T(3), 5), T(243)) && same(cxla::pow(T(0.5), 10), T(1) / T(1024));
}

template <class T>
constexpr bool abs_fmin_fmax_special_values() {
  return same(cxla::abs(-T(0)), T(0)) && same(cxla::abs(-inf<T>), inf<T>) && same(cxla::abs(T(-2.5)), T(2.5)) &&
         cxla::abs(nan<T>) != cxla::abs(nan<T>) && same(cxla::fmin(nan<T>, T(1)), T(1)) &&
         same(cxla::fmin(T(1), nan<T>), T(1)) && same(cxla::fmax(nan<T>, T(-1)), T(-1)) &&
         same(cxla::fmin(nan<T>, nan<T>), nan<T>) && same(cxla::fmin(T(0), -T(0)), -T(0)) &&
         same(cxla::fmin(-T(0), T(0)), -T(0)) && same(cxla::fmax(T(0), -T(0)), T(0)) &&
         same(cxla::fmax(-T(0), T(0)), T(0)) && same(cxla::fmin(T(-1), T(2)), T(-1)) &&
         same(cxla::fmax(T(-1), T(2)), T(2)) && same(cxla::fmax(-inf<T>, T(2)), T(2));
}

template <class T>
constexpr bool all_special_values() {
  return exp_special_values<T>() && log_special_values<T>() && sqrt_special_values<T>() &&
         expm1_special_values<T>() && log1p_special_values<T>() && tanh_special_values<T>() &&
         erf_special_values<T>() && pow_special_values<T>() && abs_fmin_fmax_special_values<T>();
}

// Correct rounding makes sqrt(x * x) == |x| whenever x * x is exact-range (no overflow, no
// underflow into the subnormals).
template <class T>
constexpr bool sqrt_of_square_is_abs(T x) {
  const T y = x * x;
  if (!(y >= std::numeric_limits<T>::min() && y <= big<T>)) return true;  // out of the property's range
  return same(cxla::sqrt(y), cxla::abs(x));
}

// The elementwise forms apply the scalar function to every element, bit for bit.
template <class T, cxla::size_t N>
constexpr bool elementwise_matches_scalar(const cxla::vector<T, N>& v) {
  const auto e = cxla::exp(v), l = cxla::log(v), s = cxla::sqrt(v), m = cxla::expm1(v), p = cxla::log1p(v),
             t = cxla::tanh(v), f = cxla::erf(v), a = cxla::abs(v), q = cxla::pow(v, 3);
  for (cxla::size_t i = 0; i < N; ++i) {
    const T x = v.data[i];
    if (!(same(e.data[i], cxla::exp(x)) && same(l.data[i], cxla::log(x)) && same(s.data[i], cxla::sqrt(x)) &&
          same(m.data[i], cxla::expm1(x)) && same(p.data[i], cxla::log1p(x)) && same(t.data[i], cxla::tanh(x)) &&
          same(f.data[i], cxla::erf(x)) && same(a.data[i], cxla::abs(x)) && same(q.data[i], cxla::pow(x, 3))))
      return false;
  }
  return true;
}

template <class T, cxla::size_t R, cxla::size_t C>
constexpr bool elementwise_matches_scalar(const cxla::matrix<T, R, C>& X) {
  const auto e = cxla::exp(X), l = cxla::log(X), s = cxla::sqrt(X), f = cxla::erf(X);
  for (cxla::size_t i = 0; i < R; ++i)
    for (cxla::size_t j = 0; j < C; ++j) {
      const T x = X.data[i][j];
      if (!(same(e.data[i][j], cxla::exp(x)) && same(l.data[i][j], cxla::log(x)) &&
            same(s.data[i][j], cxla::sqrt(x)) && same(f.data[i][j], cxla::erf(x))))
        return false;
    }
  return true;
}

// exp, log, sqrt, expm1, log1p, tanh and erf are nondecreasing: on sorted inputs the results
// are sorted (a monotonicity failure is an accuracy failure that the ULP bound alone allows
// only across a rounding boundary).
template <class T, cxla::size_t N>
constexpr bool monotone_on(const cxla::vector<T, N>& sorted) {
  for (cxla::size_t i = 1; i < N; ++i) {
    const T a = sorted.data[i - 1], b = sorted.data[i];
    if (!(cxla::exp(a) <= cxla::exp(b) && cxla::expm1(a) <= cxla::expm1(b) && cxla::tanh(a) <= cxla::tanh(b) &&
          cxla::erf(a) <= cxla::erf(b)))
      return false;
    if (a > 0 && !(cxla::log(a) <= cxla::log(b) && cxla::sqrt(a) <= cxla::sqrt(b) && cxla::log1p(a) <= cxla::log1p(b)))
      return false;
  }
  return true;
}

// Inverse pairs agree to within a few ULPs (the bound follows from the functions' error
// bounds and the condition numbers: |x| * 1 ULP of log for exp(log(x)) ...): log(exp(x)) for
// moderate x, and expm1/log1p.
template <class T>
constexpr bool log_inverts_exp(T x) {
  const T y = cxla::log(cxla::exp(x));
  return within_ulps(y, x, 2) || (cxla::abs(y - x) <= T(2) * std::numeric_limits<T>::epsilon());
}

}  // namespace cxla_props
