// bench/harness.hpp - shared parts of the benchmark programs: input pools that vary across
// iterations, the agreement check every program runs before it measures anything, and the
// clock measurement that turns GFLOP/s into a fraction of the core's peak.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <tuple>

namespace bench {

using std::size_t;

// ---- input pools --------------------------------------------------------------------

// How many distinct values one operand cycles through: 8, or fewer for large operands so
// that one operand's pool stays within 16 KiB (the working set then fits the L1 data cache
// for every implementation alike, and the benchmark measures arithmetic, not L2 bandwidth).
// Always a power of two, at least 1.
template <class Operand>
constexpr size_t pool_size() {
  size_t n = 8;
  while (n > 1 && n * sizeof(Operand) > 16 * 1024) n /= 2;
  return n;
}

// A pool of N operands on a 64-byte boundary (the same alignment for every implementation).
template <class Operand, size_t N = pool_size<Operand>()>
struct pool {
  static_assert((N & (N - 1)) == 0, "pool size must be a power of two");
  static constexpr size_t size = N;
  alignas(64) Operand items[N];

  const Operand& operator[](size_t k) const noexcept { return items[k & (N - 1)]; }
  Operand& operator[](size_t k) noexcept { return items[k & (N - 1)]; }
};

template <class Operand, size_t N = pool_size<Operand>()>
std::unique_ptr<pool<Operand, N>> make_pool() {
  return std::make_unique<pool<Operand, N>>();
}

// One generator for the whole program, fixed seed: every run measures the same inputs.
inline std::mt19937_64& rng() {
  static std::mt19937_64 generator{0xbe9c5eedULL};
  return generator;
}

template <class T>
T uniform(T lo, T hi) {
  return std::uniform_real_distribution<T>{lo, hi}(rng());
}

// ---- agreement check ----------------------------------------------------------------

// Aborts the program unless every element of `got` is within `tol * scale` of `want`.
// `scale` is the magnitude of the sum that produced the element (e.g. sum |x_j w_j|), so the
// tolerance is relative to the conditioning of the computation, not to a cancelled result.
template <class T>
void check_close(const std::string& name, const char* who, const T* got, const T* want, const double* scale,
                 size_t n, double tol) {
  for (size_t i = 0; i < n; ++i) {
    const double diff = std::fabs(static_cast<double>(got[i]) - static_cast<double>(want[i]));
    const double bound = tol * (scale ? scale[i] : 1.0);
    if (!(diff <= bound)) {  // also catches NaN
      std::fprintf(stderr,
                   "bench: %s: %s: element %zu is %.17g, expected %.17g (|diff| %.3g > %.3g)\n",
                   name.c_str(), who, i, static_cast<double>(got[i]), static_cast<double>(want[i]), diff,
                   bound);
      std::abort();
    }
  }
}

// Relative tolerance for results of type T: a few hundred units of rounding (sums of up to
// 64 terms, exp and division in softmax), far below any real disagreement.
template <class T>
constexpr double tolerance() {
  return sizeof(T) == 4 ? 1e-5 : 1e-13;
}

// True where the build keeps a*b+c as two roundings (the project's -ffp-contract=off), so
// cxla's documented summation order makes its results reproducible bit for bit.
#if defined(CXLA_BENCH_FP_CONTRACT)
inline const bool exact_build = std::string(CXLA_BENCH_FP_CONTRACT) == "off";
#else
inline const bool exact_build = true;
#endif

// ---- the clock ----------------------------------------------------------------------

// Core clock in GHz, measured with a chain of dependent integer adds (one cycle each on
// every x86-64 core since the 1990s). /proc/cpuinfo reports the nominal clock, not the one
// the core runs at under load. Returns 0 where no measurement is implemented.
inline double measured_ghz() {
#if defined(__x86_64__)
  double best = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::uint64_t x = 0;
    constexpr std::uint64_t rounds = 20'000'000;
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t r = 0; r < rounds; ++r) {
      asm volatile(
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
          "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
          : "+r"(x));
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    benchmark::DoNotOptimize(x);
    best = std::max(best, static_cast<double>(rounds) * 10.0 / elapsed.count() / 1e9);
  }
  return best;
#else
  return 0;
#endif
}

// Records the machine facts compare.py needs in the JSON context.
inline void add_context() {
  char ghz[32];
  std::snprintf(ghz, sizeof ghz, "%.3f", measured_ghz());
  benchmark::AddCustomContext("cpu_ghz_measured", ghz);
  // AVX2 with two 256-bit FMA units: 2 units x 8 floats x 2 FLOP (multiply and add).
  benchmark::AddCustomContext("peak_flop_per_cycle_float", "32");
  benchmark::AddCustomContext("peak_flop_per_cycle_double", "16");
#if defined(__FP_FAST_FMA) || defined(__FP_FAST_FMAF)
  benchmark::AddCustomContext("fma", "available");
#endif
#if defined(CXLA_BENCH_FP_CONTRACT)
  benchmark::AddCustomContext("fp_contract", CXLA_BENCH_FP_CONTRACT);
#endif
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
}

// Sets the FLOP counter (per operation) that compare.py turns into GFLOP/s.
// The measuring loop of every case: iteration k takes the operands `pick(k)` returns (a tuple
// of references into the input pools), hides them from the optimiser, runs
// `op(result, operands...)` and keeps the result.
template <class Result, class Pick, class Op>
void measure(benchmark::State& state, Result& result, Pick pick, Op op) {
  size_t k = 0;
  for (auto _ : state) {
    std::apply(
        [&](const auto&... operand) {
          (benchmark::DoNotOptimize(operand), ...);
          op(result, operand...);
        },
        pick(k++));
    benchmark::DoNotOptimize(result);
  }
}

inline void count_flops(benchmark::State& state, double flops_per_op) {
  state.counters["FLOP"] = benchmark::Counter(flops_per_op, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace bench
