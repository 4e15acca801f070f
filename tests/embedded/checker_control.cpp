// tests/embedded/checker_control.cpp - the checker's control: one check that holds and one
// that does not. run_expect.py requires exit status 1 and the failure line, which proves
// that a failed check reaches `meson test` (through newlib's exit and semihosting) and is
// not lost on the way.
#include "check.hpp"
#include "inputs.hpp"

int main() {
  cxla_embedded::checker c;
  c.group("control");
  CXLA_CHECK(c, cxla_embedded::opaque(2) + 2 == 4);
  CXLA_CHECK(c, cxla_embedded::opaque(2) + 2 == 5);
  return c.finish();
}
