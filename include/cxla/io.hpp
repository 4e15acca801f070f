// cxla/io.hpp - host-only printing. Never included by cxla.hpp: the core stays free of
// iostream for embedded targets.
//   vector: [0, 2, 4]        matrix: [[1, 2], [3, 4], [5, 6]]
// Floating-point elements print as the shortest decimal that reads back to the same value
// (std::to_chars, as NumPy's repr does), so printed numbers can be compared digit for digit
// with other tools and pasted back into code without loss.
#pragma once

#include <charconv>
#include <ostream>
#include <type_traits>

#include "matrix.hpp"

namespace cxla {

namespace detail {
template <class T>
void print_element(std::ostream& os, T x) {
  if constexpr (std::is_floating_point_v<T>) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    os.write(buf, res.ptr - buf);
  } else if constexpr (std::is_same_v<T, bool>) {
    os << (x ? "true" : "false");
  } else {
    os << +x;  // + prints 8-bit integers as numbers, not characters
  }
}
}  // namespace detail

template <class T, size_t N>
std::ostream& operator<<(std::ostream& os, const vector<T, N>& v) {
  os << '[';
  for (size_t i = 0; i < N; ++i) {
    if (i) os << ", ";
    detail::print_element(os, v.data[i]);
  }
  return os << ']';
}

template <class T, size_t R, size_t C>
std::ostream& operator<<(std::ostream& os, const matrix<T, R, C>& X) {
  os << '[';
  for (size_t i = 0; i < R; ++i) {
    os << (i ? ", [" : "[");
    for (size_t j = 0; j < C; ++j) {
      if (j) os << ", ";
      detail::print_element(os, X.data[i][j]);
    }
    os << ']';
  }
  return os << ']';
}

}  // namespace cxla
