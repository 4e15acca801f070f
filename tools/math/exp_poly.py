#!/usr/bin/env python3
"""Coefficients of q(r) = (exp(r) - 1 - r) / r^2 on |r| <= ln2/2 (plus a margin for the rounding
of k) for include/cxla/math.hpp: exp(r) = 1 + r + r^2 q(r).

Weighted minimax of r^2 (q(r) - p(r)) in ulps of the result: ulp(exp(r)) is 2^-24 (float) /
2^-53 (double) for r < 0 and twice that for r >= 0, so the error on r >= 0 counts half. Found
by Lawson's algorithm (iteratively reweighted least squares) on a grid, with p(0) = 1/2 exactly;
the other coefficients are rounded to nearest in the target format. float: degree 4 (1500
points, 60 iterations, 100 bits); double: degree 9 (800 points, 40 iterations, 200 bits).

The script prints the coefficients as hex literals and the error of the rounded polynomial,
max |r^2 (q(r) - p(r))| over a dense grid, in units of 2^-24 (float) and 2^-53 (double),
i.e. in ulps of a result near 1.

    python3 tools/math/exp_poly.py          (needs python3-mpmath; about a minute)
"""
import struct

from lawson import lawson
from mpmath import expm1, log, mp, mpf

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


def weighted_minimax(degree, is_float, points, iterations):
    """Lawson's algorithm for min over p (p(0) = 1/2) of max_i w(r_i) r_i^2 |q(r_i) - p(r_i)|."""
    grid = [-HALF_LN2 + 2 * HALF_LN2 * (i + mpf(1) / 2) / points for i in range(points)]
    rows = []
    for r in grid:
        scale = (1 if r < 0 else mpf(1) / 2) * r * r
        basis = [scale * r**k for k in range(1, degree + 1)]
        rows.append((basis, scale * (q(r) - mpf(1) / 2)))
    c, _ = lawson(rows, iterations)  # lawson.py, beside this script
    return [0.5] + [round_float(x) if is_float else float(x) for x in c]


def max_error(coeffs, is_float):
    worst = mpf(0)
    steps = 4000
    for i in range(steps + 1):
        r = -HALF_LN2 + 2 * HALF_LN2 * i / steps
        p = sum(mpf(c) * r**k for k, c in enumerate(coeffs))
        worst = max(worst, abs(r * r * (q(r) - p)))
    return worst / mpf(2) ** (-24 if is_float else -53)


mp.prec = 100
float_coeffs = weighted_minimax(4, True, 1500, 60)
mp.prec = 200
double_coeffs = weighted_minimax(9, False, 800, 40)
for name, coeffs, is_float in (("float", float_coeffs, True), ("double", double_coeffs, False)):
    err = max_error(coeffs, is_float)
    print(f"{name}: degree {len(coeffs) - 1}, max |r^2 (q - p)| = {float(err):.3g} ulp(1)")
    for k, c in enumerate(coeffs):
        print(f"  q{k} = {hexf(c, is_float)}")
