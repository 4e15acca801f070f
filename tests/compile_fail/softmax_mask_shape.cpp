// softmax_rows(S, mask) with the mask transposed.
// expect-error: cxla: shape mismatch in softmax_rows\(S, mask\)
// expect-within-15: (M = 2; .*N = 3; .*MM = 3; .*NM = 2|<double, 2UL, 3UL, 3UL, 2UL>)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 2, 3> S{{{1, 2, 3}, {0, 0, 0}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::matrix<bool, 3, 2> mask{};
#else
  constexpr cxla::matrix<bool, 2, 3> mask{{{true, true, false}, {true, false, true}}};
#endif
  constexpr auto A = cxla::softmax_rows(S, mask);
  return A(1, 0) > 0 ? 0 : 1;
}
