// Run-time checks of math.hpp.
//  1. Compile-time vs run-time bit identity: for every function and type, 2048 inputs spread
//     over the domain (special values first); the compile-time results sit in constexpr
//     std::array tables, the run-time side computes from inputs read through a volatile, once
//     scalar by scalar and once through the elementwise (vectorised) form.
//  2. The property functions of math_properties.hpp on random inputs.
//  3. Single calls against the elementwise form, and the constant-evaluation fused
//     multiply-add (fused_emulated) against std::fma.
#include <doctest/doctest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include <cxla/cxla.hpp>

#include "math_properties.hpp"
#include "opaque.hpp"

using cxla::size_t;
using cxla_props::same;
using cxla_test::opaque;

namespace {

constexpr size_t table_size = 2048;

template <class T>
using table = std::array<T, table_size>;

constexpr size_t special_count = 12;
template <class T>
constexpr T specials[special_count] = {T(0),
                          -T(0),
                          std::numeric_limits<T>::infinity(),
                          -std::numeric_limits<T>::infinity(),
                          std::numeric_limits<T>::quiet_NaN(),
                          std::numeric_limits<T>::min(),
                          std::numeric_limits<T>::denorm_min(),
                          -std::numeric_limits<T>::denorm_min(),
                          std::numeric_limits<T>::max(),
                          -std::numeric_limits<T>::max(),
                          T(1),
                          T(-1)};

// Inputs: the special values, then half of the rest evenly spread over [lo, hi] with an
// irrational offset (no round numbers), half with random-looking bit patterns of every
// exponent (tiny, huge, subnormal; signs as the domain allows).
template <class T>
constexpr table<T> inputs(double lo, double hi, bool negative_too) {
  table<T> xs{};
  for (size_t i = 0; i < special_count; ++i) xs[i] = specials<T>[i];
  const size_t linear = (table_size - special_count) / 2;
  for (size_t i = 0; i < linear; ++i) {
    const double u = static_cast<double>((i * 0x9E3779B97F4A7C15ull) >> 11) * 0x1p-53;  // in [0, 1)
    xs[special_count + i] = static_cast<T>(lo + (hi - lo) * u);
  }
  using B = cxla_props::bits_of<T>;
  constexpr int bits = static_cast<int>(sizeof(T) * 8);
  constexpr int mantissa_bits = std::numeric_limits<T>::digits - 1;
  constexpr B exponent_count = (B{1} << (bits - 1 - mantissa_bits)) - 1;  // excludes inf/NaN
  for (size_t i = special_count + linear; i < table_size; ++i) {
    const std::uint64_t h = (i + 1) * 0xD1B54A32D192ED03ull;
    const B exponent = static_cast<B>((h >> 40) % exponent_count);
    const B mantissa = static_cast<B>(h) & ((B{1} << mantissa_bits) - 1);
    const B sign = negative_too && (h >> 63) ? B{1} << (bits - 1) : B{0};
    xs[i] = std::bit_cast<T>(static_cast<B>(sign | (exponent << mantissa_bits) | mantissa));
  }
  return xs;
}

template <class T, class F>
constexpr table<T> apply(const table<T>& xs, F f) {
  table<T> ys{};
  for (size_t i = 0; i < table_size; ++i) ys[i] = f(xs[i]);
  return ys;
}

template <class T, class F, class G>
void check_identity(const char* name, const table<T>& xs, const table<T>& compile_time, F scalar, G elementwise) {
  cxla::vector<T, table_size> v{};
  for (size_t i = 0; i < table_size; ++i) v.data[i] = opaque(xs[i]);
  const cxla::vector<T, table_size> vectorised = elementwise(v);
  int scalar_mismatches = 0, elementwise_mismatches = 0;
  for (size_t i = 0; i < table_size; ++i) {
    const T run_time = scalar(opaque(xs[i]));
    if (!same(run_time, compile_time[i])) {
      if (++scalar_mismatches <= 3)
        std::printf("%s(%a): run time %a, compile time %a\n", name, static_cast<double>(xs[i]),
                    static_cast<double>(run_time), static_cast<double>(compile_time[i]));
    }
    if (!same(vectorised.data[i], compile_time[i])) ++elementwise_mismatches;
  }
  const std::string function = name;
  INFO(function);
  CHECK(scalar_mismatches == 0);
  CHECK(elementwise_mismatches == 0);
}

#define CXLA_IDENTITY_TABLE(fn, T, lo, hi, neg)                                         \
  constexpr table<T> fn##_in_##T = inputs<T>(lo, hi, neg);                               \
  constexpr table<T> fn##_ct_##T = apply(fn##_in_##T, [](T x) { return cxla::fn(x); });

CXLA_IDENTITY_TABLE(exp, float, -110.0, 95.0, true)
CXLA_IDENTITY_TABLE(exp, double, -750.0, 715.0, true)
CXLA_IDENTITY_TABLE(log, float, 0.0, 1e6, false)
CXLA_IDENTITY_TABLE(log, double, 0.0, 1e6, false)
CXLA_IDENTITY_TABLE(sqrt, float, 0.0, 1e6, false)
CXLA_IDENTITY_TABLE(sqrt, double, 0.0, 1e6, false)
CXLA_IDENTITY_TABLE(expm1, float, -30.0, 95.0, true)
CXLA_IDENTITY_TABLE(expm1, double, -50.0, 715.0, true)
CXLA_IDENTITY_TABLE(log1p, float, -1.0, 100.0, true)
CXLA_IDENTITY_TABLE(log1p, double, -1.0, 100.0, true)
CXLA_IDENTITY_TABLE(tanh, float, -12.0, 12.0, true)
CXLA_IDENTITY_TABLE(tanh, double, -25.0, 25.0, true)
CXLA_IDENTITY_TABLE(erf, float, -5.0, 5.0, true)
CXLA_IDENTITY_TABLE(erf, double, -7.0, 7.0, true)
#undef CXLA_IDENTITY_TABLE

// pow: exponents -40..40 over a spread of bases.
template <class T>
constexpr table<T> pow_table(const table<T>& xs) {
  table<T> ys{};
  for (size_t i = 0; i < table_size; ++i) ys[i] = cxla::pow(xs[i], static_cast<int>(i % 81) - 40);
  return ys;
}
constexpr table<float> pow_in_float = inputs<float>(-4.0, 4.0, true);
constexpr table<double> pow_in_double = inputs<double>(-30.0, 30.0, true);
constexpr table<float> pow_ct_float = pow_table(pow_in_float);
constexpr table<double> pow_ct_double = pow_table(pow_in_double);

}  // namespace

#define CXLA_CHECK_IDENTITY(fn, T)                                                                       \
  check_identity<T>(#fn "<" #T ">", fn##_in_##T, fn##_ct_##T, [](T x) { return cxla::fn(x); },          \
                    [](const cxla::vector<T, table_size>& v) { return cxla::fn(v); })

TEST_CASE("math: run-time results equal the compile-time ones bit for bit") {
  CXLA_CHECK_IDENTITY(exp, float);
  CXLA_CHECK_IDENTITY(exp, double);
  CXLA_CHECK_IDENTITY(log, float);
  CXLA_CHECK_IDENTITY(log, double);
  CXLA_CHECK_IDENTITY(sqrt, float);
  CXLA_CHECK_IDENTITY(sqrt, double);
  CXLA_CHECK_IDENTITY(expm1, float);
  CXLA_CHECK_IDENTITY(expm1, double);
  CXLA_CHECK_IDENTITY(log1p, float);
  CXLA_CHECK_IDENTITY(log1p, double);
  CXLA_CHECK_IDENTITY(tanh, float);
  CXLA_CHECK_IDENTITY(tanh, double);
  CXLA_CHECK_IDENTITY(erf, float);
  CXLA_CHECK_IDENTITY(erf, double);
}

TEST_CASE("math: pow with an integer exponent, run time equals compile time") {
  int mismatches = 0;
  for (size_t i = 0; i < table_size; ++i) {
    const int n = opaque(static_cast<int>(i % 81) - 40);
    mismatches += !same(cxla::pow(opaque(pow_in_float[i]), n), pow_ct_float[i]);
    mismatches += !same(cxla::pow(opaque(pow_in_double[i]), n), pow_ct_double[i]);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("math: special values at run time") {
  CHECK(cxla_props::all_special_values<float>());
  CHECK(cxla_props::all_special_values<double>());
  // The same through opaque arguments, so nothing is folded.
  const double inf = opaque(std::numeric_limits<double>::infinity());
  const float inf_f = opaque(std::numeric_limits<float>::infinity());
  CHECK(same(cxla::exp(-inf), 0.0));
  CHECK(same(cxla::exp(-inf_f), 0.0f));
  CHECK(same(cxla::log(opaque(0.0)), -inf));
  CHECK(same(cxla::log(opaque(-0.0f)), -inf_f));
  CHECK(cxla::log(opaque(-1.0)) != cxla::log(opaque(-1.0)));
  CHECK(cxla::sqrt(opaque(-1.0f)) != cxla::sqrt(opaque(-1.0f)));
  CHECK(same(cxla::sqrt(opaque(-0.0)), -0.0));
  CHECK(same(cxla::exp(opaque(1000.0)), inf));
  CHECK(same(cxla::exp(opaque(100.0f)), inf_f));
  CHECK(same(cxla::fmin(opaque(std::numeric_limits<double>::quiet_NaN()), opaque(2.0)), 2.0));
  CHECK(same(cxla::pow(opaque(-0.0), opaque(-3)), -inf));
}

// Every function on every special argument, at run time through opaque() (nothing folded),
// against the compile-time values that tests/static/math_static.cpp proves equal to C's
// Annex F results.
template <class T>
constexpr std::array<T, 14> special_arguments = {
    std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
    T(0), -T(0), T(1), -T(1), std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(),
    std::numeric_limits<T>::min(), std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::denorm_min(),
    T(1000), T(-1000)};

#define CXLA_SPECIALS(fn)                                                                       \
  do {                                                                                          \
    constexpr auto table_ = [] {                                                                \
      std::array<T, 14> out_{};                                                                 \
      for (size_t k_ = 0; k_ < 14; ++k_) out_[k_] = cxla::fn(special_arguments<T>[k_]);         \
      return out_;                                                                              \
    }();                                                                                        \
    for (size_t k_ = 0; k_ < 14; ++k_) {                                                        \
      INFO(#fn, " argument #", k_);                                                             \
      CHECK(same(cxla::fn(opaque(special_arguments<T>[k_])), table_[k_]));                      \
    }                                                                                           \
  } while (0)

TEST_CASE_TEMPLATE("math: every special argument at run time equals the compile-time value", T, float, double) {
  CXLA_SPECIALS(exp);
  CXLA_SPECIALS(log);
  CXLA_SPECIALS(sqrt);
  CXLA_SPECIALS(expm1);
  CXLA_SPECIALS(log1p);
  CXLA_SPECIALS(tanh);
  CXLA_SPECIALS(erf);
  CXLA_SPECIALS(abs);
}
#undef CXLA_SPECIALS

TEST_CASE("math: properties on random inputs") {
  for (int trial = 0; trial < 2000; ++trial) {
    const double x = cxla_test::random_value<double>(-1e150, 1e150);
    const float xf = cxla_test::random_value<float>(-1e18f, 1e18f);
    CHECK(cxla_props::sqrt_of_square_is_abs(x));
    CHECK(cxla_props::sqrt_of_square_is_abs(xf));
    CHECK(cxla_props::log_inverts_exp(cxla_test::random_value<double>(-700.0, 700.0)));
    CHECK(cxla_props::log_inverts_exp(cxla_test::random_value<float>(-80.0f, 80.0f)));
  }
  for (int trial = 0; trial < 50; ++trial) {
    const auto v = cxla_test::random_vector<double, 37>(-800.0, 800.0);
    const auto vf = cxla_test::random_vector<float, 64>(-100.0f, 100.0f);
    CHECK(cxla_props::elementwise_matches_scalar(v));
    CHECK(cxla_props::elementwise_matches_scalar(vf));
    CHECK(cxla_props::elementwise_matches_scalar(cxla_test::random_matrix<double, 5, 7>(-10.0, 10.0)));
    auto sorted = cxla_test::random_vector<double, 64>(-750.0, 750.0);
    for (size_t i = 1; i < 64; ++i)  // insertion sort: the property wants sorted input
      for (size_t j = i; j > 0 && sorted.data[j - 1] > sorted.data[j]; --j) {
        const double t = sorted.data[j];
        sorted.data[j] = sorted.data[j - 1];
        sorted.data[j - 1] = t;
      }
    CHECK(cxla_props::monotone_on(sorted));
  }
}

// Single calls of exp and log at run time take a branch past the clamps and selects for
// ordinary arguments (|x| <= 87 / 708 for exp, positive normal x for log); the elementwise
// forms compute without branches. Both must give the same bits: every 251st float bit
// pattern (17 million, specials and subnormals included), the arguments next to the branch
// limits, and 4 million doubles (random bit patterns and dense in exp's range), each
// computed once by a single call and once in a vector of 4096 (vectorised).
namespace {

template <class T, class Next>
int single_vs_elementwise(std::uint64_t count, Next next) {
  constexpr size_t block = 4096;
  cxla::vector<T, block> xs{};
  int mismatches = 0;
  for (std::uint64_t done = 0; done < count; done += block) {
    for (size_t i = 0; i < block; ++i) xs.data[i] = next(done + i);
    const auto exps = cxla::exp(opaque(xs));
    const auto logs = cxla::log(opaque(xs));
    for (size_t i = 0; i < block; ++i) {
      const T x = opaque(xs.data[i]);
      const bool exp_same = same(cxla::exp(x), exps.data[i]);
      const bool log_same = same(cxla::log(x), logs.data[i]);
      if ((!exp_same || !log_same) && ++mismatches <= 5)
        std::printf("%s(%a): single call differs from the elementwise form\n", exp_same ? "log" : "exp",
                    static_cast<double>(x));
    }
  }
  return mismatches;
}

template <class T>
T next_after_steps(T x, int steps) {  // x moved by |steps| units in the last place
  using B = cxla_props::bits_of<T>;
  B b = std::bit_cast<B>(x);
  const bool negative = (b >> (sizeof(T) * 8 - 1)) != 0;
  b = static_cast<B>((steps >= 0) != negative ? b + static_cast<B>(steps >= 0 ? steps : -steps)
                                              : b - static_cast<B>(steps >= 0 ? steps : -steps));
  return std::bit_cast<T>(b);
}

}  // namespace

TEST_CASE("math: single exp and log calls equal the elementwise form bit for bit") {
  // Float: every 251st bit pattern.
  CHECK(single_vs_elementwise<float>((std::uint64_t{1} << 32) / 251 + 1, [](std::uint64_t i) {
          return std::bit_cast<float>(static_cast<std::uint32_t>(i * 251u));
        }) == 0);
  // Around the limits of the single-call branch, and of the result ranges.
  constexpr float float_limits[] = {87.0f, -87.0f, 88.0f, -88.0f, 88.72283f, -87.33654f, -103.97f, -104.0f,
                                    std::numeric_limits<float>::min(), std::numeric_limits<float>::max(),
                                    std::numeric_limits<float>::denorm_min(), -0.0f};
  CHECK(single_vs_elementwise<float>(4096, [&](std::uint64_t i) {
          return next_after_steps(float_limits[i % 12], static_cast<int>(i / 12 % 341) - 170);
        }) == 0);
  constexpr double double_limits[] = {708.0, -708.0, 709.0, -709.0, 709.782712893384, -708.3964185322641, -745.2,
                                      -746.0, std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::denorm_min(), -0.0};
  CHECK(single_vs_elementwise<double>(4096, [&](std::uint64_t i) {
          return next_after_steps(double_limits[i % 12], static_cast<int>(i / 12 % 341) - 170);
        }) == 0);
  // Double: random bit patterns (odd i) and values dense in [-750, 750] (even i).
  CHECK(single_vs_elementwise<double>(std::uint64_t{1} << 22, [](std::uint64_t i) {
          const std::uint64_t h = (i + 1) * 0x9E3779B97F4A7C15ull;
          return (i & 1) ? std::bit_cast<double>(h ^ (h >> 29))
                         : -750.0 + 1500.0 * (static_cast<double>(h >> 11) * 0x1p-53);
        }) == 0);
}

namespace {

// a * b + c whose double-rounded value (a * b exact, the sum rounded to double, then to float)
// is not the correctly rounded one: a * b = 2^e (1 + 4688 * 2^-46) with
// a = (2^23 + 2896) 2^-23, b = (2^23 - 2895) 2^-23 (times powers of two), and c = +-2^(e + 24):
// the exact sum lies just beyond the float midpoint 2^(e + 24) + 2^e, the double sum rounds
// onto that midpoint, and the midpoint rounds to even (back to c); the correct result is the
// float above it. Varying t around 2896 and the signs gives both sides of the midpoint.
struct fused_case {
  float a, b, c;
};
fused_case double_rounding_case(int t, int e, bool negative) {
  const float a = std::ldexp(static_cast<float>((1 << 23) + t), -23);
  const float b = std::ldexp(static_cast<float>((1 << 23) - t + 1), e - 23);
  const float c = std::ldexp(1.0f, e + 24);
  return negative ? fused_case{-a, b, -c} : fused_case{a, b, c};
}

}  // namespace

TEST_CASE("math: the constant-evaluation fused multiply-add is the correctly rounded a * b + c") {
  // Reference: std::fma (correctly rounded by C's definition; the instruction where the build
  // enables it, libm otherwise).
  using cxla::detail::math::fused_emulated;
  int mismatches = 0, naive_wrong = 0;
  auto check = [&](float a, float b, float c) {
    const float expected = std::fma(opaque(a), opaque(b), opaque(c));
    const float emulated = fused_emulated(opaque(a), opaque(b), opaque(c));
    const float naive = static_cast<float>(static_cast<double>(a) * b + static_cast<double>(c));
    naive_wrong += !same(naive, expected);
    if (!same(emulated, expected) && ++mismatches <= 3)
      std::printf("fused_emulated(%a, %a, %a) = %a, fma gives %a\n", static_cast<double>(a),
                  static_cast<double>(b), static_cast<double>(c), static_cast<double>(emulated),
                  static_cast<double>(expected));
  };
  // Sums that round twice in double (both sides of float midpoints, both signs, many scales).
  for (int t = 2880; t < 2912; ++t)
    for (int e = -100; e <= 90; e += 7)
      for (bool negative : {false, true}) {
        const fused_case f = double_rounding_case(t, e, negative);
        check(f.a, f.b, f.c);
      }
  CHECK(naive_wrong > 100);  // the cases above do exercise the double-rounding correction
  const fused_case known = double_rounding_case(2896, 0, false);
  CHECK(same(fused_emulated(opaque(known.a), opaque(known.b), opaque(known.c)), 16777218.0f));
  // Random operands: all exponents, and the cancelling sums c = -(a * b rounded) + noise that
  // exp's reduction produces.
  std::mt19937_64 gen{0x66756d61ULL};
  auto random_float = [&](int lo, int hi) {
    const auto h = gen();
    const float m = 1.0f + static_cast<float>(h >> 41) * 0x1p-23f;
    const int e = lo + static_cast<int>((h >> 8) % static_cast<std::uint64_t>(hi - lo + 1));
    return (h & 1) ? -std::ldexp(m, e) : std::ldexp(m, e);
  };
  for (int i = 0; i < 1 << 20; ++i) {
    const float a = random_float(-60, 60), b = random_float(-60, 60);
    check(a, b, random_float(-130, 125));
    const float product = a * b;
    check(a, b, -product);
    check(a, b, std::nextafter(-product, 0.0f));
    check(a, b, -product + random_float(-150, 0) * std::fabs(product));
  }
  // Subnormal and zero results.
  for (int i = 0; i < 1 << 16; ++i) check(random_float(-80, -60), random_float(-80, -60), random_float(-149, -120));
  check(0.0f, 1.0f, -0.0f);
  check(-0.0f, 1.0f, -0.0f);
  check(1.0f, 1.0f, -1.0f);
  CHECK(mismatches == 0);
}
