// cxla/detail/checks.hpp - run-time and compile-time checks shared by all headers.
// Not API: names here may change.
#pragma once

#include <type_traits>

// Bounds checks on element access (X(i, j), w[i]).
// In a constant expression an out-of-range index is always a compile error.
// At run time the check traps (__builtin_trap) unless CXLA_NO_BOUNDS_CHECK is defined;
// with it defined, out-of-range access is the caller's responsibility (unchecked, like
// data[i][j]). Kernels inside cxla index `data` directly and never pay for the check.
#if defined(CXLA_NO_BOUNDS_CHECK)
#define CXLA_BOUNDS_CHECK 0
#else
#define CXLA_BOUNDS_CHECK 1
#endif

namespace cxla::detail {

// A false that depends on template parameters, for static_asserts in catch-all overloads.
template <auto...>
inline constexpr bool always_false = false;

// Deliberately not constexpr: reaching one of these during constant evaluation makes the
// evaluation fail, and the compiler names the function in its first error line.
// At run time: an out-of-range index traps (unless CXLA_NO_BOUNDS_CHECK); the other two are
// only ever called in constant evaluation.
inline void cxla_error_index_out_of_range() noexcept {
#if CXLA_BOUNDS_CHECK
  __builtin_trap();
#endif
}
inline void cxla_error_signed_integer_overflow() noexcept {}
inline void cxla_error_integer_division_by_zero() noexcept {}
inline void cxla_error_conversion_out_of_range() noexcept {}

constexpr void check_index(bool in_range) noexcept {
  if (!in_range) cxla_error_index_out_of_range();
}

}  // namespace cxla::detail
