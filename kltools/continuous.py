"""KL divergence between densities: Gaussians in closed form, sampled densities on a grid.

For densities the sum over outcomes becomes an integral,
``D_KL(p || q) = integral of p(x) log(p(x) / q(x)) dx``. On an evenly spaced
grid ``x`` with spacing ``dx`` it is approximated by
``sum(p * log(p / q)) * dx``; forgetting the ``dx`` is a classic mistake that
multiplies the answer by ``1 / dx``.

:func:`fit_gaussian` finds the Gaussian closest to a sampled density in either
direction: the forward fit ``argmin D_KL(p || q)`` covers all the mass of
``p``, the reverse fit ``argmin D_KL(q || p)`` settles on one mode.

Every divergence takes a keyword-only ``base``: 2 (bits, the default),
``np.e`` (nats), 10 (dits), any positive number other than 1, or ``"bits"``,
``"nats"``, ``"dits"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from kltools._checks import as_array, as_distribution, as_real_array, resolve_base
from kltools.measures import kl_terms

__all__ = [
    "density_kl",
    "fit_gaussian",
    "gaussian_cdf",
    "gaussian_kl",
    "gaussian_pdf",
    "kl_integrand",
    "mixture_pdf",
]

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_ERFC = np.frompyfunc(math.erfc, 1, 1)  # math.erfc elementwise: NumPy has no erfc


def _positive(x: ArrayLike, name: str) -> np.ndarray:
    """A finite float64 array whose entries are all > 0."""
    arr = as_array(x, name)
    if arr.size and not arr.min() > 0.0:
        raise ValueError(f"{name} must be positive; got {float(arr.min())!r}")
    return arr


def _non_negative(x: ArrayLike, name: str) -> np.ndarray:
    """A finite float64 array whose entries are all >= 0."""
    arr = as_array(x, name)
    if arr.size and not arr.min() >= 0.0:
        raise ValueError(f"{name} must be non-negative; got {float(arr.min())!r}")
    return arr


def _scalar_or_array(arr: np.ndarray) -> float | np.ndarray:
    """A Python float for a 0-d result, the array otherwise."""
    return float(arr) if arr.ndim == 0 else arr


def _grid_spacing(x: ArrayLike) -> tuple[np.ndarray, float]:
    """Validate an evenly spaced, strictly increasing 1-D grid; return it and its spacing."""
    x = as_array(x, "x")
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D; got an array of shape {x.shape}")
    if x.size < 2:
        raise ValueError(f"x must have at least 2 points; got {x.size}")
    steps = np.diff(x)
    if not steps.min() > 0.0:
        i = int(np.argmin(steps))
        raise ValueError(
            f"x must be strictly increasing; x[{i + 1}] = {float(x[i + 1])!r} "
            f"follows x[{i}] = {float(x[i])!r}"
        )
    dx = (float(x[-1]) - float(x[0])) / (x.size - 1)
    tol = 1e-6 * dx + 16.0 * np.finfo(float).eps * float(np.abs(x).max())
    worst = int(np.argmax(np.abs(steps - dx)))
    if abs(float(steps[worst]) - dx) > tol:
        raise ValueError(
            f"x must be evenly spaced (as from np.linspace); the step x[{worst + 1}] - x[{worst}]"
            f" = {float(steps[worst])!r} differs from the mean step {dx!r}"
        )
    return x, dx


def _density_pair(
    p: ArrayLike, q: ArrayLike, x: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Validate two non-negative density arrays of the same shape (that of ``x`` if given)."""
    p = _non_negative(p, "p")
    q = _non_negative(q, "q")
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape; got {p.shape} and {q.shape}")
    if x is not None and p.shape != x.shape:
        raise ValueError(f"p and q must have the shape of x, {x.shape}; got {p.shape}")
    return p, q


# --- Gaussians ------------------------------------------------------------------------------


def gaussian_pdf(x: ArrayLike, mu: ArrayLike = 0.0, sigma: ArrayLike = 1.0) -> float | np.ndarray:
    """Evaluate the normal density ``N(mu, sigma**2)`` at ``x``.

    Parameters
    ----------
    x, mu, sigma : array_like
        Points, means and standard deviations; they broadcast together.
        ``sigma`` must be positive.

    Returns
    -------
    float or numpy.ndarray
        ``exp(-(x - mu)**2 / (2 sigma**2)) / (sigma sqrt(2 pi))``; a float
        when every argument is a scalar.

    Raises
    ------
    ValueError
        If an argument is not finite or ``sigma`` is not positive.

    Examples
    --------
    >>> round(gaussian_pdf(0.0), 4)
    0.3989
    >>> gaussian_pdf([2.0, 2.5], mu=2.0, sigma=0.5).round(4)
    array([0.7979, 0.4839])
    >>> gaussian_pdf(0.0, sigma=0.0)
    Traceback (most recent call last):
    ...
    ValueError: sigma must be positive; got 0.0
    """
    x = as_array(x, "x")
    mu = as_array(mu, "mu")
    sigma = _positive(sigma, "sigma")
    with np.errstate(over="ignore"):
        z = (x - mu) / sigma
        out = np.exp(-0.5 * z * z - _LOG_SQRT_2PI) / sigma
    return _scalar_or_array(out)


def gaussian_cdf(x: ArrayLike, mu: ArrayLike = 0.0, sigma: ArrayLike = 1.0) -> float | np.ndarray:
    """The normal distribution function: the probability that ``N(mu, sigma**2)`` is below ``x``.

    Parameters
    ----------
    x, mu, sigma : array_like
        Points, means and standard deviations; they broadcast together. ``x`` may be
        ``-inf`` or ``inf``; ``mu`` and ``sigma`` must be finite, ``sigma`` positive.

    Returns
    -------
    float or numpy.ndarray
        ``erfc(-(x - mu) / (sigma sqrt 2)) / 2``, which keeps full relative accuracy far in
        the lower tail (where ``1 - cdf`` would round to 0); a float when every argument is
        a scalar. The mass between ``a`` and ``b`` is ``gaussian_cdf(b) - gaussian_cdf(a)``.

    Raises
    ------
    ValueError
        If ``x`` contains NaN, ``mu`` or ``sigma`` is not finite, or ``sigma`` is not positive.

    Examples
    --------
    >>> gaussian_cdf(0.0), round(gaussian_cdf(1.0) - gaussian_cdf(-1.0), 5)
    (0.5, 0.68269)
    >>> gaussian_cdf([-np.inf, np.inf])
    array([0., 1.])
    >>> float(f"{gaussian_cdf(-30.0):.4g}")  # the far tail, not 0
    4.907e-198
    """
    x_arr = as_real_array(x, "x").astype(np.float64, copy=False)
    if np.isnan(x_arr).any():
        raise ValueError("x contains NaN")
    mu_arr = as_array(mu, "mu")
    sigma_arr = _positive(sigma, "sigma")
    with np.errstate(invalid="ignore"):  # inf - mu is fine; erfc(+-inf) is 0 or 2
        z = -(x_arr - mu_arr) / (sigma_arr * math.sqrt(2.0))
    return _scalar_or_array(0.5 * np.asarray(_ERFC(z), dtype=np.float64))


def mixture_pdf(
    x: ArrayLike, weights: ArrayLike, mus: ArrayLike, sigmas: ArrayLike
) -> float | np.ndarray:
    """Evaluate the Gaussian mixture ``sum_k w_k N(mu_k, sigma_k**2)`` at ``x``.

    Parameters
    ----------
    x : array_like
        Points, any shape.
    weights : array_like
        The mixture weights, a 1-D distribution of length ``K``.
    mus, sigmas : array_like
        The ``K`` means and the ``K`` positive standard deviations.

    Returns
    -------
    float or numpy.ndarray
        The mixture density, with the shape of ``x``; a float for a scalar ``x``.

    Raises
    ------
    ValueError
        If ``weights`` is not a distribution, ``mus`` or ``sigmas`` do not
        have one entry per weight, or a ``sigma`` is not positive.

    Examples
    --------
    >>> x = np.array([-2.0, -1.5, 2.0])
    >>> mixture_pdf(x, [0.5, 0.5], [-2, 2], [0.5, 0.5]).round(4)
    array([0.3989, 0.242 , 0.3989])
    """
    x = as_array(x, "x")
    w = as_distribution(weights, "weights")
    if w.ndim != 1:
        raise ValueError(f"weights must be 1-D; got an array of shape {w.shape}")
    mus = as_array(mus, "mus")
    sigmas = _positive(sigmas, "sigmas")
    for name, arr in (("mus", mus), ("sigmas", sigmas)):
        if arr.shape != w.shape:
            raise ValueError(
                f"{name} must have one entry per weight ({w.size}); got shape {arr.shape}"
            )
    with np.errstate(over="ignore"):
        z = (x[..., None] - mus) / sigmas
        comps = np.exp(-0.5 * z * z - _LOG_SQRT_2PI) / sigmas
    return _scalar_or_array(comps @ w)


def gaussian_kl(
    mu_p: ArrayLike,
    sigma_p: ArrayLike,
    mu_q: ArrayLike,
    sigma_q: ArrayLike,
    *,
    base: float | str = 2,
) -> float | np.ndarray:
    """Closed-form ``D_KL(N(mu_p, sigma_p**2) || N(mu_q, sigma_q**2))``.

    Parameters
    ----------
    mu_p, sigma_p : array_like
        Mean and positive standard deviation of P.
    mu_q, sigma_q : array_like
        Mean and positive standard deviation of Q. All four broadcast together.
    base : float or str, keyword-only
        Logarithm base; default 2 (bits).

    Returns
    -------
    float or numpy.ndarray
        ``ln(sigma_q / sigma_p) + (sigma_p**2 + (mu_p - mu_q)**2) / (2 sigma_q**2) - 1/2``
        nats, divided by ``ln(base)``; a float when every argument is a scalar.

    Raises
    ------
    ValueError
        If an argument is not finite, ``sigma_p`` or ``sigma_q`` is not
        positive, or ``base`` is invalid.

    Notes
    -----
    With ``r = sigma_p / sigma_q`` the formula reads
    ``((r**2 - 1) - ln(r**2)) / 2 + (mu_p - mu_q)**2 / (2 sigma_q**2)``;
    the first term is evaluated as ``(u - ln(1 + u)) / 2`` with ``u = r**2 - 1``,
    by a series for small ``u`` (so nearly equal Gaussians keep full relative
    accuracy) and otherwise with ``ln r = ln sigma_p - ln sigma_q`` (so ``r``
    may underflow or overflow). The divergence is 0 exactly when the two Gaussians are equal.

    Examples
    --------
    >>> round(gaussian_kl(0, 1, -2, 1, base=np.e), 4)
    2.0
    >>> round(gaussian_kl(0, 1, 0, 2, base="bits"), 4)
    0.459
    >>> gaussian_kl([0, 1, 2], 1, 0, 1, base=np.e)
    array([0. , 0.5, 2. ])
    >>> gaussian_kl(0, -1, 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: sigma_p must be positive; got -1.0
    """
    mu_p = as_array(mu_p, "mu_p")
    sigma_p = _positive(sigma_p, "sigma_p")
    mu_q = as_array(mu_q, "mu_q")
    sigma_q = _positive(sigma_q, "sigma_q")
    ln_b = resolve_base(base)
    with np.errstate(over="ignore", under="ignore"):
        r = sigma_p / sigma_q
        u = r * r - 1.0  # inf when r**2 overflows: the divergence is then inf too
        small = np.abs(u) < 1e-3
        # u - ln(1 + u): a series near u = 0, else with ln r**2 from the logarithms of the
        # sigmas, which stay exact when r itself underflows or overflows
        us = np.where(small, u, 0.0)
        series = us * us * (0.5 - us * (1.0 / 3.0 - us * (0.25 - us * (0.2 - us / 6.0))))
        log_r2 = 2.0 * (np.log(sigma_p) - np.log(sigma_q))
        spread = np.where(small, series, u - log_r2)
        d = (mu_p - mu_q) / sigma_q
        nats = 0.5 * spread + 0.5 * d * d
    return _scalar_or_array(nats / ln_b)


# --- sampled densities ----------------------------------------------------------------------


def kl_integrand(p: ArrayLike, q: ArrayLike, *, base: float | str = 2) -> np.float64 | np.ndarray:
    """The pointwise KL integrand ``p * log(p / q)`` of two sampled densities.

    This is :func:`kltools.kl_terms` for density values, which must have the
    same shape (they are not broadcast).

    Parameters
    ----------
    p, q : array_like
        Non-negative density (or probability) values of the same shape.
    base : float or str, keyword-only
        Logarithm base; default 2 (bits).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``p * log(p / q) / ln(base)`` elementwise, with ``0 * log(0 / q) = 0``
        (also for ``q = 0``) and ``+inf`` where ``p > 0`` and ``q = 0``, in
        the shape of ``p`` (a scalar for scalars). It is negative where
        ``q > p``; only its integral is non-negative.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` has a negative or non-finite entry, or their shapes differ.

    See Also
    --------
    density_kl : the integral of the integrand over a grid.

    Examples
    --------
    >>> kl_integrand([0.5, 0.5, 0.0], [0.25, 1.0, 0.5], base=2)
    array([ 0.5, -0.5,  0. ])
    >>> kl_integrand([1.0], [0.0])
    array([inf])
    """
    p, q = _density_pair(p, q)
    return kl_terms(p, q, base=base)


def density_kl(p: ArrayLike, q: ArrayLike, x: ArrayLike, *, base: float | str = 2) -> float:
    """``D_KL(p || q)`` for densities sampled on the same evenly spaced grid.

    Parameters
    ----------
    p, q : array_like
        Non-negative density values at the points ``x``, e.g. from
        :func:`gaussian_pdf`. They are used as given (not renormalised).
    x : array_like
        The grid: 1-D, at least 2 points, strictly increasing and evenly
        spaced (every step within ``1e-6`` of the mean step, relatively, as
        :func:`numpy.linspace` gives).
    base : float or str, keyword-only
        Logarithm base; default 2 (bits).

    Returns
    -------
    float
        ``sum(p * log(p / q)) * dx`` in units of ``base``, where ``dx`` is the
        grid spacing. ``+inf`` if ``p > 0`` somewhere ``q = 0``.

    Raises
    ------
    ValueError
        If ``x`` is not a valid grid, or ``p`` and ``q`` are negative,
        non-finite or not of the shape of ``x``.

    Notes
    -----
    The integral is approximated by the rectangle rule, which equals the
    trapezoidal rule when the integrand vanishes at both ends of the grid; for
    smooth densities whose tails fit inside the grid it converges very fast
    (to 1e-6 and better against :func:`gaussian_kl` with a few thousand
    points). The sum alone, without ``dx``, is off by a factor ``1 / dx``.
    Points where ``p = 0`` contribute 0. If ``p`` and ``q`` do not integrate to
    the same mass over the grid, the result can be slightly negative.

    The values are taken as they are: a narrow ``q`` sampled on a wide grid
    underflows to exactly 0 (about 38 standard deviations out) and, if ``p``
    is still positive there, the result is ``+inf`` although the two
    densities have a finite divergence. Choose a grid that covers ``p``
    without reaching so far out.

    Examples
    --------
    >>> x = np.linspace(-10, 10, 200)
    >>> p, q = gaussian_pdf(x, 0, 1), gaussian_pdf(x, -2, 1)
    >>> round(density_kl(p, q, x, base=np.e), 4)
    2.0
    >>> round(float(kl_integrand(p, q, base=np.e).sum()), 1)  # the dx is missing
    19.9
    """
    x, dx = _grid_spacing(x)
    p, q = _density_pair(p, q, x)
    terms = kl_terms(p, q, base=base)
    with np.errstate(over="ignore"):
        return float(terms.sum() * dx)


# --- fitting a Gaussian ---------------------------------------------------------------------

_XATOL = 1e-9  # simplex size in (mu / span, log sigma)
_FATOL = 1e-12  # spread of the objective over the simplex, nats
_MAXITER = 2000
_CHUNK = 1_000_000  # grid values per vectorised batch of candidates
_P_FLOOR = float(np.finfo(np.float64).smallest_subnormal)  # 5e-324


class _ReverseObjective:
    """``D_KL(q || p)`` in nats for Gaussians ``q``, on the grid of a sampled density ``p``.

    The Gaussian is sampled on the grid and normalised there, so the value is
    the discrete divergence between ``pi_i = q(x_i) / sum_j q(x_j)`` and
    ``p_i dx / sum_j p_j dx``; for a Gaussian well inside a fine grid this is
    the integral ``D_KL(q || p)``. ``p`` is floored at the smallest positive
    float64 (``5e-324``, ``ln`` of it is about -744.4), so grid points where
    ``p`` underflowed to 0 cost about 744 nats per unit of ``q``'s mass there
    instead of ``+inf``.
    """

    def __init__(self, p: np.ndarray, x: np.ndarray, dx: float):
        self.x = x
        self.span = float(x[-1] - x[0])
        self.dx = dx
        self.log_p = np.log(np.maximum(p, _P_FLOOR)) - math.log(float(p.sum()))
        self.lo_mu, self.hi_mu = float(x[0]) - 1e3 * self.span, float(x[-1]) + 1e3 * self.span
        self.lo_sigma, self.hi_sigma = 1e-3 * dx, 1e3 * self.span

    def batch(self, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
        """The objective for arrays of candidates; ``+inf`` outside the search box."""
        out = np.full(mu.shape, np.inf)
        ok = (
            (mu >= self.lo_mu) & (mu <= self.hi_mu) & (sigma >= self.lo_sigma)
            & (sigma <= self.hi_sigma)
        )  # fmt: skip
        idx = np.flatnonzero(ok)
        step = max(1, _CHUNK // self.x.size)
        for start in range(0, idx.size, step):
            k = idx[start : start + step]
            z = (self.x - mu[k, None]) / sigma[k, None]
            log_w = -0.5 * z * z
            log_w -= log_w.max(axis=1, keepdims=True)
            log_pi = log_w - np.log(np.exp(log_w).sum(axis=1, keepdims=True))
            pi = np.exp(log_pi)
            out[k] = (pi * (log_pi - self.log_p)).sum(axis=1)
        return out

    def __call__(self, v: np.ndarray) -> float:
        """The objective at ``v = (mu / span, log sigma)``."""
        mu = np.array([v[0] * self.span])
        sigma = np.exp(np.array([min(v[1], 700.0)]))
        return float(self.batch(mu, sigma)[0])


def _nelder_mead(
    f: Callable[[np.ndarray], float], x0: np.ndarray, steps: np.ndarray
) -> tuple[np.ndarray, float]:
    """Minimise ``f`` from ``x0`` with the Nelder–Mead simplex method.

    Standard coefficients (reflection 1, expansion 2, contraction 1/2, shrink
    1/2). Stops when every vertex is within ``_XATOL`` of the best one in every
    coordinate and their values within ``_FATOL`` of its value, or after
    ``_MAXITER`` iterations.
    """
    n = x0.size
    sim = [x0.astype(float)] + [x0 + np.eye(n)[i] * steps[i] for i in range(n)]
    fs = [f(v) for v in sim]
    for _ in range(_MAXITER):
        order = sorted(range(n + 1), key=lambda i: fs[i])
        sim = [sim[i] for i in order]
        fs = [fs[i] for i in order]
        if all(
            np.max(np.abs(v - sim[0])) <= _XATOL and abs(fv - fs[0]) <= _FATOL
            for v, fv in zip(sim[1:], fs[1:], strict=True)
        ):
            break
        centroid = np.mean(sim[:-1], axis=0)
        worst = sim[-1]
        xr = 2.0 * centroid - worst
        fr = f(xr)
        if fr < fs[0]:
            xe = 3.0 * centroid - 2.0 * worst
            fe = f(xe)
            sim[-1], fs[-1] = (xe, fe) if fe < fr else (xr, fr)
            continue
        if fr < fs[-2]:
            sim[-1], fs[-1] = xr, fr
            continue
        if fr < fs[-1]:  # outside contraction
            xc = centroid + 0.5 * (xr - centroid)
            fc = f(xc)
            accept = fc <= fr
        else:  # inside contraction
            xc = centroid + 0.5 * (worst - centroid)
            fc = f(xc)
            accept = fc < fs[-1]
        if accept:
            sim[-1], fs[-1] = xc, fc
            continue
        for i in range(1, n + 1):  # shrink towards the best vertex
            sim[i] = sim[0] + 0.5 * (sim[i] - sim[0])
            fs[i] = f(sim[i])
    best = int(np.argmin(fs))
    return sim[best], fs[best]


def _reverse_fit(objective: _ReverseObjective, mu0: float, sigma0: float) -> tuple[float, float]:
    """Nelder–Mead in ``(mu / span, log sigma)`` from ``(mu0, sigma0)``, restarted until stable."""
    span = objective.span
    v = np.array([mu0 / span, math.log(sigma0)])
    steps = np.array([0.1 * sigma0 / span, 0.1])
    fv = objective(v)
    for _ in range(4):
        v_new, f_new = _nelder_mead(objective, v, steps)
        improved = f_new < fv - _FATOL
        v, fv = v_new, f_new
        if not improved:
            break
        steps = np.array([0.01 * math.exp(v[1]) / span, 0.01])
    return float(v[0] * span), float(math.exp(v[1]))


def fit_gaussian(
    p: ArrayLike,
    x: ArrayLike,
    *,
    direction: str = "forward",
    init: Sequence[float] | None = None,
) -> tuple[float, float]:
    """Fit a Gaussian ``q = N(mu, sigma**2)`` to a sampled density by minimising a KL divergence.

    Parameters
    ----------
    p : array_like
        Non-negative density values at the points ``x`` (need not be
        normalised: only the shape of ``p`` matters).
    x : array_like
        The grid: 1-D, strictly increasing and evenly spaced.
    direction : {"forward", "reverse"}, keyword-only
        ``"forward"`` minimises ``D_KL(p || q)`` (mass-covering);
        ``"reverse"`` minimises ``D_KL(q || p)`` (mode-seeking).
    init : tuple of float, optional, keyword-only
        ``(mu0, sigma0)``, where the reverse search starts. Different starts
        can end in different local minima. Default: the best point of a
        coarse grid search. Only for ``direction="reverse"``.

    Returns
    -------
    tuple of float
        ``(mu, sigma)``.

    Raises
    ------
    ValueError
        If ``x`` is not a valid grid, ``p`` is negative, non-finite, all zero
        or not of the shape of ``x``, the forward fit would have ``sigma = 0``
        (all mass on one grid point), ``direction`` is unknown, ``init`` is
        invalid (not a pair, or outside the search box) or given for the
        forward fit.

    Notes
    -----
    **Forward** (exact, no search): ``D_KL(p || q) = -H(p) - integral p log q``
    is minimised by matching moments, ``mu = sum(x p) / sum(p)`` and
    ``sigma**2 = sum((x - mu)**2 p) / sum(p)``; the grid spacing cancels.

    **Reverse** (a local search, deterministic): the objective is
    ``D_KL(q || p)`` in nats with ``q`` sampled on the grid and normalised
    there, which equals the integral for Gaussians well inside a fine grid
    and stays bounded when ``q`` leaves the grid. A sampled ``p`` is often
    exactly 0 far from its modes only because ``exp`` underflowed, where a
    Gaussian ``q`` is still positive; so ``p`` is floored at the smallest
    positive float64, ``5e-324``: such points cost about 744 nats per unit of
    ``q``'s mass there rather than making the objective infinite (the true
    density there is smaller still, so this never overstates the cost). The
    objective is minimised by the
    Nelder–Mead simplex method over ``(mu / span, log sigma)``, where
    ``span = x[-1] - x[0]``, starting from a simplex with steps
    ``0.1 sigma0`` in ``mu`` and 0.1 in ``log sigma``, and stopping when all
    vertices are within 1e-9 of the best one in both coordinates and their
    objective values within 1e-12 nats; the search is then restarted with
    steps ten times smaller until it no longer improves (at most 4 runs).
    The search stays in the box ``1e-3 dx <= sigma <= 1e3 span`` and ``mu``
    at most ``1e3 span`` outside the grid (candidates outside count as
    ``+inf``); ``init`` must lie in it.

    Without ``init`` the search first evaluates every pair of 41 means evenly
    spread over ``[x[0], x[-1]]`` and 17 values of ``sigma`` spaced
    geometrically from ``max(2 dx, span / 400)`` to ``span / 2``, and starts
    from the best pair (the first one on a tie).

    Examples
    --------
    >>> x = np.linspace(-8, 8, 2001)
    >>> p = mixture_pdf(x, [0.5, 0.5], [-2, 2], [0.5, 0.5])
    >>> mu, sigma = fit_gaussian(p, x)  # mu is 0 up to rounding (its sign may be either)
    >>> abs(mu) < 1e-12, round(sigma, 4)
    (True, 2.0616)
    >>> [round(v, 3) for v in fit_gaussian(p, x, direction="reverse", init=(1.5, 0.4))]
    [2.0, 0.5]
    >>> mu, sigma = fit_gaussian(p, x, direction="reverse")
    >>> round(abs(mu), 3), round(sigma, 3)
    (2.0, 0.5)
    """
    x, dx = _grid_spacing(x)
    p = _non_negative(p, "p")
    if p.shape != x.shape:
        raise ValueError(f"p must have the shape of x, {x.shape}; got {p.shape}")
    mass = float(p.sum())
    if mass == 0.0:
        raise ValueError("p must not be zero everywhere on the grid")
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse'; got {direction!r}")

    if direction == "forward":
        if init is not None:
            raise ValueError("init is only used by direction='reverse'; the forward fit is exact")
        w = p / mass
        mu = float(np.dot(w, x))
        span = float(x[-1] - x[0])
        var = float(np.dot(w, ((x - mu) / span) ** 2))  # scaled by span**2: no overflow
        if not var > 0.0:
            raise ValueError(
                "p puts all its mass on one grid point; the forward fit would have sigma = 0"
            )
        return mu, span * math.sqrt(var)

    objective = _ReverseObjective(p, x, dx)
    if init is not None:
        try:
            mu0, sigma0 = (float(v) for v in init)
        except (TypeError, ValueError):
            raise ValueError(
                f"init must be a pair (mu0, sigma0) of numbers; got {init!r}"
            ) from None
        if not (math.isfinite(mu0) and math.isfinite(sigma0) and sigma0 > 0.0):
            raise ValueError(
                f"init must be (mu0, sigma0) with finite mu0 and positive sigma0; got {init!r}"
            )
        o = objective
        if not (o.lo_mu <= mu0 <= o.hi_mu and o.lo_sigma <= sigma0 <= o.hi_sigma):
            raise ValueError(
                f"init must lie in the search box, {o.lo_sigma:.3g} <= sigma0 <= "
                f"{o.hi_sigma:.3g} and {o.lo_mu:.3g} <= mu0 <= {o.hi_mu:.3g}; got {init!r}"
            )
    else:
        span = objective.span
        mus = np.linspace(float(x[0]), float(x[-1]), 41)
        sigmas = np.geomspace(max(2.0 * dx, span / 400.0), span / 2.0, 17)
        mm, ss = np.meshgrid(mus, sigmas, indexing="ij")
        values = objective.batch(mm.ravel(), ss.ravel())
        best = int(np.argmin(values))
        mu0, sigma0 = float(mm.ravel()[best]), float(ss.ravel()[best])
    return _reverse_fit(objective, mu0, sigma0)
