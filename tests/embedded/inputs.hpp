// tests/embedded/inputs.hpp - inputs the optimiser cannot fold (every element passes
// through a volatile), so the checks exercise the code compiled for the target and not
// the compiler's constant folder. Random inputs come from a fixed-seed xorshift32.
#pragma once

#include <cstdint>
#include <type_traits>

#include <cxla/matrix.hpp>

namespace cxla_embedded {

using cxla::size_t;

template <class T>
T opaque(T x) {
  volatile T v = x;
  return v;
}

template <class T, size_t R, size_t C>
cxla::matrix<T, R, C> opaque(const cxla::matrix<T, R, C>& X) {
  cxla::matrix<T, R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = opaque(X.data[i][j]);
  return Y;
}

template <class T, size_t N>
cxla::vector<T, N> opaque(const cxla::vector<T, N>& v) {
  cxla::vector<T, N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = opaque(v.data[i]);
  return u;
}

// xorshift32 (Marsaglia 2003): tiny, deterministic on every target.
class generator {
 public:
  explicit generator(std::uint32_t seed) : state_(seed != 0 ? seed : 0x9e3779b9u) {}

  std::uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return opaque(state_);
  }

  // Integers: uniform in [lo, hi]. Floating point: lo + (hi - lo) * k / 2^24 with k uniform
  // in [0, 2^24).
  template <class T>
  T value(T lo, T hi) {
    if constexpr (std::is_integral_v<T>) {
      const auto span = static_cast<std::uint32_t>(static_cast<long long>(hi) - static_cast<long long>(lo) + 1);
      return static_cast<T>(static_cast<long long>(lo) + static_cast<long long>(next() % span));
    } else {
      const T unit = static_cast<T>(next() >> 8) / static_cast<T>(16777216.0);
      return lo + (hi - lo) * unit;
    }
  }

  template <class T, size_t R, size_t C>
  cxla::matrix<T, R, C> matrix(T lo, T hi) {
    cxla::matrix<T, R, C> X{};
    for (size_t i = 0; i < R; ++i)
      for (size_t j = 0; j < C; ++j) X.data[i][j] = value<T>(lo, hi);
    return X;
  }

  template <class T, size_t N>
  cxla::vector<T, N> vector(T lo, T hi) {
    cxla::vector<T, N> v{};
    for (size_t i = 0; i < N; ++i) v.data[i] = value<T>(lo, hi);
    return v;
  }

 private:
  std::uint32_t state_;
};

}  // namespace cxla_embedded
