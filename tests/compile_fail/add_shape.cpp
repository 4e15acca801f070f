// A + B with a 2x3 and a 3x2 matrix.
// expect-error: cxla: shape mismatch in A \+ B
// expect-within-15: (R1 = 2; .*C1 = 3; .*R2 = 3; .*C2 = 2|<double, 2UL, 3UL, double, 3UL, 2UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<double, 2, 3> A{};
#ifdef CXLA_COMPILE_FAIL
  cxla::matrix<double, 3, 2> B{};
#else
  cxla::matrix<double, 2, 3> B{};
#endif
  auto S = A + B;
  return static_cast<int>(S(0, 0));
}
