// cxla/softmax.hpp - stable softmax, log_softmax, logsumexp and attention masks.
//
//   softmax(v[, mask][, temperature])        vector<T,N> -> vector<T,N>, sums to 1
//   softmax_rows(S[, mask][, temperature])   matrix<T,M,N> -> matrix<T,M,N>, each row sums to 1
//   log_softmax(v[, mask]), log_softmax_rows(S[, mask])
//   logsumexp(v[, mask]) -> T,  logsumexp_rows(S[, mask]) -> vector<T,M>
//   causal_mask<N>()                         matrix<bool,N,N>, true on and below the diagonal
//
// A matrix softmax is row-wise: softmax_rows normalises over the last index (over keys, for
// attention scores), and softmax(S) on a matrix is the same function under the short name.
//
// Masks: true = keep, false = masked out. A masked entry gets weight exactly +0 whatever its
// logit (NaN included) and the kept entries renormalise among themselves.
//
// Algorithm (one row; the same at compile time and at run time):
//   1. masked logits become -inf;
//   2. m = max of the row (8 lane-blocked partial maxima combined in the ops.hpp tree order;
//      NaN never wins a comparison, so it does not become the maximum);
//   3. x_i = (s_i == m) ? 0 : s_i - m, so x <= 0 and exp cannot overflow (the select keeps
//      inf - inf from ever being evaluated);
//   4. e = exp(x) over the whole row; entries whose logit is -inf are set to exactly +0;
//   5. total = sum(e) in the lane-blocked order of cxla::sum; weights e_i / total.
//
// Special values (documented policy, tested in tests/static and tests/runtime):
//   - a logit of -inf behaves exactly like a masked entry;
//   - one or more +inf logits: they share the weight equally (the limit of large logits);
//     every finite logit gets +0;
//   - any kept NaN logit: the whole row is NaN (NaN propagates, it is never hidden);
//   - a row with no kept entry (fully masked, or all -inf): softmax gives all +0 ("attends to
//     nothing"), log_softmax gives all -inf and logsumexp gives -inf. Never NaN.
//   - logits of any finite magnitude are safe (e.g. +-1e4 in float, +-1e300 in double): only
//     differences to the row maximum reach exp. A difference that overflows (|s_i - m| above
//     the largest finite value) becomes -inf and its weight +0.
//   - At compile time clang refuses any arithmetic that produces a NaN and g++ any that
//     overflows. The kernels never do either on their own (the selects above avoid inf - inf
//     and overflowing differences), but a NaN logit is a compile error under clang rather
//     than a silent NaN; g++ follows the policy above.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "detail/checks.hpp"
#include "math.hpp"
#include "matrix.hpp"
#include "ops.hpp"

namespace cxla {

// A softmax temperature tau: logits are divided by tau before normalising (tau < 1 sharpens,
// tau > 1 flattens). tau must be positive; tau = 0 is a compile error in a constant
// expression and gives +-inf/NaN logits (handled as above) at run time.
template <class T>
struct temperature {
  T value;
};
template <class T>
temperature(T) -> temperature<T>;

// causal_mask<N>(): matrix<bool,N,N>, entry (i, j) true iff j <= i (query i sees keys 0..i).
template <size_t N>
constexpr matrix<bool, N, N> causal_mask() noexcept {
  matrix<bool, N, N> mask{};
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < N; ++j) mask.data[i][j] = j <= i;
  return mask;
}

// no_mask<M, N>(): matrix<bool,M,N>, all true (everything kept).
template <size_t M, size_t N>
constexpr matrix<bool, M, N> no_mask() noexcept {
  matrix<bool, M, N> mask{};
  for (size_t i = 0; i < M; ++i)
    for (size_t j = 0; j < N; ++j) mask.data[i][j] = true;
  return mask;
}

namespace detail {

template <class T>
inline constexpr T neg_inf = -std::numeric_limits<T>::infinity();

template <class T>
inline constexpr bool is_float_v = std::is_floating_point_v<T>;

// Lane-blocked maximum of a row; NaN entries never replace the running maximum.
template <class T, size_t N>
constexpr T row_max(const T (&s)[N]) noexcept {
  T p[lanes];
  for (size_t k = 0; k < lanes; ++k) p[k] = neg_inf<T>;
  constexpr size_t full = N - N % lanes;
  for (size_t jb = 0; jb < full; jb += lanes)
    for (size_t k = 0; k < lanes; ++k) p[k] = s[jb + k] > p[k] ? s[jb + k] : p[k];
  for (size_t k = 0; k < N % lanes; ++k) p[k] = s[full + k] > p[k] ? s[full + k] : p[k];
  for (size_t k = 0; k < 4; ++k) p[k] = p[k + 4] > p[k] ? p[k + 4] : p[k];
  for (size_t k = 0; k < 2; ++k) p[k] = p[k + 2] > p[k] ? p[k + 2] : p[k];
  return p[1] > p[0] ? p[1] : p[0];
}

// Step 3: x_i = s_i - m, or 0 where s_i == m.
template <class T, size_t N>
constexpr vector<T, N> shifted_logits(const vector<T, N>& s, T m) noexcept {
  vector<T, N> x{};
  if (std::is_constant_evaluated()) {
    // Constant evaluation rejects inf - inf and an overflowing subtraction, so neither may
    // be evaluated: halving is exact and s/2 - m/2 is round(s - m)/2, below -max/2 exactly
    // when s - m overflows.
    constexpr T half_max = std::numeric_limits<T>::max() / T{2};
    for (size_t i = 0; i < N; ++i)
      x.data[i] = s.data[i] == m                          ? T{0}
                  : s.data[i] / T{2} - m / T{2} < -half_max ? neg_inf<T>
                                                            : s.data[i] - m;
  } else {
    // The same values without a branch, so that the loop vectorises: s - m differs from
    // the result above only where it is NaN with s == m (inf - inf). The difference has to
    // appear in the condition, or g++ moves it into a branch and gives up vectorising.
    for (size_t i = 0; i < N; ++i) {
      const T difference = s.data[i] - m;
      x.data[i] = (difference != difference && s.data[i] == m) ? T{0} : difference;
    }
  }
  return x;
}

// Step 4: exp over the whole row, then exactly +0 where the logit is -inf.
template <class T, size_t N>
constexpr vector<T, N> kept_exp(const vector<T, N>& s, const vector<T, N>& x) noexcept {
  vector<T, N> e = cxla::exp(x);
  for (size_t i = 0; i < N; ++i) e.data[i] = s.data[i] == neg_inf<T> ? T{0} : e.data[i];
  return e;
}

// exp(x) for -104 <= x <= 0 (float): bit for bit math.hpp's exp(float) there, with the work
// that only other arguments need left out (no clamps, no special-value selects): the same
// core (detail::math::exp_core_flt); 2^k as one exact scaling by 2^(k + 64) (a normal float
// for k in [-150, 0]) and one rounding product by 2^-64, which gives the single rounding of
// the result that exp's two factors 2^k1 * 2^(k - k1) give. 2^(k + 64) comes from the bits of
// x log2(e) + 1.5 * 2^23, which hold k in the low bits.
// (softmax_kernel's run-time path; its results are checked against exp(float) over every
// float x <= 0, NaN and -inf included, through the kernel's handling below.)
[[gnu::always_inline]] constexpr float exp_nonpositive_finite(float x) noexcept {
  const auto [m, k_shifted] = detail::math::exp_core_flt(x);
  const float scale =
      std::bit_cast<float>(static_cast<std::uint32_t>((std::bit_cast<std::uint32_t>(k_shifted) + 191u) << 23));
  return detail::math::exp_scaled(m, scale) * 0x1p-64f;
}

// exp(x_i) for the shifted logit x_i of step 3 (softmax_kernel's run-time path, m finite or
// +inf): (s == m) ? 1 : exp(s - m), bit for bit. For s == m finite, s - m is +0 and its exp 1;
// below -104 (-inf included) exp(float) computes exp(-104), which is +0; a NaN difference is
// s = m = +inf (weight exp(0) = 1) or a NaN logit, whose NaN exp returns as it is.
[[gnu::always_inline]] constexpr float shifted_exp(float s, float m) noexcept {
  constexpr float low = detail::math::exp_clamp_low_flt;
  const float difference = s - m;
  const float y = exp_nonpositive_finite(difference >= low ? difference : low);
  return difference >= low ? y : (difference != difference ? (s == m ? 1.0f : difference) : 0.0f);
}

template <class T>
[[gnu::always_inline]] constexpr T shifted_exp(T s, T m) noexcept {
  const T difference = s - m;
  return cxla::exp(s == m ? T{0} : difference);
}

#if !CXLA_SIMD
// softmax_kernel at run time on targets without vector registers (e.g. Cortex-M with a scalar
// FPU): the same bits in one pass, without scratch vectors. A row maximum of -inf (nothing
// kept) is replaced by 0, so that a -inf logit gives exp(-inf) = +0 as everywhere else (and a
// NaN logit the same NaN: s - 0 and s - (-inf) are both s, quieted); shifted_exp stands for
// the selects of shifted_logits and kept_exp.
template <class T, size_t N>
vector<T, N> softmax_kernel_scalar(const vector<T, N>& s) noexcept {
  // One running maximum in a register: the same value as row_max (NaN never wins a comparison,
  // in any order); only the sign of a zero maximum can differ, and a zero maximum gives the
  // same shifted logits either way (s == m for s = +-0, s - m = s otherwise).
  T row_maximum = neg_inf<T>;
  for (size_t i = 0; i < N; ++i) row_maximum = s.data[i] > row_maximum ? s.data[i] : row_maximum;
  const T m = row_maximum == neg_inf<T> ? T{0} : row_maximum;
  vector<T, N> e;  // every entry written below
  for (size_t i = 0; i < N; ++i) e.data[i] = shifted_exp(s.data[i], m);
  // cxla::sum's order; each partial sum starts at its first term instead of +0, which gives
  // the same bits since no entry is -0.
  constexpr size_t used = N < lanes ? N : lanes;
  T p[lanes];
#pragma GCC unroll 8
  for (size_t k = 0; k < used; ++k) {
    T partial = e.data[k];
    for (size_t j = k + lanes; j < N; j += lanes) partial = partial + e.data[j];
    p[k] = partial;
  }
  T total;
  if constexpr (used == lanes)  // the tree of reduce_lanes, as one expression (kept in registers)
    total = ((p[0] + p[4]) + (p[2] + p[6])) + ((p[1] + p[5]) + (p[3] + p[7]));
  else
    total = reduce_lanes<used>(p);
  const T denominator = total == T{0} ? T{1} : total;
  for (size_t i = 0; i < N; ++i) e.data[i] = e.data[i] / denominator;
  return e;
}
#endif

#if CXLA_SIMD
// softmax_kernel at run time on targets with vector registers: the same bits in three loops
// that vectorise (exp of the shifted logits with both selects, the sum, the division)
// instead of separate passes for each step. Rows shorter than 8 go through a block of 8
// padded with -inf (weight +0, not summed), so that the exp loop vectorises too.
template <class T>
[[gnu::always_inline]] inline T kept_shifted_exp(T s, T m) noexcept {
  // Bit selects, no short-circuit: a branch here (g++ sinks exp into it) stops vectorisation.
  const T difference = s - m;
  const T x = math::select((difference != difference) & (s == m), T{0}, difference);
  return math::select(s == neg_inf<T>, T{0}, math::exp_branch_free(x));
}

// The exp loop of softmax_kernel_simd. Inlined after row_max, clang 14 does not vectorise it
// ("value used outside the loop"), so for clang it is a function of its own; g++ vectorises
// it inlined (and not as a separate function at -O2).
#if defined(__clang__)
#define CXLA_SOFTMAX_EXP_LOOP [[gnu::noinline]]
#else
#define CXLA_SOFTMAX_EXP_LOOP [[gnu::always_inline]] inline
#endif
template <class T, size_t N>
CXLA_SOFTMAX_EXP_LOOP void kept_shifted_exps(const T (&__restrict s)[N], T m, T (&__restrict e)[N]) noexcept {
  for (size_t i = 0; i < N; ++i) e[i] = kept_shifted_exp(s[i], m);
}
#undef CXLA_SOFTMAX_EXP_LOOP

template <class T, size_t N>
vector<T, N> softmax_kernel_simd(const vector<T, N>& s) noexcept {
  const T m = row_max<T, N>(s.data);
  vector<T, N> e;  // every entry written below
  if constexpr (N < 8) {
    T block[8], exps[8];
    for (size_t i = 0; i < 8; ++i) block[i] = i < N ? s.data[i] : neg_inf<T>;
    kept_shifted_exps(block, m, exps);
    for (size_t i = 0; i < N; ++i) e.data[i] = exps[i];
  } else {
    kept_shifted_exps(s.data, m, e.data);
  }
  const T total = cxla::sum(e);
  const T denominator = total == T{0} ? T{1} : total;
  for (size_t i = 0; i < N; ++i) e.data[i] = e.data[i] / denominator;
  return e;
}
#endif

template <class T, size_t N>
constexpr vector<T, N> softmax_kernel(const vector<T, N>& s) noexcept {
#if !CXLA_SIMD
  if (!std::is_constant_evaluated()) return softmax_kernel_scalar(s);
#else
  if constexpr (simd_element<T>) {  // float, double (long double takes the steps below)
    if (!std::is_constant_evaluated()) return softmax_kernel_simd(s);
  }
#endif
  vector<T, N> e = kept_exp(s, shifted_logits(s, row_max<T, N>(s.data)));
  // The total is >= 1 when some entry is kept (the maximum contributes exp(0)), 0 when none
  // is, NaN when a kept logit is NaN; dividing by 1 in the second case leaves the zeros.
  const T total = cxla::sum(e);
  const T denominator = total == T{0} ? T{1} : total;
  for (size_t i = 0; i < N; ++i) e.data[i] = e.data[i] / denominator;
  return e;
}

template <class T, size_t N>
constexpr vector<T, N> log_softmax_kernel(const vector<T, N>& s) noexcept {
  vector<T, N> x = shifted_logits(s, row_max<T, N>(s.data));
  const T total = cxla::sum(kept_exp(s, x));
  // log(total) is finite and >= 0 unless no entry is kept (then every output is -inf).
  const T log_total = total == T{0} ? T{0} : cxla::log(total);
  for (size_t i = 0; i < N; ++i) x.data[i] = s.data[i] == neg_inf<T> ? neg_inf<T> : x.data[i] - log_total;
  return x;
}

template <class T, size_t N>
constexpr T logsumexp_kernel(const vector<T, N>& s) noexcept {
  const T m = row_max<T, N>(s.data);
  const T total = cxla::sum(kept_exp(s, shifted_logits(s, m)));
  if (total == T{0}) return neg_inf<T>;
  return m + cxla::log(total);
}

template <class T, size_t N>
constexpr vector<T, N> apply_mask(const vector<T, N>& s, const vector<bool, N>& mask) noexcept {
  vector<T, N> out{};
  for (size_t i = 0; i < N; ++i) out.data[i] = mask.data[i] ? s.data[i] : neg_inf<T>;
  return out;
}

template <class T, size_t N, class S>
constexpr vector<T, N> apply_temperature(const vector<T, N>& s, temperature<S> tau) noexcept {
  const T t = static_cast<T>(tau.value);
  vector<T, N> out{};
  for (size_t i = 0; i < N; ++i) out.data[i] = s.data[i] / t;
  return out;
}

template <class T, size_t M, size_t N>
constexpr vector<bool, N> mask_row(const matrix<bool, M, N>& mask, size_t i) noexcept {
  vector<bool, N> r{};
  for (size_t j = 0; j < N; ++j) r.data[j] = mask.data[i][j];
  return r;
}

template <class T, size_t M, size_t N>
constexpr vector<T, N> row_of(const matrix<T, M, N>& S, size_t i) noexcept {
  vector<T, N> r{};
  for (size_t j = 0; j < N; ++j) r.data[j] = S.data[i][j];
  return r;
}

// Applies a vector -> vector kernel to every row of S (with the matching mask row).
template <class T, size_t M, size_t N, class F>
constexpr matrix<T, M, N> map_rows(const matrix<T, M, N>& S, F kernel) noexcept {
  matrix<T, M, N> out{};
  for (size_t i = 0; i < M; ++i) {
    const vector<T, N> r = kernel(row_of(S, i), i);
    for (size_t j = 0; j < N; ++j) out.data[i][j] = r.data[j];
  }
  return out;
}

}  // namespace detail

#define CXLA_SOFTMAX_REQUIRE_FLOAT(T, op)                                                         \
  static_assert(::cxla::detail::is_float_v<T>, "cxla: " op " needs floating-point elements " \
                                               "(convert with cxla::cast<double>)")

// ---- vectors --------------------------------------------------------------------------------

// softmax(v): vector<T,N> -> vector<T,N>   weights >= 0 summing to 1 (see the policy above)
template <class T, size_t N>
constexpr vector<T, N> softmax(const vector<T, N>& v) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax(v)");
  if constexpr (detail::is_float_v<T>)
    return detail::softmax_kernel(v);
  else
    return {};
}

// softmax(v, mask): vector<T,N> x vector<bool,N> -> vector<T,N>   masked entries get +0
template <class T, size_t N, size_t NM>
constexpr vector<T, N> softmax(const vector<T, N>& v, const vector<bool, NM>& mask) noexcept {
  static_assert(N == NM, "cxla: shape mismatch in softmax(v, mask): mask must have v's length");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax(v, mask)");
  if constexpr (N == NM && detail::is_float_v<T>)
    return detail::softmax_kernel(detail::apply_mask(v, mask));
  else
    return {};
}

// softmax(v, temperature{tau}): vector<T,N> -> vector<T,N>   softmax(v / tau)
template <class T, size_t N, class S>
constexpr vector<T, N> softmax(const vector<T, N>& v, temperature<S> tau) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax(v, temperature)");
  if constexpr (detail::is_float_v<T>)
    return detail::softmax_kernel(detail::apply_temperature(v, tau));
  else
    return {};
}

// softmax(v, mask, temperature{tau}): vector<T,N> x vector<bool,N> -> vector<T,N>
template <class T, size_t N, size_t NM, class S>
constexpr vector<T, N> softmax(const vector<T, N>& v, const vector<bool, NM>& mask, temperature<S> tau) noexcept {
  static_assert(N == NM, "cxla: shape mismatch in softmax(v, mask, temperature): mask must have v's length");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax(v, mask, temperature)");
  if constexpr (N == NM && detail::is_float_v<T>)
    return detail::softmax_kernel(detail::apply_mask(detail::apply_temperature(v, tau), mask));
  else
    return {};
}

// log_softmax(v): vector<T,N> -> vector<T,N>   s_i - logsumexp(s); masked entries -inf
template <class T, size_t N>
constexpr vector<T, N> log_softmax(const vector<T, N>& v) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "log_softmax(v)");
  if constexpr (detail::is_float_v<T>)
    return detail::log_softmax_kernel(v);
  else
    return {};
}

// log_softmax(v, mask): vector<T,N> x vector<bool,N> -> vector<T,N>
template <class T, size_t N, size_t NM>
constexpr vector<T, N> log_softmax(const vector<T, N>& v, const vector<bool, NM>& mask) noexcept {
  static_assert(N == NM, "cxla: shape mismatch in log_softmax(v, mask): mask must have v's length");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "log_softmax(v, mask)");
  if constexpr (N == NM && detail::is_float_v<T>)
    return detail::log_softmax_kernel(detail::apply_mask(v, mask));
  else
    return {};
}

// logsumexp(v): vector<T,N> -> T   log(sum_i exp(v_i)) without overflow
template <class T, size_t N>
constexpr T logsumexp(const vector<T, N>& v) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "logsumexp(v)");
  if constexpr (detail::is_float_v<T>)
    return detail::logsumexp_kernel(v);
  else
    return T{};
}

// logsumexp(v, mask): vector<T,N> x vector<bool,N> -> T   over the kept entries; -inf if none
template <class T, size_t N, size_t NM>
constexpr T logsumexp(const vector<T, N>& v, const vector<bool, NM>& mask) noexcept {
  static_assert(N == NM, "cxla: shape mismatch in logsumexp(v, mask): mask must have v's length");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "logsumexp(v, mask)");
  if constexpr (N == NM && detail::is_float_v<T>)
    return detail::logsumexp_kernel(detail::apply_mask(v, mask));
  else
    return T{};
}

// ---- matrices: the axis is in the name ------------------------------------------------------

// softmax_rows(S): matrix<T,M,N> -> matrix<T,M,N>   each row is softmax(row)
template <class T, size_t M, size_t N>
constexpr matrix<T, M, N> softmax_rows(const matrix<T, M, N>& S) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax_rows(S)");
  if constexpr (detail::is_float_v<T>)
    return detail::map_rows(S, [](const vector<T, N>& row_, size_t) { return detail::softmax_kernel(row_); });
  else
    return {};
}

// softmax_rows(S, mask): matrix<T,M,N> x matrix<bool,M,N> -> matrix<T,M,N>
template <class T, size_t M, size_t N, size_t MM, size_t NM>
constexpr matrix<T, M, N> softmax_rows(const matrix<T, M, N>& S, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in softmax_rows(S, mask): mask must have S's shape");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax_rows(S, mask)");
  if constexpr (M == MM && N == NM && detail::is_float_v<T>)
    return detail::map_rows(S, [&mask](const vector<T, N>& row_, size_t i_) {
      return detail::softmax_kernel(detail::apply_mask(row_, detail::mask_row<T>(mask, i_)));
    });
  else
    return {};
}

// softmax_rows(S, temperature{tau}): matrix<T,M,N> -> matrix<T,M,N>
template <class T, size_t M, size_t N, class S>
constexpr matrix<T, M, N> softmax_rows(const matrix<T, M, N>& scores, temperature<S> tau) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax_rows(S, temperature)");
  if constexpr (detail::is_float_v<T>)
    return detail::map_rows(scores, [tau](const vector<T, N>& row_, size_t) {
      return detail::softmax_kernel(detail::apply_temperature(row_, tau));
    });
  else
    return {};
}

// softmax_rows(S, mask, temperature{tau}): matrix<T,M,N> x matrix<bool,M,N> -> matrix<T,M,N>
template <class T, size_t M, size_t N, size_t MM, size_t NM, class S>
constexpr matrix<T, M, N> softmax_rows(const matrix<T, M, N>& scores, const matrix<bool, MM, NM>& mask,
                                       temperature<S> tau) noexcept {
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in softmax_rows(S, mask, temperature): mask must have S's shape");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "softmax_rows(S, mask, temperature)");
  if constexpr (M == MM && N == NM && detail::is_float_v<T>)
    return detail::map_rows(scores, [&mask, tau](const vector<T, N>& row_, size_t i_) {
      return detail::softmax_kernel(detail::apply_mask(detail::apply_temperature(row_, tau), detail::mask_row<T>(mask, i_)));
    });
  else
    return {};
}

// softmax(S[, mask][, temperature]): matrix<T,M,N> -> matrix<T,M,N>, row-wise: the same as
// softmax_rows (over the last index, i.e. over keys for attention scores; each row sums to 1).
// A matrix softmax is always row-wise in cxla; softmax_rows names the axis where a reader
// might wonder.
template <class T, size_t M, size_t N, class... Rest>
constexpr matrix<T, M, N> softmax(const matrix<T, M, N>& S, const Rest&... rest) noexcept {
  return softmax_rows(S, rest...);
}

// log_softmax_rows(S[, mask]): matrix<T,M,N>[ x matrix<bool,M,N>] -> matrix<T,M,N>
template <class T, size_t M, size_t N>
constexpr matrix<T, M, N> log_softmax_rows(const matrix<T, M, N>& S) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "log_softmax_rows(S)");
  if constexpr (detail::is_float_v<T>)
    return detail::map_rows(S, [](const vector<T, N>& row_, size_t) { return detail::log_softmax_kernel(row_); });
  else
    return {};
}
template <class T, size_t M, size_t N, size_t MM, size_t NM>
constexpr matrix<T, M, N> log_softmax_rows(const matrix<T, M, N>& S, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in log_softmax_rows(S, mask): mask must have S's shape");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "log_softmax_rows(S, mask)");
  if constexpr (M == MM && N == NM && detail::is_float_v<T>)
    return detail::map_rows(S, [&mask](const vector<T, N>& row_, size_t i_) {
      return detail::log_softmax_kernel(detail::apply_mask(row_, detail::mask_row<T>(mask, i_)));
    });
  else
    return {};
}

// logsumexp_rows(S[, mask]): matrix<T,M,N>[ x matrix<bool,M,N>] -> vector<T,M>
template <class T, size_t M, size_t N>
constexpr vector<T, M> logsumexp_rows(const matrix<T, M, N>& S) noexcept {
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "logsumexp_rows(S)");
  vector<T, M> out{};
  if constexpr (detail::is_float_v<T>)
    for (size_t i = 0; i < M; ++i) out.data[i] = detail::logsumexp_kernel(detail::row_of(S, i));
  return out;
}
template <class T, size_t M, size_t N, size_t MM, size_t NM>
constexpr vector<T, M> logsumexp_rows(const matrix<T, M, N>& S, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in logsumexp_rows(S, mask): mask must have S's shape");
  CXLA_SOFTMAX_REQUIRE_FLOAT(T, "logsumexp_rows(S, mask)");
  vector<T, M> out{};
  if constexpr (M == MM && N == NM && detail::is_float_v<T>)
    for (size_t i = 0; i < M; ++i)
      out.data[i] = detail::logsumexp_kernel(detail::apply_mask(detail::row_of(S, i), detail::mask_row<T>(mask, i)));
  return out;
}

#undef CXLA_SOFTMAX_REQUIRE_FLOAT

}  // namespace cxla
