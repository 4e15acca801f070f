// tests/properties/attention_properties.hpp - properties of softmax, attention and the span
// checks, written once as constexpr bool functions: tests/static proves them with
// static_assert, tests/runtime checks them with CHECK on inputs the compiler cannot fold.
#pragma once

#include "props_common.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <limits>

#include <cxla/cxla.hpp>

namespace cxla_props {

using cxla::size_t;

template <class T>
inline constexpr T eps = std::numeric_limits<T>::epsilon();

// Sum of a vector in index order, for checks that must not reuse the code under test.
template <class T, size_t N>
constexpr T plain_sum(const cxla::vector<T, N>& v) {
  T s{};
  for (size_t i = 0; i < N; ++i) s += v.data[i];
  return s;
}

// +0 and not -0 (a masked weight is documented as +0).
template <class T>
constexpr bool is_plus_zero(T x) {
  if constexpr (sizeof(T) == 4)
    return std::bit_cast<std::uint32_t>(x) == 0u;
  else
    return std::bit_cast<std::uint64_t>(x) == 0u;
}

template <class T>
constexpr T magnitude(T x) {
  return x < T{0} ? -x : x;
}

// Every entry is in [0, 1] and the entries sum to 1 within n * eps.
template <class T, size_t N>
constexpr bool is_distribution(const cxla::vector<T, N>& a) {
  for (size_t i = 0; i < N; ++i)
    if (!(a.data[i] >= T{0} && a.data[i] <= T{1})) return false;
  return magnitude(plain_sum(a) - T{1}) <= static_cast<T>(N) * eps<T>;
}

// ---- softmax ------------------------------------------------------------------------------

// softmax(v) is a distribution that keeps the order of the logits.
template <class T, size_t N>
constexpr bool softmax_is_ordered_distribution(const cxla::vector<T, N>& v) {
  const auto a = cxla::softmax(v);
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < N; ++j)
      if (v.data[i] > v.data[j] && !(a.data[i] >= a.data[j])) return false;
  return is_distribution(a) && cxla::is_probability_vector(a, static_cast<T>(N) * eps<T>);
}

// Equal logits give exactly 1/N each, whatever their size.
template <class T, size_t N>
constexpr bool equal_logits_are_uniform(T logit) {
  cxla::vector<T, N> v{};
  for (size_t i = 0; i < N; ++i) v.data[i] = logit;
  const auto a = cxla::softmax(v);
  for (size_t i = 0; i < N; ++i)
    if (!(a.data[i] == T{1} / static_cast<T>(N))) return false;
  return true;
}

// Masked entries get exactly +0, and the kept ones are a distribution among themselves.
template <class T, size_t N>
constexpr bool masked_weights_are_zero(const cxla::vector<T, N>& v, const cxla::vector<bool, N>& mask) {
  const auto a = cxla::softmax(v, mask);
  bool any_kept = false;
  for (size_t i = 0; i < N; ++i) {
    any_kept = any_kept || mask.data[i];
    if (!mask.data[i] && !is_plus_zero(a.data[i])) return false;
  }
  return !any_kept || is_distribution(a);
}

// Masking the entries from index K on equals softmax of the first K logits, bit for bit
// (the masked entries add exact zeros to the same summation lanes).
template <size_t K, class T, size_t N>
constexpr bool masking_a_suffix_is_truncation(const cxla::vector<T, N>& v) {
  static_assert(K >= 1 && K <= N);
  cxla::vector<bool, N> mask{};
  cxla::vector<T, K> head{};
  for (size_t i = 0; i < N; ++i) mask.data[i] = i < K;
  for (size_t i = 0; i < K; ++i) head.data[i] = v.data[i];
  const auto masked = cxla::softmax(v, mask);
  const auto truncated = cxla::softmax(head);
  for (size_t i = 0; i < N; ++i)
    if (!(masked.data[i] == (i < K ? truncated.data[i] : T{0}))) return false;
  return true;
}

// A -inf logit acts exactly like a masked entry.
template <class T, size_t N>
constexpr bool minus_infinity_is_masking(const cxla::vector<T, N>& v, const cxla::vector<bool, N>& mask) {
  cxla::vector<T, N> w = v;
  for (size_t i = 0; i < N; ++i)
    if (!mask.data[i]) w.data[i] = -inf<T>;
  return cxla::softmax(w) == cxla::softmax(v, mask);
}

// A row with nothing kept gives zero weights, -inf log-weights and logsumexp -inf.
template <class T, size_t N>
constexpr bool fully_masked_softmax_is_zero(const cxla::vector<T, N>& v) {
  const cxla::vector<bool, N> none{};
  const cxla::vector<T, N> zero{};
  const auto log_a = cxla::log_softmax(v, none);
  for (size_t i = 0; i < N; ++i)
    if (!(log_a.data[i] == -inf<T>)) return false;
  cxla::vector<T, N> all_minus_inf{};
  for (size_t i = 0; i < N; ++i) all_minus_inf.data[i] = -inf<T>;
  return cxla::softmax(v, none) == zero && cxla::softmax(all_minus_inf) == zero &&
         cxla::logsumexp(v, none) == -inf<T>;
}

// Logits of huge magnitude: the largest takes all the weight, no overflow, no NaN.
template <class T>
constexpr bool extreme_logits_do_not_overflow(T huge) {
  const cxla::vector<T, 4> v{{huge, -huge, T{0}, huge / T{2}}};
  const auto a = cxla::softmax(v);
  const auto log_a = cxla::log_softmax(v);
  return a == cxla::vector<T, 4>{{T{1}, T{0}, T{0}, T{0}}} && log_a.data[0] == T{0} && log_a.data[1] == -T{2} * huge &&
         cxla::logsumexp(v) == huge;
}

// Logits so far apart that s_i - max overflows: that entry gets weight +0 and log-weight -inf.
template <class T>
// (Arguments default to the values the property is about; run-time tests pass them through
// opaque() so the compiler cannot fold the computation.)
constexpr bool overflowing_differences_get_zero_weight(T largest = std::numeric_limits<T>::max()) {
  const cxla::vector<T, 3> v{{largest, -largest, T{0}}};
  return largest == std::numeric_limits<T>::max() && cxla::softmax(v) == cxla::vector<T, 3>{{T{1}, T{0}, T{0}}} &&
         cxla::log_softmax(v) == cxla::vector<T, 3>{{T{0}, -inf<T>, -largest}} && cxla::logsumexp(v) == largest;
}

// +inf logits share the weight equally; finite logits get +0.
template <class T>
constexpr bool plus_infinity_shares_the_weight(T infinity = inf<T>) {
  const cxla::vector<T, 4> v{{infinity, T{3}, infinity, -infinity}};
  return cxla::softmax(v) == cxla::vector<T, 4>{{T{0.5}, T{0}, T{0.5}, T{0}}} && cxla::logsumexp(v) == inf<T>;
}

// Temperature tau divides the logits: tau = 2 is the same as halving them (exact: a power of 2).
template <class T, size_t N>
constexpr bool temperature_divides_logits(const cxla::vector<T, N>& v) {
  return cxla::softmax(v, cxla::temperature{T{2}}) == cxla::softmax(T{0.5} * v) &&
         cxla::softmax(v, cxla::temperature{T{1}}) == cxla::softmax(v);
}

// Adding a constant to every logit changes the weights only by rounding of the shifted logits.
template <class T, size_t N>
constexpr bool softmax_is_shift_invariant(const cxla::vector<T, N>& v, T shift, T rel_tol) {
  cxla::vector<T, N> w{};
  for (size_t i = 0; i < N; ++i) w.data[i] = v.data[i] + shift;
  return cxla::approx_equal(cxla::softmax(v), cxla::softmax(w), T{0}, rel_tol);
}

// log_softmax(v) = v - logsumexp(v), and its exponential is softmax(v), within tolerance.
template <class T, size_t N>
constexpr bool log_softmax_matches_softmax(const cxla::vector<T, N>& v, T tol) {
  const auto log_a = cxla::log_softmax(v);
  const auto a = cxla::softmax(v);
  const T lse = cxla::logsumexp(v);
  for (size_t i = 0; i < N; ++i) {
    if (!cxla::approx_equal(cxla::exp(log_a.data[i]), a.data[i], T{0}, tol)) return false;
    if (!cxla::approx_equal(log_a.data[i], v.data[i] - lse, tol, tol)) return false;
  }
  return true;
}

// Row-wise softmax of a matrix is softmax of each row, bit for bit (mask rows included).
template <class T, size_t M, size_t N>
constexpr bool softmax_rows_is_rowwise(const cxla::matrix<T, M, N>& S, const cxla::matrix<bool, M, N>& mask) {
  const auto A = cxla::softmax_rows(S, mask);
  const auto L = cxla::log_softmax_rows(S, mask);
  const auto lse = cxla::logsumexp_rows(S, mask);
  for (size_t i = 0; i < M; ++i) {
    cxla::vector<bool, N> m{};
    for (size_t j = 0; j < N; ++j) m.data[j] = mask.data[i][j];
    if (!(cxla::row(A, i) == cxla::softmax(cxla::row(S, i), m))) return false;
    if (!(cxla::row(L, i) == cxla::log_softmax(cxla::row(S, i), m))) return false;
    if (!(lse.data[i] == cxla::logsumexp(cxla::row(S, i), m))) return false;
  }
  return true;
}

// o equals sum_i a_i V[i, :] computed here by a plain loop in index order (independent of
// cxla::row_combination, which attention itself uses), within tol relative to sum_i |a_i V_ij|.
template <class T, size_t N, size_t DV>
constexpr bool matches_explicit_combination(const cxla::vector<T, DV>& o, const cxla::vector<T, N>& a,
                                            const cxla::matrix<T, N, DV>& V, T tol) {
  for (size_t j = 0; j < DV; ++j) {
    T combo = 0, scale = 0;
    for (size_t i = 0; i < N; ++i) {
      combo = combo + a.data[i] * V.data[i][j];
      scale = scale + magnitude(a.data[i] * V.data[i][j]);
    }
    if (!(magnitude(o.data[j] - combo) <= tol * scale + std::numeric_limits<T>::denorm_min())) return false;
  }
  return true;
}

// ---- attention ----------------------------------------------------------------------------

// The seed's span fact: the output is a convex combination of the value rows, and it is
// row_combination(V, weights) exactly.
template <class T, size_t N, size_t DK, size_t DV>
constexpr bool attention_output_is_convex_combination(const cxla::vector<T, DK>& q, const cxla::matrix<T, N, DK>& K,
                                                      const cxla::matrix<T, N, DV>& V) {
  const auto [o, a] = cxla::attention_with_weights(q, K, V);
  const T tol = T{2} * static_cast<T>(N) * eps<T>;
  return is_distribution(a) && matches_explicit_combination(o, a, V, tol) &&
         cxla::is_convex_combination(o, a, V, tol) && cxla::in_convex_hull(o, V, a, tol) &&
         cxla::in_row_box(o, V, tol) && o == cxla::row_combination(V, a) && a == cxla::attention_weights(q, K) &&
         o == cxla::attention(q, K, V);
}

// Row r of multi-query attention is single-query attention of Q[r, :], bit for bit, and
// the output is weights * V.
template <class T, size_t M, size_t N, size_t DK, size_t DV>
constexpr bool multi_query_rows_are_single_queries(const cxla::matrix<T, M, DK>& Q, const cxla::matrix<T, N, DK>& K,
                                                   const cxla::matrix<T, N, DV>& V,
                                                   const cxla::matrix<bool, M, N>& mask) {
  const auto [O, A] = cxla::attention_with_weights(Q, K, V, mask);
  if (!(O == A * V && O == cxla::attention(Q, K, V, mask) && A == cxla::attention_weights(Q, K, mask)))
    return false;
  const auto unmasked = cxla::attention_with_weights(Q, K, V);
  for (size_t r = 0; r < M; ++r) {
    cxla::vector<bool, N> m{};
    for (size_t j = 0; j < N; ++j) m.data[j] = mask.data[r][j];
    const auto one = cxla::attention_with_weights(cxla::row(Q, r), K, V, m);
    if (!(cxla::row(O, r) == one.output && cxla::row(A, r) == one.weights)) return false;
    const auto plain = cxla::attention_with_weights(cxla::row(Q, r), K, V);
    if (!(cxla::row(unmasked.output, r) == plain.output && cxla::row(unmasked.weights, r) == plain.weights))
      return false;
  }
  return true;
}

// Every output row with at least one kept key lies in the convex hull of V's rows; masked
// weights are exactly +0; a fully masked row gives zero weights and a zero output.
template <class T, size_t M, size_t N, size_t DK, size_t DV>
constexpr bool masked_attention_respects_mask(const cxla::matrix<T, M, DK>& Q, const cxla::matrix<T, N, DK>& K,
                                              const cxla::matrix<T, N, DV>& V, const cxla::matrix<bool, M, N>& mask) {
  const auto [O, A] = cxla::attention_with_weights(Q, K, V, mask);
  const T tol = T{2} * static_cast<T>(N) * eps<T>;
  for (size_t r = 0; r < M; ++r) {
    bool any_kept = false;
    for (size_t j = 0; j < N; ++j) {
      any_kept = any_kept || mask.data[r][j];
      if (!mask.data[r][j] && !is_plus_zero(A.data[r][j])) return false;
    }
    const auto a = cxla::row(A, r);
    const auto o = cxla::row(O, r);
    if (any_kept) {
      if (!(is_distribution(a) && matches_explicit_combination(o, a, V, tol) &&
            cxla::is_convex_combination(o, a, V, tol)))
        return false;
    } else {
      if (!(a == cxla::vector<T, N>{} && o == cxla::vector<T, DV>{})) return false;
    }
  }
  return true;
}

// Causal self-attention: query i sees keys 0..i only; query 0 returns value row 0 exactly.
template <class T, size_t N, size_t D>
constexpr bool causal_attention_looks_back_only(const cxla::matrix<T, N, D>& X) {
  const auto [O, A] = cxla::attention_with_weights(X, X, X, cxla::causal_mask<N>());
  for (size_t i = 0; i < N; ++i)
    for (size_t j = i + 1; j < N; ++j)
      if (!(A.data[i][j] == T{0})) return false;
  return A.data[0][0] == T{1} && cxla::row(O, 0) == cxla::row(X, 0) &&
         masked_attention_respects_mask(X, X, X, cxla::causal_mask<N>());
}

// Multi-head attention with identity projections is the concatenation of plain attention on
// the column blocks of X (exact: multiplying by I reproduces X bit for bit); each head's
// weights are distributions.
template <size_t H, class T, size_t N, size_t D>
constexpr bool multi_head_with_identity_is_blockwise(const cxla::matrix<T, N, D>& X,
                                                     const cxla::matrix<bool, N, N>& mask) {
  constexpr size_t dh = D / H;
  const auto I = cxla::identity<T, D>();
  const auto [out, weights] = cxla::multi_head_attention_with_weights<H>(X, I, I, I, I, mask);
  if (!(out == cxla::multi_head_attention<H>(X, I, I, I, I, mask))) return false;
  for (size_t h = 0; h < H; ++h) {
    cxla::matrix<T, N, dh> block{};
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < dh; ++j) block.data[i][j] = X.data[i][h * dh + j];
    const auto [O, A] = cxla::attention_with_weights(block, block, block, mask);
    if (!(weights[h] == A)) return false;
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < dh; ++j)
        if (!(out.data[i][h * dh + j] == O.data[i][j])) return false;
  }
  return true;
}

// The batched form is the single form applied to each batch entry (shapes: batch, heads, n, n).
template <size_t H, class T, size_t B, size_t N, size_t D>
constexpr bool batched_is_per_item(const std::array<cxla::matrix<T, N, D>, B>& Xs, const cxla::matrix<T, D, D>& Wq,
                                   const cxla::matrix<T, D, D>& Wk, const cxla::matrix<T, D, D>& Wv,
                                   const cxla::matrix<T, D, D>& Wo) {
  const auto outs = cxla::multi_head_attention<H>(Xs, Wq, Wk, Wv, Wo);
  const auto with = cxla::multi_head_attention_with_weights<H>(Xs, Wq, Wk, Wv, Wo, cxla::causal_mask<N>());
  for (size_t b = 0; b < B; ++b) {
    if (!(outs[b] == cxla::multi_head_attention<H>(Xs[b], Wq, Wk, Wv, Wo))) return false;
    const auto one = cxla::multi_head_attention_with_weights<H>(Xs[b], Wq, Wk, Wv, Wo, cxla::causal_mask<N>());
    if (!(with.output[b] == one.output)) return false;
    for (size_t h = 0; h < H; ++h) {
      if (!(with.weights[b][h] == one.weights[h])) return false;
      for (size_t i = 0; i < N; ++i)
        if (!is_distribution(cxla::row(one.weights[h], i))) return false;
    }
  }
  return true;
}

}  // namespace cxla_props
