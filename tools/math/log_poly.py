#!/usr/bin/env python3
"""Polynomials of log in include/cxla/math.hpp.

Float log (log_flt_core), computed in double:
log(1 + f) = 2 atanh(s) = 2s + s z P(z) with s = f / (2 + f), z = s^2, 1 + f in
[sqrt(2)/2, sqrt(2)), so |s| <= (sqrt(2) - 1) / (sqrt(2) + 1) (plus a margin).

P of degree 3: minimax for the relative error of the sum, |s z (P(z) - p(z))| / |2 atanh(s)|
with p(z) = (2 atanh(s) / s - 2) / z, found by Lawson's algorithm (iteratively reweighted least
squares) at 200 bits on a grid of 800 points in z; coefficients rounded to double. Prints them
as C++ literals and the relative error (before the coefficients are rounded).

Double log and log1p (atanh_series_dbl): R(z) = (2 atanh(s) - 2s) / s = z D(z), D of degree 7,
minimax for the relative error of R on the same range (Lawson at 250 bits, 600 points, 50
iterations), coefficients rounded to double.

    python3 tools/math/log_poly.py          (needs python3-mpmath; about a minute)
"""
from lawson import lawson
from mpmath import atanh, log, mp, mpf, sqrt

mp.prec = 200
S_MAX = (sqrt(2) - 1) / (sqrt(2) + 1) * mpf("1.0001")
Z_MAX = S_MAX * S_MAX


def p_exact(z):
    s = sqrt(z)
    return (2 * atanh(s) / s - 2) / z


def fit(degree, points=800, iterations=60):
    grid = [Z_MAX * (j + mpf(1) / 2) / points for j in range(points)]
    rows = []
    for z in grid:
        s = sqrt(z)
        scale = s * z / (2 * atanh(s))
        rows.append(([scale * z**k for k in range(degree + 1)], scale * p_exact(z)))
    c, worst = lawson(rows, iterations)  # lawson.py, beside this script
    return [float(x) for x in c], worst


coeffs, worst = fit(3)
print(f"float log: P of degree 3, relative error 2^{float(log(worst, 2)):.1f}")
for k, c in enumerate(coeffs):
    print(f"  p{k} = {c.hex()}")


def r_exact(z):
    s = sqrt(z)
    return (2 * atanh(s) - 2 * s) / s


def fit_r(degree, points=600, iterations=50):
    rows = []
    for j in range(points):
        z = Z_MAX * (j + mpf(1) / 2) / points
        r = r_exact(z)
        rows.append(([z**k / r for k in range(1, degree + 1)], mpf(1)))
    c, worst = lawson(rows, iterations)
    return [float(x) for x in c], worst


mp.prec = 250
coeffs, worst = fit_r(8)
print(f"double log: R = z D(z), D of degree 7, relative error 2^{float(log(worst, 2)):.1f}")
for k, c in enumerate(coeffs):
    print(f"  d{k + 1} = {c.hex()}")
