#!/usr/bin/python3
"""Poisson pseudo-maximum likelihood (PPML) of a gravity equation with origin and destination fixed
effects (Santos Silva and Tenreyro 2006), for scripts/validate_gravity.py. Not a command of its own;
numpy only (statsmodels is not among the Debian packages the project installs).

The model: E[y_i] = exp(beta x_i + a_o(i),b(i) + c_d(i),b(i)), one regressor x, an origin effect a and a
destination effect c within each block b (e.g. an industry; one block is the plain two-way model). The
slope beta is common to all blocks. Estimated by iteratively reweighted least squares (Newton's method
for the Poisson log-likelihood), the fixed effects partialled out block by block at every step
(Frisch-Waugh-Lovell), so the cost grows with the number of blocks, not its square.

Robust standard error of beta: the Eicker-White (HC0) sandwich of the Poisson score with the fixed effects
profiled out, se = sqrt(sum x~_i^2 (y_i - mu_i)^2) / sum mu_i x~_i^2, x~ the regressor less its projection
on the block's fixed effects with weights mu. It needs no assumption that the variance equals the mean.

Observations of an origin or destination whose flows in the block are all zero are dropped: their fixed
effect would be minus infinity and they say nothing about beta (Santos Silva and Tenreyro 2010).
"""
import dataclasses

import numpy as np

# Newton's method stops when no linear predictor moves by more than this (in logs): below the rounding of
# the data, so that an exact gravity equation is recovered to machine precision.
TOLERANCE = 1e-13
MAX_ITERATIONS = 200


class EstimationError(Exception):
    """The data cannot identify the slope (no variation left after the fixed effects, or no convergence)."""


@dataclasses.dataclass
class PpmlFit:
    slope: float            # beta
    robust_se: float        # HC0 sandwich, fixed effects profiled out
    used: np.ndarray        # bool per observation: kept (not dropped as all-zero origin or destination)
    fitted: np.ndarray      # mu per observation (NaN where dropped)
    effects: np.ndarray     # a + c per observation: ln mu - beta x (NaN where dropped)
    iterations: int

    def log_residual_max(self, y):
        """Largest |ln y - ln mu| over the used observations with y > 0: 0 for an exact gravity equation."""
        keep = self.used & (y > 0)
        return float(np.max(np.abs(np.log(y[keep]) - np.log(self.fitted[keep])))) if keep.any() else float("nan")


def _dummies(codes):
    """One-hot columns of integer codes (the levels that occur)."""
    _, index = np.unique(codes, return_inverse=True)
    matrix = np.zeros((len(codes), index.max() + 1))
    matrix[np.arange(len(codes)), index] = 1.0
    return matrix


def _positive_totals(y, codes):
    """True where the total of y over the observations sharing the code is positive."""
    _, index = np.unique(codes, return_inverse=True)
    return (np.bincount(index, weights=y) > 0.0)[index]


def _blocks(y, origin, destination, block):
    """Per block: the rows kept (origins and destinations with positive totals) and the fixed-effect design."""
    used = np.zeros(len(y), dtype=bool)
    blocks = []
    for value in np.unique(block):
        rows = np.flatnonzero(block == value)
        keep = _positive_totals(y[rows], origin[rows]) & _positive_totals(y[rows], destination[rows])
        rows = rows[keep]
        if len(rows) == 0:
            continue
        used[rows] = True
        # Origin dummies and destination dummies less one: the pair of effects is identified up to a constant.
        design = np.hstack([_dummies(origin[rows]), _dummies(destination[rows])[:, 1:]])
        blocks.append((rows, design))
    return used, blocks


def _partial_out(values, weights, blocks):
    """The columns of `values` (n x m) less their weighted least-squares projection on each block's fixed
    effects. By a QR factorisation of the weighted design, which keeps the residuals as accurate as the data
    (normal equations would square the condition number, large when flows span many orders of magnitude)."""
    result = np.full_like(values, np.nan)
    for rows, design in blocks:
        root = np.sqrt(weights[rows])
        basis, _ = np.linalg.qr(design * root[:, None])
        scaled = values[rows] * root[:, None]
        result[rows] = (scaled - basis @ (basis.T @ scaled)) / root[:, None]
    return result


def _checked(y, x, origin, destination, block):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    origin = np.asarray(origin)
    destination = np.asarray(destination)
    block = np.zeros(len(y), dtype=int) if block is None else np.asarray(block)
    if not (len(y) == len(x) == len(origin) == len(destination) == len(block)):
        raise ValueError("y, x, origin, destination and block must have one entry per observation")
    if np.any(y < 0) or not np.all(np.isfinite(y)) or not np.all(np.isfinite(x)):
        raise EstimationError("flows must be finite and non-negative and the regressor finite")
    return y, x, origin, destination, block


def ppml(y, x, origin, destination, block=None):
    """PPML of y on x with origin and destination effects within each block; returns a PpmlFit."""
    y, x, origin, destination, block = _checked(y, x, origin, destination, block)
    used, blocks = _blocks(y, origin, destination, block)
    if not used.any():
        raise EstimationError("every flow is zero")

    yu = np.where(used, y, 0.0)
    # Start from the data themselves (shifted so that zero flows have a finite log), as glm does.
    eta = np.where(used, np.log(yu + 0.5 * yu[used].mean()), 0.0)
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):
        mu = np.exp(eta)
        working = eta + (yu - mu) / mu
        x_tilde, z_tilde = _partial_out(np.column_stack([x, working]), mu, blocks).T
        curvature = np.sum((mu * x_tilde * x_tilde)[used])
        if not curvature > 0.0:
            raise EstimationError("the regressor does not vary once the fixed effects are removed")
        slope = np.sum((mu * x_tilde * z_tilde)[used]) / curvature
        new_eta = working - (z_tilde - slope * x_tilde)
        step = np.max(np.abs(new_eta - eta)[used])
        eta = np.where(used, new_eta, 0.0)
        if step < TOLERANCE:
            break
    else:
        raise EstimationError(f"no convergence in {MAX_ITERATIONS} iterations")

    mu = np.exp(eta)
    x_tilde = _partial_out(x[:, None], mu, blocks)[:, 0]
    curvature = np.sum((mu * x_tilde * x_tilde)[used])
    score_variance = np.sum((x_tilde * x_tilde * (yu - mu) ** 2)[used])
    robust_se = float(np.sqrt(score_variance) / curvature)
    fitted = np.where(used, mu, np.nan)
    effects = np.where(used, eta - slope * x, np.nan)
    return PpmlFit(float(slope), robust_se, used, fitted, effects, iterations)


def projection_slope(target, x, weights, origin, destination, block=None):
    """The weighted least-squares slope of `target` on x with origin and destination effects per block,
    weights `weights` (observations of all-zero origins or destinations left out as in ppml):
    sum w x~ target~ / sum w x~^2, ~ the residual of the weighted projection on the effects. With the
    flows as weights this is what PPML of flows whose log is effects + target estimates on x, to first
    order in the part of target that is not linear in x: the constant elasticity that best approximates
    target in PPML's weights."""
    weights, x, origin, destination, block = _checked(weights, x, origin, destination, block)
    target = np.asarray(target, dtype=float)
    used, blocks = _blocks(weights, origin, destination, block)
    x_tilde, target_tilde = _partial_out(np.column_stack([x, target]), weights, blocks).T
    curvature = np.sum((weights * x_tilde * x_tilde)[used])
    if not curvature > 0.0:
        raise EstimationError("the regressor does not vary once the fixed effects are removed")
    return float(np.sum((weights * x_tilde * target_tilde)[used]) / curvature)
