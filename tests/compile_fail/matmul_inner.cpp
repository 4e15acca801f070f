// A * B with inner dimensions 3 and 2.
// expect-error: cxla: shape mismatch in A \* B
// expect-within-15: (R = 2; .*K = 3; .*K2 = 2; .*C = 3|<double, 2UL, 3UL, double, 2UL, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<double, 2, 3> A{};
#ifdef CXLA_COMPILE_FAIL
  cxla::matrix<double, 2, 3> B{};
#else
  cxla::matrix<double, 3, 3> B{};
#endif
  auto P = A * B;
  return static_cast<int>(P(0, 0));
}
