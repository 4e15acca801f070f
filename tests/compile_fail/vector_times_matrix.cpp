// w * A where w is a column: needs A to have one row. The fix is transpose(w) * A.
// expect-error: cxla: shape mismatch in w \* A
// expect-within-15: (N = 3; .*R = 3; .*C = 2|<double, 3UL, double, 3UL, 2UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::vector<double, 3> w{};
  cxla::matrix<double, 3, 2> A{};
#ifdef CXLA_COMPILE_FAIL
  auto p = w * A;
#else
  auto p = cxla::transpose(w) * A;
#endif
  return static_cast<int>(p(0, 0));
}
