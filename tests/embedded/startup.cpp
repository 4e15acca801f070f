// tests/embedded/startup.cpp - vector table and reset handler for the Arm MPS2 boards
// that QEMU emulates (mps2-an385 Cortex-M3, mps2-an386 Cortex-M4, mps2-an500 Cortex-M7).
//
// Reset: copy .data from flash to RAM, enable the FPU when the build uses one, then either
// enter newlib's semihosting crt0 (`_start`: zeroes .bss, runs constructors, calls main,
// passes main's status to exit) or, with CXLA_EMBEDDED_BARE, zero .bss, call main and exit
// through semihosting directly, so a program links with no C library code at all.
//
// Every fault ends the program with a non-zero status (100 + exception number) and a
// message on the host, instead of the endless loop that would make QEMU hang.
#include <cstdint>

#include "semihosting.hpp"

extern "C" {
// Linker script symbols (cortex_m.ld).
extern std::uint32_t __data_load__[], __data_start__[], __data_end__[];
extern std::uint32_t __bss_start__[], __bss_end__[];
extern std::uint32_t __stack_top__[];

// The program's main, under another C++ name: ISO C++ forbids calling main itself.
int cxla_program_main() __asm__("main");
#if !defined(CXLA_EMBEDDED_BARE)
[[noreturn]] void _start();
#endif

[[noreturn]] void cxla_reset_handler();
[[noreturn]] void cxla_nmi_handler();
[[noreturn]] void cxla_hardfault_handler();
[[noreturn]] void cxla_memmanage_handler();
[[noreturn]] void cxla_busfault_handler();
[[noreturn]] void cxla_usagefault_handler();
[[noreturn]] void cxla_unexpected_handler();
}

namespace {

[[noreturn]] void fault_exit(const char* message, int exception_number) {
  cxla_embedded::write_host(message);
  cxla_embedded::exit_host(100 + exception_number);
}

}  // namespace

extern "C" {

void cxla_reset_handler() {
  // Copy word by word with volatile accesses so that the compiler cannot turn the loops
  // into memcpy/memset calls (the bare build has no C library).
  volatile std::uint32_t* dst = __data_start__;
  const volatile std::uint32_t* src = __data_load__;
  while (dst < __data_end__) *dst++ = *src++;

#if defined(__ARM_FP)
  // CPACR: full access to coprocessors 10 and 11 (the FPU), before any FP instruction.
  volatile std::uint32_t* const cpacr = reinterpret_cast<volatile std::uint32_t*>(0xE000ED88u);
  *cpacr = *cpacr | (0xFu << 20);
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif

#if defined(CXLA_EMBEDDED_BARE)
  for (volatile std::uint32_t* p = __bss_start__; p < __bss_end__; ++p) *p = 0;
  cxla_embedded::exit_host(cxla_program_main());
#else
  _start();
#endif
}

void cxla_nmi_handler() { fault_exit("cxla embedded: NMI\n", 2); }
void cxla_hardfault_handler() { fault_exit("cxla embedded: HardFault (trap, bad access or escalated fault)\n", 3); }
void cxla_memmanage_handler() { fault_exit("cxla embedded: MemManage fault\n", 4); }
void cxla_busfault_handler() { fault_exit("cxla embedded: BusFault\n", 5); }
void cxla_usagefault_handler() { fault_exit("cxla embedded: UsageFault\n", 6); }
void cxla_unexpected_handler() { fault_exit("cxla embedded: unexpected exception\n", 99); }

}  // extern "C"

// Armv6-M and Armv7-M vector table: initial stack pointer, then the handlers. The
// interrupt entries are never enabled by these programs; they all point at a handler that
// exits, so a stray interrupt is a failure and not a hang.
using handler = void (*)();
extern "C" __attribute__((section(".vectors"), used)) const handler cxla_vector_table[16 + 32] = {
    reinterpret_cast<handler>(__stack_top__),
    cxla_reset_handler,
    cxla_nmi_handler,
    cxla_hardfault_handler,
    cxla_memmanage_handler,
    cxla_busfault_handler,
    cxla_usagefault_handler,
    cxla_unexpected_handler,  // 7-10 reserved
    cxla_unexpected_handler,
    cxla_unexpected_handler,
    cxla_unexpected_handler,
    cxla_unexpected_handler,  // 11 SVCall
    cxla_unexpected_handler,  // 12 DebugMonitor
    cxla_unexpected_handler,  // 13 reserved
    cxla_unexpected_handler,  // 14 PendSV
    cxla_unexpected_handler,  // 15 SysTick
    // 16.. external interrupts
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
    cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler, cxla_unexpected_handler,
};
