// double + float matrices: no silent promotion; cast one side.
// expect-error: cxla: element type mismatch in A \+ B
// expect-within-15: (T = double.*U = float|<double, 2UL, 2UL, float, 2UL, 2UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::matrix<double, 2, 2> A{};
  cxla::matrix<float, 2, 2> B{};
#ifdef CXLA_COMPILE_FAIL
  auto S = A + B;
#else
  auto S = A + cxla::cast<double>(B);
#endif
  return static_cast<int>(S(0, 0));
}
