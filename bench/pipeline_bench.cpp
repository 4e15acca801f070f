// The tiny transformer block (examples/tiny_transformer.hpp) at run time: the pipeline
// (hana::fold_left over the layers) against the same layer objects called one after another
// by hand, in float and double. The two must cost the same (ratio pipeline / by_hand <= 1.05).
//
// Inputs cycle through a pool of 8 token matrices so the compiler cannot hoist the work out
// of the loop; the weights are built at run time from a volatile seed so they are not
// compile-time constants folded into the code.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "../examples/tiny_transformer.hpp"

namespace {

constexpr cxla::size_t pool = 8;

template <class T>
struct fixture {
  tiny::block_layers<T> layers;
  cxla::matrix<T, tiny::tokens, tiny::d_model> inputs[pool];

  fixture() {
    volatile std::uint64_t seed = tiny::weight_seed;
    layers = tiny::make_layers<T>(seed);
    for (cxla::size_t k = 0; k < pool; ++k) inputs[k] = tiny::make_input<T>(tiny::input_seed + k);
    // Before measuring anything: both paths give the same bits.
    const auto block = tiny::make_block(layers);
    for (cxla::size_t k = 0; k < pool; ++k)
      if (!(block(inputs[k]) == tiny::by_hand(layers, inputs[k]))) {
        std::fprintf(stderr, "pipeline_bench: pipeline and by-hand outputs differ\n");
        std::abort();
      }
  }
};

template <class T>
const fixture<T>& shared_fixture() {
  static const fixture<T> f;
  return f;
}

template <class T>
void tiny_block_pipeline(benchmark::State& state) {
  const fixture<T>& f = shared_fixture<T>();
  const auto block = tiny::make_block(f.layers);
  cxla::size_t k = 0;
  for (auto _ : state) {
    auto out = block(f.inputs[k++ % pool]);
    benchmark::DoNotOptimize(out);
  }
}

template <class T>
void tiny_block_by_hand(benchmark::State& state) {
  const fixture<T>& f = shared_fixture<T>();
  cxla::size_t k = 0;
  for (auto _ : state) {
    auto out = tiny::by_hand(f.layers, f.inputs[k++ % pool]);
    benchmark::DoNotOptimize(out);
  }
}

// Where the time goes: the block's parts alone (by hand).
template <class T>
void tiny_part_attention(benchmark::State& state) {
  const fixture<T>& f = shared_fixture<T>();
  cxla::size_t k = 0;
  for (auto _ : state) {
    auto out = f.layers.attention(f.inputs[k++ % pool]);
    benchmark::DoNotOptimize(out);
  }
}

template <class T>
void tiny_part_mlp(benchmark::State& state) {
  const fixture<T>& f = shared_fixture<T>();
  cxla::size_t k = 0;
  for (auto _ : state) {
    auto out = f.layers.down(cxla::nn::gelu(f.layers.up(f.inputs[k++ % pool])));
    benchmark::DoNotOptimize(out);
  }
}

template <class T>
void tiny_part_layer_norm(benchmark::State& state) {
  const fixture<T>& f = shared_fixture<T>();
  cxla::size_t k = 0;
  for (auto _ : state) {
    auto out = f.layers.norm1(f.inputs[k++ % pool]);
    benchmark::DoNotOptimize(out);
  }
}

}  // namespace

BENCHMARK_TEMPLATE(tiny_block_pipeline, float);
BENCHMARK_TEMPLATE(tiny_block_by_hand, float);
BENCHMARK_TEMPLATE(tiny_block_pipeline, double);
BENCHMARK_TEMPLATE(tiny_block_by_hand, double);
BENCHMARK_TEMPLATE(tiny_part_attention, float);
BENCHMARK_TEMPLATE(tiny_part_mlp, float);
BENCHMARK_TEMPLATE(tiny_part_layer_norm, float);
BENCHMARK_TEMPLATE(tiny_part_attention, double);
BENCHMARK_TEMPLATE(tiny_part_mlp, double);
BENCHMARK_TEMPLATE(tiny_part_layer_norm, double);

BENCHMARK_MAIN();
