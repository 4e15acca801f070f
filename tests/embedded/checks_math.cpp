// tests/embedded/checks_math.cpp - math.hpp on the target: cxla's constexpr exp, log and
// sqrt against newlib's libm, and exact cases. Each function is probed with a
// requires-expression, so the checker builds before math.hpp lands; once the header exists,
// a missing function is a failed check, not a skip.
#include <cxla/cxla.hpp>
#if __has_include(<cxla/math.hpp>)
#include <cxla/math.hpp>
#define CXLA_EMBEDDED_HAVE_MATH 1
#else
#define CXLA_EMBEDDED_HAVE_MATH 0
#endif
#if CXLA_EMBEDDED_HAVE_MATH && __has_include("math_properties.hpp")
#include "math_properties.hpp"
#define CXLA_EMBEDDED_HAVE_MATH_PROPERTIES 1
#else
#define CXLA_EMBEDDED_HAVE_MATH_PROPERTIES 0
#endif

#include "inputs.hpp"
#include "reference.hpp"
#include "suites.hpp"

namespace cxla_embedded {
namespace math_probe {
// Unqualified calls with a dependent argument: found through the using-directive when
// cxla declares them, and simply not found (the concept is false) otherwise. This file must
// not include <cmath> or <math.h>: their global ::exp would be found instead.
using namespace cxla;
template <class T>
concept has_exp = requires(T x) { exp(x); };
template <class T>
concept has_log = requires(T x) { log(x); };
template <class T>
concept has_sqrt = requires(T x) { sqrt(x); };
template <class T>
T call_exp(T x) { return exp(x); }
template <class T>
T call_log(T x) { return log(x); }
template <class T>
T call_sqrt(T x) { return sqrt(x); }
}  // namespace math_probe

namespace {

// Tolerances: relative, a few units in the last place of T.
template <class T>
constexpr double ulps(double n) {
  return n * (sizeof(T) == sizeof(float) ? 5.960464477539063e-8 : 1.1102230246251565e-16);
}

template <class T>
void missing(checker& c, const char* what) {
  if (CXLA_EMBEDDED_HAVE_MATH)
    c.check(false, what, __FILE__, __LINE__);
  else
    c.skip(what, "cxla/math.hpp not present yet");
}

template <class T>
void math_for(checker& c, generator& g) {
  if constexpr (math_probe::has_exp<T>) {
    c.group(sizeof(T) == sizeof(float) ? "math: exp (float)" : "math: exp (double)");
    CXLA_CHECK(c, math_probe::call_exp(opaque(T(0))) == T(1));
    bool all_close = true;
    for (int t = 0; t < 200; ++t) {
      const T x = g.value<T>(T(-30), T(30));
      all_close = all_close && reference::close(static_cast<double>(math_probe::call_exp(opaque(x))),
                                                reference::libm_exp(static_cast<double>(x)), 0.0, ulps<T>(4));
    }
    CXLA_CHECK(c, all_close);
  } else {
    missing<T>(c, "math: cxla::exp(T)");
  }
  if constexpr (math_probe::has_log<T>) {
    c.group(sizeof(T) == sizeof(float) ? "math: log (float)" : "math: log (double)");
    CXLA_CHECK(c, math_probe::call_log(opaque(T(1))) == T(0));
    bool all_close = true;
    for (int t = 0; t < 200; ++t) {
      const T x = g.value<T>(T(0.001), T(1000));
      const double expected = reference::libm_log(static_cast<double>(x));
      all_close = all_close && reference::close(static_cast<double>(math_probe::call_log(opaque(x))), expected,
                                                ulps<T>(4), ulps<T>(4));
    }
    CXLA_CHECK(c, all_close);
  } else {
    missing<T>(c, "math: cxla::log(T)");
  }
  if constexpr (math_probe::has_sqrt<T>) {
    c.group(sizeof(T) == sizeof(float) ? "math: sqrt (float)" : "math: sqrt (double)");
    bool squares_exact = true;
    for (int k = 0; k <= 1000; k += 7) squares_exact = squares_exact && math_probe::call_sqrt(opaque(T(k * k))) == T(k);
    CXLA_CHECK(c, squares_exact);
    bool all_close = true;
    for (int t = 0; t < 200; ++t) {
      const T x = g.value<T>(T(0), T(1e6));
      all_close = all_close && reference::close(static_cast<double>(math_probe::call_sqrt(opaque(x))),
                                                reference::libm_sqrt(static_cast<double>(x)), 0.0, ulps<T>(1));
    }
    CXLA_CHECK(c, all_close);
  } else {
    missing<T>(c, "math: cxla::sqrt(T)");
  }
}

#if CXLA_EMBEDDED_HAVE_MATH_PROPERTIES
// The properties of tests/properties/math_properties.hpp, as the doctest suite runs them on
// the host: special values (C Annex F), sqrt(x * x) == |x|, log(exp(x)) ~ x, elementwise forms
// equal to the scalar functions, monotonicity.
void math_properties(checker& c, generator& g) {
  c.group("math properties");
  CXLA_CHECK(c, cxla_props::all_special_values<float>());
  CXLA_CHECK(c, cxla_props::all_special_values<double>());
  bool squares = true, inverses = true;
  for (int t = 0; t < 200; ++t) {
    squares = squares && cxla_props::sqrt_of_square_is_abs(opaque(g.value<double>(-1e150, 1e150)));
    squares = squares && cxla_props::sqrt_of_square_is_abs(opaque(g.value<float>(-1e18f, 1e18f)));
    inverses = inverses && cxla_props::log_inverts_exp(opaque(g.value<double>(-700.0, 700.0)));
    inverses = inverses && cxla_props::log_inverts_exp(opaque(g.value<float>(-80.0f, 80.0f)));
  }
  CXLA_CHECK(c, squares);
  CXLA_CHECK(c, inverses);
  for (int t = 0; t < 3; ++t) {
    CXLA_CHECK(c, cxla_props::elementwise_matches_scalar(opaque(g.vector<double, 37>(-800.0, 800.0))));
    CXLA_CHECK(c, cxla_props::elementwise_matches_scalar(opaque(g.vector<float, 64>(-100.0f, 100.0f))));
    CXLA_CHECK(c, cxla_props::elementwise_matches_scalar(opaque(g.matrix<double, 5, 7>(-10.0, 10.0))));
    auto sorted = g.vector<double, 64>(-750.0, 750.0);
    for (size_t i = 1; i < 64; ++i)  // insertion sort: the property wants sorted input
      for (size_t j = i; j > 0 && sorted.data[j - 1] > sorted.data[j]; --j) {
        const double held = sorted.data[j];
        sorted.data[j] = sorted.data[j - 1];
        sorted.data[j - 1] = held;
      }
    CXLA_CHECK(c, cxla_props::monotone_on(opaque(sorted)));
  }
}
#endif

}  // namespace

void check_math(checker& c) {
  generator g{0x5eed0002u};
  math_for<double>(c, g);
  math_for<float>(c, g);
#if CXLA_EMBEDDED_HAVE_MATH_PROPERTIES
  math_properties(c, g);
#else
  c.skip("math properties", "tests/properties/math_properties.hpp or cxla/math.hpp not present yet");
#endif
}

}  // namespace cxla_embedded
