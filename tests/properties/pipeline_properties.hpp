// tests/properties/pipeline_properties.hpp - properties of pipeline.hpp, written once as
// constexpr bool functions: tests/static checks them with static_assert, tests/runtime with
// CHECK on inputs the compiler cannot fold.
#pragma once

#include <limits>

#include <cxla/cxla.hpp>
#include <cxla/pipeline.hpp>

namespace cxla_props {

using cxla::size_t;

// The fold over the layers equals the layers called one after another by hand.
template <class Model, class X, class ByHand>
constexpr bool pipeline_equals_by_hand(const Model& model, const X& x, ByHand by_hand) {
  return model(x) == by_hand(x);
}

// A linear layer maps each token (row) x to x W + b, bit for bit, computed here with the
// ops.hpp operators on the token alone (a 1 x In row matrix).
template <class T, size_t In, size_t Out, size_t N>
constexpr bool linear_maps_each_row(const cxla::nn::linear_t<T, In, Out>& layer,
                                    const cxla::matrix<T, N, In>& X) {
  const auto Y = layer(X);
  for (size_t n = 0; n < N; ++n)
    if (!(cxla::row(Y, n) == cxla::as_vector(cxla::transpose(cxla::row(X, n)) * layer.W) + layer.b))
      return false;
  return true;
}

// A model built only from token-wise layers (linear, relu, residual of those) acts on each
// row alone: row n of model(X) equals model applied to the vector row(X, n).
template <class Model, class T, size_t N, size_t D>
constexpr bool tokenwise_model_acts_per_row(const Model& model, const cxla::matrix<T, N, D>& X) {
  const auto Y = model(X);
  for (size_t n = 0; n < N; ++n)
    if (!(cxla::row(Y, n) == model(cxla::row(X, n)))) return false;
  return true;
}

// relu(X) >= 0, relu is idempotent, and relu(X) - relu(-X) == X exactly.
template <class T, size_t N, size_t D>
constexpr bool relu_splits_signs(const cxla::matrix<T, N, D>& X) {
  const auto positive = cxla::nn::relu(X);
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < D; ++j)
      if (positive(i, j) < T{0}) return false;
  return cxla::nn::relu(positive) == positive && positive - cxla::nn::relu(-X) == X;
}

// residual(f)(X) == X + f(X).
template <class F, class T, size_t N, size_t D>
constexpr bool residual_adds_input(const F& f, const cxla::matrix<T, N, D>& X) {
  return cxla::nn::residual(f)(X) == X + f(X);
}

// A layer with its weights as template arguments computes what the value layer computes.
template <auto Layer, class X>
constexpr bool fixed_matches_value(const X& x) {
  return cxla::nn::fixed<Layer>{}(x) == Layer(x);
}

// Every element is finite (not NaN, not +-inf).
template <class T, size_t N, size_t D>
constexpr bool all_finite(const cxla::matrix<T, N, D>& X) {
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < D; ++j) {
      const T v = X(i, j);
      if (!(v >= -std::numeric_limits<T>::max() && v <= std::numeric_limits<T>::max())) return false;
    }
  return true;
}

// Every row is a probability vector: entries in [0, 1], summing to 1 within tol.
template <class T, size_t N, size_t D>
constexpr bool rows_are_probability_vectors(const cxla::matrix<T, N, D>& A, T tol) {
  for (size_t i = 0; i < N; ++i) {
    T total{0};
    for (size_t j = 0; j < D; ++j) {
      if (!(A(i, j) >= T{0} && A(i, j) <= T{1})) return false;
      total += A(i, j);
    }
    if (!cxla::approx_equal(total, T{1}, tol)) return false;
  }
  return true;
}

// layer_norm(X) undone by its affine part, z = (y - beta) / gamma, has mean 0 and variance
// var / (var + eps) in every row (within tol; needs gamma without zeros).
template <class T, size_t D, size_t N>
constexpr bool layer_norm_standardises_rows(const cxla::nn::layer_norm_t<T, D>& norm,
                                            const cxla::matrix<T, N, D>& X, T tol) {
  const auto Y = norm(X);
  for (size_t i = 0; i < N; ++i) {
    T x_mean{0};
    for (size_t j = 0; j < D; ++j) x_mean += X(i, j) / static_cast<T>(D);
    T x_var{0};
    for (size_t j = 0; j < D; ++j) x_var += (X(i, j) - x_mean) * (X(i, j) - x_mean) / static_cast<T>(D);
    T z_mean{0};
    T z_square{0};
    for (size_t j = 0; j < D; ++j) {
      const T z = (Y(i, j) - norm.beta[j]) / norm.gamma[j];
      z_mean += z / static_cast<T>(D);
      z_square += z * z / static_cast<T>(D);
    }
    if (!cxla::approx_equal(z_mean, T{0}, tol)) return false;
    if (!cxla::approx_equal(z_square - z_mean * z_mean, x_var / (x_var + norm.epsilon), tol)) return false;
  }
  return true;
}

// Softmax over each row: a probability vector, and row i ordered like the logits of row i
// (a larger logit never gets a smaller weight).
template <class T, size_t N, size_t D>
constexpr bool softmax_rows_keeps_order(const cxla::matrix<T, N, D>& X, T tol) {
  const auto A = cxla::nn::softmax_rows(X);
  if (!rows_are_probability_vectors(A, tol)) return false;
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < D; ++j)
      for (size_t k = 0; k < D; ++k)
        if (X(i, j) > X(i, k) && A(i, j) < A(i, k)) return false;
  return true;
}

// gelu(x) = x * Phi(x) lies between min(x, 0) and max(x, 0); tanh lies within [-1, 1] and has the sign of x.
template <class T, size_t N, size_t D>
constexpr bool activations_are_bounded(const cxla::matrix<T, N, D>& X) {
  const auto G = cxla::nn::gelu(X);
  const auto H = cxla::nn::tanh(X);
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < D; ++j) {
      const T x = X(i, j);
      const T low = x < T{0} ? x : T{0};
      const T high = x < T{0} ? T{0} : x;
      if (!(G(i, j) >= low && G(i, j) <= high)) return false;
      if (!(H(i, j) >= T{-1} && H(i, j) <= T{1} && (x < T{0}) == (H(i, j) < T{0}))) return false;
    }
  return true;
}

}  // namespace cxla_props
