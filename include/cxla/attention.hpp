// cxla/attention.hpp - scaled dot-product attention: single query, multi-query, masked,
// multi-head and batched. Every output is a convex combination of value rows (spans.hpp).
//
//   attention_weights(q, K[, mask])             q: vector<T,dk>, K: matrix<T,n,dk> -> vector<T,n>
//   attention(q, K, V[, mask])                  V: matrix<T,n,dv>                 -> vector<T,dv>
//   attention_weights(Q, K[, mask])             Q: matrix<T,m,dk>                 -> matrix<T,m,n>
//   attention(Q, K, V[, mask])                                                    -> matrix<T,m,dv>
//   attention_with_weights(...)                 the same arguments -> {output, weights}
//   multi_head_attention<H>(X, Wq, Wk, Wv, Wo[, mask])   X: matrix<T,n,d> -> matrix<T,n,d>
//   multi_head_attention<H>(Xs, ...)            Xs: std::array<matrix<T,n,d>,B> (batch)
//   multi_head_attention_with_weights<H>(...)   {output, weights per head}
//
// Definitions (the exact arithmetic, the same at compile time and at run time):
//   scores  s_i = dot(K[i, :], q) / sqrt(dk)      dot in the lane-blocked order of ops.hpp
//   weights a = softmax(s[, mask])                stable softmax of softmax.hpp
//   output  o = row_combination(V, a)             sum_i a_i V[i, :], sequential in i
// Row r of the multi-query form is exactly (bit for bit) the single-query result for query
// Q[r, :] with mask row r, and O = A * V with the A * B order of ops.hpp.
//
// Masks: true = the query may attend to that key. Mask shapes: vector<bool,n> for one query,
// matrix<bool,m,n> for m queries (causal_mask<n>() in softmax.hpp for self-attention).
// A fully masked query attends to nothing: its weights are all +0 and its output is the zero
// vector (not NaN). Masks act on scores: a masked key's V row still enters the sum with weight
// +0, so keep V finite (0 * NaN is NaN). See softmax.hpp for +-inf and NaN scores.
//
// Multi-head convention: Q = X Wq, K = X Wk, V = X Wv (row-vector convention, as x @ W),
// head h uses columns [h*dh, (h+1)*dh) of Q, K and V with dh = d / H, the head outputs are
// concatenated in head order and multiplied by Wo. Batched shapes follow (batch, heads,
// sequence, dim): inputs std::array<matrix<T,n,d>,B>, per-head weights
// std::array<std::array<matrix<T,n,n>,H>,B>.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include "math.hpp"
#include "matrix.hpp"
#include "ops.hpp"
#include "softmax.hpp"
#include "spans.hpp"

namespace cxla {

// The result of attention_with_weights: the output and the weights that produced it.
// Structured bindings work: `auto [o, a] = attention_with_weights(q, K, V);`
template <class Output, class Weights>
struct attention_result {
  Output output;
  Weights weights;
};

namespace detail {

// s = K q / sqrt(dk), each dot in the lane-blocked order of ops.hpp. In constant evaluation
// the same sums are written with plain + and * (what detail::mul_add does for floating
// point): fewer evaluation steps, so larger sizes fit the compilers' constexpr limits.
template <class T, size_t N, size_t DK>
constexpr vector<T, N> attention_scores(const T (&q)[DK], const matrix<T, N, DK>& K) noexcept {
  vector<T, N> s{};
  if (std::is_constant_evaluated()) {
    for (size_t i = 0; i < N; ++i) {
      T p[lanes]{};
      for (size_t j = 0; j < DK; ++j) p[j % lanes] += K.data[i][j] * q[j];
      s.data[i] = reduce_lanes<(DK < lanes ? DK : lanes)>(p);
    }
  } else {
    matvec(K.data, q, s.data);
  }
  constexpr T root_dk = cxla::sqrt(static_cast<T>(DK));  // folded: no sqrt at run time
  for (size_t i = 0; i < N; ++i) s.data[i] = s.data[i] / root_dk;
  return s;
}

// Weights of every query row (with mask row r if a mask is given).
template <class T, size_t M, size_t N, size_t DK, class MaskRow>
constexpr matrix<T, M, N> attention_weight_rows(const matrix<T, M, DK>& Q, const matrix<T, N, DK>& K,
                                                MaskRow mask_row_of) noexcept {
  matrix<T, M, N> A{};
  for (size_t r = 0; r < M; ++r) {
    const vector<T, N> a = softmax_kernel(mask_row_of(attention_scores(Q.data[r], K), r));
    for (size_t j = 0; j < N; ++j) A.data[r][j] = a.data[j];
  }
  return A;
}

// Lambda parameters and locals end in '_' so they cannot shadow a user's global (-Wshadow).
inline constexpr auto unmasked_row = [](const auto& scores_, size_t) { return scores_; };

template <size_t M, size_t N>
constexpr auto masked_row(const matrix<bool, M, N>& mask) noexcept {
  return [&mask](const auto& scores_, size_t r_) {
    using row_t = std::remove_cvref_t<decltype(scores_)>;
    row_t out_{};
    for (size_t j_ = 0; j_ < N; ++j_)
      out_.data[j_] = mask.data[r_][j_] ? scores_.data[j_] : neg_inf<typename row_t::value_type>;
    return out_;
  };
}

// Columns [first, first + W) of X.
template <size_t W, class T, size_t R, size_t C>
constexpr matrix<T, R, W> column_block(const matrix<T, R, C>& X, size_t first) noexcept {
  matrix<T, R, W> B{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < W; ++j) B.data[i][j] = X.data[i][first + j];
  return B;
}

template <class T>
inline constexpr bool attention_element_v = std::is_floating_point_v<T>;

// A * B of ops.hpp (sequential in k, the vectorised kernel at run time); in constant
// evaluation the same sums with plain + and *, which takes fewer evaluation steps.
template <class T, size_t R, size_t K, size_t C>
constexpr matrix<T, R, C> attention_product(const matrix<T, R, K>& A, const matrix<T, K, C>& B) noexcept {
  if (!std::is_constant_evaluated()) return A * B;
  matrix<T, R, C> P{};
  for (size_t i = 0; i < R; ++i)
    for (size_t k = 0; k < K; ++k)
      for (size_t j = 0; j < C; ++j) P.data[i][j] += A.data[i][k] * B.data[k][j];
  return P;
}

}  // namespace detail

// ---- single query -------------------------------------------------------------------------

// attention_weights(q, K): vector<T,dk> x matrix<T,n,dk> -> vector<T,n>   softmax(K q / sqrt(dk))
template <class T, size_t DK, class U, size_t N, size_t DK2>
constexpr vector<T, N> attention_weights(const vector<T, DK>& q, const matrix<U, N, DK2>& K) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention_weights(q, K): q's length (dk) must equal K's column count");
  static_assert(std::is_same_v<T, U>, "cxla: element type mismatch in attention_weights(q, K)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && std::is_same_v<T, U> && detail::attention_element_v<T>)
    return detail::softmax_kernel(detail::attention_scores(q.data, K));
  else
    return {};
}

// attention_weights(q, K, mask): vector<T,dk> x matrix<T,n,dk> x vector<bool,n> -> vector<T,n>
template <class T, size_t DK, class U, size_t N, size_t DK2, size_t NM>
constexpr vector<T, N> attention_weights(const vector<T, DK>& q, const matrix<U, N, DK2>& K,
                                         const vector<bool, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention_weights(q, K, mask): q's length (dk) must equal K's column count");
  static_assert(N == NM,
                "cxla: shape mismatch in attention_weights(q, K, mask): mask's length must equal K's row count");
  static_assert(std::is_same_v<T, U>, "cxla: element type mismatch in attention_weights(q, K, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NM && std::is_same_v<T, U> && detail::attention_element_v<T>)
    return detail::softmax_kernel(detail::apply_mask(detail::attention_scores(q.data, K), mask));
  else
    return {};
}

// attention_with_weights(q, K, V): vector<T,dk> x matrix<T,n,dk> x matrix<T,n,dv>
//   -> {output: vector<T,dv>, weights: vector<T,n>}
template <class T, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV>
constexpr attention_result<vector<T, DV>, vector<T, N>> attention_with_weights(
    const vector<T, DK>& q, const matrix<U, N, DK2>& K, const matrix<W, NV, DV>& V) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(q, K, V): q's length (dk) must equal K's column count");
  static_assert(N == NV, "cxla: shape mismatch in attention(q, K, V): K and V must have the same row count (n)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>, "cxla: element type mismatch in attention(q, K, V)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>) {
    const vector<T, N> a = attention_weights(q, K);
    return {row_combination(V, a), a};
  } else {
    return {};
  }
}

// attention_with_weights(q, K, V, mask): ... x vector<bool,n> -> {vector<T,dv>, vector<T,n>}
template <class T, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV, size_t NM>
constexpr attention_result<vector<T, DV>, vector<T, N>> attention_with_weights(
    const vector<T, DK>& q, const matrix<U, N, DK2>& K, const matrix<W, NV, DV>& V,
    const vector<bool, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(q, K, V, mask): q's length (dk) must equal K's column count");
  static_assert(N == NV,
                "cxla: shape mismatch in attention(q, K, V, mask): K and V must have the same row count (n)");
  static_assert(N == NM,
                "cxla: shape mismatch in attention(q, K, V, mask): mask's length must equal K's row count");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>,
                "cxla: element type mismatch in attention(q, K, V, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && N == NM && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>) {
    const vector<T, N> a = attention_weights(q, K, mask);
    return {row_combination(V, a), a};
  } else {
    return {};
  }
}

// attention(q, K, V): vector<T,dk> x matrix<T,n,dk> x matrix<T,n,dv> -> vector<T,dv>
template <class T, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV>
constexpr vector<T, DV> attention(const vector<T, DK>& q, const matrix<U, N, DK2>& K,
                                  const matrix<W, NV, DV>& V) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(q, K, V): q's length (dk) must equal K's column count");
  static_assert(N == NV, "cxla: shape mismatch in attention(q, K, V): K and V must have the same row count (n)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>, "cxla: element type mismatch in attention(q, K, V)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>)
    return attention_with_weights(q, K, V).output;
  else
    return {};
}

// attention(q, K, V, mask): ... x vector<bool,n> -> vector<T,dv>
template <class T, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV, size_t NM>
constexpr vector<T, DV> attention(const vector<T, DK>& q, const matrix<U, N, DK2>& K, const matrix<W, NV, DV>& V,
                                  const vector<bool, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(q, K, V, mask): q's length (dk) must equal K's column count");
  static_assert(N == NV,
                "cxla: shape mismatch in attention(q, K, V, mask): K and V must have the same row count (n)");
  static_assert(N == NM,
                "cxla: shape mismatch in attention(q, K, V, mask): mask's length must equal K's row count");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>,
                "cxla: element type mismatch in attention(q, K, V, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && N == NM && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>)
    return attention_with_weights(q, K, V, mask).output;
  else
    return {};
}

// ---- multi-query ---------------------------------------------------------------------------

// attention_weights(Q, K): matrix<T,m,dk> x matrix<T,n,dk> -> matrix<T,m,n>   rows sum to 1
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2>
constexpr matrix<T, M, N> attention_weights(const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention_weights(Q, K): Q and K must have the same column count (dk)");
  static_assert(std::is_same_v<T, U>, "cxla: element type mismatch in attention_weights(Q, K)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && std::is_same_v<T, U> && detail::attention_element_v<T>)
    return detail::attention_weight_rows(Q, K, detail::unmasked_row);
  else
    return {};
}

// attention_weights(Q, K, mask): matrix<T,m,dk> x matrix<T,n,dk> x matrix<bool,m,n> -> matrix<T,m,n>
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2, size_t MM, size_t NM>
constexpr matrix<T, M, N> attention_weights(const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K,
                                            const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention_weights(Q, K, mask): Q and K must have the same column count (dk)");
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in attention_weights(Q, K, mask): mask must be rows(Q) x rows(K)");
  static_assert(std::is_same_v<T, U>, "cxla: element type mismatch in attention_weights(Q, K, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && M == MM && N == NM && std::is_same_v<T, U> && detail::attention_element_v<T>)
    return detail::attention_weight_rows(Q, K, detail::masked_row(mask));
  else
    return {};
}

// attention_with_weights(Q, K, V): matrix<T,m,dk> x matrix<T,n,dk> x matrix<T,n,dv>
//   -> {output: matrix<T,m,dv>, weights: matrix<T,m,n>}
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV>
constexpr attention_result<matrix<T, M, DV>, matrix<T, M, N>> attention_with_weights(
    const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K, const matrix<W, NV, DV>& V) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(Q, K, V): Q and K must have the same column count (dk)");
  static_assert(N == NV, "cxla: shape mismatch in attention(Q, K, V): K and V must have the same row count (n)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>, "cxla: element type mismatch in attention(Q, K, V)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>) {
    const matrix<T, M, N> A = detail::attention_weight_rows(Q, K, detail::unmasked_row);
    return {detail::attention_product(A, V), A};
  } else {
    return {};
  }
}

// attention_with_weights(Q, K, V, mask): ... x matrix<bool,m,n> -> {matrix<T,m,dv>, matrix<T,m,n>}
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV, size_t MM,
          size_t NM>
constexpr attention_result<matrix<T, M, DV>, matrix<T, M, N>> attention_with_weights(
    const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K, const matrix<W, NV, DV>& V,
    const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(Q, K, V, mask): Q and K must have the same column count (dk)");
  static_assert(N == NV,
                "cxla: shape mismatch in attention(Q, K, V, mask): K and V must have the same row count (n)");
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in attention(Q, K, V, mask): mask must be rows(Q) x rows(K)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>,
                "cxla: element type mismatch in attention(Q, K, V, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && M == MM && N == NM && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>) {
    const matrix<T, M, N> A = detail::attention_weight_rows(Q, K, detail::masked_row(mask));
    return {detail::attention_product(A, V), A};
  } else {
    return {};
  }
}

// attention(Q, K, V): matrix<T,m,dk> x matrix<T,n,dk> x matrix<T,n,dv> -> matrix<T,m,dv>
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV>
constexpr matrix<T, M, DV> attention(const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K,
                                     const matrix<W, NV, DV>& V) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(Q, K, V): Q and K must have the same column count (dk)");
  static_assert(N == NV, "cxla: shape mismatch in attention(Q, K, V): K and V must have the same row count (n)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>, "cxla: element type mismatch in attention(Q, K, V)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>)
    return attention_with_weights(Q, K, V).output;
  else
    return {};
}

// attention(Q, K, V, mask): ... x matrix<bool,m,n> -> matrix<T,m,dv>
template <class T, size_t M, size_t DK, class U, size_t N, size_t DK2, class W, size_t NV, size_t DV, size_t MM,
          size_t NM>
constexpr matrix<T, M, DV> attention(const matrix<T, M, DK>& Q, const matrix<U, N, DK2>& K,
                                     const matrix<W, NV, DV>& V, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(DK == DK2,
                "cxla: shape mismatch in attention(Q, K, V, mask): Q and K must have the same column count (dk)");
  static_assert(N == NV,
                "cxla: shape mismatch in attention(Q, K, V, mask): K and V must have the same row count (n)");
  static_assert(M == MM && N == NM,
                "cxla: shape mismatch in attention(Q, K, V, mask): mask must be rows(Q) x rows(K)");
  static_assert(std::is_same_v<T, U> && std::is_same_v<T, W>,
                "cxla: element type mismatch in attention(Q, K, V, mask)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (DK == DK2 && N == NV && M == MM && N == NM && std::is_same_v<T, U> && std::is_same_v<T, W> &&
                detail::attention_element_v<T>)
    return attention_with_weights(Q, K, V, mask).output;
  else
    return {};
}

// ---- multi-head ----------------------------------------------------------------------------

namespace detail {

template <size_t H, class T, size_t N, size_t D, class Mask>
constexpr attention_result<matrix<T, N, D>, std::array<matrix<T, N, N>, H>> multi_head_kernel(
    const matrix<T, N, D>& X, const matrix<T, D, D>& Wq, const matrix<T, D, D>& Wk, const matrix<T, D, D>& Wv,
    const matrix<T, D, D>& Wo, const Mask& mask) noexcept {
  constexpr size_t dh = D / H;
  const matrix<T, N, D> Q = attention_product(X, Wq), K = attention_product(X, Wk), V = attention_product(X, Wv);
  matrix<T, N, D> heads{};
  attention_result<matrix<T, N, D>, std::array<matrix<T, N, N>, H>> result{};
  for (size_t h = 0; h < H; ++h) {
    const matrix<T, N, dh> Qh = column_block<dh>(Q, h * dh), Kh = column_block<dh>(K, h * dh),
                           Vh = column_block<dh>(V, h * dh);
    const auto head = attention_with_weights(Qh, Kh, Vh, mask);
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < dh; ++j) heads.data[i][h * dh + j] = head.output.data[i][j];
    result.weights[h] = head.weights;
  }
  result.output = attention_product(heads, Wo);
  return result;
}

// Every shape condition of the multi-head entry points at once (their static_asserts give
// each condition its own sentence).
template <size_t H, class T, size_t N, size_t D, size_t Q1, size_t Q2, size_t K1, size_t K2, size_t V1, size_t V2,
          size_t O1, size_t O2>
inline constexpr bool multi_head_shapes_ok = H > 0 && D % H == 0 && Q1 == D && Q2 == D && K1 == D && K2 == D &&
                                             V1 == D && V2 == D && O1 == D && O2 == D;

}  // namespace detail

// The template head shared by the multi-head entry points. Their shape checks are spelled out
// in each function, so that the first error line is the sentence and not a note about a helper.
#define CXLA_MHA_TEMPLATE                                                                             \
  template <size_t H, class T, size_t N, size_t D, size_t Q1, size_t Q2, size_t K1, size_t K2, size_t V1, \
            size_t V2, size_t O1, size_t O2>

// multi_head_attention_with_weights<H>(X, Wq, Wk, Wv, Wo): matrix<T,n,d> x 4 x matrix<T,d,d>
//   -> {output: matrix<T,n,d>, weights: std::array<matrix<T,n,n>,H>}   requires d % H == 0
CXLA_MHA_TEMPLATE
constexpr attention_result<matrix<T, N, D>, std::array<matrix<T, N, N>, H>> multi_head_attention_with_weights(
    const matrix<T, N, D>& X, const matrix<T, Q1, Q2>& Wq, const matrix<T, K1, K2>& Wk,
    const matrix<T, V1, V2>& Wv, const matrix<T, O1, O2>& Wo) noexcept {
  static_assert(H > 0, "cxla: multi_head_attention<H>: the head count H must be at least 1");
  static_assert(D % (H > 0 ? H : 1) == 0,
                "cxla: shape mismatch in multi_head_attention<H>: d_model (the columns of X) must be "
                "divisible by the head count H");
  static_assert(Q1 == D && Q2 == D && K1 == D && K2 == D && V1 == D && V2 == D && O1 == D && O2 == D,
                "cxla: shape mismatch in multi_head_attention<H>: Wq, Wk, Wv and Wo must be d_model x d_model");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (detail::multi_head_shapes_ok<H, T, N, D, Q1, Q2, K1, K2, V1, V2, O1, O2> &&
                detail::attention_element_v<T>)
    return detail::multi_head_kernel<H>(X, Wq, Wk, Wv, Wo, no_mask<N, N>());
  else
    return {};
}

// multi_head_attention_with_weights<H>(X, Wq, Wk, Wv, Wo, mask): ... x matrix<bool,n,n>
//   -> {output: matrix<T,n,d>, weights: std::array<matrix<T,n,n>,H>}   (one mask for all heads)
template <size_t H, class T, size_t N, size_t D, size_t Q1, size_t Q2, size_t K1, size_t K2, size_t V1, size_t V2,
          size_t O1, size_t O2, size_t MM, size_t NM>
constexpr attention_result<matrix<T, N, D>, std::array<matrix<T, N, N>, H>> multi_head_attention_with_weights(
    const matrix<T, N, D>& X, const matrix<T, Q1, Q2>& Wq, const matrix<T, K1, K2>& Wk,
    const matrix<T, V1, V2>& Wv, const matrix<T, O1, O2>& Wo, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(H > 0, "cxla: multi_head_attention<H>: the head count H must be at least 1");
  static_assert(D % (H > 0 ? H : 1) == 0,
                "cxla: shape mismatch in multi_head_attention<H>: d_model (the columns of X) must be "
                "divisible by the head count H");
  static_assert(Q1 == D && Q2 == D && K1 == D && K2 == D && V1 == D && V2 == D && O1 == D && O2 == D,
                "cxla: shape mismatch in multi_head_attention<H>: Wq, Wk, Wv and Wo must be d_model x d_model");
  static_assert(MM == N && NM == N,
                "cxla: shape mismatch in multi_head_attention<H>: the mask must be n x n (n = rows of X)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (detail::multi_head_shapes_ok<H, T, N, D, Q1, Q2, K1, K2, V1, V2, O1, O2> && MM == N && NM == N &&
                detail::attention_element_v<T>)
    return detail::multi_head_kernel<H>(X, Wq, Wk, Wv, Wo, mask);
  else
    return {};
}

// multi_head_attention<H>(X, Wq, Wk, Wv, Wo): matrix<T,n,d> x 4 x matrix<T,d,d> -> matrix<T,n,d>
CXLA_MHA_TEMPLATE
constexpr matrix<T, N, D> multi_head_attention(const matrix<T, N, D>& X, const matrix<T, Q1, Q2>& Wq,
                                               const matrix<T, K1, K2>& Wk, const matrix<T, V1, V2>& Wv,
                                               const matrix<T, O1, O2>& Wo) noexcept {
  static_assert(H > 0, "cxla: multi_head_attention<H>: the head count H must be at least 1");
  static_assert(D % (H > 0 ? H : 1) == 0,
                "cxla: shape mismatch in multi_head_attention<H>: d_model (the columns of X) must be "
                "divisible by the head count H");
  static_assert(Q1 == D && Q2 == D && K1 == D && K2 == D && V1 == D && V2 == D && O1 == D && O2 == D,
                "cxla: shape mismatch in multi_head_attention<H>: Wq, Wk, Wv and Wo must be d_model x d_model");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (detail::multi_head_shapes_ok<H, T, N, D, Q1, Q2, K1, K2, V1, V2, O1, O2> &&
                detail::attention_element_v<T>)
    return detail::multi_head_kernel<H>(X, Wq, Wk, Wv, Wo, no_mask<N, N>()).output;
  else
    return {};
}

// multi_head_attention<H>(X, Wq, Wk, Wv, Wo, mask): ... x matrix<bool,n,n> -> matrix<T,n,d>
template <size_t H, class T, size_t N, size_t D, size_t Q1, size_t Q2, size_t K1, size_t K2, size_t V1, size_t V2,
          size_t O1, size_t O2, size_t MM, size_t NM>
constexpr matrix<T, N, D> multi_head_attention(const matrix<T, N, D>& X, const matrix<T, Q1, Q2>& Wq,
                                               const matrix<T, K1, K2>& Wk, const matrix<T, V1, V2>& Wv,
                                               const matrix<T, O1, O2>& Wo, const matrix<bool, MM, NM>& mask) noexcept {
  static_assert(H > 0, "cxla: multi_head_attention<H>: the head count H must be at least 1");
  static_assert(D % (H > 0 ? H : 1) == 0,
                "cxla: shape mismatch in multi_head_attention<H>: d_model (the columns of X) must be "
                "divisible by the head count H");
  static_assert(Q1 == D && Q2 == D && K1 == D && K2 == D && V1 == D && V2 == D && O1 == D && O2 == D,
                "cxla: shape mismatch in multi_head_attention<H>: Wq, Wk, Wv and Wo must be d_model x d_model");
  static_assert(MM == N && NM == N,
                "cxla: shape mismatch in multi_head_attention<H>: the mask must be n x n (n = rows of X)");
  static_assert(detail::attention_element_v<T>, "cxla: attention needs floating-point elements");
  if constexpr (detail::multi_head_shapes_ok<H, T, N, D, Q1, Q2, K1, K2, V1, V2, O1, O2> && MM == N && NM == N &&
                detail::attention_element_v<T>)
    return detail::multi_head_kernel<H>(X, Wq, Wk, Wv, Wo, mask).output;
  else
    return {};
}

// Batched: multi_head_attention<H>(Xs, Wq, Wk, Wv, Wo[, mask]):
//   std::array<matrix<T,n,d>,B> x 4 x matrix<T,d,d> -> std::array<matrix<T,n,d>,B>
template <size_t H, class T, size_t N, size_t D, size_t B, class... WeightsAndMask>
constexpr std::array<matrix<T, N, D>, B> multi_head_attention(const std::array<matrix<T, N, D>, B>& Xs,
                                                              const WeightsAndMask&... weights_and_mask) noexcept {
  std::array<matrix<T, N, D>, B> out{};
  for (size_t b = 0; b < B; ++b) out[b] = multi_head_attention<H>(Xs[b], weights_and_mask...);
  return out;
}

// Batched with weights: -> {output: std::array<matrix<T,n,d>,B>,
//                           weights: std::array<std::array<matrix<T,n,n>,H>,B>}  (batch, heads, n, n)
template <size_t H, class T, size_t N, size_t D, size_t B, class... WeightsAndMask>
constexpr attention_result<std::array<matrix<T, N, D>, B>, std::array<std::array<matrix<T, N, N>, H>, B>>
multi_head_attention_with_weights(const std::array<matrix<T, N, D>, B>& Xs,
                                  const WeightsAndMask&... weights_and_mask) noexcept {
  attention_result<std::array<matrix<T, N, D>, B>, std::array<std::array<matrix<T, N, N>, H>, B>> out{};
  for (size_t b = 0; b < B; ++b) {
    const auto one = multi_head_attention_with_weights<H>(Xs[b], weights_and_mask...);
    out.output[b] = one.output;
    out.weights[b] = one.weights;
  }
  return out;
}

#undef CXLA_MHA_TEMPLATE

}  // namespace cxla
