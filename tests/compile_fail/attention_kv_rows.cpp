// Multi-query attention with one value row too many: K has 3 rows (keys), V has 4.
// expect-error: cxla: shape mismatch in attention\(Q, K, V\): K and V must have the same row count
// expect-within-15: (N = 3; .*NV = 4|3UL, 2UL, double, 4UL)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 2, 2> Q{{{1, 0}, {0, 1}}};
  constexpr cxla::matrix<double, 3, 2> K{{{1, 0}, {0, 1}, {1, 1}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::matrix<double, 4, 2> V{{{1, 0}, {0, 2}, {1, 1}, {2, 2}}};
#else
  constexpr cxla::matrix<double, 3, 2> V{{{1, 0}, {0, 2}, {1, 1}}};
#endif
  constexpr auto O = cxla::attention(Q, K, V);
  return O(0, 0) > 0 ? 0 : 1;
}
