// cxla/math.hpp - constexpr scalar math: exp, log, sqrt, expm1, log1p, tanh, erf, pow with an
// integer exponent, abs, fmin, fmax (and elementwise forms over vector and matrix), the same
// algorithm at compile time and at run time.
//
// Types: float and double have their own algorithms. long double is computed with double's
// algorithm and range (the argument is converted to double, the result converted back), so a
// long double result has double accuracy. Integer arguments are converted to double, as in
// <cmath>.
//
// Special values follow C's <math.h> (Annex F), at compile time and at run time alike:
//   exp(NaN) = NaN, exp(+inf) = +inf, exp(-inf) = +0, overflow -> +inf, underflow -> subnormal
//   or +0; log(NaN) = NaN, log(+-0) = -inf, log(x < 0) = NaN, log(+inf) = +inf, log(1) = +0;
//   sqrt(NaN) = NaN, sqrt(-0) = -0, sqrt(x < 0) = NaN, sqrt(+inf) = +inf; the others as
//   docs/math.md lists them. A NaN argument is returned as it is (its payload kept).
//   The values, not the floating-point exception flags: a branch-free form computes on
//   arguments whose result it then replaces, which can raise flags C would not.
//
// How it stays constexpr: clang refuses floating-point arithmetic that produces a NaN in a
// constant expression, and g++ refuses arithmetic that overflows. So every function first
// replaces an argument it cannot compute with (NaN, infinities, out-of-range values) by a
// harmless one, computes with that, and selects the special result at the end. The selects
// work on the bit patterns (detail::math::select), which compilers turn into blends: a loop
// over a vector/matrix has no branches and vectorises.
//
// Bit-identical results at both times, on one condition: the build must not contract a*b+c
// into fused multiply-adds (constant evaluation never does). The project's builds pass
// -ffp-contract=off. With contraction and FMA hardware (g++'s default for C++ is 'fast',
// clang's is 'on'; e.g. -march=x86-64-v3) a few results per thousand differ in the last bit
// at run time; the accuracy is the same. (exp(float)'s own fused operations, on targets with
// a float FMA, are computed exactly alike at both times: CXLA_FUSED_FLOAT below.)
//
// Accuracy against MPFR (tests/accuracy, max / mean error in ULPs; docs/math.md):
//            float          double
//   exp      0.77 / 0.13    0.75 / 0.13     (largest in subnormal results)
//            0.88 / 0.13 with the fused algorithm (0.89 max over every float)
//   log      0.50 / 0.25    0.80 / 0.25
//   sqrt     correctly rounded
//   expm1    0.50 / 0.12    0.78 / 0.11
//   log1p    0.50 / 0.16    0.71 / 0.17
//   tanh     0.50 / 0.09    1.00 / 0.07
//   erf      0.50 / 0.24    1.01 / 0.18
// Speed (-O2 -march=x86-64-v3, so the fused exp(float); vector<T, 4096>; docs/math.md has
// the tables): exp 5.0-5.2x the throughput of a std::exp loop for float, 3.5-3.8x for
// double; single exp calls 1.02-1.07x glibc (float), 1.10x (double); log is slower than glibc
// in single calls.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "detail/math_erf_table.hpp"
#include "matrix.hpp"

// The kernels are forced inline: g++ otherwise keeps a kernel that is called from several
// places out of line, and a loop that calls a function does not vectorise.
#define CXLA_MATH_INLINE [[gnu::always_inline]]

namespace cxla {

namespace detail::math {

// The compilers' builtins __builtin_bit_cast and __builtin_is_constant_evaluated (g++ >= 11,
// clang++ >= 9) stand for std::bit_cast and std::is_constant_evaluated throughout: each call
// of those one-line library functions costs two steps of clang's constant evaluator, and exp
// makes a dozen of them (docs/math.md, "Constant evaluation budget").
using u64 = std::uint64_t;

template <class T>
concept real = std::is_floating_point_v<T>;

inline constexpr double dbl_inf = std::numeric_limits<double>::infinity();
inline constexpr float flt_inf = std::numeric_limits<float>::infinity();
inline constexpr double dbl_nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr float flt_nan = std::numeric_limits<float>::quiet_NaN();

// log2(e) and ln(2) split for Cody-Waite reduction (values from MPFR, tools/math/constants.c):
// ln2_hi has 42 significant bits, so k * ln2_hi is exact for |k| < 2^11.
inline constexpr double log2e = 0x1.71547652b82fep+0;
inline constexpr double ln2_hi = 0x1.62e42fefa38p-1;
inline constexpr double ln2_lo = 0x1.ef35793c7673p-45;
inline constexpr double ln2 = 0x1.62e42fefa39efp-1;

// Adding then subtracting 1.5 * 2^52 rounds a double with |v| < 2^51 to the nearest integer
// (ties to even) without a conversion instruction, at both times.
inline constexpr double round_shift = 0x1.8p52;

CXLA_MATH_INLINE constexpr double round_to_integer(double v) noexcept { return (v + round_shift) - round_shift; }

// c ? a : b on the bit patterns. For the final "NaN argument -> that NaN" select: with a plain
// conditional, g++ sinks the whole computation into the not-NaN branch, and then (under the
// default -ftrapping-math) will not if-convert the loop, so it does not vectorise.
// (One return statement: each statement costs a step in clang's constant evaluator.)
template <class T, class B = std::conditional_t<sizeof(T) == 4, std::uint32_t, u64>>
CXLA_MATH_INLINE constexpr T select(bool c, T a, T b) noexcept {
  return __builtin_bit_cast(T, static_cast<B>((__builtin_bit_cast(B, a) & (B{0} - static_cast<B>(c))) |
                                              (__builtin_bit_cast(B, b) & (static_cast<B>(c) - B{1}))));
}

// 2^k for an integer-valued double k in [-1022, 1023]: k + 1.5 * 2^52 holds k in its low
// mantissa bits; adding the exponent bias and shifting into the exponent field builds the power.
CXLA_MATH_INLINE constexpr double pow2_from_integer(double k) noexcept {
  const u64 bits = __builtin_bit_cast(u64, k + round_shift);
  return __builtin_bit_cast(double, (bits + 1023u) << 52);
}

// 1/n! as correctly rounded doubles (n! is exact in double for n <= 18).
constexpr double inverse_factorial(int n) noexcept {
  double f = 1.0;
  for (int i = 2; i <= n; ++i) f *= static_cast<double>(i);
  return 1.0 / f;
}

// ---- fused multiply-add ---------------------------------------------------------------
// Where float arithmetic has a fused multiply-add instruction (x86-64 with FMA: -mfma,
// -march=x86-64-v3 or -march=native on such a CPU; Arm with VFPv4 or later: Cortex-M4F, M7,
// AArch64), exp(float) is computed with it: fewer operations and a shorter dependency chain
// than the unfused algorithm (docs/math.md has the measurements). CXLA_FUSED_FLOAT is 1 there
// and 0 elsewhere; define it to 0 (or 1) before including cxla to choose. The fused algorithm
// is one algorithm at both times: constant evaluation computes every fused operation exactly
// as the instruction does (fused_emulated below), so compile-time and run-time results stay
// bit-identical. Its results differ from the unfused algorithm's in some last bits (both are
// within the accuracy stated above), so all translation units of a program should agree on
// CXLA_FUSED_FLOAT (they do when built with the same target flags).
#ifndef CXLA_FUSED_FLOAT
#if defined(__FMA__) || (defined(__ARM_FEATURE_FMA) && defined(__ARM_FP) && (__ARM_FP & 4))
#define CXLA_FUSED_FLOAT 1
#else
#define CXLA_FUSED_FLOAT 0
#endif
#endif

// a * b + c rounded once to float, computed without a fused instruction (usable in constant
// evaluation): p = a * b is exact in double (48 significant bits), and s = p + c rounded to
// double, then to float, is the correctly rounded result unless s is a float midpoint (half way
// between two floats): the rounding to double cannot carry the sum across a midpoint, only
// onto one. A normal-range s is a midpoint when its 29 bits below float precision are 1000...0;
// then, and for sums in the subnormal range, s is made the sum rounded to odd (when the
// addition was inexact, TwoSum error e != 0, and s's last bit is 0, s moves one unit toward
// the exact sum) before the rounding to float: rounding to odd with at least two extra bits,
// then to nearest, gives the correctly rounded result (S. Boldo and G. Melquiond, "Emulation of
// FMA and correctly rounded sums: proved algorithms using rounding to odd", IEEE Trans.
// Computers 57(4), 2008). For finite a, b, c with a finite result.
// (One-statement functions: each statement costs a step in clang's constant evaluator and each
// operation one in g++'s; exp(float) makes several of these.)
CXLA_MATH_INLINE constexpr float fused_round_odd(double s, double e) noexcept {
  return static_cast<float>(__builtin_bit_cast(
      double, __builtin_bit_cast(u64, s) + ((e != 0.0 && (__builtin_bit_cast(u64, s) & 1u) == 0u)
                                                ? ((e > 0.0) == (s > 0.0) ? u64{1} : ~u64{0})
                                                : u64{0})));
}
CXLA_MATH_INLINE constexpr float fused_sum(double p, double d, double s) noexcept {
  return (__builtin_bit_cast(u64, s) & 0x1fffffffu) != 0x10000000u && (s >= 0x1p-126 || s <= -0x1p-126)
             ? static_cast<float>(s)
             : fused_round_odd(s, (p - (s - (s - p))) + (d - (s - p)));
}
CXLA_MATH_INLINE constexpr float fused_emulated(float a, float b, float c) noexcept {
  return fused_sum(static_cast<double>(a) * static_cast<double>(b), static_cast<double>(c),
                   static_cast<double>(a) * static_cast<double>(b) + static_cast<double>(c));
}

// a * b + c rounded once, for operands whose exact a * b + c has at most 53 significant bits
// (the caller shows it): then the double arithmetic is exact and its conversion to float is
// the one rounding. Cheaper in constant evaluation than fused.
CXLA_MATH_INLINE constexpr float fused_exact_in_double(float a, float b, float c) noexcept {
  return __builtin_is_constant_evaluated()
             ? static_cast<float>(static_cast<double>(a) * static_cast<double>(b) + static_cast<double>(c))
             : __builtin_fmaf(a, b, c);
}

// a * b + c rounded once: the instruction at run time, fused_emulated's arithmetic in constant
// evaluation.
CXLA_MATH_INLINE constexpr float fused(float a, float b, float c) noexcept {
  return __builtin_is_constant_evaluated()
             ? fused_sum(static_cast<double>(a) * static_cast<double>(b), static_cast<double>(c),
                         static_cast<double>(a) * static_cast<double>(b) + static_cast<double>(c))
             : __builtin_fmaf(a, b, c);
}

// ---- exp ------------------------------------------------------------------------------
// x = k ln2 + r with k = round(x / ln2), |r| <= ln2 / 2 (Cody-Waite: r = (x - k ln2_hi) -
// k ln2_lo), exp(x) = 2^k exp(r), exp(r) = 1 + r + r^2 q(r). exp itself (exp_dbl, exp_flt)
// uses a weighted minimax q (tools/math/exp_poly.py); expm1 and tanh use the reduction below
// (exp_reduce_dbl, with the rounding error of r kept) and q as the Taylor series truncated
// after r^11 (double; error below 2^-57 on the range), coefficients 1/n!.

// Largest arguments with a finite (correctly rounded) result, from MPFR.
inline constexpr double exp_overflow_dbl = 0x1.62e42fefa39efp+9;  // 709.78271289338397
inline constexpr float exp_overflow_flt = 0x1.62e42ep+6f;        // 88.7228317
// Below these the result rounds to +0 anyway; clamping keeps 2^k inside the double range.
inline constexpr double exp_clamp_low_dbl = -746.0;
inline constexpr float exp_clamp_low_flt = -104.0f;

// (exp(r) - 1 - r) / r^2, Taylor series to r^11.
// Coefficients at namespace scope: read, not recomputed, in every constant evaluation (which
// keeps a call cheap in clang's step count).
inline constexpr double exp_c2 = inverse_factorial(2), exp_c3 = inverse_factorial(3), exp_c4 = inverse_factorial(4),
                        exp_c5 = inverse_factorial(5), exp_c6 = inverse_factorial(6), exp_c7 = inverse_factorial(7),
                        exp_c8 = inverse_factorial(8), exp_c9 = inverse_factorial(9), exp_c10 = inverse_factorial(10),
                        exp_c11 = inverse_factorial(11), exp_c12 = inverse_factorial(12),
                        exp_c13 = inverse_factorial(13);

CXLA_MATH_INLINE constexpr double exp_q11(double r, double r2) noexcept {
  // Estrin's scheme: a short dependency chain for the out-of-order core and the vectoriser.
  const double r4 = r2 * r2,
               b0 = (exp_c2 + exp_c3 * r) + (exp_c4 + exp_c5 * r) * r2,
               b1 = (exp_c6 + exp_c7 * r) + (exp_c8 + exp_c9 * r) * r2,
               b2 = (exp_c10 + exp_c11 * r) + (exp_c12 + exp_c13 * r) * r2;
  return (b0 + b1 * r4) + b2 * (r4 * r4);
}

// (exp(r) - 1 - r) / r^2, Taylor series to r^7 (float expm1 in double; truncation below 2^-37).
CXLA_MATH_INLINE constexpr double exp_q7(double r, double r2) noexcept {
  return ((exp_c2 + exp_c3 * r) + (exp_c4 + exp_c5 * r) * r2) +
         ((exp_c6 + exp_c7 * r) + (exp_c8 + exp_c9 * r) * r2) * (r2 * r2);
}

// exp(x) - 1 = 2^k (1 + s + s_lo) - 1 for a finite, clamped x (|k| <= 1077); s + s_lo carries
// about 60 bits.
struct exp_reduced {
  double k, s, s_lo;
};
CXLA_MATH_INLINE constexpr exp_reduced exp_reduce_dbl(double x) noexcept {
  const double k = round_to_integer(x * log2e);
  // r + r_lo = x - k ln2 to about 2^-100: a is exact (k ln2_hi has 42 bits and is close to x),
  // r_lo is the rounding error of the subtraction (Fast2Sum, |a| >= |kl|).
  const double a = x - k * ln2_hi;
  const double kl = k * ln2_lo;
  const double r = a - kl;
  const double r_lo = (a - r) - kl;
  // exp(r + r_lo) = 1 + s + s_lo with s = r + r^2 q(r), the addition as a Fast2Sum
  // (|r| > r^2 q); exp(r + r_lo) ~ exp(r) (1 + r_lo).
  const double r2 = r * r;
  const double t = r2 * exp_q11(r, r2);
  const double s = r + t;
  const double s_lo = ((r - s) + t) + (r_lo + r_lo * r);
  return {k, s, s_lo};
}

// p * 2^k for integer-valued k in [-1077, 1024]: two factors, since k is outside one double's
// exponent range at both ends; the first product is exact, the second rounds once (only for a
// subnormal result).
CXLA_MATH_INLINE constexpr double scale_by_pow2(double p, double k) noexcept {
  const double k1 = round_to_integer(k * 0.5);
  return (p * pow2_from_integer(k1)) * pow2_from_integer(k - k1);
}

// exp for double. k = round(x log2e), a = x - k ln2_hi (exact), kl = k ln2_lo (tiny, |kl| <
// 2^-33), r = a - kl; exp(x) = 2^k (1 + a - kl + t) with t = r^2 q(r) and q the minimax
// polynomial of exp_q9. 1 + a is split exactly (Fast2Sum, |a| < 1) and the small terms are
// added to its low part, so the result is rounded once from about 60 bits: no separate
// correction for the rounding of r is needed (it enters only through t, |dt| < 2^-55.5).
// q: weighted minimax of degree 9 (tools/math/exp_poly.py: max |r^2 (q - p)| = 0.08 ulp of 1).
inline constexpr double expq_d0 = 0x1p-1, expq_d1 = 0x1.55555555554cbp-3, expq_d2 = 0x1.55555555531f1p-5,
                        expq_d3 = 0x1.1111111134171p-7, expq_d4 = 0x1.6c16c17cc7622p-10,
                        expq_d5 = 0x1.a01a00e533eafp-13, expq_d6 = 0x1.a019ab295d3dbp-16,
                        expq_d7 = 0x1.71dfc2e91fc40p-19, expq_d8 = 0x1.289f8532d49c1p-22,
                        expq_d9 = 0x1.ac829c9ec89f4p-26;

CXLA_MATH_INLINE constexpr double exp_q9(double r, double r2) noexcept {
  const double r4 = r2 * r2;
  return ((expq_d0 + expq_d1 * r) + (expq_d2 + expq_d3 * r) * r2) +
         (((expq_d4 + expq_d5 * r) + (expq_d6 + expq_d7 * r) * r2) + (expq_d8 + expq_d9 * r) * r4) * r4;
}

// b = bits(k + 1.5 * 2^52) = 0x4338000000000000 + k for an integer k in [-1077, 1024]: 2^k1 and
// 2^k2 with k1 = floor(k / 2), k2 = k - k1 (both normal), built with integer operations only.
// k1 + 1023 = (b >> 1) - 0x219c000000000000 + 1023 (the offset is even, so the shift halves it).
struct pow2_pair_dbl {
  double f1, f2;
};
CXLA_MATH_INLINE constexpr pow2_pair_dbl pow2_halves(double k_shifted) noexcept {
  constexpr u64 bias = 1023u - 0x219c000000000000u;  // modular: the sums below are in range
  const u64 b = __builtin_bit_cast(u64, k_shifted);
  const u64 h = b >> 1;
  return {__builtin_bit_cast(double, (h + bias) << 52), __builtin_bit_cast(double, ((b - h) + bias) << 52)};
}

// p = exp(xc - k ln2) for the integer k nearest xc log2(e).
CXLA_MATH_INLINE constexpr double exp_p_dbl(double xc, double k) noexcept {
  const double a = xc - k * ln2_hi;  // exact
  const double kl = k * ln2_lo;
  const double r = a - kl;
  const double r2 = r * r;
  const double t = r2 * exp_q9(r, r2);
  const double u = 1.0 + a;
  const double u_lo = (((1.0 - u) + a) - kl) + t;
  return u + u_lo;
}

// One clamp and one select, as exp_flt below: the clamp from below maps a NaN to -746 too
// (clang++ makes it one maxpd); the clamp from above only in constant evaluation;
// !(x <= 709.78) holds for the arguments above the finite range, +inf and NaN, whose result
// is +inf or the NaN itself.
CXLA_MATH_INLINE constexpr double exp_dbl(double x) noexcept {
#if defined(__clang__)
  const double above_low = x > exp_clamp_low_dbl ? x : exp_clamp_low_dbl;
  const double special = dbl_inf > x ? dbl_inf : x;
#else  // g++ vectorises these forms (and not the ones above)
  const double above_low = select(x > exp_clamp_low_dbl, x, exp_clamp_low_dbl);
  const double special = select(x != x, x, dbl_inf);
#endif
  const double xc = __builtin_is_constant_evaluated() && !(above_low <= exp_overflow_dbl) ? exp_overflow_dbl : above_low;
  const double k_shifted = xc * log2e + round_shift;  // k in the low mantissa bits
  const double p = exp_p_dbl(xc, k_shifted - round_shift);
  // p * 2^k in two factors: the first product is exact, the second rounds once (only for a
  // subnormal result).
  const auto [f1, f2] = pow2_halves(k_shifted);
  return select(!(x <= exp_overflow_dbl), special, (p * f1) * f2);
}

// Float expm1: computed in double (one rounding, at the conversion to float).
struct exp_reduced_flt {
  double k, s;  // exp(x) = 2^k (1 + s)
};
CXLA_MATH_INLINE constexpr exp_reduced_flt exp_reduce_flt(double x) noexcept {
  const double k = round_to_integer(x * log2e);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  const double r2 = r * r;
  return {k, r + r2 * exp_q7(r, r2)};
}

// Float exp in float arithmetic (8 lanes per AVX2 register instead of 4; the only choice on a
// single-precision FPU), the same scheme as exp_dbl: Cody-Waite with a 15-bit ln2_hi (k * ln2_hi
// exact for |k| < 2^9), 1 + a split exactly, 2^k in two float factors (k in [-150, 128]).
// q: weighted minimax of degree 4 (tools/math/exp_poly.py: max |r^2 (q - p)| = 0.096 ulp of 1,
// 0.048 ulp of the result where it is above 1).
inline constexpr float log2e_flt = 0x1.715476p+0f;
inline constexpr float ln2_hi_flt = 0x1.62e4p-1f;
inline constexpr float ln2_lo_flt = 0x1.7f7d1cp-20f;
inline constexpr float round_shift_flt = 0x1.8p23f;
inline constexpr float expq_f0 = 0x1p-1f, expq_f1 = 0x1.5554aep-3f, expq_f2 = 0x1.5556d4p-5f,
                       expq_f3 = 0x1.122924p-7f, expq_f4 = 0x1.6b1b2ep-10f;

// As pow2_halves: b = bits(k + 1.5 * 2^23) = 0x4b400000 + k.
struct pow2_pair_flt {
  float f1, f2;
};
CXLA_MATH_INLINE constexpr pow2_pair_flt pow2_halves_flt(float k_shifted) noexcept {
  constexpr std::uint32_t bias = 127u - 0x25a00000u;
  const std::uint32_t b = __builtin_bit_cast(std::uint32_t, k_shifted);
  const std::uint32_t h = b >> 1;
  return {__builtin_bit_cast(float, static_cast<std::uint32_t>((h + bias) << 23)),
          __builtin_bit_cast(float, static_cast<std::uint32_t>(((b - h) + bias) << 23))};
}

// p = exp(xc - k ln2) for the integer k nearest xc log2(e).
CXLA_MATH_INLINE constexpr float exp_p_flt(float xc, float k) noexcept {
  const float a = xc - k * ln2_hi_flt;  // exact
  const float kl = k * ln2_lo_flt;
  const float r = a - kl;
  const float r2 = r * r;
  const float q = ((expq_f0 + expq_f1 * r) + (expq_f2 + expq_f3 * r) * r2) + expq_f4 * (r2 * r2);
  const float t = r2 * q;
  const float u = 1.0f + a;
  const float u_lo = (((1.0f - u) + a) - kl) + t;
  return u + u_lo;
}
// exp(xc) for a finite xc in [-104, 88.72] in two parts: exp(xc) = exp_scaled(m, 2^k), with
// k_shifted = k + 1.5 * 2^23 holding k in its low bits. Unfused: m = p = exp(xc - k ln2),
// exp_scaled(m, f) = m * f. Fused: m = s with exp(xc - k ln2) = 1 + s, exp_scaled(m, f) =
// fused(s, f, f) = (1 + s) f rounded once. (Shared with softmax's kernel for non-positive
// arguments.)
struct exp_core_flt_result {
  float m, k_shifted;
};
#if CXLA_FUSED_FLOAT
// The fused algorithm. k from one fused operation (x log2(e) + 1.5 * 2^23 rounded once);
// a = x - k C1 with C1 = ln2 rounded to float is exact in one fused operation (for k != 0,
// |x| > 1/3, so x and k C1 are multiples of 2^-25, and |a| < 1/2 needs 24 bits at that
// spacing); the rest of ln2, C2 (|ln2 - C1 - C2| < 2^-53), enters twice: in r = a - k C2
// (rounded), which only the polynomial sees, and exactly enough as -k C2 in
// s = a + (r^2 q(r) - k C2), rounded once. Then (1 + s) 2^k rounds once more in exp_scaled.
// q: the unfused algorithm's polynomial, by Estrin's scheme in fused operations. Error: 0.89
// ulp max over every float (0.88 in tests/accuracy's sweep).
// a and r are fused_exact_in_double: x - k C1 is a float (above); a - k C2 is a multiple of
// 2^-52 (a of 2^-25, k C2 of 2^-52) below 1/2 in magnitude, 51 bits (for k = 0 it is a).
inline constexpr float ln2_c1_flt = 0x1.62e43p-1f;
inline constexpr float ln2_c2_flt = -0x1.05c61p-29f;
CXLA_MATH_INLINE constexpr exp_core_flt_result exp_core_flt(float xc) noexcept {
  const float k_shifted = fused(xc, log2e_flt, round_shift_flt);
  const float k = k_shifted - round_shift_flt;
  const float a = fused_exact_in_double(-k, ln2_c1_flt, xc);  // exact
  const float r = fused_exact_in_double(-k, ln2_c2_flt, a), r2 = r * r;
  const float q = fused(fused(expq_f4, r2, fused(expq_f3, r, expq_f2)), r2,
                        fused(expq_f1, r, expq_f0));
  return {a + fused(r2, q, -(k * ln2_c2_flt)), k_shifted};
}
// (1 + s) f rounded once, for a power of two f with a normal result (every caller's f keeps
// the result above 2^-126). In constant evaluation: 1 + s in double is exact for |s| >= 2^-29
// (and for negative s down to 2^-30: s's last bit is then at least 2^-53), and within 2^-29 of
// 1 otherwise, away from every float midpoint, so rounding it to float is the one rounding;
// the product by f is exact.
CXLA_MATH_INLINE constexpr float exp_scaled(float s, float f) noexcept {
  return __builtin_is_constant_evaluated() ? static_cast<float>(1.0 + static_cast<double>(s)) * f
                                           : __builtin_fmaf(s, f, f);
}
#else
CXLA_MATH_INLINE constexpr exp_core_flt_result exp_core_flt(float xc) noexcept {
  const float k_shifted = xc * log2e_flt + round_shift_flt;
  return {exp_p_flt(xc, k_shifted - round_shift_flt), k_shifted};
}
CXLA_MATH_INLINE constexpr float exp_scaled(float p, float f) noexcept { return p * f; }
#endif

// The clamp from below: one instruction. The clamp from above is needed only in constant
// evaluation (g++ rejects arithmetic that overflows there); at run time the arguments above
// 88.72, +inf and +NaN compute some value that the one select at the end replaces:
// !(x <= 88.72) holds for exactly those (one compare), and their result is +inf, or x itself
// for a NaN of either sign. Both compilers vectorise the selects below into one instruction
// each, but not from the same source: g++ makes vpminud / vpmaxud of the unsigned forms (as
// unsigned numbers the negative floats order by magnitude above every positive one, so
// min(bits, bits(-104)) maps -inf, -NaN and everything below -104 to -104, and
// max(bits, bits(+inf)) is +inf for every x >= 0 that is not a NaN, and x for a NaN; the
// select uses it only for those) and compare-and-blend of
// the float forms; clang++ makes maxps of the float forms (x > -104 ? x : -104 is -104 for a
// NaN; +inf > x ? +inf : x is x for a NaN) and compare-and-blend of the unsigned ones. The
// two forms give the same value for every x that the select keeps, and the same special values.
CXLA_MATH_INLINE constexpr float exp_flt(float x) noexcept {
#if defined(__clang__)
  const float above_low = x > exp_clamp_low_flt ? x : exp_clamp_low_flt;
#else
  constexpr std::uint32_t low_bits = __builtin_bit_cast(std::uint32_t, exp_clamp_low_flt);
  const std::uint32_t bits = __builtin_bit_cast(std::uint32_t, x);
  const float above_low = __builtin_bit_cast(float, bits < low_bits ? bits : low_bits);
#endif
  const float xc = __builtin_is_constant_evaluated() && !(above_low <= exp_overflow_flt) ? exp_overflow_flt : above_low;
  const auto [m, k_shifted] = exp_core_flt(xc);
  const auto [f1, f2] = pow2_halves_flt(k_shifted);
  const float y = exp_scaled(m, f1) * f2;
#if defined(__clang__)
  return select(!(x <= exp_overflow_flt), flt_inf > x ? flt_inf : x, y);
#else
  constexpr std::uint32_t inf_bits = __builtin_bit_cast(std::uint32_t, flt_inf);
  return select(!(x <= exp_overflow_flt), __builtin_bit_cast(float, bits > inf_bits ? bits : inf_bits), y);
#endif
}

// ---- single calls of exp at run time ---------------------------------------------------
// A loop over many entries vectorises the branch-free exp_flt / exp_dbl above (the
// elementwise forms and softmax call those). A single call at run time does not vectorise,
// and there the clamps and the special-value selects lengthen every call: the scalar exp
// takes one predictable branch instead. Inside the branch (|x| <= 87 float, 708 double) the
// clamps leave x as it is and no special select fires, and k lies in [-126, 126] (float) /
// [-1021, 1021] (double), so 2^k is a normal number and p * 2^k rounds once, as p * 2^k1 * 2^k2
// does (its first product is exact): the same bits as exp_flt / exp_dbl, which compute every
// other argument. Constant evaluation takes exp_flt / exp_dbl directly.

// 2^k for k in [-126, 127] from k_shifted = k + 1.5 * 2^23, whose bits are 0x4b400000 + k
// (0x4b400000 << 23 wraps to 0 in 32 bits).
CXLA_MATH_INLINE constexpr float pow2_normal_flt(float k_shifted) noexcept {
  return __builtin_bit_cast(
      float, static_cast<std::uint32_t>((__builtin_bit_cast(std::uint32_t, k_shifted) << 23) + (127u << 23)));
}
// 2^k for k in [-1022, 1023] from k_shifted = k + 1.5 * 2^52 (bits 0x4338000000000000 + k).
CXLA_MATH_INLINE constexpr double pow2_normal_dbl(double k_shifted) noexcept {
  return __builtin_bit_cast(double, (__builtin_bit_cast(u64, k_shifted) << 52) + (u64{1023} << 52));
}

// k = the integer nearest v (ties to even), for |v| < 2^22 (float) / 2^51 (double), at run
// time: where the target has a rounding instruction (SSE4.1 roundss, AArch64 frintx) one
// instruction, which puts k one addition earlier on the call's dependency chain than
// (v + 1.5 * 2^p) - 1.5 * 2^p (the same value, up to the sign of a zero k: x - k ln2_hi and
// the sums that follow give the same bits with either zero). Under the rounding mode in
// force, as the addition rounds.
template <class T>
CXLA_MATH_INLINE inline T nearest_integer(T v, T k_shifted) noexcept {
#if defined(__SSE4_1__) || defined(__aarch64__)
  (void)k_shifted;
  if constexpr (std::is_same_v<T, float>) return __builtin_rintf(v);
  else return __builtin_rint(v);
#else
  (void)v;
  if constexpr (std::is_same_v<T, float>) return k_shifted - round_shift_flt;
  else return k_shifted - round_shift;
#endif
}

// exp(x) for |x| <= 87 (float) / 708 (double), at run time (cxla::exp's branch).
CXLA_MATH_INLINE inline float exp_flt_ordinary(float x) noexcept {
  const float v = x * log2e_flt;
  const float k_shifted = v + round_shift_flt;
  return exp_p_flt(x, nearest_integer(v, k_shifted)) * pow2_normal_flt(k_shifted);
}
// A single exp(float) call at run time.
#if CXLA_FUSED_FLOAT
// Fused algorithm: the core on x as it is, then one integer test on k (its bits are in
// integer registers already, for 2^k) instead of a float test on x before it: k in
// [-125, 127] holds only for x in [-86.9, 88.4], where exp_flt's clamp leaves x as it is and
// its select keeps the result, and where (1 + s) 2^k is a normal number, so fused(s, 2^k, 2^k)
// is the same single rounding as exp_flt's (1 + s) 2^k1 rounded, times 2^k2 (exact). Other
// arguments (NaN and infinities among them: their k_shifted is NaN, infinite or far out of
// range; the core's arithmetic on them is discarded) take exp_flt.
CXLA_MATH_INLINE inline float exp_flt_single(float x) noexcept {
  const auto [s, k_shifted] = exp_core_flt(x);
  if (__builtin_bit_cast(std::uint32_t, k_shifted) - (0x4b400000u - 125u) <= 252u) [[likely]]
    return exp_scaled(s, pow2_normal_flt(k_shifted));
  return exp_flt(x);
}
#else
CXLA_MATH_INLINE inline float exp_flt_single(float x) noexcept {
  if (__builtin_fabsf(x) <= 87.0f) [[likely]]
    return exp_flt_ordinary(x);
  return exp_flt(x);
}
#endif
CXLA_MATH_INLINE inline double exp_dbl_ordinary(double x) noexcept {
  const double v = x * log2e;
  const double k_shifted = v + round_shift;
  return exp_p_dbl(x, nearest_integer(v, k_shifted)) * pow2_normal_dbl(k_shifted);
}

// Unevaluated sum hi + lo of two doubles (|lo| <= ulp(hi) / 2).
struct double_double {
  double hi, lo;
};

// a * b = hi + lo exactly (Veltkamp split; |a|, |b| < 4 here, so nothing overflows).
CXLA_MATH_INLINE constexpr double_double two_product(double a, double b) noexcept {
  constexpr double split = 0x1p27 + 1.0;
  const double p = a * b;
  const double ca = split * a, cb = split * b;
  const double a_hi = ca - (ca - a), b_hi = cb - (cb - b);
  const double a_lo = a - a_hi, b_lo = b - b_hi;
  return {p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo};
}

// ---- expm1 ----------------------------------------------------------------------------
// expm1(x) = (2^k - 1) + 2^k (s + s_lo), summed with an error-free TwoSum so that small
// results keep their relative accuracy. Beyond x = 50 the -1 is below 2^-70 of the result
// (computed as exp); below x = -40 the result rounds to -1.

// expm1 = hi + lo (about 60 bits) from the reduced argument (k, s, s_lo); right for
// k <= 73 (x <= 50).
CXLA_MATH_INLINE constexpr double_double expm1_from_reduced(exp_reduced e) noexcept {
  const double k = e.k > 80.0 ? 80.0 : e.k;  // larger k: result unused, keep 2^k finite
  const double scale = pow2_from_integer(k);
  // 2^k - 1 is exact up to k = 53; above, the -1 joins the low part.
  const bool exact_minus_one = k <= 52.0;
  const double a = scale - select(exact_minus_one, 1.0, 0.0);
  const double b = scale * e.s;
  const double sum = a + b;
  const double bv = sum - a;
  const double err = (a - (sum - bv)) + (b - bv);
  const double lo = (err + scale * e.s_lo) - select(exact_minus_one, 0.0, 1.0);
  const double hi = sum + lo;
  return {hi, lo - (hi - sum)};
}

CXLA_MATH_INLINE constexpr double_double expm1_near(double x) noexcept { return expm1_from_reduced(exp_reduce_dbl(x)); }

CXLA_MATH_INLINE constexpr double expm1_dbl(double x) noexcept {
  const bool is_nan = x != x;
  const bool overflows = x > exp_overflow_dbl;
  double xc = overflows ? exp_overflow_dbl : x;
  xc = xc < -40.0 ? -40.0 : xc;
  xc = select(is_nan, 0.0, xc);
  const exp_reduced e = exp_reduce_dbl(xc);
  const double u = 1.0 + e.s;
  const double u_lo = ((1.0 - u) + e.s) + e.s_lo;
  const double large = scale_by_pow2(u + u_lo, e.k);  // x > 50: as exp
  const double small = expm1_from_reduced(e).hi;
  double y = select(xc > 50.0, large, small);
  y = select(overflows, dbl_inf, y);
  y = select(x == 0.0, x, y);  // expm1(-0) = -0
  return select(is_nan, x, y);
}

CXLA_MATH_INLINE constexpr float expm1_flt(float x) noexcept {
  const bool is_nan = x != x;
  const bool overflows = x > exp_overflow_flt;
  float xc = overflows ? exp_overflow_flt : x;
  xc = xc < -20.0f ? -20.0f : xc;  // below: rounds to -1
  xc = select(is_nan, 0.0f, xc);
  const auto [k, s] = exp_reduce_flt(xc);
  const double scale = pow2_from_integer(k);
  // No cancellation: for k != 0 the two terms do not nearly cancel (|s| < 0.42).
  float y = static_cast<float>((scale - 1.0) + scale * s);
  y = select(overflows, flt_inf, y);
  y = select(x == 0.0f, x, y);
  return select(is_nan, x, y);
}

// ---- log ------------------------------------------------------------------------------
// x = 2^e m with m in [sqrt(2)/2, sqrt(2)), f = m - 1 (exact), s = f / (2 + f),
// log(1 + f) = 2 atanh(s) = f - hfsq + s (hfsq + R) with hfsq = f^2 / 2 and
// R = sum_{i>=1} 2 s^(2i) / (2i + 1) (the atanh series; for double a minimax polynomial in
// s^2 instead, atanh_series_dbl; log1p(float) takes the series to s^12 in double). Then
// log(x) = e ln2_hi + (log(1 + f) + e ln2_lo), arranged so that the small terms add first.

inline constexpr u64 sqrt_half_bits = 0x3fe6a09e667f3bcdull;  // bits of sqrt(2)/2 (rounded)

struct log_split {
  double e;  // exponent, integer-valued
  double f;  // m - 1 in [sqrt(2)/2 - 1, sqrt(2) - 1)
};

// x positive, normal.
CXLA_MATH_INLINE constexpr log_split split_log(double x) noexcept {
  // Offsetting the bits by (1.0 - sqrt(2)/2) moves the exponent boundary to sqrt(2)/2.
  const u64 t = __builtin_bit_cast(u64, x) + (0x3ff0000000000000ull - sqrt_half_bits);
  const double biased_e = __builtin_bit_cast(double, 0x4330000000000000ull | (t >> 52)) - 0x1p52;
  const double m = __builtin_bit_cast(double, (t & 0x000fffffffffffffull) + sqrt_half_bits);
  return {biased_e - 1023.0, m - 1.0};
}

// R(z) = (2 atanh(s) - 2s) / s for z = s^2 <= 0.0295: z times a degree-7 polynomial, minimax
// for the relative error of R (2^-58.2; tools/math/log_poly.py). (The Taylor series
// sum 2 z^i / (2i + 1) needs ten terms for 2^-53.8.)
inline constexpr double atanh_d1 = 0x1.5555555555555p-1, atanh_d2 = 0x1.9999999999a3cp-2,
                        atanh_d3 = 0x1.2492492476706p-2, atanh_d4 = 0x1.c71c7201c7b84p-3,
                        atanh_d5 = 0x1.745cf8e304909p-3, atanh_d6 = 0x1.3b1c3ab8f6b02p-3,
                        atanh_d7 = 0x1.0fbe2771f76e1p-3, atanh_d8 = 0x1.0c0719027fe6cp-3;

CXLA_MATH_INLINE constexpr double atanh_series_dbl(double z) noexcept {
  const double z2 = z * z;
  return z * (((atanh_d1 + atanh_d2 * z) + (atanh_d3 + atanh_d4 * z) * z2) +
              ((atanh_d5 + atanh_d6 * z) + (atanh_d7 + atanh_d8 * z) * z2) * (z2 * z2));
}

// 2/3, 2/5, ... 2/13 (the float series below), correctly rounded by the compiler's division.
inline constexpr double atanh_c1 = 2.0 / 3, atanh_c2 = 2.0 / 5, atanh_c3 = 2.0 / 7, atanh_c4 = 2.0 / 9,
                        atanh_c5 = 2.0 / 11, atanh_c6 = 2.0 / 13;

CXLA_MATH_INLINE constexpr double atanh_series_flt(double z) noexcept {
  const double z2 = z * z;
  return z * (((atanh_c1 + atanh_c2 * z) + (atanh_c3 + atanh_c4 * z) * z2) + (atanh_c5 + atanh_c6 * z) * (z2 * z2));
}

// Float log, in double arithmetic and rounded once to float: x = 2^e (1 + f) as above,
// s = f / (2 + f) (2 + f is exact: f has at most 24 significant bits), z = s^2 <= 0.0295,
// log(1 + f) = 2 atanh(s) = 2s + s z P(z), P of degree 3 minimax for the relative error of
// the sum (2^-37.6; tools/math/log_poly.py). Every rounding in double is below 2^-50 of the
// result (|result| >= 0.34 for e != 0; for e = 0 it is 2s + s z P with s rounded once), so the
// one rounding to float is all but always the correct one. About 20 operations; the double
// algorithm's extra precision (ln2 split, f - f^2/2 arrangement, longer series) is not needed.
inline constexpr double logp_f0 = 0x1.555554fdfd6aap-1, logp_f1 = 0x1.999a79e59cf96p-2,
                        logp_f2 = 0x1.2438ff89154b0p-2, logp_f3 = 0x1.e2f095a342566p-3;
// x: a positive float as a double (so normal).
CXLA_MATH_INLINE constexpr double log_flt_core(double x) noexcept {
  const auto [e, f] = split_log(x);
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double p = (logp_f0 + logp_f1 * z) + (logp_f2 + logp_f3 * z) * (z * z);
  return e * ln2 + ((s + s) + s * (z * p));
}

// log(2^e (1 + f)) = e ln2_hi + (log(1 + f) + small), with small = e ln2_lo (plus log1p's
// correction), arranged so that the small terms add first. Series: atanh_series_dbl or _flt.
template <double (*series)(double)>
CXLA_MATH_INLINE constexpr double log_of_split(double e, double f, double small) noexcept {
  const double s = f / (2.0 + f);
  const double hfsq = 0.5 * f * f;
  const double R = series(s * s);
  return e * ln2_hi - ((hfsq - (s * (hfsq + R) + small)) - f);
}
// log(u) for positive normal u.
template <double (*series)(double)>
CXLA_MATH_INLINE constexpr double log_core(double u) noexcept {
  const auto [e, f] = split_log(u);
  return log_of_split<series>(e, f, e * ln2_lo);
}
// log(u + c) for positive normal u and a small correction c (|c| <= ulp(u)): c / u joins the
// small terms.
template <double (*series)(double)>
CXLA_MATH_INLINE constexpr double log_core(double u, double c) noexcept {
  const auto [e, f] = split_log(u);
  return log_of_split<series>(e, f, e * ln2_lo + c / u);
}

CXLA_MATH_INLINE constexpr double log_dbl(double x) noexcept {
  const bool is_nan = x != x;
  const bool usable = (x > 0.0) & (x <= std::numeric_limits<double>::max());  // & : no branch
  double xs = select(usable, x, 1.0);
  // Subnormals: rescale into the normal range, subtract 54 ln2 afterwards (exact in ln2_hi).
  const bool subnormal = xs < std::numeric_limits<double>::min();
  xs = xs * select(subnormal, 0x1p54, 1.0);  // (a product, not a select of one: no overflow)
  const auto [e0, f] = split_log(xs);
  const double e = select(subnormal, e0 - 54.0, e0);
  const double y = log_of_split<atanh_series_dbl>(e, f, e * ln2_lo);
  double result = select(usable, y, dbl_nan);  // x < 0 (and -inf)
  result = select(x == 0.0, -dbl_inf, result);
  result = select(x == dbl_inf, dbl_inf, result);
  return select(is_nan, x, result);
}

CXLA_MATH_INLINE constexpr float log_flt(float x) noexcept {
  const bool is_nan = x != x;
  const bool usable = (x > 0.0f) & (x <= std::numeric_limits<float>::max());
  // Float subnormals are normal doubles: no rescaling needed. (The select on the float, not
  // on the double: a float mask would have to be widened to the double lanes.)
  const float xs = select(usable, x, 1.0f);
  float result = select(usable, static_cast<float>(log_flt_core(static_cast<double>(xs))), flt_nan);
  result = select(x == 0.0f, -flt_inf, result);
  result = select(x == flt_inf, flt_inf, result);
  return select(is_nan, x, result);
}

// Single calls at run time, as for exp (cxla::log's branch): positive normal arguments
// (float: positive finite, which are normal as doubles) skip the selects, whose results there
// are log_core's; constant evaluation and every other argument take log_dbl / log_flt.
inline constexpr double normal_min_dbl = std::numeric_limits<double>::min();
inline constexpr double finite_max_dbl = std::numeric_limits<double>::max();
inline constexpr float finite_max_flt = std::numeric_limits<float>::max();

// ---- log1p ----------------------------------------------------------------------------
// u + c = 1 + x exactly (TwoSum), then log(u + c) as for log. u >= 2^-53, always normal.

template <class T, double (*series)(double)>
CXLA_MATH_INLINE constexpr T log1p_impl(T x) noexcept {
  const bool is_nan = x != x;
  const bool usable = (x > T(-1)) & (x <= std::numeric_limits<T>::max());
  const double xs = select(usable, static_cast<double>(x), 0.0);
  const double u = 1.0 + xs;
  const double one_part = u - xs;  // TwoSum(xs, 1): c is the exact rounding error of u
  const double c = (xs - (u - one_part)) + (1.0 - one_part);
  constexpr T inf = std::numeric_limits<T>::infinity();
  T result = select(usable, static_cast<T>(log_core<series>(u, c)), std::numeric_limits<T>::quiet_NaN());
  result = select(x == T(-1), -inf, result);
  result = select(x == inf, inf, result);
  result = select(x == T(0), x, result);  // log1p(-0) = -0
  return select(is_nan, x, result);
}

// ---- sign helpers, tanh, erf ----------------------------------------------------------

// (__builtin_fabs/__builtin_copysign are constant-evaluated by g++ and clang++ and compile
// to single bitwise instructions.)
CXLA_MATH_INLINE constexpr double copy_sign(double magnitude, double sign) noexcept { return __builtin_copysign(magnitude, sign); }
CXLA_MATH_INLINE constexpr double abs_dbl(double x) noexcept { return __builtin_fabs(x); }

// tanh(|x|) = e / (e + 2) with e = expm1(2|x|) as a double-double, the division corrected
// once (q + (e - q (e + 2)) / (e + 2)), so the result is rounded once from about 60 bits; odd.
// Beyond |x| = 19.5 the result rounds to 1.
CXLA_MATH_INLINE constexpr double tanh_dbl(double x) noexcept {
  const bool is_nan = x != x;
  double a = abs_dbl(x);
  a = a > 19.5 ? 19.5 : a;
  a = select(is_nan, 0.0, a);
  const double_double e = expm1_near(2.0 * a);
  const double d = e.hi + 2.0;  // e.hi >= 0: Fast2Sum
  const double d_lo = ((2.0 - d) + e.hi) + e.lo;
  const double q = e.hi / d;
  const double_double qd = two_product(q, d);
  const double q_lo = (((e.hi - qd.hi) - qd.lo) + (e.lo - q * d_lo)) / d;
  const double y = copy_sign(q + q_lo, x);
  return select(is_nan, x, y);
}

// Float tanh and erf: the double algorithm, rounded once to float.
CXLA_MATH_INLINE constexpr float tanh_flt(float x) noexcept {
  const bool is_nan = x != x;
  return select(is_nan, x, static_cast<float>(tanh_dbl(static_cast<double>(x))));
}

// erf(|x|): the Maclaurin series up to |x| = 9/16, then a table of Taylor polynomials around
// c_j = j/8 (|x - c_j| <= 1/16, degree 12); coefficients from MPFR (tools/math/erf_table.c).
// Odd. Beyond |x| = 6 the result rounds to 1.
CXLA_MATH_INLINE constexpr double erf_dbl(double x) noexcept {
  const bool is_nan = x != x;
  double a = abs_dbl(x);
  a = a > 6.0 ? 6.0 : a;
  a = select(is_nan, 0.0, a);
  // |x| <= 9/16: the Maclaurin series, as x + x ((2/sqrt(pi) - 1) + x^2 Q(x^2)) so that
  // the leading coefficient's rounding does not show.
  const double z = a * a;
  double series = erf_odd[erf_odd_terms - 1];
  for (int n = erf_odd_terms - 2; n >= 1; --n) series = erf_odd[n] + z * series;
  const double small = a + a * (erf_odd_b0_minus_1 + z * series);
  // Otherwise the Taylor polynomial around the nearest centre j/8.
  const double j = round_to_integer(a * 8.0);
  const double t = a - j * 0.125;  // exact
  const double* c = erf_taylor[static_cast<int>(j)];
  double p = c[erf_degree];
  for (int n = erf_degree - 1; n >= 0; --n) p = c[n] + t * p;
  const double y = copy_sign(select(a <= 0.5625, small, p), x);
  return select(is_nan, x, y);
}

CXLA_MATH_INLINE constexpr float erf_flt(float x) noexcept {
  const bool is_nan = x != x;
  return select(is_nan, x, static_cast<float>(erf_dbl(static_cast<double>(x))));
}

// ---- sqrt -----------------------------------------------------------------------------
// Constant evaluation: exact integer square root of the scaled significand, rounded to
// nearest (sqrt has no ties), so the result is the correctly rounded one that the hardware
// instruction gives at run time.

// 128-bit unsigned arithmetic from 64-bit halves (no __int128: 32-bit targets lack it).
struct u128 {
  u64 hi, lo;
};
CXLA_MATH_INLINE constexpr u128 multiply_wide(u64 a, u64 b) noexcept {
  const u64 a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  const u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u64 mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  return {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & 0xffffffffu)};
}
CXLA_MATH_INLINE constexpr bool less(u128 a, u128 b) noexcept { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }

// floor(sqrt(n)) for n in [2^104, 2^106): Newton's iteration in double gives the root to
// about one unit, exact integer arithmetic settles it (a handful of steps, cheap in constant
// evaluation).
constexpr u64 isqrt(u128 n) noexcept {
  const double d = static_cast<double>(n.hi) * 0x1p64 + static_cast<double>(n.lo);
  double y = 0x1p53;  // sqrt(d) is in [2^52, 2^53]: Newton from above converges monotonically
  for (int i = 0; i < 6; ++i) y = 0.5 * (y + d / y);
  u64 root = static_cast<u64>(y);
  while (less(n, multiply_wide(root, root))) --root;
  while (!less(n, multiply_wide(root + 1, root + 1))) ++root;
  return root;
}

constexpr double sqrt_exact(double x) noexcept {
  if (x != x) return x;
  if (x == 0.0) return x;  // keeps the sign of -0
  if (x < 0.0) return dbl_nan;
  if (x == dbl_inf) return x;
  const u64 bits = __builtin_bit_cast(u64, x);
  u64 mant = bits & 0x000fffffffffffffull;
  int q = static_cast<int>(bits >> 52);  // biased exponent
  if (q == 0) {                          // subnormal: normalise
    q = 1;
    while ((mant & (1ull << 52)) == 0) {
      mant <<= 1;
      --q;
    }
  } else {
    mant |= 1ull << 52;
  }
  q -= 1075;  // x = mant * 2^q, mant in [2^52, 2^53)
  if (q % 2 != 0) {
    mant <<= 1;
    --q;
  }
  // n in [2^104, 2^106): sqrt(n) in [2^52, 2^53), 53 bits.
  const u128 n{mant >> 12, mant << 52};
  u64 root = isqrt(n);
  // sqrt(n) > root + 1/2  <=>  n - root^2 > root  <=>  n >= root^2 + root + 1 (integers).
  const u128 square = multiply_wide(root, root);
  const u64 bumped_lo = square.lo + root + 1;  // root < 2^54: adding carries at most once
  const u128 threshold{square.hi + (bumped_lo < square.lo ? 1u : 0u), bumped_lo};
  if (!less(n, threshold)) ++root;
  const int e = (q - 52) / 2;
  const double scale = __builtin_bit_cast(double, static_cast<u64>(e + 1023) << 52);
  return static_cast<double>(root) * scale;
}

// long double through double: arguments outside double's range are mapped to infinities
// (a conversion out of range is undefined behaviour and refused in constant evaluation).
CXLA_MATH_INLINE constexpr double to_double(long double x) noexcept {
  if (x != x) return dbl_nan;
  if (x > static_cast<long double>(std::numeric_limits<double>::max())) return dbl_inf;
  if (x < -static_cast<long double>(std::numeric_limits<double>::max())) return -dbl_inf;
  return static_cast<double>(x);
}


// ---- pow with an integer exponent ---------------------------------------------------
// |x| = m 2^e with m in [1, 2); m^n by binary powering in double-double arithmetic (products
// exact by Dekker's method, about 100 bits kept), the exponent tracked separately as an integer
// so no intermediate overflows or underflows; one rounding at the end (two for a subnormal
// result).

constexpr double_double dd_multiply(double_double x, double_double y) noexcept {
  const double_double p = two_product(x.hi, y.hi);
  const double lo = p.lo + (x.hi * y.lo + x.lo * y.hi);
  const double hi = p.hi + lo;
  return {hi, lo - (hi - p.hi)};
}

// Keeps hi in [1, 2) (value = (hi + lo) 2^e); saturates e far outside any format's range.
constexpr void normalise(double_double& v, long long& e) noexcept {
  if (v.hi >= 2.0) {
    v.hi *= 0.5;
    v.lo *= 0.5;
    ++e;
  }
  constexpr long long far = 1ll << 40;
  e = e > far ? far : (e < -far ? -far : e);
}

template <class T>
constexpr T pow_integer(T x, bool negative_exponent, unsigned long long n) noexcept {
  constexpr T inf = std::numeric_limits<T>::infinity();
  const bool negative_result = (n & 1u) != 0 && __builtin_copysign(1.0, static_cast<double>(x)) < 0.0;
  const T sign = negative_result ? T(-1) : T(1);
  const T ax = x < T(0) ? -x : x;
  if (ax == T(0)) return (negative_exponent ? inf : T(0)) * sign;
  if (ax == inf) return (negative_exponent ? T(0) : inf) * sign;
  // ax finite, non-zero; as a double it is normal after rescaling a subnormal.
  double xd = static_cast<double>(ax);
  long long e = 0;
  if (xd < std::numeric_limits<double>::min()) {
    xd *= 0x1p54;
    e = -54;
  }
  const u64 bits = __builtin_bit_cast(u64, xd);
  e += static_cast<long long>(bits >> 52) - 1023;
  double_double base{__builtin_bit_cast(double, (bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull), 0.0};
  long long base_e = e;
  double_double result{1.0, 0.0};
  long long result_e = 0;
  for (; n != 0; n >>= 1) {
    if (n & 1u) {
      result = dd_multiply(result, base);
      result_e += base_e;
      normalise(result, result_e);
    }
    if (n > 1) {
      base = dd_multiply(base, base);
      base_e *= 2;
      normalise(base, base_e);
    }
  }
  if (negative_exponent) {
    // 1 / (hi + lo) = q + q_lo, in (1/2, 1].
    const double q = 1.0 / result.hi;
    const double_double p = two_product(result.hi, q);
    const double q_lo = (((1.0 - p.hi) - p.lo) - result.lo * q) / result.hi;
    result = {q, q_lo};
    result_e = -result_e;
    if (q < 1.0) {
      result = {2.0 * q, 2.0 * q_lo};
      result_e -= 1;
    }
  }
  double m = result.hi + result.lo;  // in [1, 2]
  if (m >= 2.0) {
    m = 1.0;
    ++result_e;
  }
  if constexpr (std::is_same_v<T, double>) {
    if (result_e > 1023) return inf * sign;
    if (result_e < -1080) return T(0) * sign;
    return scale_by_pow2(m, static_cast<double>(result_e)) * sign;
  } else {
    if (result_e > 127) return inf * sign;
    if (result_e < -160) return T(0) * sign;
    const double y = m * pow2_from_integer(static_cast<double>(result_e));
    // Round to float without converting an out-of-range double (undefined behaviour).
    constexpr double flt_max = static_cast<double>(std::numeric_limits<float>::max());
    if (y >= 0x1.ffffffp127) return inf * sign;
    if (y > flt_max) return std::numeric_limits<float>::max() * sign;
    return static_cast<float>(y) * sign;
  }
}

// fmin/fmax as C specifies them (a NaN argument loses to a number), with -0 < +0.
template <class T>
CXLA_MATH_INLINE constexpr bool sign_bit(T x) noexcept {
  return __builtin_copysign(1.0, static_cast<double>(x)) < 0.0;
}
template <class T>
CXLA_MATH_INLINE constexpr T fmin_impl(T a, T b) noexcept {
  T m = a < b ? a : b;
  m = a == b ? (sign_bit(a) ? a : b) : m;
  m = a != a ? b : m;
  return b != b ? a : m;
}
template <class T>
CXLA_MATH_INLINE constexpr T fmax_impl(T a, T b) noexcept {
  T m = a > b ? a : b;
  m = a == b ? (sign_bit(a) ? b : a) : m;
  m = a != a ? b : m;
  return b != b ? a : m;
}

}  // namespace detail::math

// ---- scalar functions -----------------------------------------------------------------
// Each: scalar -> scalar, for float, double, long double (through double) and integers
// (as double). Measured errors: the table at the top of this file.

// exp(x) = e^x.
// (At run time a single call takes one predictable branch for ordinary arguments; the
// elementwise forms below compute the same bits without branches.)
CXLA_MATH_INLINE constexpr float exp(float x) noexcept {
  if (!__builtin_is_constant_evaluated()) return detail::math::exp_flt_single(x);
  return detail::math::exp_flt(x);
}
CXLA_MATH_INLINE constexpr double exp(double x) noexcept {
  if (!__builtin_is_constant_evaluated() && __builtin_fabs(x) <= 708.0) [[likely]]
    return detail::math::exp_dbl_ordinary(x);
  return detail::math::exp_dbl(x);
}

// log(x), natural logarithm.
CXLA_MATH_INLINE constexpr float log(float x) noexcept {
  if (!__builtin_is_constant_evaluated() && x > 0.0f && x <= detail::math::finite_max_flt) [[likely]]
    return static_cast<float>(detail::math::log_flt_core(static_cast<double>(x)));
  return detail::math::log_flt(x);
}
CXLA_MATH_INLINE constexpr double log(double x) noexcept {
  if (!__builtin_is_constant_evaluated() && x >= detail::math::normal_min_dbl && x <= detail::math::finite_max_dbl) [[likely]]
    return detail::math::log_core<detail::math::atanh_series_dbl>(x);
  return detail::math::log_dbl(x);
}

// expm1(x) = e^x - 1, accurate for small x.
CXLA_MATH_INLINE constexpr float expm1(float x) noexcept { return detail::math::expm1_flt(x); }
CXLA_MATH_INLINE constexpr double expm1(double x) noexcept { return detail::math::expm1_dbl(x); }

// log1p(x) = log(1 + x), accurate for small x.
CXLA_MATH_INLINE constexpr float log1p(float x) noexcept { return detail::math::log1p_impl<float, detail::math::atanh_series_flt>(x); }
CXLA_MATH_INLINE constexpr double log1p(double x) noexcept {
  return detail::math::log1p_impl<double, detail::math::atanh_series_dbl>(x);
}

// tanh(x), hyperbolic tangent.
CXLA_MATH_INLINE constexpr float tanh(float x) noexcept { return detail::math::tanh_flt(x); }
CXLA_MATH_INLINE constexpr double tanh(double x) noexcept { return detail::math::tanh_dbl(x); }

// erf(x), the error function (for GELU).
CXLA_MATH_INLINE constexpr float erf(float x) noexcept { return detail::math::erf_flt(x); }
CXLA_MATH_INLINE constexpr double erf(double x) noexcept { return detail::math::erf_dbl(x); }

// sqrt(x), correctly rounded: the hardware instruction at run time, an exact integer method
// in constant evaluation (both correctly rounded, so they agree bit for bit).
CXLA_MATH_INLINE constexpr double sqrt(double x) noexcept {
  if (__builtin_is_constant_evaluated()) return detail::math::sqrt_exact(x);
  return __builtin_sqrt(x);
}
// The correctly rounded double square root rounded to float is the correctly rounded float
// square root (double has more than 2 * 24 + 2 bits).
CXLA_MATH_INLINE constexpr float sqrt(float x) noexcept {
  if (__builtin_is_constant_evaluated()) return static_cast<float>(detail::math::sqrt_exact(static_cast<double>(x)));
  return __builtin_sqrtf(x);
}

// long double: double's algorithm and range (documented in docs/math.md). Arguments beyond
// double's range become +-inf first.
#define CXLA_MATH_LONG_DOUBLE(name)                                                       \
  constexpr long double name(long double x) noexcept {                                   \
    if (x != x) return x;                                                                 \
    return static_cast<long double>(name(detail::math::to_double(x)));                   \
  }                                                                                       \
  template <std::integral I>                                                              \
  constexpr double name(I x) noexcept {                                                   \
    return name(static_cast<double>(x));                                                  \
  }
CXLA_MATH_LONG_DOUBLE(exp)
CXLA_MATH_LONG_DOUBLE(log)
CXLA_MATH_LONG_DOUBLE(expm1)
CXLA_MATH_LONG_DOUBLE(log1p)
CXLA_MATH_LONG_DOUBLE(tanh)
CXLA_MATH_LONG_DOUBLE(erf)
CXLA_MATH_LONG_DOUBLE(sqrt)
#undef CXLA_MATH_LONG_DOUBLE

// abs(x) = |x| (abs(-0) = +0, abs(NaN) is that NaN without its sign).
CXLA_MATH_INLINE constexpr float abs(float x) noexcept { return __builtin_fabsf(x); }
CXLA_MATH_INLINE constexpr double abs(double x) noexcept { return __builtin_fabs(x); }
CXLA_MATH_INLINE constexpr long double abs(long double x) noexcept { return __builtin_fabsl(x); }

// fmin(a, b), fmax(a, b): (scalar, scalar) -> scalar; a NaN argument loses to a number,
// -0 counts as less than +0.
template <detail::math::real T>
CXLA_MATH_INLINE constexpr T fmin(T a, T b) noexcept {
  return detail::math::fmin_impl(a, b);
}
template <detail::math::real T>
CXLA_MATH_INLINE constexpr T fmax(T a, T b) noexcept {
  return detail::math::fmax_impl(a, b);
}

// pow(x, n): (scalar, integer) -> scalar, x^n for an integer n, nearly correctly rounded
// (double-double powering). pow(x, 0) = 1 for every x (NaN too), as C specifies.
template <detail::math::real T, std::integral I>
CXLA_MATH_INLINE constexpr T pow(T x, I n) noexcept {
  if (n == 0) return T(1);
  if (x != x) return x;
  using U = unsigned long long;
  const bool negative = n < 0;
  const U magnitude = negative ? U{0} - static_cast<U>(n) : static_cast<U>(n);
  if constexpr (std::is_same_v<T, long double>) {
    return static_cast<long double>(detail::math::pow_integer(detail::math::to_double(x), negative, magnitude));
  } else {
    return detail::math::pow_integer(x, negative, magnitude);
  }
}

// ---- elementwise forms ----------------------------------------------------------------

namespace detail::math {

// At run time on x86-64 and AArch64, fewer than 8 entries are computed in a block of 8 (the
// rest padded with +0): compilers vectorise a loop of 8 but run a shorter one element by
// element, and one vector pass costs less than a few scalar evaluations. Each entry's value
// does not depend on its neighbours, so the bits are the same.
template <class T, size_t N, class F>
constexpr vector<T, N> elementwise(const vector<T, N>& v, F f) noexcept {
  vector<T, N> out;  // every entry written below
#if defined(__x86_64__) || defined(__aarch64__)
  if constexpr (N < 8 && std::is_floating_point_v<T>) {
    if (!__builtin_is_constant_evaluated()) {
      T block[8]{};
      for (size_t i = 0; i < N; ++i) block[i] = v.data[i];
      for (T& x : block) x = f(x);
      for (size_t i = 0; i < N; ++i) out.data[i] = block[i];
      return out;
    }
  }
#endif
  for (size_t i = 0; i < N; ++i) out.data[i] = f(v.data[i]);
  return out;
}
template <class T, size_t R, size_t C, class F>
constexpr matrix<T, R, C> elementwise(const matrix<T, R, C>& X, F f) noexcept {
  matrix<T, R, C> out;  // every entry written below
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) out.data[i][j] = f(X.data[i][j]);
  return out;
}

// exp and log without the single-call branch (the same bits as cxla::exp / cxla::log): what
// loops over many entries call, so that they vectorise.
template <class T>
CXLA_MATH_INLINE constexpr T exp_branch_free(T x) noexcept {
  if constexpr (std::is_same_v<T, float>) return exp_flt(x);
  else if constexpr (std::is_same_v<T, double>) return exp_dbl(x);
  else return cxla::exp(x);
}
template <class T>
CXLA_MATH_INLINE constexpr T log_branch_free(T x) noexcept {
  if constexpr (std::is_same_v<T, float>) return log_flt(x);
  else if constexpr (std::is_same_v<T, double>) return log_dbl(x);
  else return cxla::log(x);
}

}  // namespace detail::math

// f(v): vector<T,N> -> vector<T,N> and f(X): matrix<T,R,C> -> matrix<T,R,C>, elementwise, for
// f in exp, log, expm1, log1p, tanh, erf, sqrt, abs (kernel: the scalar function entries go
// through).
#define CXLA_MATH_ELEMENTWISE(name, kernel)                                      \
  template <detail::math::real T, size_t N>                                      \
  constexpr vector<T, N> name(const vector<T, N>& v) noexcept {                  \
    return detail::math::elementwise(v, [](T x_) { return kernel(x_); });       \
  }                                                                              \
  template <detail::math::real T, size_t R, size_t C>                            \
  constexpr matrix<T, R, C> name(const matrix<T, R, C>& X) noexcept {            \
    return detail::math::elementwise(X, [](T x_) { return kernel(x_); });       \
  }
CXLA_MATH_ELEMENTWISE(exp, detail::math::exp_branch_free)
CXLA_MATH_ELEMENTWISE(log, detail::math::log_branch_free)
CXLA_MATH_ELEMENTWISE(expm1, expm1)
CXLA_MATH_ELEMENTWISE(log1p, log1p)
CXLA_MATH_ELEMENTWISE(tanh, tanh)
CXLA_MATH_ELEMENTWISE(erf, erf)
CXLA_MATH_ELEMENTWISE(sqrt, sqrt)
CXLA_MATH_ELEMENTWISE(abs, abs)
#undef CXLA_MATH_ELEMENTWISE

// pow(v, n): vector<T,N> x integer -> vector<T,N>; pow(X, n): matrix<T,R,C> x integer ->
// matrix<T,R,C>, elementwise.
template <detail::math::real T, size_t N, std::integral I>
constexpr vector<T, N> pow(const vector<T, N>& v, I n) noexcept {
  return detail::math::elementwise(v, [n](T x) { return pow(x, n); });
}
template <detail::math::real T, size_t R, size_t C, std::integral I>
constexpr matrix<T, R, C> pow(const matrix<T, R, C>& X, I n) noexcept {
  return detail::math::elementwise(X, [n](T x) { return pow(x, n); });
}

}  // namespace cxla

#undef CXLA_MATH_INLINE
