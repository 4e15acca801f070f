// softmax of a matrix without naming the axis.
// expect-error: cxla: softmax\(S\) of a matrix does not say its axis: use softmax_rows\(S\)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 2, 3> S{{{1, 2, 3}, {0, 0, 0}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr auto A = cxla::softmax(S);
#else
  constexpr auto A = cxla::softmax_rows(S);
#endif
  return A(1, 0) > 0 ? 0 : 1;
}
