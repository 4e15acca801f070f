// column_combination(X, w) with one weight per row instead of one per column.
// expect-error: cxla: shape mismatch in column_combination\(X, w\)
// expect-within-15: (R = 3; .*C = 2; .*N = 3|<double, 3UL, 2UL, double, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::vector<double, 3> w{{2, -1, 0}};
#else
  constexpr cxla::vector<double, 2> w{{2, -1}};
#endif
  return static_cast<int>(cxla::column_combination(X, w)[0]);
}
