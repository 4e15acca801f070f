// Multi-head attention with d_model = 6 split into 4 heads: 6 % 4 != 0.
// expect-error: cxla: shape mismatch in multi_head_attention<H>: d_model \(the columns of X\) must be divisible by the head count H
// expect-within-15: (H = 4; .*D = 6|<4UL, double, 2UL, 6UL)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 2, 6> X{{{1, 0, 0, 1, 0, 0}, {0, 1, 0, 0, 1, 0}}};
  constexpr auto W = cxla::identity<double, 6>();
#ifdef CXLA_COMPILE_FAIL
  constexpr auto Y = cxla::multi_head_attention<4>(X, W, W, W, W);
#else
  constexpr auto Y = cxla::multi_head_attention<3>(X, W, W, W, W);
#endif
  return Y(0, 0) > 0 ? 0 : 1;
}
