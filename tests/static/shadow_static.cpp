// User code may have globals with short names; instantiating cxla's templates after them must
// not trigger -Wshadow (an error under -Werror) from names inside cxla's headers, e.g. lambda
// parameters, which compilers check again at instantiation.
#include <cxla/cxla.hpp>

// The short names a user is likely to have at namespace scope.
int a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z;
int A, B, C, D, E, K, M, N, P, Q, R, S, T, V, W, X, Y, Z;
int mask, tau, row, col, scale, sum, total, weights, scores, values, out, acc, lo, hi;

int main() {
  cxla::matrix<double, 4, 4> M4{};
  cxla::matrix<float, 4, 4> F4{};
  cxla::vector<double, 4> v4{};
  cxla::vector<float, 4> f4{};
  cxla::matrix<int, 2, 2> I2{};
  const auto causal = cxla::causal_mask<4>();
  double checksum = 0;
  checksum += (2.0 * M4)(0, 0) + (M4 * 2.0)(0, 0) + (M4 / 2.0)(0, 0) + (-M4)(0, 0) + (M4 + M4)(0, 0);
  checksum += (M4 * v4)[0] + (M4 * M4)(0, 0) + cxla::dot(v4, v4) + cxla::outer(v4, v4)(0, 0);
  checksum += cxla::column_combination(M4, v4)[0] + cxla::sum(v4) + cxla::hadamard(v4, v4)[0];
  checksum += (3 * I2)(0, 0) + (I2 / 2)(0, 0) + (-I2)(0, 0);
  checksum += cxla::exp(v4)[0] + cxla::log(v4)[0] + cxla::sqrt(v4)[0] + cxla::tanh(M4)(0, 0) + cxla::erf(f4)[0];
  checksum += cxla::softmax(v4)[0] + cxla::softmax_rows(M4)(0, 0) + cxla::softmax_rows(M4, causal)(0, 0);
  checksum += cxla::softmax(f4)[0] + cxla::log_softmax(v4)[0] + cxla::logsumexp(v4) + cxla::softmax(M4)(0, 0);
  checksum += cxla::softmax_rows(M4, cxla::temperature{2.0})(0, 0);
  checksum += cxla::attention(v4, M4, M4)[0] + cxla::attention(M4, M4, M4)(0, 0) + cxla::attention(M4, M4, M4, causal)(0, 0);
  checksum += cxla::attention(f4, F4, F4)[0];
  checksum += cxla::multi_head_attention<2>(M4, M4, M4, M4, M4)(0, 0);
  checksum += cxla::attention_with_weights(v4, M4, M4).output[0];
  checksum += cxla::is_probability_vector(v4, 1e-12) ? 1.0 : 0.0;
  checksum += cxla::approx_equal(M4, M4, 0.0) ? 1.0 : 0.0;
  return checksum > 1e300 ? 1 : 0;
}
