"""Lawson's algorithm (iteratively reweighted least squares) for a discrete minimax fit, shared
by exp_poly.py and log_poly.py.

rows: (basis, target) pairs, one per grid point, with basis[i] the weighted value of the i-th
basis function there and target the weighted value to approximate. Returns the coefficients c
(mpmath numbers) minimising max |target - sum c_i basis_i| over the rows, and that maximum.
Each iteration solves the weighted normal equations, then multiplies every point's weight by
its error (renormalised), which moves the weight onto the points where the error peaks.
"""
from mpmath import lu_solve, matrix, mpf


def lawson(rows, iterations):
    m = len(rows[0][0])
    weights = [mpf(1) / len(rows)] * len(rows)
    for _ in range(iterations):
        a, b = matrix(m, m), matrix(m, 1)
        for (basis, target), u in zip(rows, weights):
            for i in range(m):
                b[i] += u * basis[i] * target
                for j in range(m):
                    a[i, j] += u * basis[i] * basis[j]
        c = lu_solve(a, b)
        err = [abs(t - sum(c[i] * bs[i] for i in range(m))) for bs, t in rows]
        total = sum(u * e for u, e in zip(weights, err))
        weights = [u * e / total for u, e in zip(weights, err)]
    return [c[i] for i in range(m)], max(err)
