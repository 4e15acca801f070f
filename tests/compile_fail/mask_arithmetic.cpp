// Arithmetic on a bool (mask) matrix.
// expect-error: cxla: arithmetic on bool \(mask\) matrices is not defined
// expect-within-15: (T = bool|<bool, 2UL, 2UL, bool, 2UL, 2UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<bool, 2, 2> M{};
#ifdef CXLA_COMPILE_FAIL
  auto S = M + M;
  return S(0, 0) ? 1 : 0;
#else
  return M == M ? 0 : 1;
#endif
}
