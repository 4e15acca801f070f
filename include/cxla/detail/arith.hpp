// cxla/detail/arith.hpp - element arithmetic with defined behaviour for every element type.
// Not API.
//
// Floating-point types: plain IEEE arithmetic.
// Integer types: the result wraps modulo 2^bits at run time (computed in the unsigned
// counterpart, so signed overflow is never undefined behaviour); in a constant expression
// signed overflow is a compile error instead. Narrow types (8/16-bit) are computed in at
// least `unsigned int`, so `uint16 * uint16` cannot overflow a promoted `int`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "checks.hpp"

namespace cxla::detail {

// Plain bools (not concepts) for static_asserts: a failed concept in a static_assert makes
// g++ print several more lines of notes.
template <class T>
inline constexpr bool is_element_v = std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool>;

template <class T>
concept element = is_element_v<T>;

template <class S, class T>
inline constexpr bool is_scalar_for_v =
    is_element_v<S>&& is_element_v<T> && !(std::is_floating_point_v<S> && std::is_integral_v<T>);

template <class T>
using wide_unsigned_t = std::common_type_t<std::make_unsigned_t<T>, unsigned int>;

template <class T>
constexpr T add(T a, T b) noexcept {
  if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>) {
      if (std::is_constant_evaluated()) {
        T checked{};
        if (__builtin_add_overflow(a, b, &checked)) cxla_error_signed_integer_overflow();
      }
    }
    using U = wide_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return a + b;
  }
}

template <class T>
constexpr T sub(T a, T b) noexcept {
  if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>) {
      if (std::is_constant_evaluated()) {
        T checked{};
        if (__builtin_sub_overflow(a, b, &checked)) cxla_error_signed_integer_overflow();
      }
    }
    using U = wide_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
  } else {
    return a - b;
  }
}

template <class T>
constexpr T mul(T a, T b) noexcept {
  if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>) {
      if (std::is_constant_evaluated()) {
        T checked{};
        if (__builtin_mul_overflow(a, b, &checked)) cxla_error_signed_integer_overflow();
      }
    }
    using U = wide_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
  } else {
    return a * b;
  }
}

template <class T>
constexpr T neg(T a) noexcept {
  if constexpr (std::is_integral_v<T>) {
    return sub(T{0}, a);
  } else {
    return -a;
  }
}

// Integer division by zero: compile error in a constant expression, traps at run time.
// INT_MIN / -1 wraps to INT_MIN (as the other operations do).
template <class T>
constexpr T div(T a, T b) noexcept {
  if constexpr (std::is_integral_v<T>) {
    if (b == T{0}) {
      if (std::is_constant_evaluated()) cxla_error_integer_division_by_zero();
      __builtin_trap();
    }
    if constexpr (std::is_signed_v<T>) {
      if (b == T{-1}) return neg(a);
    }
    return static_cast<T>(a / b);
  } else {
    return a / b;
  }
}

// static_cast<U>(x) with every case defined: floating point to an integer U must be in range
// (the truncated value representable), else compile error in constant evaluation / trap at
// run time; every other conversion is defined by the language (integers wrap modulo 2^bits).
template <class U, class T>
constexpr U convert(T x) noexcept {
  if constexpr (std::is_floating_point_v<T> && std::is_integral_v<U> && !std::is_same_v<U, bool>) {
    // Defined iff the truncated value fits U: x in (lower - 1, upper), with upper = 2^digits and
    // lower = -2^digits (signed) or 0. Powers of two are exact in T; where lower - 1 rounds to
    // lower, the second test is x > lower, and x == lower is taken by the first.
    constexpr T upper = static_cast<T>(std::uintmax_t{1} << (std::numeric_limits<U>::digits - 1)) * T{2};
    constexpr T lower = std::is_signed_v<U> ? -upper : T{0};
    const bool in_range = x < upper && (x >= lower || x > lower - T{1});
    if (!in_range) {  // also NaN
      if (std::is_constant_evaluated()) cxla_error_conversion_out_of_range();
      __builtin_trap();
    }
    return static_cast<U>(x);
  } else {
    return static_cast<U>(x);
  }
}

// Multiply-accumulate acc + a*b as two roundings (the project's builds pass
// -ffp-contract=off so the run-time result equals the compile-time one).
template <class T>
constexpr T mul_add(T a, T b, T acc) noexcept {
  return add(acc, mul(a, b));
}

}  // namespace cxla::detail
