// bench/math_bench.cpp - cxla::exp / log / sqrt against std:: (glibc), float and double.
//
//   array/<fn>/<impl>/<type>/<n>   y = f(x) over a fixed-size array of n = 16, 256, 4096
//                                  elements: cxla's elementwise form (what softmax uses)
//                                  against a loop calling std::<fn>. items/s = elements/s.
//   scalar/<fn>/<impl>/<type>      one call per iteration on a value the optimiser cannot see,
//                                  the result kept (throughput of independent scalar calls).
//
// Inputs: exp in [-80, 80] (float) / [-700, 700] (double), log in [1e-3, 1e3], sqrt in [0, 1e6];
// uniform, fixed seed. Built with -O2 -march=x86-64-v3 and the project's -ffp-contract=off.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <random>

#include <cxla/cxla.hpp>

namespace {

using std::size_t;

enum class fn { exp, log, sqrt };

template <fn F, class T>
T cxla_scalar(T x) {
  if constexpr (F == fn::exp) return cxla::exp(x);
  if constexpr (F == fn::log) return cxla::log(x);
  if constexpr (F == fn::sqrt) return cxla::sqrt(x);
}
template <fn F, class T>
T std_scalar(T x) {
  if constexpr (F == fn::exp) return std::exp(x);
  if constexpr (F == fn::log) return std::log(x);
  if constexpr (F == fn::sqrt) return std::sqrt(x);
}

template <fn F, class T>
T input(std::mt19937_64& gen) {
  double lo = 0, hi = 1e6;
  if constexpr (F == fn::exp) {
    lo = sizeof(T) == 4 ? -80.0 : -700.0;
    hi = -lo;
  } else if constexpr (F == fn::log) {
    lo = 1e-3;
    hi = 1e3;
  }
  return static_cast<T>(std::uniform_real_distribution<double>{lo, hi}(gen));
}

template <fn F, class T, size_t N>
cxla::vector<T, N> inputs() {
  std::mt19937_64 gen{0x6d617468ULL + N};
  cxla::vector<T, N> v{};
  for (T& x : v) x = input<F, T>(gen);
  return v;
}

// The result is a new vector (auto y = cxla::exp(x), built in place), as the std loop writes
// its results once: assigning to an existing vector instead (y = cxla::exp(x)) adds a copy of
// the whole result (a 16 KB memcpy at n = 4096), which is not exp's work.
template <fn F>
auto cxla_elementwise(const auto& x) {
  if constexpr (F == fn::exp) return cxla::exp(x);
  if constexpr (F == fn::log) return cxla::log(x);
  if constexpr (F == fn::sqrt) return cxla::sqrt(x);
}

template <fn F, class T, size_t N>
void array_cxla(benchmark::State& state) {
  const auto x = inputs<F, T, N>();
  for (auto _ : state) {
    benchmark::DoNotOptimize(&x);
    const cxla::vector<T, N> y = cxla_elementwise<F>(x);
    benchmark::DoNotOptimize(&y);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<long long>(state.iterations()) * static_cast<long long>(N));
}

template <fn F, class T, size_t N>
void array_std(benchmark::State& state) {
  const auto x = inputs<F, T, N>();
  cxla::vector<T, N> y{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(&x);
    for (size_t i = 0; i < N; ++i) y.data[i] = std_scalar<F>(x.data[i]);
    benchmark::DoNotOptimize(&y);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<long long>(state.iterations()) * static_cast<long long>(N));
}

// A value the optimiser cannot see through, and a use of a value it must keep. Not
// benchmark::DoNotOptimize on a float: with g++ its "+m,r" constraint let the compiler pick
// the memory alternative without storing the register there first (GCC bug 92597's kind), so
// every call read one stale stack slot instead of the pool entry.
template <class T>
T opaque(T v) {
#if defined(__x86_64__) && defined(__GNUC__)
  asm volatile("" : "+x"(v));
#else
  asm volatile("" : "+g"(v));
#endif
  return v;
}
template <class T>
void keep(T v) {
#if defined(__x86_64__) && defined(__GNUC__)
  asm volatile("" : : "x"(v));
#else
  asm volatile("" : : "g"(v));
#endif
}

template <fn F, class T, bool use_cxla>
void scalar(benchmark::State& state) {
  const auto pool = inputs<F, T, 64>();
  size_t k = 0;
  for (auto _ : state) {
    const T x = opaque(pool.data[k++ & 63]);
    keep(use_cxla ? cxla_scalar<F>(x) : std_scalar<F>(x));
  }
  state.SetItemsProcessed(static_cast<long long>(state.iterations()));
}

#define CXLA_MATH_ARRAY(F, T, N)                                                   \
  BENCHMARK(array_cxla<fn::F, T, N>)->Name("array/" #F "/cxla/" #T "/" #N);        \
  BENCHMARK(array_std<fn::F, T, N>)->Name("array/" #F "/std/" #T "/" #N);
#define CXLA_MATH_SIZES(F, T) \
  CXLA_MATH_ARRAY(F, T, 16)   \
  CXLA_MATH_ARRAY(F, T, 256)  \
  CXLA_MATH_ARRAY(F, T, 4096)
#define CXLA_MATH_SCALAR(F, T)                                                  \
  BENCHMARK(scalar<fn::F, T, true>)->Name("scalar/" #F "/cxla/" #T);            \
  BENCHMARK(scalar<fn::F, T, false>)->Name("scalar/" #F "/std/" #T);

CXLA_MATH_SIZES(exp, float)
CXLA_MATH_SIZES(exp, double)
CXLA_MATH_SIZES(log, float)
CXLA_MATH_SIZES(log, double)
CXLA_MATH_SIZES(sqrt, float)
CXLA_MATH_SIZES(sqrt, double)
CXLA_MATH_SCALAR(exp, float)
CXLA_MATH_SCALAR(exp, double)
CXLA_MATH_SCALAR(log, float)
CXLA_MATH_SCALAR(log, double)
CXLA_MATH_SCALAR(sqrt, float)
CXLA_MATH_SCALAR(sqrt, double)

}  // namespace

BENCHMARK_MAIN();
