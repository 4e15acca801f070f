// 0.5 * an integer matrix would truncate to 0 * A.
// expect-error: cxla: element type mismatch in s \* A
// expect-within-15: (S = double.*int|<double, cxla::matrix<int, 2, 2>>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<int, 2, 2> A{{{1, 2}, {3, 4}}};
#ifdef CXLA_COMPILE_FAIL
  auto H = 0.5 * A;
#else
  auto H = 2 * A;
#endif
  return H(0, 0);
}
