// Compile-time checks of math.hpp: compiling this file is passing. Special values on float and
// double, known values to the last bit against MPFR (tools/math/known_values.c prints them),
// and the properties of tests/properties/math_properties.hpp.
#include <limits>

#include <cxla/cxla.hpp>

#include "math_properties.hpp"

using cxla_props::same;
using cxla_props::within_ulps;

// ---- special values (C Annex F) -------------------------------------------------------
static_assert(cxla_props::all_special_values<float>());
static_assert(cxla_props::all_special_values<double>());
// Overflow and underflow thresholds (MPFR): the largest arguments with a finite exp and the
// smallest with a non-zero one.
static_assert(cxla::exp(0x1.62e42fefa39efp+9) == 0x1.fffffffffff2ap+1023);
static_assert(cxla::exp(0x1.62e42fefa39f0p+9) == std::numeric_limits<double>::infinity());
static_assert(cxla::exp(0x1.62e42ep+6f) < std::numeric_limits<float>::infinity());
static_assert(cxla::exp(0x1.62e430p+6f) == std::numeric_limits<float>::infinity());
static_assert(cxla::exp(-0x1.74910d52d3051p+9) == 0x1p-1074 && cxla::exp(-0x1.74910d52d3052p+9) == 0);
static_assert(cxla::exp(-0x1.9fe368p+6f) == 0x1p-149f && cxla::exp(-0x1.9fe36ap+6f) == 0);

// ---- known values, correctly rounded (MPFR), to the last bit --------------------------
static_assert(same(cxla::exp(1.0), 0x1.5bf0a8b145769p+1));
static_assert(same(cxla::exp(1.0f), 0x1.5bf0a8p+1f));
static_assert(same(cxla::log(2.0), 0x1.62e42fefa39efp-1));
static_assert(same(cxla::log(2.0f), 0x1.62e43p-1f));
static_assert(same(cxla::sqrt(2.0), 0x1.6a09e667f3bcdp+0));
static_assert(same(cxla::sqrt(2.0f), 0x1.6a09e6p+0f));
static_assert(same(cxla::exp(-1.0), 0x1.78b56362cef38p-2) && same(cxla::exp(-1.0f), 0x1.78b564p-2f));
static_assert(same(cxla::exp(0.5), 0x1.a61298e1e069cp+0) && same(cxla::exp(0.5f), 0x1.a61298p+0f));
// Float exp runs in float arithmetic (twice the vector lanes of double): max 0.78 ULP, and
// exp(10.0f) is 1 ULP from the correctly rounded value.
static_assert(same(cxla::exp(10.0), 0x1.5829dcf95056p+14) && within_ulps(cxla::exp(10.0f), 0x1.5829dcp+14f, 1));
static_assert(same(cxla::exp(-700.0), 0x1.14f2b0fb9307fp-1010) && same(cxla::exp(700.0), 0x1.d945df4f8ec8ep+1009));
static_assert(same(cxla::exp(-100.0), 0x1.a8c1f14e2af5dp-145) && same(cxla::exp(-100.0f), 0x1.bp-145f));
static_assert(same(cxla::exp(80.0), 0x1.55779b984f3ebp+115) && same(cxla::exp(80.0f), 0x1.55779cp+115f));
static_assert(same(cxla::log(10.0), 0x1.26bb1bbb55516p+1) && same(cxla::log(10.0f), 0x1.26bb1cp+1f));
// The two cases the constexpr libraries get wrong: log(0.01f) and sqrt(1e-300). log is not
// correctly rounded everywhere (max 0.8 ULP for double): log(0.01) and log(3.0) are 1 ULP off.
static_assert(within_ulps(cxla::log(0.01), -0x1.26bb1bbb55515p+2, 1) && same(cxla::log(0.01f), -0x1.26bb1cp+2f));
static_assert(same(cxla::sqrt(1e-300), 0x1.a2fe76a3f9475p-499));
static_assert(same(cxla::log(1e-300), -0x1.5963447f87fb5p+9) && same(cxla::log(1e300), 0x1.5963447f87fb5p+9));
static_assert(within_ulps(cxla::log(3.0), 0x1.193ea7aad030bp+0, 1) && same(cxla::log(3.0f), 0x1.193ea8p+0f));
static_assert(same(cxla::sqrt(3.0), 0x1.bb67ae8584caap+0) && same(cxla::sqrt(3.0f), 0x1.bb67aep+0f));
static_assert(same(cxla::sqrt(0.01), 0x1.999999999999ap-4) && same(cxla::sqrt(0.01f), 0x1.99999ap-4f));
static_assert(same(cxla::expm1(1e-10), 0x1.b7cdfd9dda4e3p-34) && same(cxla::expm1(1e-10f), 0x1.b7cdfep-34f));
static_assert(same(cxla::expm1(1.0), 0x1.b7e151628aed3p+0) && same(cxla::expm1(1.0f), 0x1.b7e152p+0f));
static_assert(same(cxla::expm1(-1.0), -0x1.43a54e4e98864p-1) && same(cxla::expm1(-1.0f), -0x1.43a54ep-1f));
static_assert(same(cxla::log1p(1e-10), 0x1.b7cdfd9d1d693p-34) && same(cxla::log1p(1e-10f), 0x1.b7cdfep-34f));
static_assert(same(cxla::log1p(1.0), 0x1.62e42fefa39efp-1) && same(cxla::log1p(1.0f), 0x1.62e43p-1f));
static_assert(same(cxla::log1p(-0.5), -0x1.62e42fefa39efp-1) && same(cxla::log1p(-0.5f), -0x1.62e43p-1f));
static_assert(same(cxla::tanh(0.5), 0x1.d9353d7568af3p-2) && same(cxla::tanh(0.5f), 0x1.d9353ep-2f));
static_assert(same(cxla::tanh(1.0), 0x1.85efab514f394p-1) && same(cxla::tanh(1.0f), 0x1.85efacp-1f));
static_assert(same(cxla::tanh(-3.0), -0x1.fd77d111a0bp-1) && same(cxla::tanh(-3.0f), -0x1.fd77d2p-1f));
static_assert(same(cxla::erf(0.5), 0x1.0a7ef5c18edd2p-1) && same(cxla::erf(0.5f), 0x1.0a7ef6p-1f));
static_assert(same(cxla::erf(1.0), 0x1.af767a741088bp-1) && same(cxla::erf(1.0f), 0x1.af767ap-1f));
static_assert(same(cxla::erf(-2.0), -0x1.fd9ae142795e3p-1) && same(cxla::erf(-2.0f), -0x1.fd9ae2p-1f));

// long double goes through double; integers convert to double.
static_assert(cxla::exp(1.0L) == static_cast<long double>(0x1.5bf0a8b145769p+1));
static_assert(cxla::sqrt(2.0L) == static_cast<long double>(0x1.6a09e667f3bcdp+0));
static_assert(cxla::exp(1e10L) == std::numeric_limits<long double>::infinity());
static_assert(same(cxla::exp(1), 0x1.5bf0a8b145769p+1) && same(cxla::log(2), 0x1.62e42fefa39efp-1));
static_assert(cxla::pow(3.0L, 4) == 81.0L && cxla::abs(-2.0L) == 2.0L);

// ---- properties -----------------------------------------------------------------------
static_assert(cxla_props::sqrt_of_square_is_abs(3.0) && cxla_props::sqrt_of_square_is_abs(-1.1) &&
              cxla_props::sqrt_of_square_is_abs(0x1.fffffffffffffp+500) &&
              cxla_props::sqrt_of_square_is_abs(0x1.123456789abcdp-511) && cxla_props::sqrt_of_square_is_abs(7.1f) &&
              cxla_props::sqrt_of_square_is_abs(0x1.fffffep+60f));

constexpr cxla::vector<double, 9> mixed{{-3.5, -1e-300, -0.0, 0.0, 1e-310, 0.3, 1.0, 20.0, 700.0}};
constexpr cxla::vector<float, 7> mixed_f{{-100.0f, -0.5f, 0.0f, 1e-40f, 0.75f, 9.0f, 88.0f}};
static_assert(cxla_props::elementwise_matches_scalar(mixed));
static_assert(cxla_props::elementwise_matches_scalar(mixed_f));
constexpr cxla::matrix<double, 2, 3> M{{{-1, 0.5, 2}, {3, -4, 1e-5}}};
static_assert(cxla_props::elementwise_matches_scalar(M));

constexpr cxla::vector<double, 12> sorted{{-800, -745.1, -20, -1, -1e-8, 0, 1e-300, 1e-8, 0.5, 1, 30, 709.7}};
constexpr cxla::vector<float, 10> sorted_f{{-120, -87.5f, -3, -1e-7f, 0, 1e-44f, 0.5f, 1, 4, 88.7f}};
static_assert(cxla_props::monotone_on(sorted));
static_assert(cxla_props::monotone_on(sorted_f));

static_assert(cxla_props::log_inverts_exp(1.0) && cxla_props::log_inverts_exp(-700.0) &&
              cxla_props::log_inverts_exp(700.0) && cxla_props::log_inverts_exp(1e-3) &&
              cxla_props::log_inverts_exp(-3.25f) && cxla_props::log_inverts_exp(80.0f));

// What softmax relies on: exp(-inf) = 0 and exp of a max-subtracted score is in (0, 1].
static_assert(cxla::exp(-std::numeric_limits<float>::infinity()) == 0.0f && cxla::exp(0.0f) == 1.0f);
static_assert(cxla::exp(-1e30) == 0.0 && cxla::exp(-1e-30) == 1.0);

int main() {}

// ---- the constant-evaluation fused multiply-add -----------------------------------------
// a * b + c = 2^24 + 1 + 4688 * 2^-46 exactly: rounded to double that is the float midpoint
// 2^24 + 1, which would round to even (2^24); rounded once it is 2^24 + 2.
static_assert(cxla::detail::math::fused_emulated(0x1.0016ap+0f, 0x1.ffd2c4p-1f, 0x1p24f) == 0x1.000002p24f);
static_assert(cxla::detail::math::fused_emulated(-0x1.0016ap+0f, 0x1.ffd2c4p-1f, -0x1p24f) == -0x1.000002p24f);
static_assert(cxla::detail::math::fused_emulated(3.0f, 5.0f, -15.0f) == 0.0f);
