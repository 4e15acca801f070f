// tests/support/opaque.hpp - values the optimiser cannot see through, so a run-time test
// exercises the run-time code path and not the compiler's constant folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <random>

#include <cxla/matrix.hpp>

namespace cxla_test {

template <class T>
T opaque(T x) {
  volatile T v = x;
  return v;
}

template <class T, std::size_t R, std::size_t C>
cxla::matrix<T, R, C> opaque(const cxla::matrix<T, R, C>& X) {
  cxla::matrix<T, R, C> Y{};
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t j = 0; j < C; ++j) Y.data[i][j] = opaque(X.data[i][j]);
  return Y;
}

template <class T, std::size_t N>
cxla::vector<T, N> opaque(const cxla::vector<T, N>& v) {
  cxla::vector<T, N> u{};
  for (std::size_t i = 0; i < N; ++i) u.data[i] = opaque(v.data[i]);
  return u;
}

// One generator for the whole test binary. Seed from CXLA_TEST_SEED if set, so a failure
// can be replayed; the seed is printed by the test main.
inline std::uint64_t test_seed() {
  static const std::uint64_t seed = []() -> std::uint64_t {
    if (const char* s = std::getenv("CXLA_TEST_SEED")) return static_cast<std::uint64_t>(std::strtoull(s, nullptr, 10));
    return 0x5eed5eedULL;
  }();
  return seed;
}

inline std::mt19937_64& rng() {
  static std::mt19937_64 gen{test_seed()};
  return gen;
}

// Uniform random element: integers in [lo, hi], floating point in [lo, hi).
template <class T>
T random_value(T lo, T hi) {
  if constexpr (std::is_integral_v<T>) {
    std::uniform_int_distribution<long long> d(static_cast<long long>(lo), static_cast<long long>(hi));
    return static_cast<T>(d(rng()));
  } else {
    std::uniform_real_distribution<long double> d(static_cast<long double>(lo), static_cast<long double>(hi));
    return static_cast<T>(d(rng()));
  }
}

template <class T, std::size_t R, std::size_t C>
cxla::matrix<T, R, C> random_matrix(T lo, T hi) {
  cxla::matrix<T, R, C> X{};
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t j = 0; j < C; ++j) X.data[i][j] = random_value<T>(lo, hi);
  return X;
}

template <class T, std::size_t N>
cxla::vector<T, N> random_vector(T lo, T hi) {
  cxla::vector<T, N> v{};
  for (std::size_t i = 0; i < N; ++i) v.data[i] = random_value<T>(lo, hi);
  return v;
}

}  // namespace cxla_test
