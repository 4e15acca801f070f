// tools/embedded/insn_count_plugin.cpp - a QEMU TCG plugin that counts the guest
// instructions executed between two marker functions.
//
//   qemu-system-arm ... -plugin ./libcxla_insn_count.so,begin=0x1234,end=0x1250
//
// Every time the instruction at `begin` (the first instruction of the begin marker) is
// about to execute, a region opens; when the instruction at `end` is about to execute, the
// region closes and one line "cxla-insn-count region K: N" goes to stderr, N counting the
// instructions executed from `begin` (inclusive) to `end` (exclusive). Counting happens
// in an execution callback on every instruction, so the count is exact (condition-failed
// instructions in IT blocks count as executed, as on the hardware's instruction trace).
//
// Debian's QEMU 7.2 accepts -plugin but ships no qemu-plugin.h, so the few functions and
// types of the plugin API (version 1) used here are declared below. QEMU resolves them in
// its own executable when it loads the plugin.
#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {

using qemu_plugin_id_t = std::uint64_t;
struct qemu_info_t;  // only passed through
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
using qemu_plugin_vcpu_tb_trans_cb_t = void (*)(qemu_plugin_id_t, qemu_plugin_tb*);
using qemu_plugin_vcpu_udata_cb_t = void (*)(unsigned int vcpu_index, void* userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
std::size_t qemu_plugin_tb_n_insns(const qemu_plugin_tb* tb);
qemu_plugin_insn* qemu_plugin_tb_get_insn(const qemu_plugin_tb* tb, std::size_t idx);
std::uint64_t qemu_plugin_insn_vaddr(const qemu_plugin_insn* insn);
void qemu_plugin_register_vcpu_insn_exec_cb(qemu_plugin_insn* insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            qemu_plugin_cb_flags flags, void* userdata);

// The plugin API version this file was written against (QEMU checks it on load).
__attribute__((visibility("default"))) int qemu_plugin_version = 1;

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info,
                                                               int argc, char** argv);
}

namespace {

std::uint64_t begin_address = 0;
std::uint64_t end_address = 0;
std::uint64_t executed = 0;
std::uint64_t region_start = 0;
bool in_region = false;
unsigned region_index = 0;

void count_insn(unsigned int, void*) { ++executed; }

void begin_insn(unsigned int, void*) {
  region_start = executed;
  in_region = true;
  ++executed;
}

void end_insn(unsigned int, void*) {
  if (in_region) {
    std::fprintf(stderr, "cxla-insn-count region %u: %" PRIu64 "\n", region_index++, executed - region_start);
    std::fflush(stderr);
  }
  in_region = false;
  ++executed;
}

void on_translate(qemu_plugin_id_t, qemu_plugin_tb* tb) {
  const std::size_t n = qemu_plugin_tb_n_insns(tb);
  for (std::size_t i = 0; i < n; ++i) {
    qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    const std::uint64_t address = qemu_plugin_insn_vaddr(insn);
    qemu_plugin_vcpu_udata_cb_t cb = count_insn;
    if (address == begin_address) cb = begin_insn;
    if (address == end_address) cb = end_insn;
    qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS, nullptr);
  }
}

// Thumb function symbols carry the interworking bit; instruction addresses do not.
bool parse_address(const char* arg, const char* key, std::uint64_t& out) {
  const std::size_t key_length = std::strlen(key);
  if (std::strncmp(arg, key, key_length) != 0 || arg[key_length] != '=') return false;
  out = std::strtoull(arg + key_length + 1, nullptr, 0) & ~std::uint64_t{1};
  return true;
}

}  // namespace

int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t*, int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    if (!parse_address(argv[i], "begin", begin_address) && !parse_address(argv[i], "end", end_address)) {
      std::fprintf(stderr, "cxla-insn-count: unknown argument %s (expected begin=ADDR,end=ADDR)\n", argv[i]);
      return -1;
    }
  }
  if (begin_address == 0 || end_address == 0 || begin_address == end_address) {
    std::fprintf(stderr, "cxla-insn-count: needs distinct begin=ADDR and end=ADDR\n");
    return -1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  return 0;
}
