// The seed's first snippet: a prediction X w is a weighted sum of the columns of X,
// so it lies in X's column space.
//
//   X = [[1, 2], [3, 4], [5, 6]],  w = [2, -1]
//   yhat = X w = 2 X[:,0] - 1 X[:,1] = [0, 2, 4]
#include <iostream>

#include <cxla/cxla.hpp>
#include <cxla/io.hpp>

// X (3x2): rows are examples, columns are features.  w (2): one weight per column.
constexpr cxla::matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
constexpr cxla::vector<double, 2> w{{2, -1}};

constexpr auto yhat = X * w;                                    // vector<double, 3>
constexpr auto as_combo = cxla::column_combination(X, w);      // sum_j w[j] * X[:, j]

// Proved before the program runs:
static_assert(yhat == as_combo);
static_assert(yhat == 2.0 * cxla::col(X, 0) - 1.0 * cxla::col(X, 1));
static_assert(yhat == cxla::vector<double, 3>{{0, 2, 4}});

int main() {
  std::cout << "yhat: " << yhat << '\n';
  std::cout << "as combo: " << as_combo << '\n';
  // The same identity, computed again at run time from values the compiler cannot fold.
  volatile double scale = 1.0;
  const auto Xr = scale * X;
  const auto wr = scale * w;
  const bool same = Xr * wr == cxla::column_combination(Xr, wr);
  std::cout << "run time: X w == column combination: " << (same ? "yes" : "no") << '\n';
  return same ? 0 : 1;
}
