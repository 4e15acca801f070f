// Run-time checks of pipeline.hpp: the properties that tests/static proves at compile time,
// here on random weights and inputs the compiler cannot fold, and the pipeline against the
// same layers called by hand.
#include <doctest/doctest.h>

#include <limits>

#include <cstdint>

#include <boost/hana/for_each.hpp>
#include <cxla/cxla.hpp>
#include <cxla/pipeline.hpp>

#include "../../examples/tiny_transformer.hpp"
#include "opaque.hpp"
#include "pipeline_properties.hpp"

using cxla::matrix;
using cxla::size_t;
using cxla::vector;
using cxla_test::opaque;
using cxla_test::random_matrix;
using cxla_test::random_vector;
namespace nn = cxla::nn;

namespace {

template <class T, size_t In, size_t Out>
nn::linear_t<T, In, Out> random_linear() {
  return nn::linear(random_matrix<T, In, Out>(T(-1), T(1)), random_vector<T, Out>(T(-1), T(1)));
}

template <class T, size_t N>
void check_mlp_block(int trials) {
  for (int t = 0; t < trials; ++t) {
    const auto up = random_linear<T, 6, 12>();
    const auto down = random_linear<T, 12, 6>();
    const auto square = random_linear<T, 6, 6>();
    const auto model =
        cxla::pipeline(nn::residual(square), nn::residual(cxla::pipeline(up, nn::relu, down)), nn::relu);
    const auto X = opaque(random_matrix<T, N, 6>(T(-2), T(2)));

    CHECK(cxla_props::pipeline_equals_by_hand(model, X, [&](const matrix<T, N, 6>& x) {
      const matrix<T, N, 6> h1 = x + square(x);
      const matrix<T, N, 12> hidden = nn::relu(up(h1));
      const matrix<T, N, 6> h2 = h1 + down(hidden);
      return nn::relu(h2);
    }));
    CHECK(cxla_props::tokenwise_model_acts_per_row(model, X));
    CHECK(cxla_props::linear_maps_each_row(up, X));
    CHECK(cxla_props::residual_adds_input(square, X));
    CHECK(cxla_props::relu_splits_signs(X));
  }
}

}  // namespace

TEST_CASE("a residual MLP pipeline equals its layers applied by hand (random weights and inputs)") {
  check_mlp_block<double, 1>(20);
  check_mlp_block<double, 8>(20);
  check_mlp_block<float, 5>(20);
  check_mlp_block<float, 16>(10);
}

TEST_CASE("a vector input is one token") {
  const auto first = random_linear<double, 3, 7>();
  const auto second = random_linear<double, 7, 2>();
  const auto model = cxla::pipeline(first, nn::relu, second);
  for (int t = 0; t < 50; ++t) {
    const auto x = opaque(random_vector<double, 3>(-3.0, 3.0));
    const vector<double, 2> expected = cxla::as_vector(second(nn::relu(first(cxla::transpose(x)))));
    CHECK(model(x) == expected);
  }
}

// Small integers keep every product and sum exact, so the expected values below are exact.
TEST_CASE("a hand-computed model at run time") {
  const auto model = cxla::pipeline(
      nn::linear(opaque(matrix<int, 2, 3>{{{1, 3, 5}, {2, -4, 6}}}), opaque(vector<int, 3>{{1, 1, -100}})),
      nn::relu,
      nn::linear(opaque(matrix<int, 3, 2>{{{1, 0}, {0, 1}, {0, 1}}}), opaque(vector<int, 2>{{0, 3}})));
  const auto X = opaque(matrix<int, 2, 2>{{{1, 1}, {2, -1}}});
  // Row 0: (4, 0, -89) -> (4, 0, 0) -> (4, 3).  Row 1: (1, 11, -96) -> (1, 11, 0) -> (1, 14).
  CHECK(model(X) == matrix<int, 2, 2>{{{4, 3}, {1, 14}}});
}

TEST_CASE("hana::for_each visits every layer in order") {
  const auto model = cxla::pipeline(random_linear<float, 4, 8>(), nn::relu, random_linear<float, 8, 3>());
  size_t total = 0;
  size_t visited = 0;
  boost::hana::for_each(model.layers, [&](const auto& layer) {
    total += layer.parameter_count;
    ++visited;
  });
  CHECK(visited == 3);
  CHECK(total == (4 * 8 + 8) + (8 * 3 + 3));
  CHECK(total == model.parameter_count);
}

TEST_CASE("non-linear layers at run time: layer_norm, softmax_rows") {
  for (int t = 0; t < 30; ++t) {
    const auto X = opaque(random_matrix<double, 6, 8>(-4.0, 4.0));
    const auto gamma = random_vector<double, 8>(0.5, 1.5);
    const auto beta = random_vector<double, 8>(-1.0, 1.0);
    CHECK(cxla_props::layer_norm_standardises_rows(nn::layer_norm(gamma, beta), X, 1e-9));
    CHECK(cxla_props::softmax_rows_keeps_order(X, 1e-12));
    const auto Xf = opaque(random_matrix<float, 4, 9>(-4.0f, 4.0f));
    CHECK(cxla_props::softmax_rows_keeps_order(Xf, 1e-6f));
  }
}

TEST_CASE("gelu and tanh at run time") {
  for (int t = 0; t < 30; ++t) {
    CHECK(cxla_props::activations_are_bounded(opaque(random_matrix<double, 6, 8>(-4.0, 4.0))));
    CHECK(cxla_props::activations_are_bounded(opaque(random_matrix<float, 4, 9>(-4.0f, 4.0f))));
  }
}

template <class T>
void check_tiny_block(int trials) {
  volatile std::uint64_t seed = tiny::weight_seed;
  const auto layers = tiny::make_layers<T>(seed);
  const auto block = tiny::make_block(layers);
  for (int t = 0; t < trials; ++t) {
    const auto X = opaque(random_matrix<T, tiny::tokens, tiny::d_model>(T(-2), T(2)));
    CHECK(cxla_props::pipeline_equals_by_hand(block, X,
                                              [&](const auto& x) { return tiny::by_hand(layers, x); }));
    const auto Y = block(X);
    CHECK(cxla_props::all_finite(Y));
    const auto weights =
        cxla::multi_head_attention_with_weights<tiny::heads>(X, layers.attention.Wq, layers.attention.Wk,
                                                             layers.attention.Wv, layers.attention.Wo)
            .weights;
    for (const auto& head : weights) CHECK(cxla_props::rows_are_probability_vectors(head, T(64) * std::numeric_limits<T>::epsilon()));
  }
}

TEST_CASE("the tiny transformer block equals its layers by hand (random inputs)") {
  check_tiny_block<float>(20);
  check_tiny_block<double>(20);
}

TEST_CASE("the tiny transformer block gives the same bits at compile time and at run time") {
  constexpr auto layers = tiny::make_layers<double>(tiny::weight_seed);
  constexpr auto at_compile_time = tiny::make_block(layers)(tiny::make_input<double>(tiny::input_seed));
  volatile std::uint64_t weight_seed = tiny::weight_seed;
  volatile std::uint64_t input_seed = tiny::input_seed;
  const auto at_run_time =
      tiny::make_block(tiny::make_layers<double>(weight_seed))(tiny::make_input<double>(input_seed));
  CHECK(at_run_time == at_compile_time);
}
