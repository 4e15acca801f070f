// cxla/pipeline.hpp - fixed-size models as compile-time compositions of layers (Boost.Hana).
//
//   auto model = cxla::pipeline(cxla::nn::linear(W1, b1), cxla::nn::relu, cxla::nn::linear(W2, b2));
//   auto y = model(X);                    // X: matrix<T, N, D> (N tokens of D features)
//
// A layer maps a matrix<T, N, D> (rows are tokens, columns are features) to a matrix<T, N, D'>;
// a vector<T, D> input is one token and gives a vector<T, D'>. Each layer type states its
// input shape and output shape at compile time (cxla::any_extent where it works for every
// size), so the whole chain is checked when the pipeline type is formed, and again against
// the input when the model is applied: a mismatch fails to compile with
// "cxla: pipeline layer K expects E columns, receives R" and K, E, R printed beside it.
//
// Weights are ordinary values (runtime or constexpr) or non-type template parameters
// (nn::linear<W, b>(), nn::fixed<layer>): then the layer is an empty type and the weights
// sit in .rodata. A model on constexpr inputs is a constant expression.
//
// Not included by cxla.hpp: it is the only header that needs Boost.Hana.
//
// Layer protocol (for user-defined layers): a type L with
//   using value_type = T;                   // element type, or void for "any"
//   static constexpr shape input_shape;      // required input, any_extent where free
//   static constexpr shape output_shape_for(shape in);   // a free extent must stay free
//   static constexpr size_t parameter_count;
//   template <class T, size_t N, size_t D> constexpr auto operator()(const matrix<T, N, D>&) const;
// and optionally `static constexpr detail::layer_step shape_problem(shape in)` for extra checks.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/hana/fold_left.hpp>
#include <boost/hana/tuple.hpp>

#include "attention.hpp"
#include "detail/pipeline_check.hpp"
#include "math.hpp"
#include "matrix.hpp"
#include "ops.hpp"
#include "softmax.hpp"

namespace cxla {

// ---- pipeline ---------------------------------------------------------------------------

// pipeline(l1, ..., ln): matrix<T, N, l1 input> -> matrix<T, N, ln output>, applying l1 first.
// A pipeline is itself a layer, so pipelines nest (e.g. inside nn::residual).
template <class... Layers>
struct pipeline {
  static_assert(sizeof...(Layers) > 0, "cxla: a pipeline needs at least one layer");

 private:
  using formed_types = detail::check_types<detail::first_typed_t<typename Layers::value_type...>, Layers...>;
  using formed_shapes = detail::check_shapes<shape{any_extent, any_extent}, Layers...>;
  static_assert(sizeof(typename formed_types::reporter) + sizeof(typename formed_shapes::reporter) > 0);

 public:
  // Element type of the typed layers (void if every layer takes any element type).
  using value_type = detail::first_typed_t<typename Layers::value_type...>;
  // Input and output shape of the chain (rows x cols; any_extent where every layer leaves it free).
  static constexpr shape input_shape = formed_shapes::report.input;
  static constexpr shape output_shape = formed_shapes::report.output;
  // Number of weights and biases in all layers.
  static constexpr size_t parameter_count = (size_t{0} + ... + Layers::parameter_count);
  // Number of layers (a nested pipeline counts as one).
  static constexpr size_t size = sizeof...(Layers);

  // The layers in order, for boost::hana::for_each, boost::hana::at_c, ...
  boost::hana::tuple<Layers...> layers;

  // pipeline(l1, ..., ln): takes the layers by value.
  constexpr explicit pipeline(Layers... ls) : layers(std::move(ls)...) {}

  // Output shape for a given input shape (part of the layer protocol).
  static constexpr shape output_shape_for(shape in) noexcept {
    return detail::walk_chain<Layers...>(in).output;
  }
  // Shape problem of the chain for a given input (part of the layer protocol).
  static constexpr detail::layer_step shape_problem(shape in) noexcept {
    const detail::chain_report r = detail::walk_chain<Layers...>(in);
    return {r.what, r.expects, r.receives, in, r.output};
  }

  // model(X): matrix<T, N, D> -> matrix<T, N, D'>;  model(x): vector<T, D> -> vector<T, D'> (one token).
  template <class X>
  constexpr auto operator()(const X& x) const noexcept {
    static_assert(matrix_like<X>,
                  "cxla: a pipeline takes a cxla::matrix (tokens x features) or a cxla::vector");
    using T = typename X::value_type;
    constexpr shape given = any_vector<X> ? shape{1, X::rows} : shape{X::rows, X::cols};
    using types = detail::check_types<T, Layers...>;
    using shapes = detail::check_shapes<given, Layers...>;
    static_assert(sizeof(typename types::reporter) + sizeof(typename shapes::reporter) > 0);
    if constexpr (!(types::ok && shapes::ok)) {
      return x;
    } else if constexpr (any_vector<X>) {
      return as_vector(apply_rows(transpose(x)));
    } else {
      return apply_rows(x);
    }
  }

 private:
  template <class M>
  constexpr auto apply_rows(const M& x) const noexcept {
    return boost::hana::fold_left(layers, x, [](const auto& acc_, const auto& layer_) { return layer_(acc_); });
  }
};

template <class... Layers>
pipeline(Layers...) -> pipeline<Layers...>;

// composable_v<L1, ..., Ln>: true if pipeline<L1, ..., Ln> would form (shapes and element
// types agree), for checks in generic code: `static_assert(!cxla::composable_v<A, B>)`.
template <class... Layers>
inline constexpr bool composable_v =
    detail::check_types<detail::first_typed_t<typename Layers::value_type...>, Layers...>::ok&&
        detail::check_shapes<shape{any_extent, any_extent}, Layers...>::ok;

// ---- layers -----------------------------------------------------------------------------

namespace nn {

namespace detail {

// Element-wise layers: any shape in, the same shape out, no parameters.
struct elementwise {
  using value_type = void;
  static constexpr shape input_shape{any_extent, any_extent};
  static constexpr shape output_shape{any_extent, any_extent};
  static constexpr size_t parameter_count = 0;
  static constexpr shape output_shape_for(shape in) noexcept { return in; }
};

}  // namespace detail

// relu: matrix<T, N, D> -> matrix<T, N, D>, max(x, 0) element-wise (NaN stays NaN).
struct relu_t : detail::elementwise {
  template <class T, size_t N, size_t D>
  constexpr matrix<T, N, D> operator()(const matrix<T, N, D>& x) const noexcept {
    return cxla::detail::map(x, [](T v_) { return v_ < T{0} ? T{0} : v_; });
  }
};
inline constexpr relu_t relu{};

// linear_t: matrix<T, N, In> -> matrix<T, N, Out>, Y = X W + b on every row (W is In x Out,
// the row-vector convention of attention.hpp: a token x maps to x W + b).
template <class T, size_t In, size_t Out>
struct linear_t {
  using value_type = T;
  static constexpr shape input_shape{any_extent, In};
  static constexpr shape output_shape{any_extent, Out};
  static constexpr size_t parameter_count = In * Out + Out;
  static constexpr shape output_shape_for(shape in) noexcept { return {in.rows, Out}; }

  matrix<T, In, Out> W;
  vector<T, Out> b;

  template <class U, size_t N, size_t D>
  constexpr matrix<T, N, Out> operator()(const matrix<U, N, D>& X) const noexcept {
    static_assert(D == In, "cxla: shape mismatch in linear(X): X's column count must equal W's row count");
    static_assert(std::is_same_v<T, U>,
                  "cxla: element type mismatch in linear(X): convert one side with cxla::cast<T>");
    if constexpr (D == In && std::is_same_v<T, U>) {
      // X * W sums sequentially in k for each row alone: a token gives the same bits alone
      // or inside a sequence.
      matrix<T, N, Out> Y = X * W;
      for (size_t n = 0; n < N; ++n)
        for (size_t o = 0; o < Out; ++o) Y.data[n][o] = cxla::detail::add(Y.data[n][o], b.data[o]);
      return Y;
    } else {
      return matrix<T, N, Out>{};
    }
  }
};

// linear(W, b): W matrix<T, In, Out>, b vector<T, Out> -> layer matrix<T, N, In> -> matrix<T, N, Out>.
template <class T, size_t In, size_t Out>
constexpr linear_t<T, In, Out> linear(const matrix<T, In, Out>& W, const vector<T, Out>& b) noexcept {
  return {W, b};
}

// fixed<L>: the layer value L as a template argument; an empty type with L's shapes.
template <auto L>
struct fixed {
  using layer_type = std::remove_cvref_t<decltype(L)>;
  using value_type = typename layer_type::value_type;
  static constexpr shape input_shape = layer_type::input_shape;
  static constexpr shape output_shape = layer_type::output_shape_for(layer_type::input_shape);
  static constexpr size_t parameter_count = layer_type::parameter_count;
  static constexpr shape output_shape_for(shape in) noexcept { return layer_type::output_shape_for(in); }
  static constexpr cxla::detail::layer_step shape_problem(shape in) noexcept {
    return cxla::detail::step_through<layer_type>(in);
  }

  template <class X>
  constexpr auto operator()(const X& x) const noexcept {
    return L(x);
  }
};

// linear<W, b>(): as linear(W, b), with the weights as template arguments (an empty layer).
template <matrix W, vector b>
constexpr auto linear() noexcept {
  return fixed<linear(W, b)>{};
}

// residual_t<F>: matrix<T, N, D> -> matrix<T, N, D>, x + f(x); f must keep the shape.
template <class F>
struct residual_t {
  using value_type = typename F::value_type;
  static constexpr shape input_shape = F::input_shape;
  static constexpr shape output_shape = F::input_shape;
  static constexpr size_t parameter_count = F::parameter_count;
  static constexpr shape output_shape_for(shape in) noexcept { return in; }
  static constexpr cxla::detail::layer_step shape_problem(shape in) noexcept {
    using cxla::detail::pipeline_problem;
    cxla::detail::layer_step s = cxla::detail::step_through<F>(in);
    if (s.what != pipeline_problem::none) return s;
    if (s.out.cols != s.in.cols)
      return {pipeline_problem::residual_columns, s.in.cols, s.out.cols, in, s.out};
    if (s.out.rows != s.in.rows) return {pipeline_problem::residual_rows, s.in.rows, s.out.rows, in, s.out};
    return {pipeline_problem::none, 0, 0, in, in};
  }

  F f;

  template <class T, size_t N, size_t D>
  constexpr matrix<T, N, D> operator()(const matrix<T, N, D>& x) const noexcept {
    const auto fx = f(x);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(fx)>, matrix<T, N, D>>,
                  "cxla: shape mismatch in residual(f)(x): f(x) must have x's shape and element type");
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(fx)>, matrix<T, N, D>>)
      return x + fx;
    else
      return x;
  }
};

// residual(f): layer x -> x + f(x), same shape in and out.
template <class F>
constexpr residual_t<F> residual(F f) noexcept {
  return {std::move(f)};
}

// tanh: matrix<T, N, D> -> matrix<T, N, D>, cxla::tanh element-wise.
struct tanh_t : detail::elementwise {
  template <class T, size_t N, size_t D>
  constexpr matrix<T, N, D> operator()(const matrix<T, N, D>& x) const noexcept {
    static_assert(std::is_floating_point_v<T>, "cxla: nn::tanh needs a floating-point element type");
    return cxla::detail::map(x, [](T v_) { return cxla::tanh(v_); });
  }
};
inline constexpr tanh_t tanh{};

// gelu: matrix<T, N, D> -> matrix<T, N, D>, x * Phi(x) = x/2 * (1 + erf(x / sqrt(2))) element-wise.
struct gelu_t : detail::elementwise {
  template <class T, size_t N, size_t D>
  constexpr matrix<T, N, D> operator()(const matrix<T, N, D>& x) const noexcept {
    static_assert(std::is_floating_point_v<T>, "cxla: nn::gelu needs a floating-point element type");
    constexpr T inv_sqrt2 = static_cast<T>(0.70710678118654752440084436210484903928L);
    return cxla::detail::map(x, [](T v_) { return T{0.5} * v_ * (T{1} + cxla::erf(v_ * inv_sqrt2)); });
  }
};
inline constexpr gelu_t gelu{};

// softmax_rows: matrix<T, N, D> -> matrix<T, N, D>, every row a probability vector (softmax.hpp).
struct softmax_rows_t : detail::elementwise {
  template <class T, size_t N, size_t D>
  constexpr matrix<T, N, D> operator()(const matrix<T, N, D>& x) const noexcept {
    return cxla::softmax_rows(x);
  }
};
inline constexpr softmax_rows_t softmax_rows{};

// layer_norm_t: matrix<T, N, D> -> matrix<T, N, D>; each row (x - mean) / sqrt(var + eps) * gamma + beta.
template <class T, size_t D>
struct layer_norm_t {
  static_assert(std::is_floating_point_v<T>, "cxla: layer_norm needs a floating-point element type");
  using value_type = T;
  static constexpr shape input_shape{any_extent, D};
  static constexpr shape output_shape{any_extent, D};
  static constexpr size_t parameter_count = 2 * D;
  static constexpr shape output_shape_for(shape in) noexcept { return in; }

  vector<T, D> gamma;
  vector<T, D> beta;
  T epsilon;

  template <class U, size_t N, size_t D2>
  constexpr matrix<T, N, D> operator()(const matrix<U, N, D2>& X) const noexcept {
    static_assert(D2 == D,
                  "cxla: shape mismatch in layer_norm(X): X's column count must equal gamma's length");
    static_assert(std::is_same_v<T, U>,
                  "cxla: element type mismatch in layer_norm(X): convert one side with cxla::cast<T>");
    matrix<T, N, D> Y{};
    if constexpr (D2 == D && std::is_same_v<T, U>) {
      constexpr T count = static_cast<T>(D);
      for (size_t n = 0; n < N; ++n) {
        const vector<T, D> x = row(X, n);
        const T mean = sum(x) / count;
        vector<T, D> centered{};
        for (size_t j = 0; j < D; ++j) centered.data[j] = x.data[j] - mean;
        const T variance = dot(centered, centered) / count;
        const T inv_std = T{1} / cxla::sqrt(variance + epsilon);
        for (size_t j = 0; j < D; ++j)
          Y.data[n][j] = centered.data[j] * inv_std * gamma.data[j] + beta.data[j];
      }
    }
    return Y;
  }
};

// layer_norm(gamma, beta[, eps]): vector<T, D> x 2 -> layer matrix<T, N, D> -> matrix<T, N, D>.
template <class T, size_t D>
constexpr layer_norm_t<T, D> layer_norm(const vector<T, D>& gamma, const vector<T, D>& beta,
                                        T epsilon = static_cast<T>(1e-5)) noexcept {
  return {gamma, beta, epsilon};
}

// self_attention_t: matrix<T, N, D> -> matrix<T, N, D>, multi_head_attention<H>(X, Wq, Wk, Wv, Wo)
// of attention.hpp (row-vector convention, head h on columns [h*D/H, (h+1)*D/H)).
template <class T, size_t D, size_t H>
struct self_attention_t {
  static_assert(H > 0 && D % H == 0,
                "cxla: self_attention<H>: d_model must be a multiple of the head count H");
  using value_type = T;
  static constexpr shape input_shape{any_extent, D};
  static constexpr shape output_shape{any_extent, D};
  static constexpr size_t parameter_count = 4 * D * D;
  static constexpr size_t heads = H;
  static constexpr shape output_shape_for(shape in) noexcept { return in; }

  matrix<T, D, D> Wq;
  matrix<T, D, D> Wk;
  matrix<T, D, D> Wv;
  matrix<T, D, D> Wo;

  template <class U, size_t N, size_t D2>
  constexpr matrix<T, N, D> operator()(const matrix<U, N, D2>& X) const noexcept {
    static_assert(D2 == D, "cxla: shape mismatch in self_attention(X): X's column count must equal d_model");
    static_assert(std::is_same_v<T, U>,
                  "cxla: element type mismatch in self_attention(X): convert one side with cxla::cast<T>");
    if constexpr (D2 == D && std::is_same_v<T, U>)
      return multi_head_attention<H>(X, Wq, Wk, Wv, Wo);
    else
      return matrix<T, N, D>{};
  }
};

// self_attention<H>(Wq, Wk, Wv, Wo): 4 x matrix<T, D, D> -> layer matrix<T, N, D> -> matrix<T, N, D>
// (H heads, default 1: single-head attention followed by the output projection Wo).
template <size_t H = 1, class T, size_t D>
constexpr self_attention_t<T, D, H> self_attention(const matrix<T, D, D>& Wq, const matrix<T, D, D>& Wk,
                                                   const matrix<T, D, D>& Wv,
                                                   const matrix<T, D, D>& Wo) noexcept {
  return {Wq, Wk, Wv, Wo};
}

}  // namespace nn
}  // namespace cxla
