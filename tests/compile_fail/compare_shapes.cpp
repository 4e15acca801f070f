// A == B with different shapes is an error, not `false`.
// expect-error: cxla: shape mismatch in A == B
// expect-within-15: (R1 = 2; .*C1 = 2; .*R2 = 2; .*C2 = 3|<double, 2UL, 2UL, double, 2UL, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<double, 2, 2> A{};
#ifdef CXLA_COMPILE_FAIL
  cxla::matrix<double, 2, 3> B{};
#else
  cxla::matrix<double, 2, 2> B{};
#endif
  return A == B ? 0 : 1;
}
