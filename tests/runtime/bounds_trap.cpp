// Out-of-range access at run time is not undefined behaviour: the bounds check traps
// (SIGILL from __builtin_trap on x86). This program passes only if the trap happens and
// only at the out-of-range access.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include <cxla/cxla.hpp>

#include "opaque.hpp"

namespace {
volatile int stage = 0;

extern "C" void on_trap(int) {
  // Only async-signal-safe calls here.
  if (stage == 3) {
    const char msg[] = "bounds_trap: out-of-range access trapped as documented\n";
    (void)!write(1, msg, sizeof msg - 1);
    _exit(0);
  }
  const char msg[] = "bounds_trap: trapped at the wrong place\n";
  (void)!write(2, msg, sizeof msg - 1);
  _exit(2);
}
}  // namespace

int main() {
  std::signal(SIGILL, on_trap);
  std::signal(SIGTRAP, on_trap);
  cxla::matrix<double, 3, 2> X{{{1, 2}, {3, 4}, {5, 6}}};
  cxla::vector<double, 2> w{{2, -1}};
  const cxla::size_t i = cxla_test::opaque<cxla::size_t>(2);
  const cxla::size_t j = cxla_test::opaque<cxla::size_t>(1);
  stage = 1;
  double in_range = X(i, j) + w[j];  // fine: 6 + -1
  if (in_range != 5.0) return 3;
  stage = 2;
  (void)cxla::row(X, i);
  stage = 3;
  const cxla::size_t bad = cxla_test::opaque<cxla::size_t>(3);
  double out_of_range = X(bad, j);  // must trap here
  std::printf("bounds_trap: no trap, read %g\n", out_of_range);
  return 1;
}
