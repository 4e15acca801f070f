// Control for tools/check_rodata.py: the same kind of object as the tiny transformer's output,
// but computed from a value known only at run time, so it lives in .bss and a dynamic
// initialiser fills it at start-up. The check must reject it (proves the check can fail).
#include <cxla/cxla.hpp>

namespace {
volatile float seed = 1.5f;
cxla::matrix<float, 8, 16> fill() {
  cxla::matrix<float, 8, 16> m{};
  for (cxla::size_t i = 0; i < 8; ++i)
    for (cxla::size_t j = 0; j < 16; ++j) m(i, j) = seed * static_cast<float>(i + j);
  return m;
}
}  // namespace

extern const cxla::matrix<float, 8, 16> computed_at_startup;
const cxla::matrix<float, 8, 16> computed_at_startup = fill();

int main() { return computed_at_startup(7, 15) > 0.0f ? 0 : 1; }
