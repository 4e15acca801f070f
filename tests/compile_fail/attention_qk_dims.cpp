// Single-query attention with a query of the wrong length: q has 3 entries, K's rows 2.
// expect-error: cxla: shape mismatch in attention\(q, K, V\): q's length \(dk\) must equal K's column count
// expect-within-15: (DK = 3; .*N = 3; .*DK2 = 2|<double, 3UL, double, 3UL, 2UL)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 3, 2> K{{{1, 0}, {0, 1}, {1, 1}}};
  constexpr cxla::matrix<double, 3, 2> V{{{1, 0}, {0, 2}, {1, 1}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::vector<double, 3> q{{1, 0, 0}};
#else
  constexpr cxla::vector<double, 2> q{{1, 0}};
#endif
  constexpr auto o = cxla::attention(q, K, V);
  return o[0] > 0 ? 0 : 1;
}
