// A matrix with no rows.
// expect-error: cxla: matrix dimensions must be at least 1
// expect-within-15: (matrix<double, 0, 3>)
#include <cxla/cxla.hpp>
int main() {
#ifdef CXLA_COMPILE_FAIL
  cxla::matrix<double, 0, 3> A{};
#else
  cxla::matrix<double, 1, 3> A{};
#endif
  return static_cast<int>(sizeof A);
}
