// X(3, 0) on a 3x2 matrix inside a constant expression.
// expect-error: (cxla_error_index_out_of_range|constexpr variable .bad. must be initialized by a constant expression)
// expect-within-15: cxla_error_index_out_of_range
// max-lines: 16
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr double bad = X(3, 0);
#else
  constexpr double bad = X(2, 0);
#endif
  return static_cast<int>(bad);
}
