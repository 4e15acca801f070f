// A 3x1 matrix plus a length-3 vector: the types differ on purpose; convert explicitly.
// expect-error: cxla: shape mismatch in A \+ w
// expect-within-15: (R = 3; .*C = 1; .*N = 3|<double, 3UL, 1UL, double, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<double, 3, 1> A{};
  cxla::vector<double, 3> w{};
#ifdef CXLA_COMPILE_FAIL
  auto S = A + w;
#else
  auto S = A + cxla::as_matrix(w);
#endif
  return static_cast<int>(S(0, 0));
}
