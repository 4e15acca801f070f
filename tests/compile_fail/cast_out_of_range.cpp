// Converting 1e10 to int would be undefined behaviour: a compile error in a constant expression.
// expect-error: (cxla_error_conversion_out_of_range|constexpr variable 'n' must be initialized by a constant expression)
// expect-within-15: cxla_error_conversion_out_of_range
// max-lines: 16
#include <cxla/cxla.hpp>
int main() {
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::vector<double, 1> x{{1e10}};
#else
  constexpr cxla::vector<double, 1> x{{1e9}};
#endif
  constexpr auto n = cxla::cast<int>(x);
  return n[0] > 0 ? 0 : 1;
}
