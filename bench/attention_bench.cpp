// bench/attention_bench.cpp - scaled dot-product attention: cxla against an idiomatic Eigen
// fixed-size implementation, in one program.
//
// Benchmark names are  op/type/size/implementation,  e.g. "attention_single/float/n64_d64/cxla":
//   attention_single  one query:  q (d), K (n x d), V (n x d) -> o (d)
//   attention_multi   n queries:  Q (n x d), K, V (n x d)     -> O (n x d)
// Before measuring, main checks that both implementations agree on every pooled input.
#include <benchmark/benchmark.h>

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include <cxla/cxla.hpp>

namespace {

using std::size_t;

template <class T>
const char* type_name() {
  return sizeof(T) == 4 ? "float" : "double";
}

std::mt19937_64& rng() {
  static std::mt19937_64 generator{0xa77e5eedULL};
  return generator;
}

template <class T, size_t R, size_t C>
void fill(cxla::matrix<T, R, C>& X) {
  std::uniform_real_distribution<T> d(T(-1), T(1));
  for (auto& row : X.data)
    for (auto& x : row) x = d(rng());
}
template <class T, size_t N>
void fill(cxla::vector<T, N>& v) {
  std::uniform_real_distribution<T> d(T(-1), T(1));
  for (auto& x : v.data) x = d(rng());
}
template <class T, size_t R, size_t C>
Eigen::Matrix<T, int(R), int(C), (C == 1 ? Eigen::ColMajor : Eigen::RowMajor)> to_eigen(const cxla::matrix<T, R, C>& X) {
  Eigen::Matrix<T, int(R), int(C), (C == 1 ? Eigen::ColMajor : Eigen::RowMajor)> E;
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) E(Eigen::Index(i), Eigen::Index(j)) = X.data[i][j];
  return E;
}
template <class T, size_t N>
Eigen::Matrix<T, int(N), 1> to_eigen(const cxla::vector<T, N>& v) {
  Eigen::Matrix<T, int(N), 1> E;
  for (size_t i = 0; i < N; ++i) E(Eigen::Index(i)) = v.data[i];
  return E;
}

// Inputs cycle through a small pool so that nothing is hoisted out of the timing loop.
constexpr size_t pool = 4;

// ---- single query ----------------------------------------------------------------------------

template <class T, size_t N, size_t D>
struct single_case {
  using EV = Eigen::Matrix<T, int(D), 1>;
  using EM = Eigen::Matrix<T, int(N), int(D), Eigen::RowMajor>;
  struct inputs {
    cxla::vector<T, D> q[pool];
    cxla::matrix<T, N, D> K[pool], V[pool];
    EV eq[pool];
    EM eK[pool], eV[pool];
  };
  static inline std::unique_ptr<inputs> in;

  static void setup() {
    if (in) return;
    in = std::make_unique<inputs>();
    for (size_t k = 0; k < pool; ++k) {
      fill(in->q[k]);
      fill(in->K[k]);
      fill(in->V[k]);
      in->eq[k] = to_eigen(in->q[k]);
      in->eK[k] = to_eigen(in->K[k]);
      in->eV[k] = to_eigen(in->V[k]);
    }
  }

  // The textbook formula in Eigen: scores, stable softmax, weighted sum of value rows.
  static EV eigen_attention(const EV& q, const EM& K, const EM& V) {
    Eigen::Matrix<T, int(N), 1> s = (K * q) / std::sqrt(T(D));
    s = (s.array() - s.maxCoeff()).exp();
    s /= s.sum();
    return V.transpose() * s;
  }

  static bool agree() {
    setup();
    for (size_t k = 0; k < pool; ++k) {
      const auto o = cxla::attention(in->q[k], in->K[k], in->V[k]);
      const EV e = eigen_attention(in->eq[k], in->eK[k], in->eV[k]);
      for (size_t j = 0; j < D; ++j)
        if (!(std::abs(o.data[j] - e(Eigen::Index(j))) <= T(64) * std::numeric_limits<T>::epsilon())) return false;
    }
    return true;
  }

  static void cxla_run(benchmark::State& state) {
    setup();
    size_t k = 0;
    for (auto _ : state) {
      auto o = cxla::attention(in->q[k % pool], in->K[k % pool], in->V[k % pool]);
      benchmark::DoNotOptimize(o);
      ++k;
    }
  }
  static void eigen_run(benchmark::State& state) {
    setup();
    size_t k = 0;
    for (auto _ : state) {
      EV o = eigen_attention(in->eq[k % pool], in->eK[k % pool], in->eV[k % pool]);
      benchmark::DoNotOptimize(o);
      ++k;
    }
  }
};

// ---- multi-query -----------------------------------------------------------------------------

template <class T, size_t N, size_t D>
struct multi_case {
  using EM = Eigen::Matrix<T, int(N), int(D), Eigen::RowMajor>;
  using ES = Eigen::Matrix<T, int(N), int(N), Eigen::RowMajor>;
  struct inputs {
    cxla::matrix<T, N, D> Q[pool], K[pool], V[pool];
    EM eQ[pool], eK[pool], eV[pool];
  };
  static inline std::unique_ptr<inputs> in;

  static void setup() {
    if (in) return;
    in = std::make_unique<inputs>();
    for (size_t k = 0; k < pool; ++k) {
      fill(in->Q[k]);
      fill(in->K[k]);
      fill(in->V[k]);
      in->eQ[k] = to_eigen(in->Q[k]);
      in->eK[k] = to_eigen(in->K[k]);
      in->eV[k] = to_eigen(in->V[k]);
    }
  }

  // Row-wise stable softmax of Q K^T / sqrt(d), then times V.
  static void eigen_attention(const EM& Q, const EM& K, const EM& V, EM& O) {
    ES S = (Q * K.transpose()) / std::sqrt(T(D));
    S = (S.colwise() - S.rowwise().maxCoeff()).array().exp();
    S.array().colwise() /= S.rowwise().sum().array();
    O.noalias() = S * V;
  }

  static bool agree() {
    setup();
    EM O;
    for (size_t k = 0; k < pool; ++k) {
      const auto C = cxla::attention(in->Q[k], in->K[k], in->V[k]);
      eigen_attention(in->eQ[k], in->eK[k], in->eV[k], O);
      for (size_t i = 0; i < N; ++i)
        for (size_t j = 0; j < D; ++j)
          if (!(std::abs(C.data[i][j] - O(Eigen::Index(i), Eigen::Index(j))) <=
                T(64) * std::numeric_limits<T>::epsilon()))
            return false;
    }
    return true;
  }

  static void cxla_run(benchmark::State& state) {
    setup();
    auto O = std::make_unique<cxla::matrix<T, N, D>>();
    size_t k = 0;
    for (auto _ : state) {
      *O = cxla::attention(in->Q[k % pool], in->K[k % pool], in->V[k % pool]);
      benchmark::DoNotOptimize(O->data);
      benchmark::ClobberMemory();
      ++k;
    }
  }
  static void eigen_run(benchmark::State& state) {
    setup();
    auto O = std::make_unique<EM>();
    size_t k = 0;
    for (auto _ : state) {
      eigen_attention(in->eQ[k % pool], in->eK[k % pool], in->eV[k % pool], *O);
      benchmark::DoNotOptimize(O->data());
      benchmark::ClobberMemory();
      ++k;
    }
  }
};

bool all_agree = true;

template <class Case>
void add(const char* op, const char* type, size_t n, size_t d) {
  all_agree = all_agree && Case::agree();
  char name[128];
  std::snprintf(name, sizeof name, "%s/%s/n%zu_d%zu/cxla", op, type, n, d);
  benchmark::RegisterBenchmark(name, Case::cxla_run);
  std::snprintf(name, sizeof name, "%s/%s/n%zu_d%zu/eigen", op, type, n, d);
  benchmark::RegisterBenchmark(name, Case::eigen_run);
}

template <class T>
void register_type() {
  add<single_case<T, 16, 16>>("attention_single", type_name<T>(), 16, 16);
  add<single_case<T, 64, 64>>("attention_single", type_name<T>(), 64, 64);
  add<multi_case<T, 64, 64>>("attention_multi", type_name<T>(), 64, 64);
}

}  // namespace

int main(int argc, char** argv) {
  register_type<float>();
  register_type<double>();
  if (!all_agree) {
    std::fprintf(stderr, "attention_bench: cxla and Eigen disagree; not measuring\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
