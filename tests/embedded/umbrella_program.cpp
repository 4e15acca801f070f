// tests/embedded/umbrella_program.cpp - a firmware-shaped program over the whole umbrella
// header, linked with the bare startup (no C library start code) and -fno-exceptions
// -fno-rtti. symbol_check.py then proves on the linked ELF that nothing in it needs a heap,
// exceptions or iostream. It also runs: main returns 0 only if the results are right, so
// the instantiated code is the code that works.
#include <type_traits>

#include <cxla/cxla.hpp>

#include "inputs.hpp"

namespace {

using cxla::matrix;
using cxla::vector;
using cxla_embedded::opaque;

// Instantiates the functions that exist for T (softmax and attention once they land), so
// their code is in the ELF the symbol check reads.
template <class T>
bool exercise() {
  const auto X = opaque(matrix<T, 3, 2>{{{1, 2}, {3, 4}, {5, 6}}});
  // For unsigned char, -1 is 255 and every result below is the same modulo 256.
  const auto w = opaque(vector<T, 2>{{2, static_cast<T>(-1)}});
  bool ok = X * w == vector<T, 3>{{0, 2, 4}} && cxla::column_combination(X, w) == X * w;
  const auto G = cxla::transpose(X) * X;  // [[35, 44], [44, 56]]
  ok = ok && G == matrix<T, 2, 2>{{{35, 44}, {44, 56}}};
  ok = ok && cxla::dot(w, w) == T(5) && cxla::sum(X * w) == T(6);
  ok = ok && cxla::outer(w, w) == w * cxla::transpose(w) && cxla::hadamard(w, w) == vector<T, 2>{{4, 1}};
  ok = ok && (X + X - X) == X && -(-X) == X && (T(2) * X) / T(2) == X;
  ok = ok && cxla::identity<T, 3>() * X == X && cxla::row(X, 1) == vector<T, 2>{{3, 4}};
  ok = ok && cxla::as_vector(cxla::as_matrix(w)) == w && cxla::cast<T>(X) == X;
  ok = ok && cxla::approx_equal(X, X, T(0));
  if constexpr (std::is_floating_point_v<T>) {
    // math.hpp at run time: exact cases only (the checker measures the accuracy).
    ok = ok && cxla::sqrt(opaque(T(16))) == T(4) && cxla::exp(opaque(T(0))) == T(1) && cxla::log(opaque(T(1))) == T(0);
    ok = ok && cxla::exp(opaque(T(1))) > T(2.718) && cxla::exp(opaque(T(1))) < T(2.719);
  }
  // (softmax and attention take floating-point elements only.)
  if constexpr (std::is_floating_point_v<T> && requires(vector<T, 3> s) { softmax(s); }) {
    const auto a = softmax(opaque(vector<T, 3>{{0, 0, 0}}));
    ok = ok && a[0] == a[1] && a[1] == a[2] && a[0] > T(0.33) && a[0] < T(0.34);
  }
  if constexpr (std::is_floating_point_v<T> && requires(vector<T, 2> q, matrix<T, 3, 2> k) { attention(q, k, k); }) {
    const auto o = attention(w, X, X);
    ok = ok && o[0] >= T(1) && o[0] <= T(5);
  }
  return ok;
}

}  // namespace

int main() {
  const bool ok = exercise<float>() && exercise<double>() && exercise<int>() && exercise<unsigned char>();
  return ok ? 0 : 1;
}
