// Run-time checks of softmax.hpp, attention.hpp and spans.hpp: the property functions that
// tests/static proves at compile time, here on inputs the compiler cannot fold; randomised
// differential tests against a long double reference written independently below (n and d
// up to 128); and the special-value policy that constant evaluation cannot reach (NaN).
#include <doctest/doctest.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <utility>

#include <cxla/cxla.hpp>

#include "attention_properties.hpp"
#include "opaque.hpp"

using cxla::matrix;
using cxla::size_t;
using cxla::vector;
using cxla_test::opaque;
using cxla_test::random_matrix;
using cxla_test::random_vector;

namespace {

// ---- the long double reference ------------------------------------------------------------
// Textbook formulas, evaluated in long double with <cmath>: scores q.k / sqrt(dk), weights
// exp(s - max) / sum, output sum_i a_i V[i, :]. Masked keys are left out of the sum.
namespace ref {

using real = long double;

template <class T, size_t N, size_t DK>
std::array<real, N> weights(const vector<T, DK>& q, const matrix<T, N, DK>& K, const std::array<bool, N>& keep) {
  std::array<real, N> s{};
  real top = -std::numeric_limits<real>::infinity();
  for (size_t i = 0; i < N; ++i) {
    real dot = 0;
    for (size_t k = 0; k < DK; ++k) dot += static_cast<real>(q.data[k]) * static_cast<real>(K.data[i][k]);
    s[i] = dot / std::sqrt(static_cast<real>(DK));
    if (keep[i] && s[i] > top) top = s[i];
  }
  std::array<real, N> a{};
  real total = 0;
  for (size_t i = 0; i < N; ++i) {
    a[i] = keep[i] ? std::exp(s[i] - top) : 0.0L;
    total += a[i];
  }
  for (size_t i = 0; i < N; ++i) a[i] = total > 0 ? a[i] / total : 0.0L;
  return a;
}

template <class T, size_t N, size_t DV>
std::array<real, DV> output(const std::array<real, N>& a, const matrix<T, N, DV>& V) {
  std::array<real, DV> o{};
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < DV; ++j) o[j] += a[i] * static_cast<real>(V.data[i][j]);
  return o;
}

// sum_i a_i |V[i, j]|: the scale of output j, for an error measure that stays meaningful
// when the terms cancel.
template <class T, size_t N, size_t DV>
std::array<real, DV> output_scale(const std::array<real, N>& a, const matrix<T, N, DV>& V) {
  std::array<real, DV> m{};
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < DV; ++j) m[j] += a[i] * std::fabs(static_cast<real>(V.data[i][j]));
  return m;
}

}  // namespace ref

// Largest errors seen, in units of the element type's epsilon.
struct error_record {
  long double weights = 0;         // max |a - ref| / ref
  long double outputs = 0;         // max |o - ref| / ref, values of one sign
  long double outputs_scaled = 0;  // max |o - ref| / sum_i a_i |V_ij|, values of both signs
  long double row_sum = 0;         // max |sum(a) - 1|
};

template <class T>
error_record& errors() {
  static error_record record;
  return record;
}

template <class T>
long double in_eps(long double x) {
  return x / static_cast<long double>(std::numeric_limits<T>::epsilon());
}

// One trial: random q, K, V (and an optional random mask), compared with the reference.
template <class T, size_t N, size_t DK, size_t DV>
void differential_trial(T score_range, bool use_mask, bool mixed_sign_values) {
  const auto q = random_vector<T, DK>(-score_range, score_range);
  const auto K = random_matrix<T, N, DK>(-score_range, score_range);
  const auto V = mixed_sign_values ? random_matrix<T, N, DV>(T(-2), T(2)) : random_matrix<T, N, DV>(T(0.5), T(2));
  std::array<bool, N> keep{};
  vector<bool, N> mask{};
  for (size_t i = 0; i < N; ++i) {
    keep[i] = !use_mask || i == 0 || cxla_test::random_value<int>(0, 3) != 0;  // key 0 always kept
    mask.data[i] = keep[i];
  }
  const auto [o, a] = use_mask ? cxla::attention_with_weights(opaque(q), opaque(K), opaque(V), opaque(mask))
                               : cxla::attention_with_weights(opaque(q), opaque(K), opaque(V));
  const auto a_ref = ref::weights(q, K, keep);
  const auto o_ref = ref::output(a_ref, V);
  const auto o_scale = ref::output_scale(a_ref, V);

  error_record& rec = errors<T>();
  long double total = 0;
  for (size_t i = 0; i < N; ++i) {
    total += a.data[i];
    if (!keep[i]) {
      CHECK(cxla_props::is_plus_zero(a.data[i]));
      continue;
    }
    const long double err = in_eps<T>(std::fabs(a.data[i] - a_ref[i]) / a_ref[i]);
    rec.weights = std::max(rec.weights, err);
    CHECK(err < 8);
  }
  const long double sum_err = in_eps<T>(std::fabs(total - 1));
  rec.row_sum = std::max(rec.row_sum, sum_err);
  CHECK(sum_err <= static_cast<long double>(N));
  for (size_t j = 0; j < DV; ++j) {
    const long double diff = std::fabs(o.data[j] - o_ref[j]);
    if (mixed_sign_values) {
      const long double err = in_eps<T>(diff / o_scale[j]);
      rec.outputs_scaled = std::max(rec.outputs_scaled, err);
      CHECK(err < 8);
    } else {
      const long double err = in_eps<T>(diff / std::fabs(o_ref[j]));
      rec.outputs = std::max(rec.outputs, err);
      CHECK(err < 8);
    }
  }
  // The span fact, checked by the library's own certificate and by the weight-free box test.
  const T tol = T(2) * static_cast<T>(N) * std::numeric_limits<T>::epsilon();
  CHECK(cxla::is_convex_combination(o, a, V, tol));
  CHECK(cxla::in_row_box(o, V, tol));
  CHECK(o == cxla::row_combination(V, a));
}

template <class T, size_t N, size_t DK, size_t DV>
void differential_at(int trials) {
  for (int t = 0; t < trials; ++t) {
    differential_trial<T, N, DK, DV>(T(1), false, false);
    differential_trial<T, N, DK, DV>(T(1), true, false);
    differential_trial<T, N, DK, DV>(T(1), t % 2 == 0, true);
  }
}

template <class T>
void differential_all_sizes() {
  differential_at<T, 1, 1, 1>(20);
  differential_at<T, 3, 2, 2>(20);
  differential_at<T, 7, 5, 3>(20);
  differential_at<T, 16, 16, 16>(10);
  differential_at<T, 33, 17, 9>(10);
  differential_at<T, 64, 64, 64>(5);
  differential_at<T, 100, 3, 40>(5);
  differential_at<T, 128, 128, 128>(3);
  differential_at<T, 128, 31, 1>(5);
}

template <class T>
void print_errors(const char* name) {
  const error_record& rec = errors<T>();
  std::printf("attention vs long double reference (%s, q and K in [-1, 1]), in eps: weights %.2Lf, "
              "outputs %.2Lf, outputs of mixed-sign values (relative to sum a|v|) %.2Lf, |row sum - 1| %.2Lf\n",
              name, rec.weights, rec.outputs, rec.outputs_scaled, rec.row_sum);
}

}  // namespace

TEST_CASE_TEMPLATE("attention matches a long double reference within 8 eps", T, double, float) {
  differential_all_sizes<T>();
  print_errors<T>(sizeof(T) == sizeof(double) ? "double" : "float");
}

// Wider score ranges: the weights' condition number grows with |s_i - max| (a weight is
// exp of a difference of rounded scores), so the error grows with the range. Reported, and
// held to a bound proportional to the range.
TEST_CASE_TEMPLATE("attention error grows with the score range as the conditioning says", T, double, float) {
  for (const T range : {T(2), T(4)}) {
    error_record worst{};
    for (int t = 0; t < 10; ++t) {
      const auto q = random_vector<T, 64>(-range, range);
      const auto K = random_matrix<T, 64, 64>(-range, range);
      std::array<bool, 64> keep{};
      keep.fill(true);
      const auto a = cxla::attention_weights(opaque(q), opaque(K));
      const auto a_ref = ref::weights(q, K, keep);
      for (size_t i = 0; i < 64; ++i)
        worst.weights = std::max(worst.weights, in_eps<T>(std::fabs(a.data[i] - a_ref[i]) / a_ref[i]));
    }
    std::printf("attention weights, n = d = 64, q and K in [-%g, %g] (%s): max error %.2Lf eps\n",
                static_cast<double>(range), static_cast<double>(range), sizeof(T) == 8 ? "double" : "float",
                worst.weights);
    CHECK(worst.weights < 8 * static_cast<long double>(range * range));
  }
}

// ---- the same properties as tests/static, on opaque inputs ---------------------------------

TEST_CASE("seed snippet 2 at run time matches NumPy within 2 ulp") {
  const auto q = opaque(vector<double, 2>{{1, 0}});
  const auto K = opaque(matrix<double, 3, 2>{{{1, 0}, {0, 1}, {1, 1}}});
  const auto V = opaque(matrix<double, 3, 2>{{{1, 0}, {0, 2}, {1, 1}}});
  const auto [o, a] = cxla::attention_with_weights(q, K, V);
  CHECK(cxla::ulp_distance(a[0], 0.4011120926797859) <= 2);
  CHECK(cxla::ulp_distance(a[1], 0.1977758146404282) <= 2);
  CHECK(cxla::ulp_distance(a[2], 0.4011120926797859) <= 2);
  CHECK(cxla::ulp_distance(o[0], 0.8022241853595719) <= 2);
  CHECK(cxla::ulp_distance(o[1], 0.7966637219606423) <= 2);
  CHECK(cxla_props::attention_output_is_convex_combination(q, K, V));
}

template <class T>
void softmax_properties_at_run_time() {
  for (int t = 0; t < 20; ++t) {
    const auto v = opaque(random_vector<T, 19>(T(-20), T(20)));
    vector<bool, 19> mask{};
    for (size_t i = 0; i < 19; ++i) mask.data[i] = cxla_test::random_value<int>(0, 2) != 0;
    CHECK(cxla_props::softmax_is_ordered_distribution(v));
    CHECK(cxla_props::masked_weights_are_zero(v, mask));
    CHECK(cxla_props::masking_a_suffix_is_truncation<7>(v));
    CHECK(cxla_props::minus_infinity_is_masking(v, mask));
    CHECK(cxla_props::temperature_divides_logits(v));
    CHECK(cxla_props::softmax_is_shift_invariant(v, opaque(T(3)), T(64) * cxla_props::eps<T>));
    CHECK(cxla_props::log_softmax_matches_softmax(v, T(64) * cxla_props::eps<T>));
    CHECK(cxla_props::fully_masked_softmax_is_zero(v));
    matrix<bool, 5, 13> row_mask{};
    for (size_t i = 0; i < 5; ++i)
      for (size_t j = 0; j < 13; ++j) row_mask.data[i][j] = i != 3 && cxla_test::random_value<int>(0, 2) != 0;
    CHECK(cxla_props::softmax_rows_is_rowwise(opaque(random_matrix<T, 5, 13>(T(-5), T(5))), opaque(row_mask)));
  }
  CHECK(cxla_props::equal_logits_are_uniform<T, 7>(opaque(T(-3.5))));
  CHECK(cxla_props::extreme_logits_do_not_overflow(opaque(sizeof(T) == 8 ? T(1e300) : T(1e4))));
  CHECK(cxla_props::overflowing_differences_get_zero_weight<T>(opaque(std::numeric_limits<T>::max())));
  CHECK(cxla_props::plus_infinity_shares_the_weight<T>(opaque(std::numeric_limits<T>::infinity())));
}

TEST_CASE_TEMPLATE("softmax properties hold at run time", T, double, float) { softmax_properties_at_run_time<T>(); }

template <class T>
void attention_properties_at_run_time() {
  for (int t = 0; t < 10; ++t) {
    const auto Q = opaque(random_matrix<T, 6, 8>(T(-2), T(2)));
    const auto K = opaque(random_matrix<T, 11, 8>(T(-2), T(2)));
    const auto V = opaque(random_matrix<T, 11, 5>(T(-2), T(2)));
    matrix<bool, 6, 11> mask{};
    for (size_t i = 0; i < 6; ++i)
      for (size_t j = 0; j < 11; ++j) mask.data[i][j] = cxla_test::random_value<int>(0, 3) != 0;
    for (size_t j = 0; j < 11; ++j) mask.data[2][j] = false;  // one query sees nothing
    CHECK(cxla_props::attention_output_is_convex_combination(cxla::row(Q, 0), K, V));
    CHECK(cxla_props::multi_query_rows_are_single_queries(Q, K, V, mask));
    CHECK(cxla_props::masked_attention_respects_mask(Q, K, V, mask));
    CHECK(cxla_props::causal_attention_looks_back_only(opaque(random_matrix<T, 9, 8>(T(-2), T(2)))));
    const auto X = opaque(random_matrix<T, 7, 12>(T(-1), T(1)));
    CHECK(cxla_props::multi_head_with_identity_is_blockwise<1>(X, cxla::causal_mask<7>()));
    CHECK(cxla_props::multi_head_with_identity_is_blockwise<4>(X, cxla::no_mask<7, 7>()));
    CHECK(cxla_props::multi_head_with_identity_is_blockwise<6>(X, cxla::causal_mask<7>()));
    const std::array<matrix<T, 7, 12>, 2> Xs{X, opaque(random_matrix<T, 7, 12>(T(-1), T(1)))};
    CHECK(cxla_props::batched_is_per_item<3>(Xs, opaque(random_matrix<T, 12, 12>(T(-1), T(1))),
                                             opaque(random_matrix<T, 12, 12>(T(-1), T(1))),
                                             opaque(random_matrix<T, 12, 12>(T(-1), T(1))),
                                             opaque(random_matrix<T, 12, 12>(T(-1), T(1)))));
  }
}

TEST_CASE_TEMPLATE("attention properties hold at run time", T, double, float) {
  attention_properties_at_run_time<T>();
}

// ---- NaN: constant evaluation refuses NaN arithmetic, so the policy is checked here --------

TEST_CASE_TEMPLATE("a kept NaN logit makes the whole row NaN; a masked one is ignored", T, double, float) {
  const T nan = opaque(std::numeric_limits<T>::quiet_NaN());
  const auto v = opaque(vector<T, 4>{{T(1), nan, T(2), T(0)}});
  const auto a = cxla::softmax(v);
  const auto log_a = cxla::log_softmax(v);
  for (size_t i = 0; i < 4; ++i) {
    CHECK(std::isnan(a[i]));
    CHECK(std::isnan(log_a[i]));
  }
  CHECK(std::isnan(cxla::logsumexp(v)));
  const auto keep = opaque(vector<bool, 4>{{true, false, true, true}});
  const auto b = cxla::softmax(v, keep);
  CHECK(cxla_props::is_plus_zero(b[1]));
  CHECK(cxla::is_probability_vector(b, T(4) * cxla_props::eps<T>));
  CHECK(b == cxla::softmax(opaque(vector<T, 4>{{T(1), T(-7), T(2), T(0)}}), keep));
  // A NaN-only row and a NaN among -inf entries are NaN too (never silently zero).
  const T minf = -std::numeric_limits<T>::infinity();
  const auto only_nan = cxla::softmax(opaque(vector<T, 3>{{nan, minf, minf}}));
  CHECK(std::isnan(only_nan[0]));
  CHECK(std::isnan(only_nan[1]));
  // NaN in a masked key row of K leaves attention finite and the masked weight +0.
  auto K = opaque(matrix<T, 3, 2>{{{T(1), T(0)}, {nan, T(1)}, {T(1), T(1)}}});
  const auto V = opaque(matrix<T, 3, 2>{{{T(1), T(0)}, {T(0), T(2)}, {T(1), T(1)}}});
  const auto r = cxla::attention_with_weights(opaque(vector<T, 2>{{T(1), T(0)}}), K, V,
                                              opaque(vector<bool, 3>{{true, false, true}}));
  CHECK(cxla_props::is_plus_zero(r.weights[1]));
  CHECK(r.weights[0] == T(0.5));
  CHECK(r.weights[2] == T(0.5));
  CHECK(r.output == vector<T, 2>{{T(1), T(0.5)}});
  // Masks act on scores, not on values: a NaN in a masked key's value row still reaches its
  // output column (0 * NaN), as documented in docs/attention.md.
  auto V_nan = V;
  V_nan.data[1][0] = nan;
  const auto o_nan = cxla::attention(opaque(vector<T, 2>{{T(1), T(0)}}), K, opaque(V_nan),
                                     opaque(vector<bool, 3>{{true, false, true}}));
  CHECK(std::isnan(o_nan[0]));
  CHECK(o_nan[1] == T(0.5));
}

TEST_CASE_TEMPLATE("infinite and fully masked inputs at run time", T, double, float) {
  const T pinf = opaque(std::numeric_limits<T>::infinity());
  const auto a = cxla::softmax(opaque(vector<T, 3>{{pinf, T(1), pinf}}));
  CHECK(a == vector<T, 3>{{T(0.5), T(0), T(0.5)}});
  const auto log_a = cxla::log_softmax(opaque(vector<T, 3>{{pinf, T(1), -pinf}}));
  CHECK(log_a == vector<T, 3>{{T(0), -pinf, -pinf}});
  // A fully masked query row at run time: zeros, not NaN.
  const auto Q = opaque(random_matrix<T, 3, 4>(T(-1), T(1)));
  const auto K = opaque(random_matrix<T, 5, 4>(T(-1), T(1)));
  const auto V = opaque(random_matrix<T, 5, 2>(T(-1), T(1)));
  const auto mask = opaque(matrix<bool, 3, 5>{{{true, true, false, true, true}, {}, {false, false, false, false, true}}});
  const auto [O, A] = cxla::attention_with_weights(Q, K, V, mask);
  CHECK(cxla::row(A, 1) == vector<T, 5>{});
  CHECK(cxla::row(O, 1) == vector<T, 2>{});
  CHECK(cxla::row(A, 2) == vector<T, 5>{{T(0), T(0), T(0), T(0), T(1)}});
  CHECK(cxla::row(O, 2) == cxla::row(V, 4));
}

// ---- one algorithm, two times -------------------------------------------------------------
// The same inputs evaluated by the compiler (constexpr) and by the program (opaque copies):
// the results agree bit for bit (the build does not contract a*b+c).
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> lcg_matrix(unsigned seed) {
  matrix<T, R, C> A{};
  unsigned state = seed * 2654435761u + 99u;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      state = state * 1664525u + 1013904223u;
      A.data[i][j] = static_cast<T>(static_cast<int>((state >> 16) % 2001u) - 1000) / T(397);
    }
  return A;
}

// The first M rows of causal_mask<N>(): queries 0..M-1 of a causal sequence of N keys.
template <size_t M, size_t N>
constexpr matrix<bool, M, N> causal_rows() {
  const auto full = cxla::causal_mask<N>();
  matrix<bool, M, N> m{};
  for (size_t i = 0; i < M; ++i)
    for (size_t j = 0; j < N; ++j) m.data[i][j] = full.data[i][j];
  return m;
}

template <class T>
void compile_time_equals_run_time() {
  constexpr auto Q = lcg_matrix<T, 9, 16>(1);
  constexpr auto K = lcg_matrix<T, 21, 16>(2);
  constexpr auto V = lcg_matrix<T, 21, 11>(3);
  constexpr auto first_rows = causal_rows<9, 21>();
  constexpr auto at_compile_time = cxla::attention_with_weights(Q, K, V, first_rows);
  constexpr auto single = cxla::attention_with_weights(cxla::row(Q, 4), K, V);
  constexpr auto X = lcg_matrix<T, 6, 8>(4);
  constexpr auto W = lcg_matrix<T, 8, 8>(5);
  constexpr auto heads = cxla::multi_head_attention<2>(X, W, W, W, W, cxla::causal_mask<6>());
  constexpr auto log_a = cxla::log_softmax(cxla::row(K, 0));
  constexpr auto lse = cxla::logsumexp_rows(K);

  const auto at_run_time = cxla::attention_with_weights(opaque(Q), opaque(K), opaque(V), opaque(first_rows));
  CHECK(at_run_time.output == at_compile_time.output);
  CHECK(at_run_time.weights == at_compile_time.weights);
  const auto single_run = cxla::attention_with_weights(opaque(cxla::row(Q, 4)), opaque(K), opaque(V));
  CHECK(single_run.output == single.output);
  CHECK(single_run.weights == single.weights);
  CHECK(cxla::multi_head_attention<2>(opaque(X), opaque(W), opaque(W), opaque(W), opaque(W), cxla::causal_mask<6>()) ==
        heads);
  CHECK(cxla::log_softmax(opaque(cxla::row(K, 0))) == log_a);
  CHECK(cxla::logsumexp_rows(opaque(K)) == lse);
}

TEST_CASE_TEMPLATE("compile-time and run-time results are bit-identical", T, double, float) {
  compile_time_equals_run_time<T>();
}

// Softmax rows of every length from 1 to 17 (below, at and above one vector block), with the
// special values of the policy, evaluated by the compiler and by the program: the same bits
// (a NaN is compared as NaN, its payload is not part of the promise).
template <class T, size_t N>
constexpr vector<T, N> special_row(int variant) {
  constexpr T inf = std::numeric_limits<T>::infinity();
  constexpr T huge = sizeof(T) == 4 ? T(1e30f) : T(1e300);
  vector<T, N> s{};
  for (size_t i = 0; i < N; ++i) {
    s.data[i] = static_cast<T>(static_cast<int>((i * 7 + 3) % 11) - 5) / T(3);
    if (variant == 1 && i % 3 == 1) s.data[i] = -inf;  // masked entries
    if (variant == 2) s.data[i] = -inf;                 // fully masked
    if (variant == 3 && i % 4 == 2) s.data[i] = inf;
    if (variant == 4) s.data[i] = (i % 2 == 0) ? huge : -huge;
    if (variant == 5 && i % 5 == 0) s.data[i] = T(-150) * static_cast<T>(i + 1);  // subnormal and zero weights
  }
  return s;
}

template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T, size_t N>
bool same_bits(const vector<T, N>& a, const vector<T, N>& b) {
  for (size_t i = 0; i < N; ++i) {
    if (std::isnan(a.data[i]) != std::isnan(b.data[i])) return false;
    if (!std::isnan(a.data[i]) && std::bit_cast<bits_of<T>>(a.data[i]) !=
                                       std::bit_cast<bits_of<T>>(b.data[i]))
      return false;
  }
  return true;
}

template <class T, size_t N, int Variant>
void softmax_row_both_times() {
  constexpr auto s = special_row<T, N>(Variant);
  constexpr auto a = cxla::softmax(s);
  constexpr auto log_a = cxla::log_softmax(s);
  CAPTURE(N);
  CAPTURE(Variant);
  CHECK(same_bits(cxla::softmax(opaque(s)), a));
  CHECK(same_bits(cxla::log_softmax(opaque(s)), log_a));
}

template <class T, size_t... N>
void softmax_rows_both_times(std::index_sequence<N...>) {
  (softmax_row_both_times<T, N + 1, 0>(), ...);
  (softmax_row_both_times<T, N + 1, 1>(), ...);
  (softmax_row_both_times<T, N + 1, 2>(), ...);
  (softmax_row_both_times<T, N + 1, 3>(), ...);
  (softmax_row_both_times<T, N + 1, 4>(), ...);
  (softmax_row_both_times<T, N + 1, 5>(), ...);
}

TEST_CASE("softmax of long double rows at run time (the generic steps, not the vector kernel)") {
  constexpr auto s = special_row<long double, 5>(1);
  constexpr auto a = cxla::softmax(s);
  CHECK(cxla::softmax(opaque(s)) == a);
  constexpr auto t = special_row<long double, 11>(0);
  CHECK(cxla::softmax(opaque(t)) == cxla::softmax(t));
}

TEST_CASE_TEMPLATE("softmax rows of length 1..17 with special values: compile time == run time", T, double, float) {
  softmax_rows_both_times<T>(std::make_index_sequence<17>{});
  // A kept NaN (not expressible in a constant evaluation): the whole row NaN at run time.
  auto s = special_row<T, 5>(0);
  s.data[2] = opaque(std::numeric_limits<T>::quiet_NaN());
  const auto a = cxla::softmax(opaque(s));
  for (size_t i = 0; i < 5; ++i) CHECK(std::isnan(a.data[i]));
}
