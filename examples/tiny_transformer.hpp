// examples/tiny_transformer.hpp - one transformer block as a cxla::pipeline, shared by
// examples/tiny_transformer.cpp, the pipeline tests and bench/pipeline_bench.cpp.
//
//   x: matrix<T, 8, 16>  (8 tokens, d_model 16)
//   h = layer_norm1(x + self_attention<2 heads>(x))
//   y = layer_norm2(h + linear2(gelu(linear1(h))))     (MLP 16 -> 32 -> 16)
//
// The weights come from a constexpr pseudo-random generator (splitmix64), drawn in double
// and rounded to T, so the float and the double model hold (nearly) the same weights.
#pragma once

#include <cstddef>
#include <cstdint>

#include <cxla/cxla.hpp>
#include <cxla/pipeline.hpp>

namespace tiny {

using cxla::matrix;
using cxla::size_t;
using cxla::vector;

inline constexpr size_t tokens = 8;
inline constexpr size_t d_model = 16;
inline constexpr size_t heads = 2;
inline constexpr size_t hidden = 32;

// splitmix64: 64-bit state, one multiply-xorshift output per step; constexpr.
struct splitmix64 {
  std::uint64_t state;

  constexpr std::uint64_t next() noexcept {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform on [-1, 1) in steps of 2^-23 (exact in float and double).
  constexpr double uniform() noexcept { return static_cast<double>(next() >> 40) / 8388608.0 - 1.0; }
};

// random_matrix<T, R, C>(g, scale): R x C entries uniform on [-scale, scale).
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> random_matrix(splitmix64& g, double scale) noexcept {
  matrix<T, R, C> A{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) A.data[i][j] = static_cast<T>(scale * g.uniform());
  return A;
}

// random_vector<T, N>(g, offset, scale): N entries uniform on [offset - scale, offset + scale).
template <class T, size_t N>
constexpr vector<T, N> random_vector(splitmix64& g, double offset, double scale) noexcept {
  vector<T, N> v{};
  for (size_t i = 0; i < N; ++i) v.data[i] = static_cast<T>(offset + scale * g.uniform());
  return v;
}

// The layers of the block, in pipeline order (also used to call them one by one by hand).
template <class T>
struct block_layers {
  cxla::nn::self_attention_t<T, d_model, heads> attention;
  cxla::nn::layer_norm_t<T, d_model> norm1;
  cxla::nn::linear_t<T, d_model, hidden> up;
  cxla::nn::linear_t<T, hidden, d_model> down;
  cxla::nn::layer_norm_t<T, d_model> norm2;
};

// make_layers<T>(seed): the block's weights (scales 1/4 and 1/8 keep activations near 1).
template <class T>
constexpr block_layers<T> make_layers(std::uint64_t seed) noexcept {
  splitmix64 g{seed};
  const auto Wq = random_matrix<T, d_model, d_model>(g, 0.5);
  const auto Wk = random_matrix<T, d_model, d_model>(g, 0.5);
  const auto Wv = random_matrix<T, d_model, d_model>(g, 0.25);
  const auto Wo = random_matrix<T, d_model, d_model>(g, 0.25);
  const auto gamma1 = random_vector<T, d_model>(g, 1.0, 0.125);
  const auto beta1 = random_vector<T, d_model>(g, 0.0, 0.125);
  const auto W1 = random_matrix<T, d_model, hidden>(g, 0.25);
  const auto b1 = random_vector<T, hidden>(g, 0.0, 0.125);
  const auto W2 = random_matrix<T, hidden, d_model>(g, 0.125);
  const auto b2 = random_vector<T, d_model>(g, 0.0, 0.125);
  const auto gamma2 = random_vector<T, d_model>(g, 1.0, 0.125);
  const auto beta2 = random_vector<T, d_model>(g, 0.0, 0.125);
  return {cxla::nn::self_attention<heads>(Wq, Wk, Wv, Wo), cxla::nn::layer_norm(gamma1, beta1),
          cxla::nn::linear(W1, b1), cxla::nn::linear(W2, b2), cxla::nn::layer_norm(gamma2, beta2)};
}

// make_block(layers): the pipeline matrix<T, n, 16> -> matrix<T, n, 16>.
template <class T>
constexpr auto make_block(const block_layers<T>& l) noexcept {
  namespace nn = cxla::nn;
  return cxla::pipeline(nn::residual(l.attention), l.norm1,
                        nn::residual(cxla::pipeline(l.up, nn::gelu, l.down)), l.norm2);
}

// The same block written out by hand, layer after layer (the reference for the benchmark
// and the tests: no Hana, no fold).
template <class T, size_t N>
constexpr matrix<T, N, d_model> by_hand(const block_layers<T>& l, const matrix<T, N, d_model>& x) noexcept {
  const matrix<T, N, d_model> attended = x + l.attention(x);
  const matrix<T, N, d_model> h = l.norm1(attended);
  const matrix<T, N, hidden> expanded = cxla::nn::gelu(l.up(h));
  const matrix<T, N, d_model> mixed = h + l.down(expanded);
  return l.norm2(mixed);
}

// make_input<T>(seed): 8 tokens of 16 features, uniform on [-1, 1).
template <class T>
constexpr matrix<T, tokens, d_model> make_input(std::uint64_t seed) noexcept {
  splitmix64 g{seed};
  return random_matrix<T, tokens, d_model>(g, 1.0);
}

inline constexpr std::uint64_t weight_seed = 0x7e57ab1eULL;
inline constexpr std::uint64_t input_seed = 0x1234abcdULL;

}  // namespace tiny
