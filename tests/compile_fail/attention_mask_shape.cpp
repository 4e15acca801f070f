// A mask of the wrong shape: 2 queries x 3 keys need a 2 x 3 mask, not the 3 x 3 causal mask.
// expect-error: cxla: shape mismatch in attention\(Q, K, V, mask\): mask must be rows\(Q\) x rows\(K\)
// expect-within-15: (M = 2; .*N = 3; .*MM = 3; .*NM = 3|2UL, 2UL, double, 3UL, 2UL, double, 3UL, 2UL, 3UL, 3UL)
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::matrix<double, 2, 2> Q{{{1, 0}, {0, 1}}};
  constexpr cxla::matrix<double, 3, 2> K{{{1, 0}, {0, 1}, {1, 1}}};
  constexpr cxla::matrix<double, 3, 2> V{{{1, 0}, {0, 2}, {1, 1}}};
#ifdef CXLA_COMPILE_FAIL
  constexpr auto mask = cxla::causal_mask<3>();
#else
  constexpr cxla::matrix<bool, 2, 3> mask{{{true, false, false}, {true, true, false}}};
#endif
  constexpr auto O = cxla::attention(Q, K, V, mask);
  return O(0, 0) > 0 ? 0 : 1;
}
