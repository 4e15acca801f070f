// Error of cxla::exp(float) or cxla::log(float) over EVERY float in [lo, hi], against expl /
// logl (x87 long double: 64-bit significand, so its own error is far below a float ulp). One single call per argument, as a
// user's scalar code makes it. Prints the max error in ulps (of the format at the exact value;
// 2^-149 below 2^-126) and where, and the mean over the floats of the range.
//
//   g++ -std=c++20 -O2 -ffp-contract=off -fopenmp -Iinclude FLAGS tools/math/every_float.cpp
//   with FLAGS = -march=x86-64-v3 (exp's fused algorithm) or none (unfused), then
//   ./a.out exp -87 88.3      (normal results, 2.2e9 floats: about 80 s on 2 cores)
//   ./a.out exp -104 -87      (subnormal results)
//   ./a.out log 0x1p-149 0x1.fffffep127   (every positive finite float)
#include <cxla/math.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

float from_bits(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
// Floats in increasing order map to increasing integers: -x to -bits(x).
std::int64_t order_key(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return (u & 0x80000000u) ? -static_cast<std::int64_t>(u & 0x7fffffffu) : static_cast<std::int64_t>(u);
}
float from_key(std::int64_t k) {
  return k < 0 ? from_bits(static_cast<std::uint32_t>(-k) | 0x80000000u) : from_bits(static_cast<std::uint32_t>(k));
}

}  // namespace

int main(int argc, char** argv) {
  const bool is_log = argc == 4 && std::strcmp(argv[1], "log") == 0;
  if (argc != 4 || (!is_log && std::strcmp(argv[1], "exp") != 0)) {
    std::fprintf(stderr, "usage: %s exp|log lo hi\n", argv[0]);
    return 2;
  }
  const std::int64_t first = order_key(std::strtof(argv[2], nullptr));
  const std::int64_t last = order_key(std::strtof(argv[3], nullptr));
  double max_err = 0, sum = 0;
  float worst = 0;
  std::uint64_t count = 0;
#pragma omp parallel
  {
    double local_max = 0, local_sum = 0;
    float local_worst = 0;
    std::uint64_t local_count = 0;
#pragma omp for schedule(dynamic, 65536)
    for (std::int64_t key = first; key <= last; ++key) {
      const float x = from_key(key);
      const float y = is_log ? cxla::log(x) : cxla::exp(x);
      const long double exact = is_log ? logl(static_cast<long double>(x)) : expl(static_cast<long double>(x));
      int e;
      frexpl(exact, &e);
      const long double ulp = ldexpl(1.0L, (e < -125 ? -125 : e) - 24);
      const double err = static_cast<double>(fabsl(static_cast<long double>(y) - exact) / ulp);
      ++local_count;
      local_sum += err;
      if (!(err <= local_max)) {  // also catches a NaN error
        local_max = err;
        local_worst = x;
      }
    }
#pragma omp critical
    {
      count += local_count;
      sum += local_sum;
      if (!(local_max <= max_err)) {
        max_err = local_max;
        worst = local_worst;
      }
    }
  }
  std::printf("%s(float) over every float in [%a, %a]: max %.4f ulp at x = %a, mean %.4f ulp, %llu floats\n",
              argv[1], static_cast<double>(from_key(first)), static_cast<double>(from_key(last)), max_err,
              static_cast<double>(worst), sum / static_cast<double>(count), static_cast<unsigned long long>(count));
  return 0;
}
