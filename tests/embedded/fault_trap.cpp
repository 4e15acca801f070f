// tests/embedded/fault_trap.cpp - the fault path: an out-of-range element access traps
// (cxla's run-time bounds check, __builtin_trap), the core takes a HardFault, and the
// startup's handler must end QEMU with status 103 and a message, not hang. run_expect.py
// checks both.
#include <cxla/cxla.hpp>

#include "inputs.hpp"

int main() {
  const auto w = cxla_embedded::opaque(cxla::vector<int, 3>{{1, 2, 3}});
  const cxla::size_t index = cxla_embedded::opaque(cxla::size_t{3});
  return w[index];  // out of range: traps
}
