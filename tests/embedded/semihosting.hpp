// tests/embedded/semihosting.hpp - the two Arm semihosting calls the embedded programs
// need: write a string to the host and exit with a status. No newlib, no heap, so the
// startup code, the fault handlers and the symbol-check program can all use them.
#pragma once

namespace cxla_embedded {

// Semihosting operation numbers (Arm "Semihosting for AArch32 and AArch64", v2.0).
inline constexpr unsigned sys_write0 = 0x04;
inline constexpr unsigned sys_exit_extended = 0x20;
inline constexpr unsigned adp_stopped_application_exit = 0x20026;

// On M-profile cores the semihosting trap is `bkpt 0xab`, operation in r0, argument in r1.
inline unsigned semihost_call(unsigned operation, const void* argument) {
  unsigned result;
  __asm__ volatile(
      "mov r0, %1\n\t"
      "mov r1, %2\n\t"
      "bkpt 0xab\n\t"
      "mov %0, r0"
      : "=r"(result)
      : "r"(operation), "r"(argument)
      : "r0", "r1", "memory");
  return result;
}

inline void write_host(const char* text) { semihost_call(sys_write0, text); }

// SYS_EXIT_EXTENDED passes the status to the host (QEMU exits with it). The plain A32/T32
// SYS_EXIT can only say "success" or "error".
[[noreturn]] inline void exit_host(int status) {
  const unsigned block[2] = {adp_stopped_application_exit, static_cast<unsigned>(status)};
  semihost_call(sys_exit_extended, block);
  for (;;) {
  }
}

}  // namespace cxla_embedded
