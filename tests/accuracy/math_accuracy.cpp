// Accuracy of cxla's scalar math against MPFR (exact value to 64 bits for float, 128 bits for
// double; the correctly rounded reference is rounded from it).
//
// For every function and type: a sweep over the whole domain evenly spaced in the bit
// pattern (every binade and the subnormal tails get their share), random bit patterns in the
// domain (log-uniform), and uniform random reals over the same interval. Prints max and mean
// error in ULPs of the exact result (the format's ULP at the exact value; subnormal ULP below
// the normal range) and the share of results that are not the correctly rounded one, and
// fails when a target (docs/math.md) is missed or a special result (zero, infinity, NaN)
// differs from the correctly rounded one.
//
// usage: math_accuracy [name...]       names: exp log sqrt ... (default: all)
// CXLA_ACCURACY_SCALE=<factor> multiplies the sample counts (default 1).
#include <mpfr.h>

#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <cxla/math.hpp>

namespace {

using mpfr_fn = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);

template <class T>
struct format;
template <>
struct format<float> {
  using bits = std::uint32_t;
  static constexpr int precision = 24;
  static constexpr long emin = -126;  // exponent of the smallest normal number
  // Exact value to 64 bits: the ULP error is measured to 2^-40 ULP, and rounding it to float
  // gives the correctly rounded result except within 2^-40 ULP of a midpoint (sqrt: always,
  // 64 >= 2 * 24 + 2).
  static constexpr mpfr_prec_t reference_precision = 64;
  static constexpr const char* name = "float";
  static float get(mpfr_srcptr x) { return mpfr_get_flt(x, MPFR_RNDN); }
  static void set(mpfr_ptr y, float x) { mpfr_set_flt(y, x, MPFR_RNDN); }
};
template <>
struct format<double> {
  using bits = std::uint64_t;
  static constexpr int precision = 53;
  static constexpr long emin = -1022;
  static constexpr mpfr_prec_t reference_precision = 128;
  static constexpr const char* name = "double";
  static double get(mpfr_srcptr x) { return mpfr_get_d(x, MPFR_RNDN); }
  static void set(mpfr_ptr y, double x) { mpfr_set_d(y, x, MPFR_RNDN); }
};

template <class T>
bool is_nan(T x) {
  return x != x;
}
template <class T>
bool is_finite(T x) {
  return x == x && x <= std::numeric_limits<T>::max() && x >= -std::numeric_limits<T>::max();
}
template <class T>
bool same_bits(T a, T b) {
  using B = typename format<T>::bits;
  return std::bit_cast<B>(a) == std::bit_cast<B>(b);
}

// Total order on finite values as signed integers (for bit-pattern sweeps).
template <class T>
long long ordered_key(T x) {
  using B = typename format<T>::bits;
  const B b = std::bit_cast<B>(x);
  const B sign = B{1} << (sizeof(B) * 8 - 1);
  return (b & sign) ? -static_cast<long long>(b & ~sign) : static_cast<long long>(b);
}
template <class T>
T from_key(long long k) {
  using B = typename format<T>::bits;
  const B sign = B{1} << (sizeof(B) * 8 - 1);
  return k < 0 ? std::bit_cast<T>(static_cast<B>(static_cast<B>(-k) | sign)) : std::bit_cast<T>(static_cast<B>(k));
}

struct stats {
  double max_ulp = 0;
  double sum_ulp = 0;
  long long count = 0;
  long long misrounded = 0;
  long long special_failures = 0;
  double worst_input = 0, worst_result = 0, worst_reference = 0;
};

struct reference {
  mpfr_t exact, arg, scratch;
  explicit reference(mpfr_prec_t precision) {
    mpfr_inits2(precision, exact, arg, scratch, static_cast<mpfr_ptr>(nullptr));
  }
  ~reference() { mpfr_clears(exact, arg, scratch, static_cast<mpfr_ptr>(nullptr)); }
  reference(const reference&) = delete;
  reference& operator=(const reference&) = delete;
};

// |y - exact| in ULPs of the format at the exact value.
template <class T>
double ulp_error(T y, reference& ref) {
  using F = format<T>;
  const long e = static_cast<long>(mpfr_get_exp(ref.exact)) - 1;  // exact in [2^e, 2^(e+1))
  const long ulp_exp = (e < F::emin ? F::emin : e) - (F::precision - 1);
  F::set(ref.scratch, y);
  mpfr_sub(ref.scratch, ref.scratch, ref.exact, MPFR_RNDN);
  mpfr_mul_2si(ref.scratch, ref.scratch, -ulp_exp, MPFR_RNDN);
  const double err = mpfr_get_d(ref.scratch, MPFR_RNDN);
  return err < 0 ? -err : err;
}

template <class T>
void record(stats& s, T x, T y, reference& ref) {
  using F = format<T>;
  const T rounded = F::get(ref.exact);
  const bool exact_special = mpfr_nan_p(ref.exact) || mpfr_inf_p(ref.exact) || mpfr_zero_p(ref.exact);
  if (!(same_bits(y, rounded) || (is_nan(y) && is_nan(rounded)))) ++s.misrounded;
  double err = 0;
  bool failed = false;
  if (exact_special || !is_finite(rounded)) {
    // NaN, infinity, exact zero, overflow: only the correctly rounded result is right (the
    // sign of zero included). Not part of the ULP statistics.
    failed = !(same_bits(y, rounded) || (is_nan(y) && is_nan(rounded)));
    if (!failed) return;
    err = 1e9;
  } else if (!is_finite(y)) {
    failed = true;
    err = 1e9;
  } else {
    err = ulp_error(y, ref);
  }
  if (failed) ++s.special_failures;
  s.sum_ulp += err;
  ++s.count;
  if (err > s.max_ulp || failed) {
    if (err > s.max_ulp) s.max_ulp = err;
    s.worst_input = static_cast<double>(x);
    s.worst_result = static_cast<double>(y);
    s.worst_reference = static_cast<double>(rounded);
  }
}

struct domain {
  double lo, hi;
};

struct function_case {
  const char* name;
  mpfr_fn exact;
  float (*f32)(float);
  double (*f64)(double);
  domain d32, d64;      // sweep and random inputs are drawn from [lo, hi]
  double max_ulp;       // target: max error
  double mean_ulp;      // target: mean error (0: none)
  long long samples32;  // per kind (sweep, random bits, random reals)
  long long samples64;
};

double scale_factor() {
  if (const char* s = std::getenv("CXLA_ACCURACY_SCALE")) return std::strtod(s, nullptr);
  return 1.0;
}

template <class T>
std::vector<T> make_inputs(domain d, long long n, std::mt19937_64& gen) {
  std::vector<T> xs;
  xs.reserve(static_cast<size_t>(3 * n + 16));
  const T lo = static_cast<T>(d.lo), hi = static_cast<T>(d.hi);
  const long long klo = ordered_key(lo), khi = ordered_key(hi);
  // Sweep: evenly spaced keys, both ends included.
  for (long long i = 0; i < n; ++i) {
    const long long k = klo + static_cast<long long>(static_cast<long double>(khi - klo) * i / (n > 1 ? n - 1 : 1));
    xs.push_back(from_key<T>(k));
  }
  // Special arguments, whatever the domain.
  using L = std::numeric_limits<T>;
  for (T special : {L::quiet_NaN(), L::infinity(), -L::infinity(), T(0), -T(0), T(1), T(-1), L::max(), -L::max(),
                    L::min(), -L::min(), L::denorm_min(), -L::denorm_min()})
    xs.push_back(special);
  std::uniform_int_distribution<long long> key_dist(klo, khi);
  for (long long i = 0; i < n; ++i) xs.push_back(from_key<T>(key_dist(gen)));
  std::uniform_real_distribution<double> real_dist(d.lo, d.hi);
  for (long long i = 0; i < n; ++i) xs.push_back(static_cast<T>(real_dist(gen)));
  return xs;
}

template <class T>
bool run(const function_case& c, T (*f)(T), domain d, long long n, std::mt19937_64& gen) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<T> xs = make_inputs<T>(d, n, gen);
  std::vector<T> ys(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) ys[i] = f(xs[i]);
  reference ref{format<T>::reference_precision};
  stats s;
  for (size_t i = 0; i < xs.size(); ++i) {
    format<T>::set(ref.arg, xs[i]);
    c.exact(ref.exact, ref.arg, MPFR_RNDN);
    record(s, xs[i], ys[i], ref);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double mean = s.count ? s.sum_ulp / static_cast<double>(s.count) : 0.0;
  // max_ulp 0.5 means "correctly rounded": judged by equality with the rounded exact value.
  const bool ok = s.special_failures == 0 && (c.max_ulp == 0.5 ? s.misrounded == 0 : s.max_ulp <= c.max_ulp) &&
                  (c.mean_ulp == 0 || mean <= c.mean_ulp);
  std::printf("%-6s %-6s  max %7.4f ULP  mean %6.4f ULP  not correctly rounded %6.3f%%  (%lld inputs, %.1f s)%s\n",
              c.name, format<T>::name, s.max_ulp, mean,
              100.0 * static_cast<double>(s.misrounded) / static_cast<double>(xs.size()),
              static_cast<long long>(xs.size()), seconds, ok ? "" : "  FAILED");
  if (s.max_ulp > 0 || !ok)
    std::printf("       worst: x = %a  got %a  correctly rounded %a\n", s.worst_input, s.worst_result,
                s.worst_reference);
  if (!ok)
    std::printf("       targets: max %.2f ULP, mean %.2f ULP (0: none); special-result failures %lld\n",
                c.max_ulp, c.mean_ulp, s.special_failures);
  return ok;
}

// The functions under test as plain function pointers (overload set -> one type).
template <class T>
T cxla_exp(T x) {
  return cxla::exp(x);
}
template <class T>
T cxla_log(T x) {
  return cxla::log(x);
}
template <class T>
T cxla_sqrt(T x) {
  return cxla::sqrt(x);
}
template <class T>
T cxla_expm1(T x) {
  return cxla::expm1(x);
}
template <class T>
T cxla_log1p(T x) {
  return cxla::log1p(x);
}
template <class T>
T cxla_tanh(T x) {
  return cxla::tanh(x);
}
template <class T>
T cxla_erf(T x) {
  return cxla::erf(x);
}

constexpr double dbl_max = std::numeric_limits<double>::max();
constexpr double flt_max = static_cast<double>(std::numeric_limits<float>::max());

const function_case cases[] = {
    // exp: the finite-result domain plus the tails where the result underflows or overflows.
    {"exp", mpfr_exp, cxla_exp<float>, cxla_exp<double>, {-104.0, 89.0}, {-746.0, 710.0}, 1.0, 0.3, 2000000, 2000000},
    {"log", mpfr_log, cxla_log<float>, cxla_log<double>, {0.0, flt_max}, {0.0, dbl_max}, 1.0, 0.3, 2000000, 2000000},
    {"sqrt", mpfr_sqrt, cxla_sqrt<float>, cxla_sqrt<double>, {0.0, flt_max}, {0.0, dbl_max}, 0.5, 0, 500000, 500000},
    {"expm1", mpfr_expm1, cxla_expm1<float>, cxla_expm1<double>, {-25.0, 89.0}, {-45.0, 710.0}, 2.0, 0, 500000, 500000},
    {"log1p", mpfr_log1p, cxla_log1p<float>, cxla_log1p<double>, {-1.0, flt_max}, {-1.0, dbl_max}, 2.0, 0, 500000, 500000},
    {"tanh", mpfr_tanh, cxla_tanh<float>, cxla_tanh<double>, {-12.0, 12.0}, {-25.0, 25.0}, 2.0, 0, 500000, 500000},
    {"erf", mpfr_erf, cxla_erf<float>, cxla_erf<double>, {-5.0, 5.0}, {-7.0, 7.0}, 2.0, 0, 200000, 100000},
};

}  // namespace

int main(int argc, char** argv) {
  const double scale = scale_factor();
  std::mt19937_64 gen{0x6d617468ULL};
  bool ok = true;
  std::printf("cxla math accuracy vs MPFR %s (exact value to 64 bits for float, 128 for double), "
              "sample scale %.2f\n", mpfr_get_version(), scale);
  for (const function_case& c : cases) {
    bool wanted = argc < 2;
    for (int i = 1; i < argc; ++i) wanted = wanted || std::strcmp(argv[i], c.name) == 0;
    if (!wanted) continue;
    ok = run<float>(c, c.f32, c.d32, static_cast<long long>(static_cast<double>(c.samples32) * scale), gen) && ok;
    ok = run<double>(c, c.f64, c.d64, static_cast<long long>(static_cast<double>(c.samples64) * scale), gen) && ok;
  }
  mpfr_free_cache();
  std::printf("%s\n", ok ? "all targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
