// cxla/detail/pipeline_check.hpp - the shape and element-type walk over a pipeline's layers,
// and the static_asserts that report the first mismatch. Not API.
//
// The diagnostics put the numbers in the instantiation of a variable template whose name
// spells the sentence (`layer_K_expects_E_columns_receives_R<3, 8, 4>`): a static_assert
// message must be a string literal, and both g++ and clang++ print the failing condition
// with its template arguments right after the message.
#pragma once

#include <cstddef>
#include <type_traits>

namespace cxla {

using std::size_t;

// any_extent: a row or column count that a layer leaves free (the layer works for every size).
inline constexpr size_t any_extent = static_cast<size_t>(-1);

// shape: rows x cols of a layer's input or output (tokens x features), any_extent where free.
struct shape {
  size_t rows;
  size_t cols;
  friend constexpr bool operator==(shape, shape) = default;
};

namespace detail {

enum class pipeline_problem { none, rows, columns, residual_rows, residual_columns };

// One layer applied to a given input shape: the problem found (if any), the input shape
// after free extents are filled from the layer's requirement, and the output shape.
struct layer_step {
  pipeline_problem what;
  size_t expects;
  size_t receives;
  shape in;
  shape out;
};

constexpr bool extents_clash(size_t need, size_t given) noexcept {
  return need != any_extent && given != any_extent && need != given;
}

template <class L>
constexpr layer_step step_through(shape given) noexcept {
  constexpr shape need = L::input_shape;
  if (extents_clash(need.cols, given.cols))
    return {pipeline_problem::columns, need.cols, given.cols, given, given};
  if (extents_clash(need.rows, given.rows))
    return {pipeline_problem::rows, need.rows, given.rows, given, given};
  const shape in{given.rows == any_extent ? need.rows : given.rows,
                 given.cols == any_extent ? need.cols : given.cols};
  if constexpr (requires { L::shape_problem(in); }) {
    const layer_step inner = L::shape_problem(in);
    if (inner.what != pipeline_problem::none) return inner;
  }
  return {pipeline_problem::none, 0, 0, in, L::output_shape_for(in)};
}

// The walk over a whole chain. `position` is 1-based; 0 when there is no problem.
struct chain_report {
  pipeline_problem what;
  size_t position;
  size_t expects;
  size_t receives;
  shape input;
  shape output;
};

// Layers must leave a free extent free (an extent a layer does not fix passes through
// unchanged), so the first layer that fixes an extent still free fixes the chain's input.
template <class... Layers>
constexpr chain_report walk_chain(shape given) noexcept {
  constexpr layer_step (*steps[])(shape) noexcept = {&step_through<Layers>...};
  chain_report report{pipeline_problem::none, 0, 0, 0, given, given};
  shape current = given;
  for (size_t k = 0; k < sizeof...(Layers); ++k) {
    const layer_step s = steps[k](current);
    if (s.what != pipeline_problem::none) {
      report.what = s.what;
      report.position = k + 1;
      report.expects = s.expects;
      report.receives = s.receives;
      return report;
    }
    if (current.rows == any_extent) report.input.rows = s.in.rows;
    if (current.cols == any_extent) report.input.cols = s.in.cols;
    current = s.out;
  }
  report.output = current;
  return report;
}

// ---- element types: `void` means the layer takes any element type -------------------

template <class... Ts>
struct first_typed {
  using type = void;
};
template <class T, class... Ts>
struct first_typed<T, Ts...> {
  using type = std::conditional_t<std::is_void_v<T>, typename first_typed<Ts...>::type, T>;
};
// The first non-void type of the pack, or void.
template <class... Ts>
using first_typed_t = typename first_typed<Ts...>::type;

// Position (1-based) of the first layer whose element type is neither void nor Given; 0 if none.
template <class Given, class... Layers>
constexpr size_t first_type_clash() noexcept {
  if constexpr (std::is_void_v<Given>) {
    return 0;
  } else {
    constexpr bool clash[] = {!(std::is_void_v<typename Layers::value_type> ||
                                std::is_same_v<typename Layers::value_type, Given>)...};
    for (size_t k = 0; k < sizeof...(Layers); ++k)
      if (clash[k]) return k + 1;
    return 0;
  }
}

template <size_t K, class... Ts>
struct nth_type;
template <class T, class... Ts>
struct nth_type<0, T, Ts...> {
  using type = T;
};
template <size_t K, class T, class... Ts>
struct nth_type<K, T, Ts...> {
  using type = typename nth_type<K - 1, Ts...>::type;
};

// ---- the diagnostics -------------------------------------------------------------------

template <size_t K, size_t E, size_t R>
inline constexpr bool layer_K_expects_E_columns_receives_R = false;
template <size_t K, size_t E, size_t R>
inline constexpr bool layer_K_expects_E_rows_receives_R = false;
template <size_t K, size_t C, size_t D>
inline constexpr bool residual_at_layer_K_maps_C_columns_to_D = false;
template <size_t K, size_t C, size_t D>
inline constexpr bool residual_at_layer_K_maps_C_rows_to_D = false;
template <size_t K, class E, class R>
inline constexpr bool layer_K_expects_element_type_E_receives_R = false;

// Each report_* class holds the static_assert for one kind of problem; completing the class
// (sizeof) fires it. The static_asserts sit in class bodies, not in static data members,
// because those are instantiated only when used.
template <pipeline_problem P, size_t K, size_t E, size_t R>
struct report_shape {};
template <size_t K, size_t E, size_t R>
struct report_shape<pipeline_problem::columns, K, E, R> {
  static_assert(layer_K_expects_E_columns_receives_R<K, E, R>,
                "cxla: pipeline layer K expects E columns, receives R");
};
template <size_t K, size_t E, size_t R>
struct report_shape<pipeline_problem::rows, K, E, R> {
  static_assert(layer_K_expects_E_rows_receives_R<K, E, R>,
                "cxla: pipeline layer K expects E rows, receives R");
};
template <size_t K, size_t E, size_t R>
struct report_shape<pipeline_problem::residual_columns, K, E, R> {
  static_assert(residual_at_layer_K_maps_C_columns_to_D<K, E, R>,
                "cxla: pipeline layer K is residual(f) with f mapping C columns to D; x + f(x) needs C == D");
};
template <size_t K, size_t E, size_t R>
struct report_shape<pipeline_problem::residual_rows, K, E, R> {
  static_assert(residual_at_layer_K_maps_C_rows_to_D<K, E, R>,
                "cxla: pipeline layer K is residual(f) with f mapping C rows to D; x + f(x) needs C == D");
};

template <size_t K, class E, class R>
struct report_type {
  static_assert(layer_K_expects_element_type_E_receives_R<K, E, R>,
                "cxla: pipeline layer K expects element type E, receives R");
};
template <class E, class R>
struct report_type<0, E, R> {};

// The first element-type clash of Given against Layers; sizeof(reporter) reports it.
template <class Given, class... Layers>
struct check_types {
  static constexpr size_t position = first_type_clash<Given, Layers...>();
  using expected = typename nth_type<(position == 0 ? 0 : position - 1), Layers...>::type::value_type;
  using reporter = report_type<position, expected, Given>;  // sizeof(reporter) reports
  static constexpr bool ok = position == 0;
};

// The first shape problem of the chain walked from `given`; sizeof(reporter) reports it.
template <shape given, class... Layers>
struct check_shapes {
  static constexpr chain_report report = walk_chain<Layers...>(given);
  using reporter = report_shape<report.what, report.position, report.expects, report.receives>;
  static constexpr bool ok = report.what == pipeline_problem::none;
};

}  // namespace detail
}  // namespace cxla
