// One transformer block (2-head self-attention with residual and layer norm, then a GELU MLP
// with residual and layer norm) over 8 tokens of 16 features, as a cxla::pipeline.
//
// The forward pass on a fixed input runs at compile time: its output is a constexpr object,
// checked below by static_asserts, and lands in .rodata (flash, on a microcontroller) with no
// code to compute it:
//   nm -C -S --defined-only tiny_transformer | grep tiny_transformer_output
//   -> 00000000000070c0 0000000000000200 R tiny_transformer_output   (512 bytes: 8 x 16 floats)
// At run time the same block is built again from weights and an input the compiler cannot
// see (a volatile seed) and must give the same bits.
#include <cstdint>
#include <cstdio>
#include <type_traits>

#include <boost/hana/at.hpp>
#include <cxla/cxla.hpp>
#include <cxla/pipeline.hpp>

#include "pipeline_properties.hpp"
#include "tiny_transformer.hpp"

using cxla::matrix;

constexpr tiny::block_layers<float> layers = tiny::make_layers<float>(tiny::weight_seed);
constexpr auto block = tiny::make_block(layers);
constexpr matrix<float, tiny::tokens, tiny::d_model> input = tiny::make_input<float>(tiny::input_seed);

// The compile-time forward pass. `extern` gives it external linkage, so it is one named
// object in .rodata that `nm` can find.
extern constexpr matrix<float, tiny::tokens, tiny::d_model> tiny_transformer_output = block(input);

// ---- checked before the program exists ------------------------------------------------
static_assert(std::is_same_v<decltype(block(input)), matrix<float, 8, 16>>);
static_assert(block.input_shape == cxla::shape{cxla::any_extent, 16});
static_assert(block.output_shape == cxla::shape{cxla::any_extent, 16});
static_assert(block.parameter_count == 4 * 16 * 16 + 2 * 16 + (16 * 32 + 32) + (32 * 16 + 16) + 2 * 16);
static_assert(cxla_props::all_finite(tiny_transformer_output));

// Each head's attention weights (recomputed from the first layer's weights): every row a
// probability vector.
constexpr auto attention_layer = boost::hana::at_c<0>(block.layers).f;
constexpr auto head_weights =
    cxla::multi_head_attention_with_weights<tiny::heads>(input, attention_layer.Wq, attention_layer.Wk,
                                                         attention_layer.Wv, attention_layer.Wo)
        .weights;
static_assert(cxla_props::rows_are_probability_vectors(head_weights[0], 1e-6f));
static_assert(cxla_props::rows_are_probability_vectors(head_weights[1], 1e-6f));

// The last layer norm standardises each row of its input (the first three layers' output).
constexpr auto before_last_norm =
    cxla::pipeline(boost::hana::at_c<0>(block.layers), boost::hana::at_c<1>(block.layers),
                   boost::hana::at_c<2>(block.layers))(input);
static_assert(cxla_props::layer_norm_standardises_rows(layers.norm2, before_last_norm, 1e-4f));

// The fold over the layers equals the block written out by hand.
static_assert(cxla_props::pipeline_equals_by_hand(block, input,
                                                  [](const auto& x) { return tiny::by_hand(layers, x); }));

int main() {
  // The same computation at run time, from values the compiler cannot fold.
  volatile std::uint64_t weight_seed = tiny::weight_seed;
  volatile std::uint64_t input_seed = tiny::input_seed;
  const auto runtime_block = tiny::make_block(tiny::make_layers<float>(weight_seed));
  const matrix<float, 8, 16> runtime_output = runtime_block(tiny::make_input<float>(input_seed));

  float max_diff = 0.0f;
  for (cxla::size_t i = 0; i < 8; ++i)
    for (cxla::size_t j = 0; j < 16; ++j) {
      const float d = runtime_output(i, j) - tiny_transformer_output(i, j);
      const float magnitude = d < 0.0f ? -d : d;
      if (magnitude > max_diff) max_diff = magnitude;
    }
  const bool identical = runtime_output == tiny_transformer_output;

  std::printf("tiny transformer block: 8 tokens x 16 features, 2 heads, %u parameters\n",
              static_cast<unsigned>(block.parameter_count));
  for (cxla::size_t i = 0; i < 8; ++i) {
    std::printf("token %u:", static_cast<unsigned>(i));
    for (cxla::size_t j = 0; j < 16; ++j)
      std::printf(" %+.4f", static_cast<double>(tiny_transformer_output(i, j)));
    std::printf("\n");
  }
  std::printf("run time vs compile time: %s (max |diff| %g)\n", identical ? "bit-identical" : "DIFFERENT",
              static_cast<double>(max_diff));
  return identical ? 0 : 1;
}
