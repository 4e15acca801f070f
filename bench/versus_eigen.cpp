// bench/versus_eigen.cpp - cxla against Eigen's fixed-size types and a naive loop, in one
// program, so that every ratio compares measurements taken under the same conditions.
//
// Benchmark names are  op/type/size/implementation,  e.g. "matvec/float/16x16/cxla";
// bench/compare.py groups them by op/type/size and divides cxla's time by Eigen's.
//
// Before it measures anything the program checks, for every case and every pooled input,
// that cxla, Eigen and the naive loop agree with a long double reference, and aborts if not.
#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <functional>
#include <type_traits>
#include <string>
#include <tuple>
#include <vector>

#include <cxla/cxla.hpp>

#include "harness.hpp"

namespace {

using bench::size_t;

template <class T>
const char* type_name() {
  return sizeof(T) == 4 ? "float" : "double";
}

// Every case registers its checks here; main runs them all before any benchmark.
std::vector<std::function<void()>>& checks() {
  static std::vector<std::function<void()>> all;
  return all;
}

template <class T, size_t R, size_t C>
void fill(cxla::matrix<T, R, C>& X) {
  for (auto& row : X.data)
    for (auto& x : row) x = bench::uniform<T>(T(-1), T(1));
}
template <class T, size_t N>
void fill(cxla::vector<T, N>& v) {
  for (auto& x : v.data) x = bench::uniform<T>(T(-1), T(1));
}
template <class T, size_t R, size_t C>
Eigen::Matrix<T, R, C> to_eigen(const cxla::matrix<T, R, C>& X) {
  Eigen::Matrix<T, R, C> E;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) E(Eigen::Index(i), Eigen::Index(j)) = X.data[i][j];
  return E;
}
template <class T, size_t N>
Eigen::Matrix<T, N, 1> to_eigen(const cxla::vector<T, N>& v) {
  Eigen::Matrix<T, N, 1> E;
  for (size_t i = 0; i < N; ++i) E(Eigen::Index(i)) = v.data[i];
  return E;
}

// ---- X * w --------------------------------------------------------------------------

// The naive twin: one sequential dot product per row.
template <class T, size_t R, size_t C>
void naive_matvec(const T (&X)[R][C], const T (&w)[C], T (&y)[R]) {
  for (size_t i = 0; i < R; ++i) {
    T sum = 0;
    for (size_t j = 0; j < C; ++j) sum += X[i][j] * w[j];
    y[i] = sum;
  }
}

template <class T, size_t R, size_t C>
struct matvec_case {
  using X_type = cxla::matrix<T, R, C>;
  using w_type = cxla::vector<T, C>;
  using eigen_X = Eigen::Matrix<T, R, C>;
  using eigen_w = Eigen::Matrix<T, C, 1>;
  using eigen_y = Eigen::Matrix<T, R, 1>;
  static constexpr double flops = 2.0 * R * C;

  static inline std::unique_ptr<bench::pool<X_type>> X;
  static inline std::unique_ptr<bench::pool<w_type>> w;
  static inline std::unique_ptr<bench::pool<eigen_X, bench::pool<X_type>::size>> eX;
  static inline std::unique_ptr<bench::pool<eigen_w, bench::pool<w_type>::size>> ew;

  static std::string name() { return "matvec/" + std::string(type_name<T>()) + "/" + std::to_string(R) + "x" + std::to_string(C); }

  static void setup() {
    X = bench::make_pool<X_type>();
    w = bench::make_pool<w_type>();
    eX = bench::make_pool<eigen_X, bench::pool<X_type>::size>();
    ew = bench::make_pool<eigen_w, bench::pool<w_type>::size>();
    for (size_t k = 0; k < X->size; ++k) fill(X->items[k]), eX->items[k] = to_eigen(X->items[k]);
    for (size_t k = 0; k < w->size; ++k) fill(w->items[k]), ew->items[k] = to_eigen(w->items[k]);
  }

  static void check() {
    for (size_t k = 0; k < 8; ++k) {
      const auto& Xk = (*X)[k];
      const auto& wk = (*w)[k];
      T want[R], got_naive[R], got_eigen[R];
      double scale[R];
      for (size_t i = 0; i < R; ++i) {
        long double sum = 0, mag = 0;
        for (size_t j = 0; j < C; ++j) {
          sum += static_cast<long double>(Xk.data[i][j]) * wk.data[j];
          mag += std::fabs(static_cast<long double>(Xk.data[i][j]) * wk.data[j]);
        }
        want[i] = static_cast<T>(sum);
        scale[i] = static_cast<double>(mag);
      }
      const auto got = Xk * wk;
      naive_matvec(Xk.data, wk.data, got_naive);
      const eigen_y ey = (*eX)[k] * (*ew)[k];
      for (size_t i = 0; i < R; ++i) got_eigen[i] = ey(Eigen::Index(i));
      bench::check_close(name(), "cxla vs long double reference", got.data, want, scale, R, bench::tolerance<T>());
      bench::check_close(name(), "eigen vs long double reference", got_eigen, want, scale, R, bench::tolerance<T>());
      bench::check_close(name(), "naive vs long double reference", got_naive, want, scale, R, bench::tolerance<T>());
      // The contract of ops.hpp: X * w is column_combination(X, w) bit for bit (where the
      // build does not contract a*b+c into a fused multiply-add).
      if (bench::exact_build) {
        const auto combined = cxla::column_combination(Xk, wk);
        bench::check_close(name(), "X * w vs column_combination(X, w), bit for bit", got.data, combined.data,
                           nullptr, R, 0.0);
      }
    }
  }

  static void run_cxla(benchmark::State& state) {
    cxla::vector<T, R> y{};
    bench::measure(
        state, y, [](size_t k) { return std::tie((*X)[k], (*w)[k]); },
        [](auto& out_, const auto& Xk_, const auto& wk_) { out_ = Xk_ * wk_; });
    bench::count_flops(state, flops);
  }

  static void run_eigen(benchmark::State& state) {
    eigen_y y;
    bench::measure(
        state, y, [](size_t k) { return std::tie((*eX)[k], (*ew)[k]); },
        [](auto& out_, const auto& Xk_, const auto& wk_) { out_.noalias() = Xk_ * wk_; });
    bench::count_flops(state, flops);
  }

  static void run_naive(benchmark::State& state) {
    T y[R];
    bench::measure(
        state, y, [](size_t k) { return std::tie((*X)[k], (*w)[k]); },
        [](auto& out_, const auto& Xk_, const auto& wk_) { naive_matvec(Xk_.data, wk_.data, out_); });
    bench::count_flops(state, flops);
  }
};

// ---- A * B --------------------------------------------------------------------------

// The naive twin: the textbook triple loop, one sequential dot product per entry.
template <class T, size_t N>
void naive_matmul(const T (&A)[N][N], const T (&B)[N][N], T (&P)[N][N]) {
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < N; ++j) {
      T sum = 0;
      for (size_t k = 0; k < N; ++k) sum += A[i][k] * B[k][j];
      P[i][j] = sum;
    }
}

template <class T, size_t N>
struct matmul_case {
  using M_type = cxla::matrix<T, N, N>;
  using eigen_M = Eigen::Matrix<T, N, N>;
  static constexpr double flops = 2.0 * N * N * N;
  static constexpr size_t P = bench::pool<M_type>::size;

  static inline std::unique_ptr<bench::pool<M_type>> A, B;
  static inline std::unique_ptr<bench::pool<eigen_M, P>> eA, eB;

  static std::string name() { return "matmul/" + std::string(type_name<T>()) + "/" + std::to_string(N) + "x" + std::to_string(N); }

  static void setup() {
    A = bench::make_pool<M_type>();
    B = bench::make_pool<M_type>();
    eA = bench::make_pool<eigen_M, P>();
    eB = bench::make_pool<eigen_M, P>();
    for (size_t k = 0; k < P; ++k) {
      fill(A->items[k]), eA->items[k] = to_eigen(A->items[k]);
      fill(B->items[k]), eB->items[k] = to_eigen(B->items[k]);
    }
  }

  static void check() {
    for (size_t k = 0; k < P; ++k) {
      // B cycles one step behind A, as in the measured loop's pairs.
      const auto& Ak = (*A)[k];
      const auto& Bk = (*B)[k + 1];
      static T want[N * N], got_naive[N][N], got_eigen[N * N];
      static double scale[N * N];
      for (size_t i = 0; i < N; ++i)
        for (size_t j = 0; j < N; ++j) {
          long double sum = 0, mag = 0;
          for (size_t l = 0; l < N; ++l) {
            sum += static_cast<long double>(Ak.data[i][l]) * Bk.data[l][j];
            mag += std::fabs(static_cast<long double>(Ak.data[i][l]) * Bk.data[l][j]);
          }
          want[i * N + j] = static_cast<T>(sum);
          scale[i * N + j] = static_cast<double>(mag);
        }
      const auto got = Ak * Bk;
      naive_matmul(Ak.data, Bk.data, got_naive);
      const eigen_M eP = (*eA)[k] * (*eB)[k + 1];
      for (size_t i = 0; i < N; ++i)
        for (size_t j = 0; j < N; ++j) got_eigen[i * N + j] = eP(Eigen::Index(i), Eigen::Index(j));
      bench::check_close(name(), "cxla vs long double reference", &got.data[0][0], want, scale, N * N, bench::tolerance<T>());
      bench::check_close(name(), "eigen vs long double reference", got_eigen, want, scale, N * N, bench::tolerance<T>());
      bench::check_close(name(), "naive vs long double reference", &got_naive[0][0], want, scale, N * N, bench::tolerance<T>());
      // The naive loop adds in cxla's documented order (sequential in k from +0): equal bit for bit.
      if (bench::exact_build)
        bench::check_close(name(), "A * B vs the sequential loop, bit for bit", &got.data[0][0], &got_naive[0][0],
                           nullptr, N * N, 0.0);
    }
  }

  static void run_cxla(benchmark::State& state) {
    M_type Pr{};
    bench::measure(
        state, Pr, [](size_t k) { return std::tie((*A)[k], (*B)[k + 1]); },
        [](auto& out_, const auto& Ak_, const auto& Bk_) { out_ = Ak_ * Bk_; });
    bench::count_flops(state, flops);
  }

  static void run_eigen(benchmark::State& state) {
    eigen_M Pr;
    bench::measure(
        state, Pr, [](size_t k) { return std::tie((*eA)[k], (*eB)[k + 1]); },
        [](auto& out_, const auto& Ak_, const auto& Bk_) { out_.noalias() = Ak_ * Bk_; });
    bench::count_flops(state, flops);
  }

  static void run_naive(benchmark::State& state) {
    M_type Pr{};
    bench::measure(
        state, Pr, [](size_t k) { return std::tie((*A)[k], (*B)[k + 1]); },
        [](auto& out_, const auto& Ak_, const auto& Bk_) { naive_matmul(Ak_.data, Bk_.data, out_.data); });
    bench::count_flops(state, flops);
  }
};

// ---- softmax and attention (when the library has them) ---------------------------------

#if __has_include(<cxla/softmax.hpp>) && __has_include(<cxla/attention.hpp>)
#define CXLA_BENCH_ATTENTION 1

// long double reference of a stable softmax, in place.
template <size_t N>
void reference_softmax(long double (&s)[N]) {
  long double m = s[0], total = 0;
  for (long double x : s) m = x > m ? x : m;
  for (long double& x : s) total += (x = std::exp(x - m));
  for (long double& x : s) x /= total;
}

// The naive twin: max, exp, sum, divide, one loop each.
template <class T, size_t N>
void naive_softmax(const T (&s)[N], T (&a)[N]) {
  T m = s[0];
  for (size_t i = 1; i < N; ++i) m = s[i] > m ? s[i] : m;
  T total = 0;
  for (size_t i = 0; i < N; ++i) total += (a[i] = std::exp(s[i] - m));
  for (size_t i = 0; i < N; ++i) a[i] /= total;
}

template <class T, size_t N>
struct softmax_case {
  using v_type = cxla::vector<T, N>;
  using eigen_v = Eigen::Array<T, N, 1>;
  static constexpr size_t P = bench::pool<v_type>::size;
  static inline std::unique_ptr<bench::pool<v_type>> s;
  static inline std::unique_ptr<bench::pool<eigen_v, P>> es;

  static std::string name() { return "softmax/" + std::string(type_name<T>()) + "/n" + std::to_string(N); }

  static void setup() {
    s = bench::make_pool<v_type>();
    es = bench::make_pool<eigen_v, P>();
    for (size_t k = 0; k < P; ++k) {
      for (auto& x : s->items[k].data) x = bench::uniform<T>(T(-8), T(8));  // logits
      for (size_t i = 0; i < N; ++i) es->items[k](Eigen::Index(i)) = s->items[k].data[i];
    }
  }

  static void check() {
    for (size_t k = 0; k < P; ++k) {
      long double ref[N];
      T want[N], got_naive[N], got_eigen[N];
      for (size_t i = 0; i < N; ++i) ref[i] = (*s)[k].data[i];
      reference_softmax(ref);
      for (size_t i = 0; i < N; ++i) want[i] = static_cast<T>(ref[i]);
      const auto got = cxla::softmax((*s)[k]);
      naive_softmax((*s)[k].data, got_naive);
      eigen_v e = ((*es)[k] - (*es)[k].maxCoeff()).exp();
      e /= e.sum();
      for (size_t i = 0; i < N; ++i) got_eigen[i] = e(Eigen::Index(i));
      bench::check_close(name(), "cxla vs long double reference", got.data, want, nullptr, N, bench::tolerance<T>());
      bench::check_close(name(), "eigen vs long double reference", got_eigen, want, nullptr, N, bench::tolerance<T>());
      bench::check_close(name(), "naive vs long double reference", got_naive, want, nullptr, N, bench::tolerance<T>());
    }
  }

  static void run_cxla(benchmark::State& state) {
    v_type a{};
    bench::measure(
        state, a, [](size_t k) { return std::tie((*s)[k]); },
        [](auto& out_, const auto& sk_) { out_ = cxla::softmax(sk_); });
  }

  static void run_eigen(benchmark::State& state) {
    eigen_v a;
    bench::measure(
        state, a, [](size_t k) { return std::tie((*es)[k]); },
        [](auto& out_, const auto& sk_) { out_ = (sk_ - sk_.maxCoeff()).exp(); out_ /= out_.sum(); });
  }

  static void run_naive(benchmark::State& state) {
    T a[N];
    bench::measure(
        state, a, [](size_t k) { return std::tie((*s)[k]); },
        [](auto& out_, const auto& sk_) { naive_softmax(sk_.data, out_); });
  }
};

// Attention with m queries (m = 1: the single-query form with a vector q), n keys, d = dk = dv.
// FLOP counted as 4mnd: the scores (2mnd) and the weighted sum of values (2mnd).
template <class T, size_t M, size_t N, size_t D>
struct attention_case {
  static constexpr bool single = M == 1;
  using q_type = std::conditional_t<single, cxla::vector<T, D>, cxla::matrix<T, M, D>>;
  using kv_type = cxla::matrix<T, N, D>;
  using o_type = std::conditional_t<single, cxla::vector<T, D>, cxla::matrix<T, M, D>>;
  using eigen_q = std::conditional_t<single, Eigen::Matrix<T, D, 1>, Eigen::Matrix<T, M, D>>;
  using eigen_kv = Eigen::Matrix<T, N, D>;
  using eigen_o = std::conditional_t<single, Eigen::Matrix<T, D, 1>, Eigen::Matrix<T, M, D>>;
  static constexpr size_t P = bench::pool<kv_type>::size;
  static constexpr double flops = 4.0 * M * N * D;

  struct inputs {
    q_type q;
    kv_type K, V;
  };
  struct eigen_inputs {
    eigen_q q;
    eigen_kv K, V;
  };
  static inline std::unique_ptr<bench::pool<inputs, P>> in;
  static inline std::unique_ptr<bench::pool<eigen_inputs, P>> ein;

  static std::string name() {
    return std::string(single ? "attention_single/" : "attention_multi/") + type_name<T>() + "/n" +
           std::to_string(N) + "_d" + std::to_string(D);
  }

  static void setup() {
    in = bench::make_pool<inputs, P>();
    ein = bench::make_pool<eigen_inputs, P>();
    for (size_t k = 0; k < P; ++k) {
      // Inputs in [-1, 1], as from a normalised layer: scores stay O(1) at every size.
      fill(in->items[k].q), fill(in->items[k].K), fill(in->items[k].V);
      ein->items[k].q = to_eigen(in->items[k].q);
      ein->items[k].K = to_eigen(in->items[k].K);
      ein->items[k].V = to_eigen(in->items[k].V);
    }
  }

  static const T& q_at(const q_type& q, size_t r, size_t j) {
    if constexpr (single) {
      (void)r;
      return q.data[j];
    } else {
      return q.data[r][j];
    }
  }

  // The naive twin: scores, softmax and weighted sum for each query, loop by loop.
  static void naive(const q_type& q, const kv_type& K, const kv_type& V, o_type& o) {
    const T scale = T(1) / std::sqrt(T(D));
    for (size_t r = 0; r < M; ++r) {
      T scores[N], weights[N];
      for (size_t i = 0; i < N; ++i) {
        T sum = 0;
        for (size_t j = 0; j < D; ++j) sum += K.data[i][j] * q_at(q, r, j);
        scores[i] = sum * scale;
      }
      naive_softmax(scores, weights);
      T* out = [&]() -> T* {
        if constexpr (single) return o.data;
        else return o.data[r];
      }();
      for (size_t j = 0; j < D; ++j) out[j] = 0;
      for (size_t i = 0; i < N; ++i)
        for (size_t j = 0; j < D; ++j) out[j] += weights[i] * V.data[i][j];
    }
  }

  // The idiomatic Eigen fixed-size twin.
  static void eigen(const eigen_q& q, const eigen_kv& K, const eigen_kv& V, eigen_o& o) {
    const T scale = T(1) / std::sqrt(T(D));
    if constexpr (single) {
      const Eigen::Matrix<T, N, 1> scores = (K * q) * scale;
      Eigen::Array<T, N, 1> weights = (scores.array() - scores.maxCoeff()).exp();
      weights /= weights.sum();
      o.noalias() = V.transpose() * weights.matrix();
    } else {
      const Eigen::Matrix<T, M, N> scores = (q * K.transpose()) * scale;
      Eigen::Array<T, M, N> weights = (scores.colwise() - scores.rowwise().maxCoeff()).array().exp();
      weights.colwise() /= weights.rowwise().sum();
      o.noalias() = weights.matrix() * V;
    }
  }

  static void check() {
    for (size_t k = 0; k < P; ++k) {
      const inputs& x = (*in)[k];
      static T want[M * D], got_eigen[M * D];
      for (size_t r = 0; r < M; ++r) {
        long double s[N];
        for (size_t i = 0; i < N; ++i) {
          long double sum = 0;
          for (size_t j = 0; j < D; ++j) sum += static_cast<long double>(x.K.data[i][j]) * q_at(x.q, r, j);
          s[i] = sum / std::sqrt(static_cast<long double>(D));
        }
        reference_softmax(s);
        for (size_t j = 0; j < D; ++j) {
          long double o = 0;
          for (size_t i = 0; i < N; ++i) o += s[i] * x.V.data[i][j];
          want[r * D + j] = static_cast<T>(o);
        }
      }
      const o_type got = cxla::attention(x.q, x.K, x.V);
      o_type naive_out{};
      naive(x.q, x.K, x.V, naive_out);
      eigen_o eigen_out;
      eigen((*ein)[k].q, (*ein)[k].K, (*ein)[k].V, eigen_out);
      for (size_t r = 0; r < M; ++r)
        for (size_t j = 0; j < D; ++j) {
          if constexpr (single) got_eigen[j] = eigen_out(Eigen::Index(j));
          else got_eigen[r * D + j] = eigen_out(Eigen::Index(r), Eigen::Index(j));
        }
      const T* got_flat;
      const T* naive_flat;
      if constexpr (single) got_flat = got.data, naive_flat = naive_out.data;
      else got_flat = &got.data[0][0], naive_flat = &naive_out.data[0][0];
      bench::check_close(name(), "cxla vs long double reference", got_flat, want, nullptr, M * D, bench::tolerance<T>());
      bench::check_close(name(), "eigen vs long double reference", got_eigen, want, nullptr, M * D, bench::tolerance<T>());
      bench::check_close(name(), "naive vs long double reference", naive_flat, want, nullptr, M * D, bench::tolerance<T>());
    }
  }

  static void run_cxla(benchmark::State& state) {
    o_type o{};
    bench::measure(
        state, o, [](size_t k) { return std::tie((*in)[k]); },
        [](auto& out_, const auto& x_) { out_ = cxla::attention(x_.q, x_.K, x_.V); });
    bench::count_flops(state, flops);
  }

  static void run_eigen(benchmark::State& state) {
    eigen_o o;
    bench::measure(
        state, o, [](size_t k) { return std::tie((*ein)[k]); },
        [](auto& out_, const auto& x_) { eigen(x_.q, x_.K, x_.V, out_); });
    bench::count_flops(state, flops);
  }

  static void run_naive(benchmark::State& state) {
    o_type o{};
    bench::measure(
        state, o, [](size_t k) { return std::tie((*in)[k]); },
        [](auto& out_, const auto& x_) { naive(x_.q, x_.K, x_.V, out_); });
    bench::count_flops(state, flops);
  }
};
#endif

// ---- registration -------------------------------------------------------------------

// Registers the three implementations of one case next to each other, and its check.
template <class Case>
void add_case() {
  Case::setup();
  checks().push_back(&Case::check);
  benchmark::RegisterBenchmark((Case::name() + "/cxla").c_str(), &Case::run_cxla);
  benchmark::RegisterBenchmark((Case::name() + "/eigen").c_str(), &Case::run_eigen);
  benchmark::RegisterBenchmark((Case::name() + "/naive").c_str(), &Case::run_naive);
}

template <class T>
void add_cases() {
  add_case<matvec_case<T, 3, 2>>();
  add_case<matvec_case<T, 4, 4>>();
  add_case<matvec_case<T, 8, 8>>();
  add_case<matvec_case<T, 16, 16>>();
  add_case<matvec_case<T, 32, 32>>();
  add_case<matvec_case<T, 64, 64>>();
  add_case<matmul_case<T, 4>>();
  add_case<matmul_case<T, 8>>();
  add_case<matmul_case<T, 16>>();
  add_case<matmul_case<T, 32>>();
#if defined(CXLA_BENCH_ATTENTION)
  add_case<softmax_case<T, 16>>();
  add_case<softmax_case<T, 64>>();
  add_case<softmax_case<T, 256>>();
  add_case<attention_case<T, 1, 3, 2>>();
  add_case<attention_case<T, 1, 16, 16>>();
  add_case<attention_case<T, 1, 64, 64>>();
  add_case<attention_case<T, 16, 16, 16>>();
  add_case<attention_case<T, 64, 64, 64>>();
#endif
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  add_cases<float>();
  add_cases<double>();
  for (const auto& check : checks()) check();
  std::fprintf(stderr, "bench: %zu cases: cxla, Eigen and naive agree with the long double reference\n",
               checks().size());
  bench::add_context();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
