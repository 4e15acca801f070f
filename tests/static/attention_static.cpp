// Compile-time checks of softmax.hpp, attention.hpp and spans.hpp: compiling this file is
// passing. Reference numbers for the seed example are NumPy's (float64), quoted from the
// issue; the properties are in tests/properties/attention_properties.hpp.
#include <array>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <cxla/cxla.hpp>

#include "attention_properties.hpp"

using cxla::matrix;
using cxla::size_t;
using cxla::vector;

// ---- the seed's second snippet ------------------------------------------------------------
constexpr vector<double, 2> q{{1, 0}};
constexpr matrix<double, 3, 2> K{{{1, 0}, {0, 1}, {1, 1}}};
constexpr matrix<double, 3, 2> V{{{1, 0}, {0, 2}, {1, 1}}};
constexpr auto seed = cxla::attention_with_weights(q, K, V);
static_assert(std::is_same_v<decltype(seed.output), vector<double, 2>>);
static_assert(std::is_same_v<decltype(seed.weights), vector<double, 3>>);
// NumPy: weights [0.4011120926797859, 0.1977758146404282, 0.4011120926797859],
//        o = [0.8022241853595719, 0.7966637219606423]
static_assert(cxla::ulp_distance(seed.weights[0], 0.4011120926797859) <= 2);
static_assert(cxla::ulp_distance(seed.weights[1], 0.1977758146404282) <= 2);
static_assert(cxla::ulp_distance(seed.weights[2], 0.4011120926797859) <= 2);
static_assert(cxla::ulp_distance(seed.output[0], 0.8022241853595719) <= 2);
static_assert(cxla::ulp_distance(seed.output[1], 0.7966637219606423) <= 2);
static_assert(seed.weights[0] == seed.weights[2]);  // keys 0 and 2 score the same
static_assert(cxla::is_probability_vector(seed.weights, 4 * std::numeric_limits<double>::epsilon()));
static_assert(cxla::is_convex_combination(seed.output, seed.weights, V, 0.0));  // exactly row_combination
static_assert(cxla::in_convex_hull(seed.output, V, seed.weights, 1e-15));
static_assert(cxla::in_row_box(seed.output, V, 0.0));
static_assert(cxla_props::attention_output_is_convex_combination(q, K, V));
// The weights are softmax of the scaled scores K q / sqrt(2).
static_assert(seed.weights == cxla::softmax((K * q) / cxla::sqrt(2.0)));
static_assert(seed.output == cxla::attention(q, K, V));

// The same in float: within a few float ulps of NumPy's numbers rounded to float.
constexpr auto seed_f = cxla::attention_with_weights(cxla::cast<float>(q), cxla::cast<float>(K), cxla::cast<float>(V));
static_assert(cxla::ulp_distance(seed_f.weights[1], 0.1977758146404282f) <= 2);
static_assert(cxla::ulp_distance(seed_f.output[0], 0.8022241853595719f) <= 2);
static_assert(cxla_props::attention_output_is_convex_combination(cxla::cast<float>(q), cxla::cast<float>(K),
                                                                 cxla::cast<float>(V)));

// ---- inputs --------------------------------------------------------------------------------
// Deterministic pseudo-random values in [-1, 1] with a few bits, exact in float and double.
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> sample(unsigned seed_value) {
  matrix<T, R, C> A{};
  unsigned state = seed_value * 2654435761u + 12345u;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      state = state * 1664525u + 1013904223u;
      A.data[i][j] = static_cast<T>(static_cast<int>((state >> 20) % 257u) - 128) / T{128};
    }
  return A;
}
template <class T, size_t N>
constexpr vector<T, N> sample_vector(unsigned seed_value) {
  return cxla::as_vector(sample<T, N, 1>(seed_value));
}
template <size_t R, size_t C>
constexpr matrix<bool, R, C> sample_mask(unsigned seed_value) {
  matrix<bool, R, C> M{};
  unsigned state = seed_value * 2654435761u + 777u;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      state = state * 1664525u + 1013904223u;
      M.data[i][j] = ((state >> 24) % 3u) != 0u;
    }
  return M;
}

// ---- softmax -------------------------------------------------------------------------------
constexpr vector<double, 5> logits{{0.5, -1.25, 3.0, 3.0, 0.0}};
constexpr vector<bool, 5> keep{{true, false, true, false, true}};
static_assert(cxla_props::softmax_is_ordered_distribution(logits));
static_assert(cxla_props::softmax_is_ordered_distribution(sample_vector<double, 19>(1)));
static_assert(cxla_props::softmax_is_ordered_distribution(sample_vector<float, 19>(1)));
static_assert(cxla_props::equal_logits_are_uniform<double, 7>(-3.5));
static_assert(cxla_props::equal_logits_are_uniform<float, 16>(1000.0f));
static_assert(cxla_props::masked_weights_are_zero(logits, keep));
static_assert(cxla_props::masked_weights_are_zero(sample_vector<double, 17>(2), cxla::col(sample_mask<17, 1>(3), 0)));
static_assert(cxla_props::masking_a_suffix_is_truncation<3>(logits));
static_assert(cxla_props::masking_a_suffix_is_truncation<9>(sample_vector<double, 20>(4)));
static_assert(cxla_props::masking_a_suffix_is_truncation<1>(sample_vector<float, 12>(5)));
static_assert(cxla_props::minus_infinity_is_masking(logits, keep));
static_assert(cxla_props::temperature_divides_logits(logits));
static_assert(cxla_props::softmax_is_shift_invariant(logits, 10.0, 1e-14));
static_assert(cxla_props::log_softmax_matches_softmax(logits, 1e-15));
static_assert(cxla_props::log_softmax_matches_softmax(sample_vector<float, 11>(6), 1e-6f));
static_assert(cxla_props::softmax_rows_is_rowwise(sample<double, 4, 9>(7), sample_mask<4, 9>(8)));
// Hand-checked values: softmax of (0, ln 3) is (1/4, 3/4); logsumexp(0, 0) = ln 2.
static_assert(cxla::approx_equal(cxla::softmax(vector<double, 2>{{0.0, cxla::log(3.0)}}),
                                 vector<double, 2>{{0.25, 0.75}}, 0.0, 4e-16));
static_assert(cxla::approx_equal(cxla::logsumexp(vector<double, 2>{{0.0, 0.0}}), 0.6931471805599453, 0.0, 4e-16));

// Masked entries get exactly +0 and the rest renormalise.
constexpr auto masked = cxla::softmax(logits, keep);
static_assert(masked[1] == 0.0 && masked[3] == 0.0);
static_assert(cxla::is_probability_vector(masked, 2e-16));

// ---- special values ------------------------------------------------------------------------
static_assert(cxla_props::fully_masked_softmax_is_zero(logits));
static_assert(cxla_props::fully_masked_softmax_is_zero(sample_vector<float, 9>(9)));
static_assert(cxla_props::extreme_logits_do_not_overflow(1e300));
static_assert(cxla_props::extreme_logits_do_not_overflow(1e4f));
static_assert(cxla_props::extreme_logits_do_not_overflow(1e38f));
static_assert(cxla_props::overflowing_differences_get_zero_weight<float>());
static_assert(cxla_props::overflowing_differences_get_zero_weight<double>());
static_assert(cxla_props::plus_infinity_shares_the_weight<double>());
static_assert(cxla_props::plus_infinity_shares_the_weight<float>());

// ---- masks ---------------------------------------------------------------------------------
static_assert(cxla::causal_mask<3>() == matrix<bool, 3, 3>{{{true, false, false}, {true, true, false}, {true, true, true}}});
static_assert(cxla::no_mask<2, 3>() == matrix<bool, 2, 3>{{{true, true, true}, {true, true, true}}});

// ---- attention -----------------------------------------------------------------------------
static_assert(cxla_props::attention_output_is_convex_combination(sample_vector<double, 7>(10), sample<double, 5, 7>(11),
                                                                 sample<double, 5, 3>(12)));
static_assert(cxla_props::attention_output_is_convex_combination(sample_vector<float, 9>(13), sample<float, 17, 9>(14),
                                                                 sample<float, 17, 4>(15)));
static_assert(cxla_props::multi_query_rows_are_single_queries(sample<double, 4, 6>(16), sample<double, 11, 6>(17),
                                                              sample<double, 11, 5>(18), sample_mask<4, 11>(19)));
static_assert(cxla_props::masked_attention_respects_mask(sample<double, 6, 4>(20), sample<double, 5, 4>(21),
                                                         sample<double, 5, 3>(22), sample_mask<6, 5>(23)));
static_assert(cxla_props::causal_attention_looks_back_only(sample<double, 6, 4>(24)));
static_assert(cxla_props::causal_attention_looks_back_only(sample<float, 9, 8>(25)));

// A fully masked query row: zero weights, zero output, and the other rows are unaffected.
constexpr matrix<bool, 2, 3> second_row_blind{{{true, false, true}, {false, false, false}}};
constexpr auto blind = cxla::attention_with_weights(sample<double, 2, 4>(26), sample<double, 3, 4>(27),
                                                    sample<double, 3, 2>(28), second_row_blind);
static_assert(cxla::row(blind.weights, 1) == vector<double, 3>{} && cxla::row(blind.output, 1) == vector<double, 2>{});
static_assert(cxla::is_probability_vector(cxla::row(blind.weights, 0), 1e-15));
static_assert(cxla_props::masked_attention_respects_mask(sample<double, 2, 4>(26), sample<double, 3, 4>(27),
                                                         sample<double, 3, 2>(28), second_row_blind));

// Shapes.
static_assert(std::is_same_v<decltype(cxla::attention(sample<float, 4, 8>(0), sample<float, 6, 8>(0),
                                                      sample<float, 6, 3>(0))),
                             matrix<float, 4, 3>>);
static_assert(std::is_same_v<decltype(cxla::attention_weights(sample<float, 4, 8>(0), sample<float, 6, 8>(0))),
                             matrix<float, 4, 6>>);

// ---- multi-head ----------------------------------------------------------------------------
constexpr auto X6 = sample<double, 5, 6>(29);
static_assert(cxla_props::multi_head_with_identity_is_blockwise<1>(X6, cxla::causal_mask<5>()));
static_assert(cxla_props::multi_head_with_identity_is_blockwise<2>(X6, cxla::no_mask<5, 5>()));
static_assert(cxla_props::multi_head_with_identity_is_blockwise<3>(X6, sample_mask<5, 5>(30)));
static_assert(cxla_props::batched_is_per_item<2>(std::array{sample<double, 4, 6>(31), sample<double, 4, 6>(32),
                                                            sample<double, 4, 6>(33)},
                                                 sample<double, 6, 6>(34), sample<double, 6, 6>(35),
                                                 sample<double, 6, 6>(36), sample<double, 6, 6>(37)));
constexpr auto mha = cxla::multi_head_attention_with_weights<3>(X6, sample<double, 6, 6>(38), sample<double, 6, 6>(39),
                                                                sample<double, 6, 6>(40), sample<double, 6, 6>(41));
static_assert(std::is_same_v<decltype(mha.output), matrix<double, 5, 6>>);
static_assert(std::is_same_v<decltype(mha.weights), std::array<matrix<double, 5, 5>, 3>>);
static_assert(std::is_same_v<decltype(cxla::multi_head_attention<2>(std::array<matrix<float, 3, 4>, 7>{},
                                                                    cxla::identity<float, 4>(), cxla::identity<float, 4>(),
                                                                    cxla::identity<float, 4>(),
                                                                    cxla::identity<float, 4>())),
                             std::array<matrix<float, 3, 4>, 7>>);

// ---- the size the issue asks for: n = d = 32 in a constant expression ------------------------
// (docs/attention.md lists the largest sizes that fit the compilers' default limits.)
constexpr auto Q32 = sample<double, 32, 32>(42);
constexpr auto K32 = sample<double, 32, 32>(43);
constexpr auto V32 = sample<double, 32, 32>(44);
constexpr auto big = cxla::attention_with_weights(Q32, K32, V32);
static_assert(cxla_props::is_distribution(cxla::row(big.weights, 31)));
static_assert(cxla::is_convex_combination(cxla::row(big.output, 31), cxla::row(big.weights, 31), V32,
                                          64 * std::numeric_limits<double>::epsilon()));
static_assert(cxla::row(big.output, 7) == cxla::attention(cxla::row(Q32, 7), K32, V32));

// A matrix softmax is row-wise (DESIGN.md's contract): softmax(S) is softmax_rows(S), and each
// row equals the vector softmax of that row; masks and temperatures pass through.
namespace matrix_softmax_is_row_wise {
constexpr cxla::matrix<double, 2, 3> S{{{1, 2, 3}, {0, -1, 4}}};
constexpr cxla::matrix<bool, 2, 3> keep{{{true, false, false}, {true, true, false}}};
static_assert(cxla::softmax(S) == cxla::softmax_rows(S));
static_assert(cxla::row(cxla::softmax(S), 1) == cxla::softmax(cxla::row(S, 1)));
static_assert(cxla::softmax(S, keep) == cxla::softmax_rows(S, keep));
static_assert(cxla::softmax(S, keep)(0, 0) == 1.0 && cxla::softmax(S, keep)(0, 2) == 0.0);
}  // namespace matrix_softmax_is_row_wise

int main() { return 0; }
