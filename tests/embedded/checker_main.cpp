// tests/embedded/checker_main.cpp - the run-time test program for the emulated Cortex-M:
// runs every group of checks and returns non-zero if any failed (newlib's exit passes the
// status to QEMU through semihosting, so `meson test` sees it).
#include "suites.hpp"

int main() {
  cxla_embedded::checker c;
  cxla_embedded::check_seed(c);
  cxla_embedded::check_core(c);
  cxla_embedded::check_math(c);
  cxla_embedded::check_softmax(c);
  cxla_embedded::check_attention(c);
  return c.finish();
}
