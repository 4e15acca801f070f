// Signed overflow in a constant expression is a compile error (at run time it wraps).
// expect-error: (cxla_error_signed_integer_overflow|constexpr variable .big. must be initialized by a constant expression)
// expect-within-15: cxla_error_signed_integer_overflow
// max-lines: 16
#include <cxla/cxla.hpp>
int main() {
  constexpr cxla::vector<int, 1> a{{2147483647}};
#ifdef CXLA_COMPILE_FAIL
  constexpr cxla::vector<int, 1> one{{1}};
#else
  constexpr cxla::vector<int, 1> one{{-1}};
#endif
  constexpr auto big = a + one;
  return big[0] > 0 ? 0 : 1;
}
