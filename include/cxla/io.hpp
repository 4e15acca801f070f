// cxla/io.hpp - host-only printing. Never included by cxla.hpp: the core stays free of
// iostream for embedded targets.
//   vector: [0, 2, 4]        matrix: [[1, 2], [3, 4], [5, 6]]
// Numbers use the stream's own formatting (set std::setprecision for more digits).
#pragma once

#include <ostream>

#include "matrix.hpp"

namespace cxla {

template <class T, size_t N>
std::ostream& operator<<(std::ostream& os, const vector<T, N>& v) {
  os << '[';
  for (size_t i = 0; i < N; ++i) os << (i ? ", " : "") << +v.data[i];
  return os << ']';
}

template <class T, size_t R, size_t C>
std::ostream& operator<<(std::ostream& os, const matrix<T, R, C>& X) {
  os << '[';
  for (size_t i = 0; i < R; ++i) {
    os << (i ? ", [" : "[");
    for (size_t j = 0; j < C; ++j) os << (j ? ", " : "") << +X.data[i][j];
    os << ']';
  }
  return os << ']';
}

}  // namespace cxla
