// tests/embedded/reference.hpp - independent references for the checks of math, softmax
// and attention: newlib's libm (exp, log, sqrt in double), a different implementation from
// cxla's constexpr functions. Only the test programs use it; the library never does.
// libm is called from reference.cpp: this header does not include <cmath>, so the checks
// that look up cxla's exp/log/sqrt unqualified cannot find the C library's by mistake.
#pragma once

#include <cxla/matrix.hpp>

namespace cxla_embedded::reference {

using cxla::size_t;

double libm_exp(double x);
double libm_log(double x);
double libm_sqrt(double x);

// softmax(s)_i = exp(s_i - max s) / sum_j exp(s_j - max s), in double.
template <class T, size_t N>
cxla::vector<double, N> softmax(const cxla::vector<T, N>& s) {
  double m = static_cast<double>(s.data[0]);
  for (size_t i = 1; i < N; ++i) m = static_cast<double>(s.data[i]) > m ? static_cast<double>(s.data[i]) : m;
  cxla::vector<double, N> a{};
  double total = 0;
  for (size_t i = 0; i < N; ++i) {
    a.data[i] = libm_exp(static_cast<double>(s.data[i]) - m);
    total += a.data[i];
  }
  for (size_t i = 0; i < N; ++i) a.data[i] /= total;
  return a;
}

// Single-query scaled dot-product attention: softmax(K q / sqrt(d)) weights the rows of V.
template <class T, size_t N, size_t D, size_t DV>
cxla::vector<double, DV> attention(const cxla::vector<T, D>& q, const cxla::matrix<T, N, D>& keys,
                                   const cxla::matrix<T, N, DV>& values) {
  cxla::vector<double, N> scores{};
  const double scale = 1.0 / libm_sqrt(static_cast<double>(D));
  for (size_t i = 0; i < N; ++i) {
    double s = 0;
    for (size_t k = 0; k < D; ++k) s += static_cast<double>(keys.data[i][k]) * static_cast<double>(q.data[k]);
    scores.data[i] = s * scale;
  }
  const auto weights = reference::softmax(scores);
  cxla::vector<double, DV> o{};
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < DV; ++j) o.data[j] += weights.data[i] * static_cast<double>(values.data[i][j]);
  return o;
}

// |x - y| <= abs_tol + rel_tol * |y|
inline bool close(double x, double y, double abs_tol, double rel_tol) {
  const double diff = x > y ? x - y : y - x;
  const double mag = y < 0 ? -y : y;
  return diff <= abs_tol + rel_tol * mag;
}

}  // namespace cxla_embedded::reference
