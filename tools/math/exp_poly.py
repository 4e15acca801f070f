#!/usr/bin/env python3
"""Coefficients of q(r) = (exp(r) - 1 - r) / r^2 on |r| <= ln2/2 (plus a margin for the rounding
of k) for include/cxla/math.hpp: exp(r) = 1 + r + r^2 q(r).

Near-minimax polynomials by Chebyshev interpolation (mpmath.chebyfit at 200 bits), then each
coefficient rounded to nearest in the target format. The script prints the coefficients as hex
literals and the error of the rounded polynomial, max |r^2 (q(r) - p(r))| over a dense grid,
in units of 2^-24 (float) and 2^-53 (double), i.e. in ulps of a result near 1.

    python3 tools/math/exp_poly.py          (needs python3-mpmath)
"""
import struct

from mpmath import chebyfit, expm1, log, mp, mpf

mp.prec = 200
HALF_LN2 = log(2) / 2 * mpf("1.0001")


def q(r):
    if r == 0:
        return mpf(1) / 2
    return (expm1(r) - r) / r**2


def round_float(x):
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def hexf(x, is_float):
    h = float(x).hex()  # a float rounded value is exact in double
    return h + ("f" if is_float else "")


def fit(degree, is_float):
    poly = chebyfit(q, [-HALF_LN2, HALF_LN2], degree + 1)  # highest power first
    coeffs = [round_float(c) if is_float else float(c) for c in reversed(poly)]
    worst = mpf(0)
    steps = 4000
    for i in range(steps + 1):
        r = -HALF_LN2 + 2 * HALF_LN2 * i / steps
        p = sum(mpf(c) * r**k for k, c in enumerate(coeffs))
        worst = max(worst, abs(r * r * (q(r) - p)))
    unit = mpf(2) ** (-24 if is_float else -53)
    return coeffs, worst / unit


for name, degree, is_float in (("float", 5, True), ("double", 10, False)):
    coeffs, err = fit(degree, is_float)
    print(f"{name}: degree {degree}, max |r^2 (q - p)| = {float(err):.3g} ulp(1)")
    for k, c in enumerate(coeffs):
        print(f"  q{k} = {hexf(c, is_float)}")
