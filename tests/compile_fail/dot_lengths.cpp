// dot(a, b) with lengths 3 and 4.
// expect-error: cxla: shape mismatch in dot\(a, b\)
// expect-within-15: (N = 3; .*M = 4|<double, 3UL, double, 4UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::vector<double, 3> a{};
#ifdef CXLA_COMPILE_FAIL
  cxla::vector<double, 4> b{};
#else
  cxla::vector<double, 3> b{};
#endif
  return static_cast<int>(cxla::dot(a, b));
}
