// cxla/ops.hpp - arithmetic on matrix and vector.
//
// Shape and element-type rules are checked at compile time. Each operator accepts any shapes
// and rejects a mismatch with a static_assert whose text starts "cxla: shape mismatch" (or
// "cxla: element type mismatch"), so the first error line is ours, not the compiler's list
// of candidates. For SFINAE-style checks in generic code use the concepts in matrix.hpp
// (cxla::addable, cxla::multipliable), since `requires { a * b; }` sees the catch-all.
//
// Summation order (fixed, so results are the same at compile time, at run time and on
// every target; see README "Bit-identical results"):
//   dot(a, b), (X * w)[i]   lane-blocked: term j goes to partial sum j % 8 (each partial
//                           sum starts at +0 and adds terms in increasing j), then the
//                           partial sums p0..p7 combine as ((p0+p4)+(p2+p6))+((p1+p5)+(p3+p7))
//                           (absent lanes are skipped). column_combination uses the same
//                           order, so X * w == column_combination(X, w) exactly.
//   (A * B)(i, j)           sequential in k, starting at +0.
//   sum(x)                  lane-blocked like dot.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "detail/arith.hpp"
#include "detail/checks.hpp"
#include "matrix.hpp"

namespace cxla {

namespace detail {

inline constexpr size_t lanes = 8;

// Combines the first `used` partial sums in the documented tree order.
template <size_t used, class T>
constexpr T reduce_lanes(const T (&p)[lanes]) noexcept {
  static_assert(used >= 1 && used <= lanes);
  T s[4]{};
  for (size_t k = 0; k < 4 && k < used; ++k) s[k] = (k + 4 < used) ? add(p[k], p[k + 4]) : p[k];
  constexpr size_t used_s = used < 4 ? used : 4;
  T t[2]{};
  for (size_t k = 0; k < 2 && k < used_s; ++k) t[k] = (k + 2 < used_s) ? add(s[k], s[k + 2]) : s[k];
  if constexpr (used_s >= 2) {
    return add(t[0], t[1]);
  } else {
    return t[0];
  }
}

// Lane-blocked dot product of two length-N arrays.
template <size_t N, class T>
constexpr T dot_lanes(const T* a, const T* b) noexcept {
  T p[lanes]{};
  constexpr size_t full = N - N % lanes;
  for (size_t jb = 0; jb < full; jb += lanes)
    for (size_t k = 0; k < lanes; ++k) p[k] = mul_add(a[jb + k], b[jb + k], p[k]);
  for (size_t k = 0; k < N % lanes; ++k) p[k] = mul_add(a[full + k], b[full + k], p[k]);
  return reduce_lanes<(N < lanes ? N : lanes)>(p);
}

// ---- run-time kernels ---------------------------------------------------------------
// At run time, X * w and A * B for float and double use the kernels below, written with
// the GCC/Clang vector extensions (one portable source for AVX, SSE and NEON). They add the
// same terms in the same order as the constexpr loops above, so results are bit-identical
// (checked by the static, runtime and benchmark suites); only the grouping of independent
// sums into registers differs. Define CXLA_NO_SIMD to use the constexpr loops at run time too.
//
// Two facts keep the vector kernels exact. (1) Every partial sum of the constexpr loops starts
// at +0, so none of their intermediate values is ever -0 (in round-to-nearest, x + y is -0
// only if both are -0). (2) Hence starting a partial sum at its first product instead changes
// at most the sign of a zero (-0 where the loop has +0), and adding +0 maps -0 back to +0 and
// leaves every other value alone. So the kernels may start partial sums at the first product,
// pad absent lanes and rows with +0, and add +0 once to each result.
#if !defined(CXLA_NO_SIMD) && (defined(__GNUC__) || defined(__clang__)) && \
    (defined(__SSE2__) || defined(__ARM_NEON))
#define CXLA_SIMD 1
#else
#define CXLA_SIMD 0
#endif

#if CXLA_SIMD

template <class T>
inline constexpr bool simd_element = std::is_same_v<T, float> || std::is_same_v<T, double>;

// Vector of `bytes` bytes of T.
template <class T, size_t bytes>
using vec __attribute__((vector_size(bytes))) = T;

// Vectors pass by reference only: a wide vector by value would change the calling
// convention with the target's vector width (-Wpsabi).
template <class V, class T>
[[gnu::always_inline]] inline void load(V& v, const T* p) noexcept {
  __builtin_memcpy(&v, p, sizeof v);
}

// v = the first `count` elements at p, the other lanes +0 (count is a constant). Built
// from the widest loads that fit, so no lane is assembled through memory.
template <class V, class H, size_t... k>
[[gnu::always_inline]] inline void concat(V& v, const H& low, const H& high, std::index_sequence<k...>) noexcept {
  v = __builtin_shufflevector(low, high, k...);
}
template <size_t count, class V, class T>
[[gnu::always_inline]] inline void load_first(V& v, const T* p) noexcept {
  constexpr size_t n = sizeof(V) / sizeof(T);
  if constexpr (count == 0) {
    v = V{};
  } else if constexpr (count == n) {
    load(v, p);
  } else if constexpr (n == 2) {
    v = V{p[0], T{}};
  } else {
    using H = vec<T, sizeof(V) / 2>;
    H low, high{};
    if constexpr (count >= n / 2) {
      load(low, p);
      load_first<count - n / 2>(high, p + n / 2);
    } else {
      load_first<count>(low, p);
    }
    concat(v, low, high, std::make_index_sequence<n>{});
  }
}

// The first `count` lanes of v to p (count is a constant).
template <size_t count, class V, class T>
[[gnu::always_inline]] inline void store_first(T* p, const V& v) noexcept {
  if constexpr (count * sizeof(T) == sizeof(V)) {
    __builtin_memcpy(p, &v, sizeof v);
  } else {
#pragma GCC unroll 8
    for (size_t k = 0; k < count; ++k) p[k] = v[k];
  }
}

// X * w keeps the eight partial sums p0..p7 of a row in vector lanes and runs the combine
// tree ((p0+p4)+(p2+p6))+((p1+p5)+(p3+p7)) on several rows at once:
//   q-level  qk = pk + pk+4   (k = 0..3)
//   t-level  t0 = q0 + q2, t1 = q1 + q3
//   result   y = t0 + t1
// With C <= 4 the rows start at the q-level (p4..p7 are absent), with C <= 2 at the t-level.

// float: blocks of 8 rows, a row's p0..p7 in one 8-lane vector, q-level two rows per vector.
template <size_t rows, size_t R, size_t C>
[[gnu::always_inline]] inline void matvec_block(const float (&X)[R][C], const float (&w)[C], float (&y)[R],
                                                size_t i) noexcept {
  using v8 = vec<float, 32>;
  if constexpr (C == 2) {
    // Four rows per vector, lanes [p0 p1] per row: X's rows are contiguous.
    const v8 wv{w[0], w[1], w[0], w[1], w[0], w[1], w[0], w[1]};
    v8 x0;
    load_first<rows < 4 ? 2 * rows : 8>(x0, &X[i][0]);
    const v8 t0 = v8{} + x0 * wv;
    if constexpr (rows <= 4) {
      const vec<float, 16> sums =
          __builtin_shufflevector(t0, t0, 0, 2, 4, 6) + __builtin_shufflevector(t0, t0, 1, 3, 5, 7);
      store_first<rows>(&y[i], sums);
    } else {
      v8 x1;
      load_first<2 * rows - 8>(x1, &X[i + 4][0]);
      const v8 t1 = v8{} + x1 * wv;
      // rows in the order 0 1 4 5 2 3 6 7 (in-lane shuffles), then one 64-bit permute
      const v8 sums = __builtin_shufflevector(t0, t1, 0, 2, 8, 10, 4, 6, 12, 14) +
                      __builtin_shufflevector(t0, t1, 1, 3, 9, 11, 5, 7, 13, 15);
      store_first<rows>(&y[i], __builtin_shufflevector(sums, sums, 0, 1, 4, 5, 2, 3, 6, 7));
    }
    return;
  }
  v8 q[4]{};  // q[m]: lanes [q0..q3 of one row | q0..q3 of another]
  if constexpr (C <= 4) {
    vec<float, 16> w4;
    load_first<C>(w4, &w[0]);
    const v8 wv = __builtin_shufflevector(w4, w4, 0, 1, 2, 3, 0, 1, 2, 3);
#pragma GCC unroll 4
    for (size_t m = 0; 2 * m < rows; ++m) {
      v8 x{};
      if constexpr (C == 4) {
        if (2 * m + 1 < rows)
          load(x, &X[i + 2 * m][0]);
        else
          load_first<4>(x, &X[i + 2 * m][0]);
      } else {
        for (size_t k = 0; k < C; ++k) x[k] = X[i + 2 * m][k];
        if (2 * m + 1 < rows)
          for (size_t k = 0; k < C; ++k) x[k + 4] = X[i + 2 * m + 1][k];
      }
      q[m] = x * wv;  // (+0 added to the result)
    }
  } else {
    // Each partial sum starts at its first product (+0 added to the result).
    constexpr size_t full = C - C % 8;
    v8 p[8]{};
    if constexpr (full > 0) {
      v8 wv, x;
      load(wv, &w[0]);
#pragma GCC unroll 8
      for (size_t r = 0; r < rows; ++r) {
        load(x, &X[i + r][0]);
        p[r] = x * wv;
      }
    }
    for (size_t jb = 8; jb < full; jb += 8) {
      v8 wv, x;
      load(wv, &w[jb]);
#pragma GCC unroll 8
      for (size_t r = 0; r < rows; ++r) {
        load(x, &X[i + r][jb]);
        p[r] = p[r] + x * wv;
      }
    }
    if constexpr (C % 8 != 0) {
      v8 wv, x;
      load_first<C % 8>(wv, &w[full]);
#pragma GCC unroll 8
      for (size_t r = 0; r < rows; ++r) {
        load_first<C % 8>(x, &X[i + r][full]);
        p[r] = (full > 0) ? p[r] + x * wv : x * wv;
      }
    }
    // Rows m and m + 4 share q[m], so the sums below come out in row order.
#pragma GCC unroll 4
    for (size_t m = 0; m < 4; ++m)
      q[m] = __builtin_shufflevector(p[m], p[m + 4], 0, 1, 2, 3, 8, 9, 10, 11) +
             __builtin_shufflevector(p[m], p[m + 4], 4, 5, 6, 7, 12, 13, 14, 15);
  }
  // t-level, lanes [t0 t1 of rows 4n, 4n+2 | t0 t1 of rows 4n+1, 4n+3]
  const v8 t0 = __builtin_shufflevector(q[0], q[1], 0, 1, 8, 9, 4, 5, 12, 13) +
                __builtin_shufflevector(q[0], q[1], 2, 3, 10, 11, 6, 7, 14, 15);
  const v8 t1 = __builtin_shufflevector(q[2], q[3], 0, 1, 8, 9, 4, 5, 12, 13) +
                __builtin_shufflevector(q[2], q[3], 2, 3, 10, 11, 6, 7, 14, 15);
  // lanes [rows of q[0..3]'s low halves | rows of their high halves]
  const v8 sums = (__builtin_shufflevector(t0, t1, 0, 2, 8, 10, 4, 6, 12, 14) +
                   __builtin_shufflevector(t0, t1, 1, 3, 9, 11, 5, 7, 13, 15)) +
                  v8{};
  if constexpr (C <= 4)  // q[m] held rows 2m, 2m + 1: the lanes are rows 0 2 4 6 1 3 5 7
    store_first<rows>(&y[i], __builtin_shufflevector(sums, sums, 0, 4, 1, 5, 2, 6, 3, 7));
  else
    store_first<rows>(&y[i], sums);
}

// double: blocks of 4 rows, a row's p0..p7 in two 4-lane vectors (lo: p0..p3, hi: p4..p7),
// q-level one row per vector.
template <size_t rows, size_t R, size_t C>
[[gnu::always_inline]] inline void matvec_block(const double (&X)[R][C], const double (&w)[C],
                                                double (&y)[R], size_t i) noexcept {
  using v4 = vec<double, 32>;
  if constexpr (C == 2) {
    // Two rows per vector, lanes [p0 p1] per row: X's rows are contiguous.
    const v4 wv{w[0], w[1], w[0], w[1]};
    v4 x0{}, x1{};
    load_first<rows < 2 ? 2 * rows : 4>(x0, &X[i][0]);
    if constexpr (rows > 2) load_first<2 * rows - 4>(x1, &X[i + 2][0]);
    const v4 t0 = v4{} + x0 * wv, t1 = v4{} + x1 * wv;
    // rows in the order 0 2 1 3 (in-lane shuffles), then one permute
    const v4 sums = __builtin_shufflevector(t0, t1, 0, 4, 2, 6) + __builtin_shufflevector(t0, t1, 1, 5, 3, 7);
    store_first<rows>(&y[i], __builtin_shufflevector(sums, sums, 0, 2, 1, 3));
    return;
  }
  v4 q[4]{};
  if constexpr (C <= 4) {
    v4 wv;
    load_first<C>(wv, &w[0]);
#pragma GCC unroll 4
    for (size_t r = 0; r < rows; ++r) {
      v4 x;
      load_first<C>(x, &X[i + r][0]);
      q[r] = x * wv;  // (+0 added to the result)
    }
  } else {
    // Each partial sum starts at its first product (+0 added to the result).
    constexpr size_t full = C - C % 8;
    v4 lo[4]{}, hi[4]{};
    if constexpr (full > 0) {
      v4 wlo, whi, x;
      load(wlo, &w[0]);
      load(whi, &w[4]);
#pragma GCC unroll 4
      for (size_t r = 0; r < rows; ++r) {
        load(x, &X[i + r][0]);
        lo[r] = x * wlo;
        load(x, &X[i + r][4]);
        hi[r] = x * whi;
      }
    }
    for (size_t jb = 8; jb < full; jb += 8) {
      v4 wlo, whi, x;
      load(wlo, &w[jb]);
      load(whi, &w[jb + 4]);
#pragma GCC unroll 4
      for (size_t r = 0; r < rows; ++r) {
        load(x, &X[i + r][jb]);
        lo[r] = lo[r] + x * wlo;
        load(x, &X[i + r][jb + 4]);
        hi[r] = hi[r] + x * whi;
      }
    }
    if constexpr (C % 8 != 0) {
      constexpr size_t tail = C % 8;
      v4 wlo, whi{}, x;
      load_first<tail < 4 ? tail : 4>(wlo, &w[full]);
      if constexpr (tail > 4) load_first<tail - 4>(whi, &w[full + 4]);
#pragma GCC unroll 4
      for (size_t r = 0; r < rows; ++r) {
        load_first<tail < 4 ? tail : 4>(x, &X[i + r][full]);
        lo[r] = (full > 0) ? lo[r] + x * wlo : x * wlo;
        if constexpr (tail > 4) {
          load_first<tail - 4>(x, &X[i + r][full + 4]);
          hi[r] = (full > 0) ? hi[r] + x * whi : x * whi;
        }
      }
    }
#pragma GCC unroll 4
    for (size_t r = 0; r < rows; ++r) q[r] = lo[r] + hi[r];
  }
  // t-level, lanes [t0 t1 of row r, t0 t1 of row r + 2]
  const v4 c0 = __builtin_shufflevector(q[0], q[2], 0, 1, 4, 5) + __builtin_shufflevector(q[0], q[2], 2, 3, 6, 7);
  const v4 c1 = __builtin_shufflevector(q[1], q[3], 0, 1, 4, 5) + __builtin_shufflevector(q[1], q[3], 2, 3, 6, 7);
  const v4 sums =
      (__builtin_shufflevector(c0, c1, 0, 4, 2, 6) + __builtin_shufflevector(c0, c1, 1, 5, 3, 7)) + v4{};
  store_first<rows>(&y[i], sums);
}

template <class T, size_t R, size_t C>
inline void matvec_simd(const T (&X)[R][C], const T (&w)[C], T (&y)[R]) noexcept {
  if constexpr (C == 1) {
    for (size_t i = 0; i < R; ++i) y[i] = T{} + X[i][0] * w[0];
  } else {
    constexpr size_t block = sizeof(T) == 4 ? 8 : 4;
    constexpr size_t full_rows = R - R % block;
    for (size_t i = 0; i < full_rows; i += block) matvec_block<block>(X, w, y, i);
    if constexpr (R % block != 0) matvec_block<R % block>(X, w, y, full_rows);
  }
}

// A * B: a tile of `tile_rows` rows x `nv` vectors of P stays in registers while k runs
// from 0 to K, so every entry is summed sequentially in k from +0, as the constexpr loop does.
template <size_t tile_rows, size_t nv, class V, class T, size_t R, size_t K, size_t C>
[[gnu::always_inline]] inline void matmul_tile(const T (&A)[R][K], const T (&B)[K][C], T (&P)[R][C], size_t i,
                                               size_t j) noexcept {
  constexpr size_t width = sizeof(V) / sizeof(T);
  V acc[tile_rows][nv]{};
  for (size_t k = 0; k < K; ++k) {
    V b[nv];
#pragma GCC unroll 4
    for (size_t v = 0; v < nv; ++v) load(b[v], &B[k][j + v * width]);
#pragma GCC unroll 8
    for (size_t r = 0; r < tile_rows; ++r) {
      const T a = A[i + r][k];
#pragma GCC unroll 4
      for (size_t v = 0; v < nv; ++v) acc[r][v] = acc[r][v] + b[v] * a;
    }
  }
#pragma GCC unroll 8
  for (size_t r = 0; r < tile_rows; ++r)
#pragma GCC unroll 4
    for (size_t v = 0; v < nv; ++v) store_first<width>(&P[i + r][j + v * width], acc[r][v]);
}

template <size_t nv, class V, class T, size_t R, size_t K, size_t C>
[[gnu::always_inline]] inline void matmul_columns(const T (&A)[R][K], const T (&B)[K][C], T (&P)[R][C],
                                                  size_t j) noexcept {
  constexpr size_t tile_rows = nv == 1 ? 8 : 4;
  constexpr size_t full_rows = R - R % tile_rows;
  for (size_t i = 0; i < full_rows; i += tile_rows) matmul_tile<tile_rows, nv, V>(A, B, P, i, j);
  if constexpr (R % tile_rows != 0) matmul_tile<R % tile_rows, nv, V>(A, B, P, full_rows, j);
}

template <class T, size_t R, size_t K, size_t C>
inline void matmul_simd(const T (&A)[R][K], const T (&B)[K][C], T (&P)[R][C]) noexcept {
  // 256-bit vectors where a row of P has room for one, else 128-bit.
  constexpr size_t bytes = C * sizeof(T) >= 32 ? 32 : 16;
  using V = vec<T, bytes>;
  constexpr size_t width = bytes / sizeof(T);
  constexpr size_t step = 2 * width;  // two vectors per tile row
  constexpr size_t paired = C - C % step;
  size_t j = 0;
  for (; j < paired; j += step) matmul_columns<2, V>(A, B, P, j);
  if constexpr (C % step >= width) {
    matmul_columns<1, V>(A, B, P, j);
    j += width;
  }
  // Columns left over (fewer than one vector): one sequential sum per entry.
  for (; j < C; ++j)
    for (size_t i = 0; i < R; ++i) {
      T sum{};
      for (size_t k = 0; k < K; ++k) sum = sum + A[i][k] * B[k][j];
      P[i][j] = sum;
    }
}

#endif  // CXLA_SIMD

#if !CXLA_SIMD
// Targets without vector registers (e.g. Cortex-M with a scalar FPU): one row at a time, the
// eight partial sums in registers, no zeroed stack block. Each partial sum starts at its first
// product and the result gets + 0 once, which by the two facts above gives the bits of
// dot_lanes. Unrolled so the partial-sum index j % 8 is a constant.
template <size_t C, class T>
[[gnu::always_inline]] inline T dot_row_scalar(const T* x, const T* w) noexcept {
  constexpr size_t used = C < lanes ? C : lanes;
  T p[lanes];
#pragma GCC unroll 8
  for (size_t k = 0; k < used; ++k) p[k] = x[k] * w[k];
#pragma GCC unroll 64
  for (size_t j = lanes; j < C; ++j) p[j % lanes] = p[j % lanes] + x[j] * w[j];
  if constexpr (used == lanes)  // the tree of reduce_lanes, as one expression (kept in registers)
    return (((p[0] + p[4]) + (p[2] + p[6])) + ((p[1] + p[5]) + (p[3] + p[7]))) + T{0};
  else
    return reduce_lanes<used>(p) + T{0};
}
#endif

// Cortex-M with a single-precision FPU (ARMv7E-M: M4, M7): rows whose length is a multiple of
// 8 load eight x and eight w values with one VLDM each, instead of one VLDR per value. The
// operations and their order are dot_row_scalar's: p_k = x_k * w_k for the first eight
// columns, then p_k = p_k + x_j * w_j (multiply, then add: no fused operation), the same tree
// and + 0. s16-s31 are scratch, declared clobbered (the compiler saves them). CXLA_NO_ASM
// turns this off.
#if !defined(CXLA_NO_ASM) && defined(__GNUC__) && defined(__thumb2__) && defined(__ARM_ARCH_7EM__) && \
    defined(__ARM_FP) && (__ARM_FP & 4)
#define CXLA_ARM_VLDM_KERNEL 1
#define CXLA_VLDM_PAIR "vldmia %[x]!, {s16-s23}\n\tvldmia %[w]!, {s24-s31}\n\t"
#define CXLA_VLDM_CLOBBERS                                                                                  \
  "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24", "s25", "s26", "s27", "s28", "s29", "s30", \
      "s31", "memory"
template <size_t C>
[[gnu::always_inline]] inline float dot_row_vldm(const float* x, const float* w) noexcept {
  static_assert(C % 8 == 0 && C >= 8);
  float p0, p1, p2, p3, p4, p5, p6, p7;
  __asm__(CXLA_VLDM_PAIR
          "vmul.f32 %[p0], s16, s24\n\t"
          "vmul.f32 %[p1], s17, s25\n\t"
          "vmul.f32 %[p2], s18, s26\n\t"
          "vmul.f32 %[p3], s19, s27\n\t"
          "vmul.f32 %[p4], s20, s28\n\t"
          "vmul.f32 %[p5], s21, s29\n\t"
          "vmul.f32 %[p6], s22, s30\n\t"
          "vmul.f32 %[p7], s23, s31"
          : [p0] "=t"(p0), [p1] "=t"(p1), [p2] "=t"(p2), [p3] "=t"(p3), [p4] "=t"(p4), [p5] "=t"(p5),
            [p6] "=t"(p6), [p7] "=t"(p7), [x] "+r"(x), [w] "+r"(w)
          :
          : CXLA_VLDM_CLOBBERS);
#pragma GCC unroll 8
  for (size_t j = 8; j < C; j += 8)
    __asm__(CXLA_VLDM_PAIR
            "vmul.f32 s16, s16, s24\n\t"
            "vmul.f32 s17, s17, s25\n\t"
            "vmul.f32 s18, s18, s26\n\t"
            "vmul.f32 s19, s19, s27\n\t"
            "vmul.f32 s20, s20, s28\n\t"
            "vmul.f32 s21, s21, s29\n\t"
            "vmul.f32 s22, s22, s30\n\t"
            "vmul.f32 s23, s23, s31\n\t"
            "vadd.f32 %[p0], %[p0], s16\n\t"
            "vadd.f32 %[p1], %[p1], s17\n\t"
            "vadd.f32 %[p2], %[p2], s18\n\t"
            "vadd.f32 %[p3], %[p3], s19\n\t"
            "vadd.f32 %[p4], %[p4], s20\n\t"
            "vadd.f32 %[p5], %[p5], s21\n\t"
            "vadd.f32 %[p6], %[p6], s22\n\t"
            "vadd.f32 %[p7], %[p7], s23"
            : [p0] "+t"(p0), [p1] "+t"(p1), [p2] "+t"(p2), [p3] "+t"(p3), [p4] "+t"(p4), [p5] "+t"(p5),
              [p6] "+t"(p6), [p7] "+t"(p7), [x] "+r"(x), [w] "+r"(w)
            :
            : CXLA_VLDM_CLOBBERS);
  return (((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7))) + 0.0f;
}
#undef CXLA_VLDM_PAIR
#undef CXLA_VLDM_CLOBBERS
#endif

// y = X * w with the dot_lanes order in every row. Four rows at a time give the compiler
// four independent chains of vector adds.
template <class T, size_t R, size_t C>
constexpr void matvec(const T (&X)[R][C], const T (&w)[C], T (&y)[R]) noexcept {
#if CXLA_SIMD
  if constexpr (simd_element<T>) {
    if (!std::is_constant_evaluated()) return matvec_simd(X, w, y);
  }
#else
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::is_constant_evaluated()) {
#if defined(CXLA_ARM_VLDM_KERNEL)
      if constexpr (std::is_same_v<T, float> && C % 8 == 0) {
        for (size_t i = 0; i < R; ++i) y[i] = dot_row_vldm<C>(X[i], w);
        return;
      }
#endif
      for (size_t i = 0; i < R; ++i) y[i] = dot_row_scalar<C>(X[i], w);
      return;
    }
  }
#endif
  constexpr size_t full = C - C % lanes;
  constexpr size_t used = C < lanes ? C : lanes;
  constexpr size_t block = 4;
  constexpr size_t full_rows = R - R % block;
  for (size_t i = 0; i < full_rows; i += block) {
    T p[block][lanes]{};
    for (size_t jb = 0; jb < full; jb += lanes)
      for (size_t r = 0; r < block; ++r)
        for (size_t k = 0; k < lanes; ++k) p[r][k] = mul_add(X[i + r][jb + k], w[jb + k], p[r][k]);
    for (size_t r = 0; r < block; ++r)
      for (size_t k = 0; k < C % lanes; ++k) p[r][k] = mul_add(X[i + r][full + k], w[full + k], p[r][k]);
    for (size_t r = 0; r < block; ++r) y[i + r] = reduce_lanes<used>(p[r]);
  }
  for (size_t i = full_rows; i < R; ++i) y[i] = dot_lanes<C>(X[i], w);
}

// P = A * B, each entry summed sequentially in k from +0 (P is written, never read first).
// Row i of P is a combination of the rows of B: contiguous, vectorises along j.
template <class T, size_t R, size_t K, size_t C>
constexpr void matmul(const T (&A)[R][K], const T (&B)[K][C], T (&P)[R][C]) noexcept {
#if CXLA_SIMD
  if constexpr (simd_element<T>) {
    if (!std::is_constant_evaluated()) return matmul_simd(A, B, P);
  }
#endif
  for (size_t i = 0; i < R; ++i) {
    for (size_t j = 0; j < C; ++j) P[i][j] = T{};
    for (size_t k = 0; k < K; ++k) {
      const T a = A[i][k];
      for (size_t j = 0; j < C; ++j) P[i][j] = mul_add(a, B[k][j], P[i][j]);
    }
  }
}

}  // namespace detail

// ---- construction and conversion ----------------------------------------------------

// identity<T, N>(): N x N
template <class T, size_t N>
constexpr matrix<T, N, N> identity() noexcept {
  matrix<T, N, N> I{};
  for (size_t i = 0; i < N; ++i) I.data[i][i] = T{1};
  return I;
}

// cast<U>(X): same shape, elements converted with static_cast<U>. A floating-point value that
// does not fit an integer U (NaN, +-inf, out of range) would be undefined behaviour: it is a
// compile error in a constant expression and traps at run time. Integer to integer wraps.
template <class U, class T, size_t R, size_t C>
constexpr matrix<U, R, C> cast(const matrix<T, R, C>& X) noexcept {
  matrix<U, R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = detail::convert<U>(X.data[i][j]);
  return Y;
}
template <class U, class T, size_t N>
constexpr vector<U, N> cast(const vector<T, N>& v) noexcept {
  vector<U, N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = detail::convert<U>(v.data[i]);
  return u;
}

// as_matrix(w): vector<T,N> -> matrix<T,N,1>
template <class T, size_t N>
constexpr matrix<T, N, 1> as_matrix(const vector<T, N>& w) noexcept {
  matrix<T, N, 1> X{};
  for (size_t i = 0; i < N; ++i) X.data[i][0] = w.data[i];
  return X;
}

// as_vector(X): matrix<T,N,1> or matrix<T,1,N> -> vector<T,N>
template <class T, size_t R, size_t C>
constexpr vector<T, (R == 1 ? C : R)> as_vector(const matrix<T, R, C>& X) noexcept {
  static_assert(R == 1 || C == 1, "cxla: shape mismatch in as_vector(X): X must have one row or one column");
  vector<T, (R == 1 ? C : R)> v{};
  if constexpr (R == 1 || C == 1)
    for (size_t i = 0; i < R; ++i)
      for (size_t j = 0; j < C; ++j) v.data[i + j] = X.data[i][j];
  return v;
}

// ---- access -------------------------------------------------------------------------

// row(X, i): matrix<T,R,C> -> vector<T,C>   (i checked like X(i, j))
template <class T, size_t R, size_t C>
constexpr vector<T, C> row(const matrix<T, R, C>& X, size_t i) noexcept {
  detail::check_index(i < R);
  vector<T, C> r{};
  for (size_t j = 0; j < C; ++j) r.data[j] = X.data[i][j];
  return r;
}

// col(X, j): matrix<T,R,C> -> vector<T,R>
template <class T, size_t R, size_t C>
constexpr vector<T, R> col(const matrix<T, R, C>& X, size_t j) noexcept {
  detail::check_index(j < C);
  vector<T, R> c{};
  for (size_t i = 0; i < R; ++i) c.data[i] = X.data[i][j];
  return c;
}

// transpose(X): matrix<T,R,C> -> matrix<T,C,R>;  transpose(w): vector<T,N> -> matrix<T,1,N>
template <class T, size_t R, size_t C>
constexpr matrix<T, C, R> transpose(const matrix<T, R, C>& X) noexcept {
  matrix<T, C, R> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[j][i] = X.data[i][j];
  return Y;
}
template <class T, size_t N>
constexpr matrix<T, 1, N> transpose(const vector<T, N>& w) noexcept {
  matrix<T, 1, N> Y{};
  for (size_t j = 0; j < N; ++j) Y.data[0][j] = w.data[j];
  return Y;
}

// ---- elementwise + - and scalars ----------------------------------------------------

namespace detail {

template <class F, class T, size_t R, size_t C>
constexpr auto map(const matrix<T, R, C>& X, F f) noexcept {
  matrix<decltype(f(X.data[0][0])), R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = f(X.data[i][j]);
  return Y;
}
template <class F, class T, size_t N>
constexpr auto map(const vector<T, N>& v, F f) noexcept {
  vector<decltype(f(v.data[0])), N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = f(v.data[i]);
  return u;
}
template <class F, class T, size_t R, size_t C>
constexpr matrix<T, R, C> zip(const matrix<T, R, C>& A, const matrix<T, R, C>& B, F f) noexcept {
  matrix<T, R, C> Y{};
  for (size_t i = 0; i < R; ++i)
    for (size_t j = 0; j < C; ++j) Y.data[i][j] = f(A.data[i][j], B.data[i][j]);
  return Y;
}
template <class F, class T, size_t N>
constexpr vector<T, N> zip(const vector<T, N>& a, const vector<T, N>& b, F f) noexcept {
  vector<T, N> u{};
  for (size_t i = 0; i < N; ++i) u.data[i] = f(a.data[i], b.data[i]);
  return u;
}

}  // namespace detail

// A + B, A - B: matrix<T,R,C> x matrix<T,R,C> -> matrix<T,R,C>
template <class T, size_t R1, size_t C1, class U, size_t R2, size_t C2>
constexpr matrix<T, R1, C1> operator+(const matrix<T, R1, C1>& A, const matrix<U, R2, C2>& B) noexcept {
  static_assert(R1 == R2 && C1 == C2,
                "cxla: shape mismatch in A + B: both must have the same rows and columns");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A + B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (R1 == R2 && C1 == C2 && std::is_same_v<T, U> && detail::is_element_v<T>) {
    matrix<T, R1, C1> S{};
    for (size_t i = 0; i < R1; ++i)
      for (size_t j = 0; j < C1; ++j) S.data[i][j] = detail::add(A.data[i][j], B.data[i][j]);
    return S;
  } else
    return {};
}
template <class T, size_t R1, size_t C1, class U, size_t R2, size_t C2>
constexpr matrix<T, R1, C1> operator-(const matrix<T, R1, C1>& A, const matrix<U, R2, C2>& B) noexcept {
  static_assert(R1 == R2 && C1 == C2,
                "cxla: shape mismatch in A - B: both must have the same rows and columns");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A - B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (R1 == R2 && C1 == C2 && std::is_same_v<T, U> && detail::is_element_v<T>) {
    matrix<T, R1, C1> S{};
    for (size_t i = 0; i < R1; ++i)
      for (size_t j = 0; j < C1; ++j) S.data[i][j] = detail::sub(A.data[i][j], B.data[i][j]);
    return S;
  } else
    return {};
}

// a + b, a - b: vector<T,N> x vector<T,N> -> vector<T,N>
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator+(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in a + b: vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in a + b: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>) {
    vector<T, N> s{};
    for (size_t i = 0; i < N; ++i) s.data[i] = detail::add(a.data[i], b.data[i]);
    return s;
  } else
    return {};
}
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator-(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in a - b: vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in a - b: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>) {
    vector<T, N> s{};
    for (size_t i = 0; i < N; ++i) s.data[i] = detail::sub(a.data[i], b.data[i]);
    return s;
  } else
    return {};
}

// Adding a matrix and a vector is always a shape error (use as_matrix or col/row).
template <class T, size_t R, size_t C, class U, size_t N>
constexpr matrix<T, R, C> operator+(const matrix<T, R, C>&, const vector<U, N>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in A + w: a matrix plus a vector (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<U, N> operator+(const vector<U, N>&, const matrix<T, R, C>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in w + A: a vector plus a matrix (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr matrix<T, R, C> operator-(const matrix<T, R, C>&, const vector<U, N>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in A - w: a matrix minus a vector (use as_matrix(w))");
  return {};
}
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<U, N> operator-(const vector<U, N>&, const matrix<T, R, C>&) noexcept {
  static_assert(detail::always_false<R>,
                "cxla: shape mismatch in w - A: a vector minus a matrix (use as_matrix(w))");
  return {};
}

// -A, -a
template <class T, size_t R, size_t C>
constexpr matrix<T, R, C> operator-(const matrix<T, R, C>& A) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (detail::is_element_v<T>)
    return detail::map(A, [](T a_) { return detail::neg(a_); });
  else
    return {};
}
template <class T, size_t N>
constexpr vector<T, N> operator-(const vector<T, N>& a) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (detail::is_element_v<T>)
    return detail::map(a, [](T x_) { return detail::neg(x_); });
  else
    return {};
}

// s * A, A * s, A / s (and the same for vectors). The scalar is converted to the element
// type; a floating-point scalar with an integer matrix is rejected (it would truncate).
template <class S, matrix_like M>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator*(S s, const M& A) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in s * A: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a_) { return detail::mul(k, a_); });
  } else {
    return {};
  }
}
template <matrix_like M, class S>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator*(const M& A, S s) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in A * s: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a_) { return detail::mul(a_, k); });
  } else {
    return {};
  }
}
// Integer division by zero: compile error in constant evaluation, trap at run time.
template <matrix_like M, class S>
requires detail::element<S>
constexpr std::remove_cvref_t<M> operator/(const M& A, S s) noexcept {
  using T = typename M::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  static_assert(detail::is_scalar_for_v<S, T>,
                "cxla: element type mismatch in A / s: a floating-point scalar would be "
                "truncated to the integer element type; cast one side");
  if constexpr (detail::is_scalar_for_v<S, T>) {
    const T k = static_cast<T>(s);
    return detail::map(A, [k](T a_) { return detail::div(a_, k); });
  } else {
    return {};
  }
}

// ---- products -----------------------------------------------------------------------

// X * w: matrix<T,R,C> x vector<T,C> -> vector<T,R>   (lane-blocked order, see top)
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<T, R> operator*(const matrix<T, R, C>& X, const vector<U, N>& w) noexcept {
  static_assert(C == N, "cxla: shape mismatch in X * w: X's column count must equal w's length");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in X * w: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  vector<T, R> y;  // every element is written by matvec (no zero fill: it costs at run time)
  if constexpr (C == N && std::is_same_v<T, U> && detail::is_element_v<T>)
    detail::matvec(X.data, w.data, y.data);
  else
    y = {};
  return y;
}

// A * B: matrix<T,R,K> x matrix<T,K,C> -> matrix<T,R,C>   (sequential in k)
template <class T, size_t R, size_t K, class U, size_t K2, size_t C>
constexpr matrix<T, R, C> operator*(const matrix<T, R, K>& A, const matrix<U, K2, C>& B) noexcept {
  static_assert(K == K2, "cxla: shape mismatch in A * B: A's column count must equal B's row count");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in A * B: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, R, C> P;  // every element is written by matmul
  if constexpr (K == K2 && std::is_same_v<T, U> && detail::is_element_v<T>)
    detail::matmul(A.data, B.data, P.data);
  else
    P = {};
  return P;
}

// w * A: vector<T,N> (N x 1) x matrix<T,1,C> -> matrix<T,N,C>   (an outer product)
template <class T, size_t N, class U, size_t R, size_t C>
constexpr matrix<T, N, C> operator*(const vector<T, N>& w, const matrix<U, R, C>& A) noexcept {
  static_assert(R == 1,
                "cxla: shape mismatch in w * A: w is a column (N x 1), so A must have one row; "
                "did you mean transpose(w) * A?");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in w * A: convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, N, C> P{};
  if constexpr (R == 1 && std::is_same_v<T, U> && detail::is_element_v<T>)
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < C; ++j) P.data[i][j] = detail::mul(w.data[i], A.data[0][j]);
  return P;
}

// a * b for two column vectors is not a product; say which one was meant.
template <class T, size_t N, class U, size_t M>
constexpr vector<T, N> operator*(const vector<T, N>&, const vector<U, M>&) noexcept {
  static_assert(detail::always_false<N>,
                "cxla: shape mismatch in a * b: two column vectors (N x 1) * (M x 1); "
                "use dot(a, b), outer(a, b) or hadamard(a, b)");
  return {};
}

// dot(a, b): vector<T,N> x vector<T,N> -> T   (lane-blocked order, see top)
template <class T, size_t N, class U, size_t M>
constexpr T dot(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(N == M, "cxla: shape mismatch in dot(a, b): vectors of different lengths");
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in dot(a, b): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (N == M && std::is_same_v<T, U> && detail::is_element_v<T>)
    return detail::dot_lanes<N>(a.data, b.data);
  else
    return T{};
}

// outer(a, b): vector<T,N> x vector<T,M> -> matrix<T,N,M>
template <class T, size_t N, class U, size_t M>
constexpr matrix<T, N, M> outer(const vector<T, N>& a, const vector<U, M>& b) noexcept {
  static_assert(std::is_same_v<T, U>,
                "cxla: element type mismatch in outer(a, b): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  matrix<T, N, M> P{};
  if constexpr (std::is_same_v<T, U> && detail::is_element_v<T>)
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < M; ++j) P.data[i][j] = detail::mul(a.data[i], b.data[j]);
  return P;
}

// hadamard(a, b): elementwise product, same shape in and out.
template <class A, class B>
constexpr std::remove_cvref_t<A> hadamard(const A& a, const B& b) noexcept {
  static_assert(matrix_like<A> && matrix_like<B>, "cxla: hadamard(a, b) takes two cxla matrices or vectors");
  static_assert(same_shape<A, B>, "cxla: shape mismatch in hadamard(a, b): both must have the same shape");
  static_assert(same_element<A, B>,
                "cxla: element type mismatch in hadamard(a, b): convert one side with cxla::cast<T>");
  using T = typename std::remove_cvref_t<A>::value_type;
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (same_shape<A, B> && same_element<A, B> && detail::is_element_v<T>)
    return detail::zip(a, b, [](T x_, T y_) { return detail::mul(x_, y_); });
  else
    return {};
}

// sum(x): all elements of a vector, lane-blocked order.
template <class T, size_t N>
constexpr T sum(const vector<T, N>& v) noexcept {
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (!detail::is_element_v<T>) return T{};
  T p[detail::lanes]{};
  constexpr size_t full = N - N % detail::lanes;
  for (size_t jb = 0; jb < full; jb += detail::lanes)
    for (size_t k = 0; k < detail::lanes; ++k) p[k] = detail::add(p[k], v.data[jb + k]);
  for (size_t k = 0; k < N % detail::lanes; ++k) p[k] = detail::add(p[k], v.data[full + k]);
  return detail::reduce_lanes<(N < detail::lanes ? N : detail::lanes)>(p);
}

// column_combination(X, w): matrix<T,R,C> x vector<T,C> -> vector<T,R>
// The explicit sum of w[j] * col(X, j): the prediction X * w as a point of X's column space.
// Columns are accumulated into 8 partial vectors and combined in the order that X * w uses,
// so the two agree bit for bit.
template <class T, size_t R, size_t C, class U, size_t N>
constexpr vector<T, R> column_combination(const matrix<T, R, C>& X, const vector<U, N>& w) noexcept {
  static_assert(C == N,
                "cxla: shape mismatch in column_combination(X, w): X's column count must equal w's length");
  static_assert(
      std::is_same_v<T, U>,
      "cxla: element type mismatch in column_combination(X, w): convert one side with cxla::cast<T>");
  static_assert(detail::is_element_v<T>, "cxla: arithmetic on bool (mask) matrices is not defined");
  if constexpr (C == N && std::is_same_v<T, U> && detail::is_element_v<T>) {
    constexpr size_t used = C < detail::lanes ? C : detail::lanes;
    vector<T, R> partial[detail::lanes]{};
    for (size_t j = 0; j < C; ++j) {
      vector<T, R> column{};  // col(X, j) without the bounds check
      for (size_t i = 0; i < R; ++i) column.data[i] = X.data[i][j];
      partial[j % detail::lanes] = partial[j % detail::lanes] + w.data[j] * column;
    }
    vector<T, R> s[4]{};
    for (size_t k = 0; k < 4 && k < used; ++k)
      s[k] = (k + 4 < used) ? partial[k] + partial[k + 4] : partial[k];
    constexpr size_t used_s = used < 4 ? used : 4;
    vector<T, R> t[2]{};
    for (size_t k = 0; k < 2 && k < used_s; ++k) t[k] = (k + 2 < used_s) ? s[k] + s[k + 2] : s[k];
    if constexpr (used_s >= 2)
      return t[0] + t[1];
    else
      return t[0];
  } else {
    return {};
  }
}

// ---- comparisons with tolerance -----------------------------------------------------

// approx_equal(a, b, abs_tol[, rel_tol]): |a - b| <= max(abs_tol, rel_tol * max(|a|, |b|))
// for every element; false if any element is NaN. Works for scalars, vectors and matrices.
template <detail::element T>
constexpr bool approx_equal(T a, T b, T abs_tol, T rel_tol = T{0}) noexcept {
  if (a == b) return true;  // also covers equal infinities
  if constexpr (std::is_integral_v<T>) {
    // Distances in the unsigned type: |INT_MIN - INT_MAX| does not fit T. Negative
    // tolerances accept nothing but equality.
    using U = detail::wide_unsigned_t<T>;
    const U diff = a > b ? static_cast<U>(static_cast<U>(a) - static_cast<U>(b))
                         : static_cast<U>(static_cast<U>(b) - static_cast<U>(a));
    const auto magnitude = [](T x_) { return x_ < T{0} ? static_cast<U>(U{0} - static_cast<U>(x_)) : static_cast<U>(x_); };
    const U mag = magnitude(a) > magnitude(b) ? magnitude(a) : magnitude(b);
    const U abs_bound = abs_tol < T{0} ? U{0} : static_cast<U>(abs_tol);
    // rel_tol * mag without overflow: only rel_tol in {0, 1, ...}; mag * rel_tol saturates.
    U rel_bound = U{0};
    if (rel_tol > T{0}) {
      const U r = static_cast<U>(rel_tol);
      rel_bound = mag > static_cast<U>(~U{0}) / r ? static_cast<U>(~U{0}) : static_cast<U>(mag * r);
    }
    return diff <= (abs_bound > rel_bound ? abs_bound : rel_bound);
  }
  const T diff = a > b ? a - b : b - a;
  const T mag_a = a < T{0} ? -a : a;
  const T mag_b = b < T{0} ? -b : b;
  const T mag = mag_a > mag_b ? mag_a : mag_b;
  const T rel = rel_tol * mag;
  const T bound = abs_tol > rel ? abs_tol : rel;
  return diff <= bound;  // false for NaN
}
template <class A, class B, class T>
requires matrix_like<A> && matrix_like<B>
constexpr bool approx_equal(const A& a, const B& b, T abs_tol, T rel_tol = T{0}) noexcept {
  static_assert(same_shape<A, B>,
                "cxla: shape mismatch in approx_equal(a, b, tol): both must have the same shape");
  static_assert(same_element<A, B>, "cxla: element type mismatch in approx_equal(a, b, tol)");
  using E = typename std::remove_cvref_t<A>::value_type;
  if constexpr (same_shape<A, B> && same_element<A, B>) {
    bool ok = true;
    if constexpr (any_vector<A>) {
      for (size_t i = 0; i < A::rows; ++i)
        ok = ok && approx_equal<E>(a.data[i], b.data[i], static_cast<E>(abs_tol), static_cast<E>(rel_tol));
    } else {
      for (size_t i = 0; i < A::rows; ++i)
        for (size_t j = 0; j < A::cols; ++j)
          ok = ok &&
               approx_equal<E>(a.data[i][j], b.data[i][j], static_cast<E>(abs_tol), static_cast<E>(rel_tol));
    }
    return ok;
  } else {
    return false;
  }
}

}  // namespace cxla
