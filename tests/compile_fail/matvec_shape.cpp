// X * w with w one entry too long: a 3x2 matrix times a length-3 vector.
// expect-error: cxla: shape mismatch in X \* w
// expect-within-15: (R = 3; .*C = 2; .*N = 3|<double, 3UL, 2UL, double, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::vector<double, 3> w{{2, -1, 0}};
#else
  constexpr cxla::vector<double, 2> w{{2, -1}};
#endif
  constexpr auto yhat = X * w;
  return static_cast<int>(yhat[0]);
}
