// a * b for two column vectors: neither dot nor outer is implied.
// expect-error: cxla: shape mismatch in a \* b
// expect-within-15: (N = 3; .*M = 3|<double, 3UL, double, 3UL>)
#include <cxla/cxla.hpp>
int main() {
  cxla::vector<double, 3> a{};
  cxla::vector<double, 3> b{};
#ifdef CXLA_COMPILE_FAIL
  auto p = a * b;
  return static_cast<int>(p[0]);
#else
  auto p = cxla::dot(a, b);
  return static_cast<int>(p);
#endif
}
