// The seed's second snippet: single-query attention. The weights a = softmax(K q / sqrt(2))
// are non-negative and sum to 1, so the output o = sum_i a_i V[i, :] is a convex combination
// of the value rows: it lies in their span, indeed in their convex hull.
//
//   q = [1, 0],  K = [[1, 0], [0, 1], [1, 1]],  V = [[1, 0], [0, 2], [1, 1]]
//   NumPy (float64): weights [0.4011120926797859, 0.1977758146404282, 0.4011120926797859]
//                    o       [0.8022241853595719, 0.7966637219606423]
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <limits>

#include <cxla/cxla.hpp>
#include <cxla/io.hpp>

// q (2): the query.  K (3x2): one key per row.  V (3x2): one value per row.
constexpr cxla::vector<double, 2> q{{1, 0}};
constexpr cxla::matrix<double, 3, 2> K{{{1, 0}, {0, 1}, {1, 1}}};
constexpr cxla::matrix<double, 3, 2> V{{{1, 0}, {0, 2}, {1, 1}}};

constexpr auto result = cxla::attention_with_weights(q, K, V);  // {output (2), weights (3)}
constexpr auto weights = result.weights;
constexpr auto output = result.output;
// The explicit combination a[0] V[0] + a[1] V[1] + a[2] V[2], written out as in the seed.
constexpr auto combo = weights[0] * cxla::row(V, 0) + weights[1] * cxla::row(V, 1) + weights[2] * cxla::row(V, 2);

// NumPy's numbers, the independent reference.
constexpr double numpy_a[3] = {0.4011120926797859, 0.1977758146404282, 0.4011120926797859};
constexpr double numpy_o[2] = {0.8022241853595719, 0.7966637219606423};

constexpr bool matches_numpy(const cxla::vector<double, 3>& a, const cxla::vector<double, 2>& o) {
  bool ok = true;
  for (cxla::size_t i = 0; i < 3; ++i) ok = ok && cxla::ulp_distance(a[i], numpy_a[i]) <= 2;
  for (cxla::size_t j = 0; j < 2; ++j) ok = ok && cxla::ulp_distance(o[j], numpy_o[j]) <= 2;
  return ok;
}

// Proved before the program runs:
constexpr double tol = 4 * std::numeric_limits<double>::epsilon();
static_assert(cxla::is_probability_vector(weights, tol));  // every weight >= 0, sum 1 within tol
static_assert(cxla::is_convex_combination(output, weights, V, tol));  // o = sum_i a_i V[i, :]
static_assert(cxla::approx_equal(output, combo, 0.0, tol));
static_assert(matches_numpy(weights, output));

int main() {
  std::cout << std::setprecision(17);
  std::cout << "weights: " << weights << " sum: " << cxla::sum(weights) << '\n';
  std::cout << "o: " << output << '\n';
  std::cout << "combo: " << combo << '\n';
  // The same computation at run time, from values the compiler cannot fold.
  volatile double one = 1.0;
  const auto run = cxla::attention_with_weights(one * q, one * K, one * V);
  const bool same = run.output == output && run.weights == weights && matches_numpy(run.weights, run.output);
  std::cout << "run time: same numbers, within 2 ulp of NumPy: " << (same ? "yes" : "no") << '\n';
  return same ? 0 : 1;
}
