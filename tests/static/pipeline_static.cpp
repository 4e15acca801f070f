// Compile-time checks of pipeline.hpp: compiling this file is passing.
#include <type_traits>

#include <boost/hana/at.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <cxla/cxla.hpp>
#include <cxla/pipeline.hpp>

#include "pipeline_properties.hpp"

using cxla::any_extent;
using cxla::matrix;
using cxla::shape;
using cxla::size_t;
using cxla::vector;
namespace nn = cxla::nn;

// Deterministic weights: a small linear congruential generator, values k/8 - 1 for k in
// 0..15, exact in float and double so that hand-computed expectations are exact too.
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> lcg_matrix(unsigned seed) {
  matrix<T, R, C> A{};
  unsigned state = seed * 2654435761u + 1u;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) {
      state = state * 1664525u + 1013904223u;
      A.data[i][j] = static_cast<T>((state >> 28) & 15u) / T{8} - T{1};
    }
  return A;
}
template <class T, size_t N>
constexpr vector<T, N> lcg_vector(unsigned seed) {
  return cxla::as_vector(lcg_matrix<T, N, 1>(seed));
}

// ---- a small model, hand-checked ---------------------------------------------------------
constexpr matrix<double, 2, 3> W1{{{1, 3, 5}, {2, -4, 6}}};
constexpr vector<double, 3> b1{{1, 1, -100}};
constexpr matrix<double, 3, 2> W2{{{1, 0}, {0, 1}, {0, 1}}};
constexpr vector<double, 2> b2{{0, 0.5}};

constexpr auto small = cxla::pipeline(nn::linear(W1, b1), nn::relu, nn::linear(W2, b2));
constexpr matrix<double, 2, 2> X2{{{1, 1}, {2, -1}}};
// Row 0: x W1 + b1 = (4, 0, -89) -> relu (4, 0, 0) -> (4, 0.5).
// Row 1: x W1 + b1 = (1, 11, -96) -> relu (1, 11, 0) -> (1, 11.5).
static_assert(small(X2) == matrix<double, 2, 2>{{{4, 0.5}, {1, 11.5}}});
static_assert(small(vector<double, 2>{{2, -1}}) == vector<double, 2>{{1, 11.5}});
static_assert(cxla_props::pipeline_equals_by_hand(small, X2, [](const auto& x) {
  return nn::linear(W2, b2)(nn::relu(nn::linear(W1, b1)(x)));
}));

// ---- shapes, as values and as types --------------------------------------------------
static_assert(small.input_shape == shape{any_extent, 2});
static_assert(small.output_shape == shape{any_extent, 2});
static_assert(decltype(small)::size == 3);
static_assert(std::is_same_v<decltype(small)::value_type, double>);
static_assert(std::is_same_v<decltype(small(matrix<double, 7, 2>{})), matrix<double, 7, 2>>);
static_assert(std::is_same_v<decltype(small(vector<double, 2>{})), vector<double, 2>>);

constexpr auto widen =
    cxla::pipeline(nn::relu, nn::linear(lcg_matrix<float, 4, 16>(1), lcg_vector<float, 16>(2)), nn::relu,
                   nn::linear(lcg_matrix<float, 16, 8>(3), lcg_vector<float, 8>(4)));
// The first layer leaves the width free; the second fixes it, and so the pipeline's input.
static_assert(widen.input_shape == shape{any_extent, 4} && widen.output_shape == shape{any_extent, 8});
static_assert(std::is_same_v<decltype(widen(matrix<float, 5, 4>{})), matrix<float, 5, 8>>);
static_assert(cxla::pipeline(nn::relu).input_shape == shape{any_extent, any_extent});
static_assert(std::is_void_v<decltype(cxla::pipeline(nn::relu, nn::relu))::value_type>);

// ---- what composes and what does not (no compile error, a false) ---------------------
using lin_4_to_8 = nn::linear_t<float, 4, 8>;
using lin_8_to_4 = nn::linear_t<float, 8, 4>;
static_assert(cxla::composable_v<lin_4_to_8, nn::relu_t, lin_8_to_4>);
static_assert(!cxla::composable_v<lin_4_to_8, lin_4_to_8>);  // 8 columns into a 4-column layer
static_assert(!cxla::composable_v<lin_4_to_8, nn::relu_t, nn::relu_t, lin_4_to_8>);
static_assert(!cxla::composable_v<nn::residual_t<lin_4_to_8>>);  // x + f(x) with f 4 -> 8
static_assert(cxla::composable_v<nn::residual_t<nn::linear_t<float, 4, 4>>, lin_4_to_8>);
static_assert(!cxla::composable_v<lin_4_to_8, nn::linear_t<double, 8, 4>>);  // float then double
static_assert(!cxla::composable_v<cxla::pipeline<lin_4_to_8, nn::relu_t>, lin_4_to_8>);  // nested: 8 into 4
static_assert(cxla::composable_v<cxla::pipeline<lin_4_to_8, nn::relu_t>, lin_8_to_4>);
static_assert(!cxla::composable_v<nn::residual_t<cxla::pipeline<lin_4_to_8, nn::relu_t>>>);
static_assert(cxla::composable_v<nn::residual_t<cxla::pipeline<lin_4_to_8, nn::relu_t, lin_8_to_4>>>);

// ---- parameter counts ------------------------------------------------------------------
static_assert(small.parameter_count == (3 * 2 + 3) + (2 * 3 + 2));
static_assert(widen.parameter_count == (16 * 4 + 16) + (8 * 16 + 8));
static_assert(cxla::pipeline(nn::relu).parameter_count == 0);

// hana::for_each over the layers, at compile time: the per-layer counts add up.
constexpr size_t counted_parameters() {
  size_t total = 0;
  boost::hana::for_each(widen.layers, [&](const auto& layer) { total += layer.parameter_count; });
  return total;
}
static_assert(counted_parameters() == widen.parameter_count);
static_assert(boost::hana::at_c<1>(widen.layers).W(0, 0) == lcg_matrix<float, 4, 16>(1)(0, 0));

// ---- weights as template arguments -----------------------------------------------------
constexpr auto first_linear = nn::linear(W1, b1);
static_assert(std::is_empty_v<nn::fixed<first_linear>>);
static_assert(std::is_empty_v<decltype(nn::linear<W2, b2>())>);
static_assert(cxla_props::fixed_matches_value<first_linear>(X2));

// A model whose weights all live in its type: a one-byte object (hana::tuple of empty
// layers), evaluated entirely by the compiler.
constexpr auto baked = cxla::pipeline(nn::linear<W1, b1>(), nn::relu, nn::linear<W2, b2>());
static_assert(sizeof(baked) == 1);
static_assert(baked(X2) == small(X2));
static_assert(baked.parameter_count == small.parameter_count);

// ---- residual and nested pipelines ------------------------------------------------------
constexpr auto square_linear = nn::linear(lcg_matrix<double, 4, 4>(5), lcg_vector<double, 4>(6));
constexpr auto mlp =
    cxla::pipeline(nn::linear(lcg_matrix<double, 4, 8>(7), lcg_vector<double, 8>(8)), nn::relu,
                   nn::linear(lcg_matrix<double, 8, 4>(9), lcg_vector<double, 4>(10)));
constexpr auto block = cxla::pipeline(nn::residual(square_linear), nn::residual(mlp), nn::relu);
constexpr matrix<double, 3, 4> X3 = lcg_matrix<double, 3, 4>(11);
static_assert(block.input_shape == shape{any_extent, 4} && block.output_shape == shape{any_extent, 4});
static_assert(block.parameter_count == (16 + 4) + (32 + 8) + (32 + 4));
static_assert(cxla_props::residual_adds_input(square_linear, X3));
static_assert(cxla_props::residual_adds_input(mlp, X3));
static_assert(cxla_props::pipeline_equals_by_hand(block, X3, [](const auto& x) {
  const auto h1 = x + square_linear(x);
  const auto h2 = h1 + mlp(h1);
  return nn::relu(h2);
}));

// ---- layer properties --------------------------------------------------------------------
static_assert(cxla_props::linear_maps_each_row(nn::linear(W1, b1), X2));
static_assert(cxla_props::linear_maps_each_row(nn::linear(lcg_matrix<float, 11, 5>(12),
                                                          lcg_vector<float, 5>(13)),
                                               lcg_matrix<float, 3, 11>(14)));
static_assert(cxla_props::tokenwise_model_acts_per_row(block, X3));
static_assert(cxla_props::tokenwise_model_acts_per_row(widen, lcg_matrix<float, 6, 4>(15)));
static_assert(cxla_props::relu_splits_signs(X3));
static_assert(cxla_props::relu_splits_signs(matrix<int, 2, 3>{{{-3, 0, 2}, {7, -1, 0}}}));
static_assert(nn::relu(matrix<int, 1, 3>{{{-3, 0, 2}}}) == matrix<int, 1, 3>{{{0, 0, 2}}});

// ---- non-linear layers (math.hpp, softmax.hpp, attention.hpp) -------------------------
constexpr auto attention = nn::self_attention<2>(lcg_matrix<double, 4, 4>(20), lcg_matrix<double, 4, 4>(21),
                                                 lcg_matrix<double, 4, 4>(22), lcg_matrix<double, 4, 4>(23));
constexpr auto norm = nn::layer_norm(lcg_vector<double, 4>(24) / 4.0 + vector<double, 4>{{1, 1, 1, 1}},
                                     lcg_vector<double, 4>(25));
constexpr auto encoder = cxla::pipeline(
    nn::residual(attention), norm,
    nn::residual(cxla::pipeline(nn::linear(lcg_matrix<double, 4, 8>(26), lcg_vector<double, 8>(27)), nn::gelu,
                                nn::linear(lcg_matrix<double, 8, 4>(28), lcg_vector<double, 4>(29)))),
    nn::tanh, nn::softmax_rows);
static_assert(encoder.input_shape == shape{any_extent, 4} && encoder.output_shape == shape{any_extent, 4});
static_assert(encoder.parameter_count == 4 * 16 + 2 * 4 + (32 + 8) + (32 + 4));
static_assert(decltype(encoder)::size == 5);
static_assert(decltype(attention)::heads == 2);
static_assert(decltype(nn::self_attention(lcg_matrix<float, 3, 3>(1), lcg_matrix<float, 3, 3>(2),
                                          lcg_matrix<float, 3, 3>(3), lcg_matrix<float, 3, 3>(4)))::heads ==
              1);
static_assert(!cxla::composable_v<nn::self_attention_t<double, 4, 2>, nn::layer_norm_t<double, 8>>);
static_assert(cxla::composable_v<nn::layer_norm_t<float, 8>, nn::gelu_t, nn::self_attention_t<float, 8, 4>>);

// The whole encoder on a constant input, as a constant: the last layer is a softmax.
constexpr auto encoded = encoder(lcg_matrix<double, 5, 4>(30));
static_assert(std::is_same_v<decltype(encoder(lcg_matrix<double, 5, 4>(30))), matrix<double, 5, 4>>);
static_assert(cxla_props::all_finite(encoded));
static_assert(cxla_props::rows_are_probability_vectors(encoded, 1e-12));
static_assert(cxla_props::layer_norm_standardises_rows(norm, 4.0 * lcg_matrix<double, 6, 4>(31), 1e-9));
static_assert(cxla_props::softmax_rows_keeps_order(4.0 * lcg_matrix<double, 3, 7>(32), 1e-12));
static_assert(cxla_props::softmax_rows_keeps_order(lcg_matrix<float, 3, 9>(33), 1e-6f));
static_assert(cxla_props::pipeline_equals_by_hand(encoder, X3, [](const auto& x) {
  const auto h = norm(x + attention(x));
  const auto up = nn::linear(lcg_matrix<double, 4, 8>(26), lcg_vector<double, 8>(27));
  const auto down = nn::linear(lcg_matrix<double, 8, 4>(28), lcg_vector<double, 4>(29));
  const auto m = h + down(nn::gelu(up(h)));
  return nn::softmax_rows(nn::tanh(m));
}));

static_assert(cxla_props::activations_are_bounded(3.0 * lcg_matrix<double, 4, 8>(34)));
static_assert(cxla_props::activations_are_bounded(lcg_matrix<float, 4, 8>(35)));
constexpr auto squashed = cxla::pipeline(nn::gelu, nn::tanh);
static_assert(squashed.parameter_count == 0 && squashed.input_shape == shape{any_extent, any_extent});
static_assert(cxla_props::pipeline_equals_by_hand(squashed, X3,
                                                  [](const auto& x) { return nn::tanh(nn::gelu(x)); }));

int main() {}
