// tests/embedded/bench_program.cpp - the embedded benchmark's program. Each kernel is a
// noinline extern "C" function (so nm and objdump find it by name) run once between the
// markers cxla_bench_begin/cxla_bench_end; tools/embedded/insn_count.py runs this ELF
// under QEMU with the insn_count plugin and turns the counts into instructions per kernel.
//
// Regions, in order (the program prints "region NAME" before each):
//   empty        a kernel that is one `bx lr`: the measuring overhead plus 1
//   ten_nops     calibration: ten nops and `bx lr` must count exactly 11
//   matvec_f32_16x16, softmax_f32_16, attention_f32_n16_d16 (the last two once they exist)
// Kernel results are checked against exact or reference values: main returns non-zero if
// any is wrong, so the instructions counted are those of working code.
#include <cxla/cxla.hpp>
#if __has_include(<cxla/softmax.hpp>)
#include <cxla/softmax.hpp>
#endif
#if __has_include(<cxla/attention.hpp>)
#include <cxla/attention.hpp>
#endif

#include "inputs.hpp"
#include "semihosting.hpp"

using cxla::matrix;
using cxla::vector;
using f32x16 = vector<float, 16>;
using f32x16x16 = matrix<float, 16, 16>;
using kernel_fn = void (*)(const void*, const void*, const void*, void*);

extern "C" {

volatile unsigned cxla_bench_marker = 0;
// Different bodies, so identical-code folding cannot merge the two markers.
__attribute__((noinline)) void cxla_bench_begin() { cxla_bench_marker = 1; }
__attribute__((noinline)) void cxla_bench_end() { cxla_bench_marker = 2; }

__attribute__((noinline)) void cxla_kernel_empty(const void*, const void*, const void*, void*) {}

__attribute__((noinline)) void cxla_kernel_ten_nops(const void*, const void*, const void*, void*) {
  __asm__ volatile("nop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop");
}

// y = X w, 16 x 16 float.
__attribute__((noinline)) void cxla_kernel_matvec_f32_16x16(const void* X, const void* w, const void*, void* y) {
  *static_cast<f32x16*>(y) = *static_cast<const f32x16x16*>(X) * *static_cast<const f32x16*>(w);
}

}  // extern "C"

#if __has_include(<cxla/softmax.hpp>)
template <class V>
concept has_softmax = requires(V v) { softmax(v); };
extern "C" __attribute__((noinline)) void cxla_kernel_softmax_f32_16(const void* s, const void*, const void*, void* a) {
  if constexpr (has_softmax<f32x16>) *static_cast<f32x16*>(a) = softmax(*static_cast<const f32x16*>(s));
}
#else
template <class V>
concept has_softmax = false;
#endif

#if __has_include(<cxla/attention.hpp>)
template <class Q, class M>
concept has_attention = requires(Q q, M m) { attention(q, m, m); };
extern "C" __attribute__((noinline)) void cxla_kernel_attention_f32_n16_d16(const void* q, const void* K, const void* V,
                                                                            void* o) {
  if constexpr (has_attention<f32x16, f32x16x16>)
    *static_cast<f32x16*>(o) =
        attention(*static_cast<const f32x16*>(q), *static_cast<const f32x16x16*>(K), *static_cast<const f32x16x16*>(V));
}
#else
template <class Q, class M>
concept has_attention = false;
#endif

namespace {

using cxla_embedded::write_host;

__attribute__((noinline)) void measure(const char* region, kernel_fn kernel, const void* a, const void* b,
                                       const void* c, void* out) {
  write_host("region ");
  write_host(region);
  write_host("\n");
  cxla_bench_begin();
  kernel(a, b, c, out);
  cxla_bench_end();
}

// Inputs: small integers (exact in float), generated at run time.
// (K, V, q, scores, a, o and close() serve the softmax and attention kernels, once those exist.)
[[maybe_unused]] f32x16x16 X, K, V;
[[maybe_unused]] f32x16 w, q, scores, y, a, o;

[[maybe_unused]] bool close(float x, double y_expected, double tol) {
  const double d = static_cast<double>(x) - y_expected;
  return (d < 0 ? -d : d) <= tol * (1.0 + (y_expected < 0 ? -y_expected : y_expected));
}

}  // namespace

int main() {
  cxla_embedded::generator g{0x5eedbe9cu};
  for (cxla::size_t i = 0; i < 16; ++i) {
    for (cxla::size_t j = 0; j < 16; ++j) {
      X.data[i][j] = static_cast<float>(g.value<int>(-100, 100));
      K.data[i][j] = static_cast<float>(g.value<int>(-100, 100)) / 64.0f;
      V.data[i][j] = static_cast<float>(g.value<int>(-100, 100)) / 8.0f;
    }
    w.data[i] = static_cast<float>(g.value<int>(-100, 100));
    q.data[i] = static_cast<float>(g.value<int>(-100, 100)) / 64.0f;
    scores.data[i] = static_cast<float>(g.value<int>(-100, 100)) / 16.0f;
  }

  measure("empty", cxla_kernel_empty, nullptr, nullptr, nullptr, nullptr);
  measure("ten_nops", cxla_kernel_ten_nops, nullptr, nullptr, nullptr, nullptr);
  measure("matvec_f32_16x16", cxla_kernel_matvec_f32_16x16, &X, &w, nullptr, &y);

  bool ok = true;
  // |X w| <= 16 * 100 * 100 < 2^24: float computes the integer result exactly.
  for (cxla::size_t i = 0; i < 16; ++i) {
    long exact = 0;
    for (cxla::size_t j = 0; j < 16; ++j) exact += static_cast<long>(X.data[i][j]) * static_cast<long>(w.data[j]);
    ok = ok && y.data[i] == static_cast<float>(exact);
  }
  if (!ok) write_host("FAIL matvec_f32_16x16: result differs from the exact integer product\n");

#if __has_include(<cxla/softmax.hpp>)
  if constexpr (has_softmax<f32x16>) {
    measure("softmax_f32_16", cxla_kernel_softmax_f32_16, &scores, nullptr, nullptr, &a);
    // The weights sum to 1 and keep the order of the scores (the checker program measures
    // their accuracy against libm).
    float total = 0;
    bool ordered = true;
    for (cxla::size_t i = 0; i < 16; ++i) {
      total += a.data[i];
      for (cxla::size_t j = 0; j < 16; ++j) ordered = ordered && (!(scores.data[i] > scores.data[j]) || a.data[i] >= a.data[j]);
    }
    const bool softmax_ok = close(total, 1.0, 1e-5) && ordered;
    if (!softmax_ok) write_host("FAIL softmax_f32_16: weights do not sum to 1 or lose the order of the scores\n");
    ok = ok && softmax_ok;
  }
#endif
#if __has_include(<cxla/attention.hpp>)
  if constexpr (has_attention<f32x16, f32x16x16>) {
    measure("attention_f32_n16_d16", cxla_kernel_attention_f32_n16_d16, &q, &K, &V, &o);
    bool convex = true;
    for (cxla::size_t j = 0; j < 16; ++j) {
      float lo = V.data[0][j], hi = V.data[0][j];
      for (cxla::size_t i = 1; i < 16; ++i) {
        lo = V.data[i][j] < lo ? V.data[i][j] : lo;
        hi = V.data[i][j] > hi ? V.data[i][j] : hi;
      }
      convex = convex && lo <= o.data[j] && o.data[j] <= hi;
    }
    if (!convex) write_host("FAIL attention_f32_n16_d16: output outside the values' range\n");
    ok = ok && convex;
  }
#endif
  write_host(ok ? "bench results ok\n" : "bench results WRONG\n");
  return ok ? 0 : 1;
}
