"""Tests for kltools.continuous: Gaussian KL, grid KL for densities and Gaussian fits."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from kltools import continuous, measures

LN2 = math.log(2.0)
X_BIMODAL = np.linspace(-8, 8, 2001)
P_BIMODAL = continuous.mixture_pdf(X_BIMODAL, [0.5, 0.5], [-2, 2], [0.5, 0.5])


def quad_kl(mu_p, sigma_p, mu_q, sigma_q) -> float:
    """Reference D_KL in nats by adaptive quadrature of the log-density difference."""
    p = stats.norm(mu_p, sigma_p)

    def integrand(x):
        return p.pdf(x) * (p.logpdf(x) - stats.norm.logpdf(x, mu_q, sigma_q))

    lo, hi = mu_p - 40 * sigma_p, mu_p + 40 * sigma_p
    value, _ = integrate.quad(integrand, lo, hi, points=[mu_p], limit=200, epsabs=1e-13)
    return value


# --- gaussian_pdf and mixture_pdf -------------------------------------------------------------


def test_gaussian_pdf_matches_scipy_and_broadcasts():
    x = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(
        continuous.gaussian_pdf(x, 0.5, 1.5), stats.norm.pdf(x, 0.5, 1.5), rtol=1e-14
    )
    grid = continuous.gaussian_pdf(x[:, None], np.array([0.0, 1.0]), np.array([1.0, 2.0]))
    assert grid.shape == (101, 2)
    assert isinstance(continuous.gaussian_pdf(0.0), float)
    assert continuous.gaussian_pdf(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-15)
    assert continuous.gaussian_pdf(1e200, 0.0, 1.0) == 0.0  # underflow and overflow give 0 quietly


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((0.0, 0.0, 0.0), "sigma must be positive; got 0.0"),
        ((0.0, 0.0, [1.0, -2.0]), "sigma must be positive; got -2.0"),
        ((float("nan"), 0.0, 1.0), "x contains NaN"),
        ((0.0, float("inf"), 1.0), r"mu contains \+inf"),
    ],
)
def test_gaussian_pdf_errors(args, match):
    with pytest.raises(ValueError, match=match):
        continuous.gaussian_pdf(*args)


def test_mixture_pdf_values_and_mass():
    x = np.linspace(-10, 10, 4001)
    f = continuous.mixture_pdf(x, [0.2, 0.8], [-1.0, 3.0], [0.5, 2.0])
    expected = 0.2 * stats.norm.pdf(x, -1, 0.5) + 0.8 * stats.norm.pdf(x, 3, 2)
    np.testing.assert_allclose(f, expected, rtol=1e-13, atol=1e-300)
    assert f.sum() * (x[1] - x[0]) == pytest.approx(1.0, abs=1e-3)  # mass beyond 10 is lost
    assert isinstance(continuous.mixture_pdf(0.0, [1.0], [0.0], [1.0]), float)
    assert continuous.mixture_pdf(np.zeros((2, 3)), [1.0], [0.0], [1.0]).shape == (2, 3)


@pytest.mark.parametrize(
    ("weights", "mus", "sigmas", "match"),
    [
        ([0.5, 0.4], [0, 1], [1, 1], "weights must sum to 1"),
        ([1.5, -0.5], [0, 1], [1, 1], "weights must not have negative entries"),
        ([[0.5, 0.5]], [0, 1], [1, 1], "weights must be 1-D"),
        ([0.5, 0.5], [0], [1, 1], r"mus must have one entry per weight \(2\)"),
        ([0.5, 0.5], [0, 1], [1], r"sigmas must have one entry per weight \(2\)"),
        ([0.5, 0.5], [0, 1], [1, 0], "sigmas must be positive; got 0.0"),
    ],
)
def test_mixture_pdf_errors(weights, mus, sigmas, match):
    with pytest.raises(ValueError, match=match):
        continuous.mixture_pdf([0.0, 1.0], weights, mus, sigmas)


# --- gaussian_kl ------------------------------------------------------------------------------


def test_gaussian_kl_known_values():
    assert continuous.gaussian_kl(0, 1, -2, 1, base=np.e) == pytest.approx(2.0, rel=1e-15)
    assert continuous.gaussian_kl(0, 1, -2, 1) == pytest.approx(2.0 / LN2, rel=1e-15)
    assert continuous.gaussian_kl(0, 1, -2, 1, base="nats") == pytest.approx(2.0, rel=1e-15)
    assert continuous.gaussian_kl(0, 1, -2, 1, base=10) == pytest.approx(
        2.0 / math.log(10), rel=1e-15
    )
    # ln 2 + 1/8 - 1/2 nats
    assert continuous.gaussian_kl(0, 1, 0, 2, base=np.e) == pytest.approx(LN2 - 0.375, rel=1e-14)
    assert continuous.gaussian_kl(3.0, 2.0, 3.0, 2.0) == 0.0
    assert isinstance(continuous.gaussian_kl(0, 1, 0, 1), float)


def test_gaussian_kl_is_asymmetric():
    forward = continuous.gaussian_kl(0, 1, 0, 2, base=np.e)
    reverse = continuous.gaussian_kl(0, 2, 0, 1, base=np.e)
    assert reverse == pytest.approx(-LN2 + 2.0 - 0.5, rel=1e-14)
    assert forward != pytest.approx(reverse)


def test_gaussian_kl_broadcasts():
    out = continuous.gaussian_kl(np.array([0.0, 1.0, 2.0])[:, None], 1.0, 0.0, np.array([1.0, 2.0]))
    assert out.shape == (3, 2)
    for i, mu in enumerate([0.0, 1.0, 2.0]):
        for j, s in enumerate([1.0, 2.0]):
            assert out[i, j] == pytest.approx(continuous.gaussian_kl(mu, 1.0, 0.0, s), rel=1e-14)


def test_gaussian_kl_nearly_equal_gaussians_keep_relative_accuracy():
    # (u - log1p u) / 2 with u = r**2 - 1: about eps**2 for sigma_p = 1 + eps
    for eps in (1e-4, 1e-6, 1e-8):
        r = 1.0 + eps
        u = r * r - 1.0
        exact = u * u / 4 - u**3 / 6 + u**4 / 8
        assert continuous.gaussian_kl(0, r, 0, 1, base=np.e) == pytest.approx(exact, rel=1e-7)
    assert continuous.gaussian_kl(1e-9, 1, 0, 1, base=np.e) == pytest.approx(5e-19, rel=1e-12)


def test_gaussian_kl_overflow_is_quiet_infinity():
    assert continuous.gaussian_kl(0, 1e200, 0, 1e-200) == math.inf
    assert continuous.gaussian_kl(1e300, 1, -1e300, 1e-10) == math.inf


def test_gaussian_kl_extreme_ratio_of_sigmas_stays_finite():
    # r = sigma_p / sigma_q underflows to 0, but ln(sigma_q / sigma_p) is finite
    expected = math.log(1e300) - math.log(1e-300) - 0.5
    assert continuous.gaussian_kl(0, 1e-300, 0, 1e300, base=np.e) == pytest.approx(
        expected, rel=1e-14
    )


def test_forward_fit_on_a_grid_of_large_numbers():
    x = np.linspace(-1e200, 1e200, 2001)
    mu, sigma = continuous.fit_gaussian(continuous.gaussian_pdf(x, 0.0, 1e199), x)
    assert mu == pytest.approx(0.0, abs=1e186)
    assert sigma == pytest.approx(1e199, rel=1e-9)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((0, 0, 0, 1), {}, "sigma_p must be positive; got 0.0"),
        ((0, -1, 0, 1), {}, "sigma_p must be positive; got -1.0"),
        ((0, 1, 0, 0), {}, "sigma_q must be positive; got 0.0"),
        ((0, 1, 0, [1.0, -3.0]), {}, "sigma_q must be positive; got -3.0"),
        ((float("nan"), 1, 0, 1), {}, "mu_p contains NaN"),
        ((0, 1, float("inf"), 1), {}, r"mu_q contains \+inf"),
        ((0, 1, 0, 1), {"base": 1}, "base must not be 1"),
        ((0, 1, 0, 1), {"base": "furlongs"}, "base must be"),
    ],
)
def test_gaussian_kl_errors(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        continuous.gaussian_kl(*args, **kwargs)


@pytest.mark.parametrize(
    "params",
    [(0, 1, -2, 1), (0, 1, 0, 2), (1.5, 0.3, -0.5, 2.5), (-3, 2, 1, 0.7), (0, 1, 0, 1)],
)
def test_gaussian_kl_matches_quadrature(params):
    assert continuous.gaussian_kl(*params, base=np.e) == pytest.approx(quad_kl(*params), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-3, 3),
    st.floats(0.3, 3),
    st.floats(-3, 3),
    st.floats(0.3, 3),
)
def test_gaussian_kl_properties(mu_p, sigma_p, mu_q, sigma_q):
    kl = continuous.gaussian_kl(mu_p, sigma_p, mu_q, sigma_q, base=np.e)
    assert kl >= 0.0
    if (mu_p, sigma_p) == (mu_q, sigma_q):
        assert kl == 0.0
    # shifting both means or scaling everything leaves it unchanged
    assert continuous.gaussian_kl(mu_p + 5, sigma_p, mu_q + 5, sigma_q, base=np.e) == pytest.approx(
        kl, rel=1e-9, abs=1e-12
    )
    assert continuous.gaussian_kl(
        3 * mu_p, 3 * sigma_p, 3 * mu_q, 3 * sigma_q, base=np.e
    ) == pytest.approx(kl, rel=1e-9, abs=1e-12)
    assert continuous.gaussian_kl(mu_p, sigma_p, mu_q, sigma_q, base=2) == pytest.approx(
        kl / LN2, rel=1e-12
    )


# --- kl_integrand and density_kl --------------------------------------------------------------


def test_kl_integrand_conventions():
    out = continuous.kl_integrand([0.5, 0.5, 0.0, 0.0, 2.0], [0.25, 1.0, 0.5, 0.0, 0.0], base=2)
    np.testing.assert_array_equal(out, [0.5, -0.5, 0.0, 0.0, np.inf])
    nats = continuous.kl_integrand([[1.0, 2.0]], [[np.e, 2.0]], base=np.e)
    assert nats.shape == (1, 2)
    np.testing.assert_allclose(nats, [[-1.0, 0.0]], atol=1e-15)
    # log p - log q does not overflow where p / q would
    assert continuous.kl_integrand([1e-10], [1e-320], base=np.e)[0] == pytest.approx(
        1e-10 * (math.log(1e-10) - math.log(1e-320)), rel=1e-12
    )


def test_kl_integrand_is_kl_terms_of_its_input():
    rng = np.random.default_rng(0)
    p, q = rng.random(500), rng.random(500)
    p[::7] = 0.0
    q[::5] = 0.0
    q[3::35] = p[3::35]  # equal positive values: a zero term, negative zero for a base below 1
    for base in (2, np.e, 10, 0.5, "nats"):
        a = continuous.kl_integrand(p, q, base=base)
        b = measures.kl_terms(p, q, base=base)
        assert a.tobytes() == b.tobytes()  # bit for bit, signed zeros included


@pytest.mark.parametrize(
    ("p", "q", "match"),
    [
        ([0.5, -0.5], [0.5, 0.5], "p must be non-negative; got -0.5"),
        ([0.5, 0.5], [0.5, -1.0], "q must be non-negative; got -1.0"),
        ([0.5, 0.5], [0.5], r"p and q must have the same shape; got \(2,\) and \(1,\)"),
        ([0.5, float("nan")], [0.5, 0.5], "p contains NaN"),
        ([0.5, 0.5], [0.5, float("inf")], r"q contains \+inf"),
    ],
)
def test_kl_integrand_errors(p, q, match):
    with pytest.raises(ValueError, match=match):
        continuous.kl_integrand(p, q)


def test_density_kl_lesson_numbers():
    x = np.linspace(-10, 10, 200)
    p, q = continuous.gaussian_pdf(x, 0, 1), continuous.gaussian_pdf(x, -2, 1)
    assert continuous.density_kl(p, q, x, base=np.e) == pytest.approx(2.0, abs=1e-9)
    forgot_dx = float(continuous.kl_integrand(p, q, base=np.e).sum())
    assert forgot_dx == pytest.approx(19.9, abs=0.05)
    assert forgot_dx == pytest.approx(2.0 / (x[1] - x[0]), rel=1e-9)
    assert continuous.density_kl(p, q, x) == pytest.approx(2.0 / LN2, abs=1e-9)
    assert isinstance(continuous.density_kl(p, q, x), float)


def grid_for(mu_p, sigma_p, n=6001):
    """mu_p +- 7 sigma_p: p's tails beyond it are below 1e-11 of its mass, and a q of the
    tested widths does not underflow to 0 inside it (which would make the grid KL +inf)."""
    return np.linspace(mu_p - 7 * sigma_p, mu_p + 7 * sigma_p, n)


@pytest.mark.parametrize(
    "params",
    [(0, 1, -2, 1), (0, 1, 0, 2), (1.5, 0.3, -0.5, 2.5), (-3, 2, 1, 0.7), (0.2, 1.1, 0.1, 0.9)],
)
def test_density_kl_agrees_with_gaussian_kl_and_quad(params):
    mu_p, sigma_p, mu_q, sigma_q = params
    x = grid_for(mu_p, sigma_p)
    p, q = continuous.gaussian_pdf(x, mu_p, sigma_p), continuous.gaussian_pdf(x, mu_q, sigma_q)
    grid = continuous.density_kl(p, q, x, base=np.e)
    exact = continuous.gaussian_kl(*params, base=np.e)
    assert grid == pytest.approx(exact, abs=1e-6)
    assert grid == pytest.approx(quad_kl(*params), abs=1e-6)


def test_density_kl_is_infinite_where_q_underflows_but_p_does_not():
    # a narrow q on a wide grid underflows to 0 where p is still positive: the sampled
    # values say D = +inf even though the true divergence of the two Gaussians is finite
    x = np.linspace(-30, 30, 6001)
    p, q = continuous.gaussian_pdf(x, -3, 2), continuous.gaussian_pdf(x, 1, 0.7)
    assert (q == 0).any() and (p[q == 0] > 0).any()
    assert continuous.density_kl(p, q, x) == math.inf


def test_density_kl_zero_and_infinite_conventions():
    x = np.linspace(0, 1, 5)
    p = np.array([0.0, 1.0, 2.0, 1.0, 0.0])
    q = np.array([3.0, 1.0, 2.0, 1.0, 0.0])  # p = 0 where q = 0 or q > 0: terms 0
    assert continuous.density_kl(p, q, x) == 0.0
    q_gap = np.array([1.0, 1.0, 0.0, 1.0, 1.0])
    assert continuous.density_kl(p, q_gap, x) == math.inf
    assert continuous.density_kl(p, p, x) == 0.0


def test_density_kl_accepts_linspace_grids_of_any_size():
    for lo, hi, n in [(-10, 10, 200), (1e6, 1e6 + 1, 1001), (-1e-6, 1e-6, 50), (0, 1, 2)]:
        x = np.linspace(lo, hi, n)
        p = np.ones(n)
        assert continuous.density_kl(p, p, x) == 0.0


@pytest.mark.parametrize(
    ("x", "match"),
    [
        (np.zeros((2, 2)), r"x must be 1-D; got an array of shape \(2, 2\)"),
        (np.array([1.0]), "x must have at least 2 points; got 1"),
        (np.array([0.0, 1.0, 1.0, 2.0]), r"x must be strictly increasing; x\[2\] = 1.0 follows"),
        (np.array([3.0, 2.0, 1.0, 0.0]), "x must be strictly increasing"),
        (np.array([0.0, 1.0, 2.5, 3.0]), r"x must be evenly spaced.*x\[2\] - x\[1\] = 1.5"),
        (np.array([0.0, 1.0, 2.0, float("nan")]), "x contains NaN"),
    ],
)
def test_density_kl_grid_errors(x, match):
    with pytest.raises(ValueError, match=match):
        continuous.density_kl(np.ones(x.shape), np.ones(x.shape), x)


def test_density_kl_shape_and_sign_errors():
    x = np.linspace(0, 1, 4)
    with pytest.raises(ValueError, match=r"p and q must have the shape of x, \(4,\)"):
        continuous.density_kl(np.ones(3), np.ones(3), x)
    with pytest.raises(ValueError, match="p and q must have the same shape"):
        continuous.density_kl(np.ones(4), np.ones(3), x)
    with pytest.raises(ValueError, match="q must be non-negative"):
        continuous.density_kl(np.ones(4), -np.ones(4), x)
    with pytest.raises(ValueError, match="base must not be 1"):
        continuous.density_kl(np.ones(4), np.ones(4), x, base=1)


@settings(max_examples=40, deadline=None)
@given(st.floats(-2, 2), st.floats(0.5, 2), st.floats(-2, 2), st.floats(0.5, 2))
def test_density_kl_matches_closed_form(mu_p, sigma_p, mu_q, sigma_q):
    x = grid_for(mu_p, sigma_p, 4001)
    p, q = continuous.gaussian_pdf(x, mu_p, sigma_p), continuous.gaussian_pdf(x, mu_q, sigma_q)
    assert continuous.density_kl(p, q, x, base=np.e) == pytest.approx(
        continuous.gaussian_kl(mu_p, sigma_p, mu_q, sigma_q, base=np.e), abs=1e-6
    )


# --- fit_gaussian -----------------------------------------------------------------------------


def reverse_kl_nats(mu, sigma, p=P_BIMODAL, x=X_BIMODAL):
    return continuous.density_kl(continuous.gaussian_pdf(x, mu, sigma), p, x, base=np.e)


def test_forward_fit_matches_moments():
    mu, sigma = continuous.fit_gaussian(P_BIMODAL, X_BIMODAL)
    assert type(mu) is float and type(sigma) is float
    assert mu == pytest.approx(0.0, abs=1e-12)
    assert sigma == pytest.approx(math.sqrt(4.25), abs=1e-9)
    assert continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, direction="forward") == (mu, sigma)


def test_forward_fit_is_the_forward_minimum():
    mu, sigma = continuous.fit_gaussian(P_BIMODAL, X_BIMODAL)

    def forward(m, s):
        return continuous.density_kl(
            P_BIMODAL, continuous.gaussian_pdf(X_BIMODAL, m, s), X_BIMODAL, base=np.e
        )

    best = forward(mu, sigma)
    for dm, ds in [(0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)]:
        assert forward(mu + dm, sigma + ds) > best


def test_forward_fit_does_not_need_a_normalised_p():
    x = np.linspace(-10, 12, 3001)
    mu, sigma = continuous.fit_gaussian(7.0 * continuous.gaussian_pdf(x, 1.3, 0.8), x)
    assert mu == pytest.approx(1.3, abs=1e-12)
    assert sigma == pytest.approx(0.8, abs=1e-9)


def test_reverse_fit_from_each_side_finds_that_mode():
    mu, sigma = continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, direction="reverse", init=(1.5, 0.4))
    assert type(mu) is float and type(sigma) is float
    assert mu == pytest.approx(2.0, abs=1e-3)
    assert sigma == pytest.approx(0.5, abs=1e-3)
    assert reverse_kl_nats(mu, sigma) == pytest.approx(LN2, abs=1e-3)
    mu2, sigma2 = continuous.fit_gaussian(
        P_BIMODAL, X_BIMODAL, direction="reverse", init=(-1.5, 0.4)
    )
    assert mu2 == pytest.approx(-2.0, abs=1e-3)
    assert sigma2 == pytest.approx(0.5, abs=1e-3)
    assert mu2 == pytest.approx(-mu, abs=1e-6)  # the problem is symmetric


def test_reverse_fit_without_init_finds_a_global_minimum():
    mu, sigma = continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, direction="reverse")
    assert abs(mu) == pytest.approx(2.0, abs=1e-3)
    assert sigma == pytest.approx(0.5, abs=1e-3)
    assert reverse_kl_nats(mu, sigma) == pytest.approx(LN2, abs=1e-3)
    assert reverse_kl_nats(mu, sigma) < 1.0  # not the local minimum in the middle
    assert continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, direction="reverse") == (mu, sigma)


@pytest.mark.parametrize("init", [(0.0, 1.5), (0.0, 1.0), (0.3, 1.5)])
def test_reverse_fit_started_in_the_middle_stops_at_the_local_minimum(init):
    mu, sigma = continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, direction="reverse", init=init)
    assert mu == pytest.approx(0.0, abs=1e-4)
    assert sigma == pytest.approx(1.74, abs=0.01)
    assert reverse_kl_nats(mu, sigma) == pytest.approx(1.871, abs=1e-3)
    # it is a local minimum of the reverse KL
    best = reverse_kl_nats(mu, sigma)
    for dm, ds in [(0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)]:
        assert reverse_kl_nats(mu + dm, sigma + ds) > best


def test_reverse_fit_recovers_a_single_gaussian():
    x = np.linspace(-6, 10, 1601)
    p = continuous.gaussian_pdf(x, 1.7, 0.9)
    for init in (None, (0.0, 3.0), (5.0, 0.3)):
        mu, sigma = continuous.fit_gaussian(p, x, direction="reverse", init=init)
        assert mu == pytest.approx(1.7, abs=1e-5)
        assert sigma == pytest.approx(0.9, abs=1e-5)


def test_reverse_fit_copes_with_zeros_in_p():
    # p underflows to exactly 0 far from its modes, where a wide q is still positive
    x = np.linspace(-20, 20, 4001)
    p = continuous.mixture_pdf(x, [0.5, 0.5], [-3.0, 3.0], [0.2, 0.2])
    assert (p == 0).any()
    mu, sigma = continuous.fit_gaussian(p, x, direction="reverse")
    assert abs(mu) == pytest.approx(3.0, abs=1e-4)
    assert sigma == pytest.approx(0.2, abs=1e-4)
    for init in [(2.5, 0.3), (4.0, 1.0), (10.0, 0.5)]:
        mu, sigma = continuous.fit_gaussian(p, x, direction="reverse", init=init)
        assert mu == pytest.approx(3.0, abs=1e-4)
        assert sigma == pytest.approx(0.2, abs=1e-4)


def test_reverse_fit_to_a_density_with_bounded_support_stays_inside():
    x = np.linspace(-5, 5, 2001)
    p = np.where(np.abs(x) <= 1.0, 0.5, 0.0)  # uniform on [-1, 1], exactly 0 elsewhere
    # every Gaussian has D(q || p) = +inf here; with p floored at 5e-324 the fit is the
    # centred Gaussian that balances its entropy against ~744 nats per unit of mass outside
    fits = [
        continuous.fit_gaussian(p, x, direction="reverse", init=init)
        for init in (None, (0, 2), (3, 1))
    ]
    for mu, sigma in fits:
        assert mu == pytest.approx(0.0, abs=1e-6)
        assert sigma == pytest.approx(fits[0][1], abs=1e-6)
        assert 0.2 < sigma < 0.3
        assert 2 * stats.norm.sf(1.0, 0.0, sigma) < 1e-4  # q's mass outside [-1, 1]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"direction": "reverse"},
        {"direction": "reverse", "init": (1.5, 0.4)},
        {"direction": "reverse", "init": (0.0, 1.5)},
    ],
)
def test_each_fit_is_fast(kwargs):
    continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, **kwargs)  # warm up
    start = time.perf_counter()
    continuous.fit_gaussian(P_BIMODAL, X_BIMODAL, **kwargs)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("p", "kwargs", "match"),
    [
        (P_BIMODAL, {"direction": "sideways"}, "direction must be 'forward' or 'reverse'"),
        (P_BIMODAL, {"init": (0.0, 1.0)}, "init is only used by direction='reverse'"),
        (P_BIMODAL, {"direction": "reverse", "init": (0.0,)}, r"init must be a pair"),
        (P_BIMODAL, {"direction": "reverse", "init": "ab"}, r"init must be a pair"),
        (P_BIMODAL, {"direction": "reverse", "init": (0.0, 0.0)}, "positive sigma0"),
        (P_BIMODAL, {"direction": "reverse", "init": (np.nan, 1.0)}, "finite mu0"),
        (P_BIMODAL, {"direction": "reverse", "init": (0.0, 1e-9)}, "init must lie in the"),
        (P_BIMODAL, {"direction": "reverse", "init": (1e6, 1.0)}, "init must lie in the"),
        (np.zeros(2001), {}, "p must not be zero everywhere"),
        (-P_BIMODAL, {}, "p must be non-negative"),
        (P_BIMODAL[:-1], {}, r"p must have the shape of x, \(2001,\)"),
        (np.eye(1, 2001, 1000).ravel(), {}, "p puts all its mass on one grid point"),
    ],
)
def test_fit_gaussian_errors(p, kwargs, match):
    with pytest.raises(ValueError, match=match):
        continuous.fit_gaussian(p, X_BIMODAL, **kwargs)


def test_fit_gaussian_grid_errors():
    with pytest.raises(ValueError, match="x must be evenly spaced"):
        continuous.fit_gaussian(np.ones(4), np.array([0.0, 1.0, 3.0, 4.0]))


class TestGaussianCdf:
    def test_agrees_with_scipy_from_the_far_tail_to_the_top(self) -> None:
        from scipy.stats import norm

        x = np.concatenate([np.linspace(-38.0, 9.0, 941), [-np.inf, np.inf]])
        for mu, sigma in [(0.0, 1.0), (-2.0, 0.5), (3.0, 2.5)]:
            got = continuous.gaussian_cdf(x, mu, sigma)
            want = norm.cdf(x, mu, sigma)
            # far in the tail the cdf's condition number is about z²: one rounding of z costs
            # ~z²·1e-16 relative, 2e-13 at z = -38, in either implementation
            normal = want > 1e-300  # SciPy's cdf flushes subnormal results to 0: use its log
            np.testing.assert_allclose(got[normal], want[normal], rtol=1e-12, atol=0.0)
            tiny = ~normal & (got > 1e-315)  # deeper, a subnormal holds only a few digits
            np.testing.assert_allclose(
                np.log(got[tiny]), norm.logcdf(x[tiny], mu, sigma), rtol=1e-6
            )

    def test_broadcasts_and_returns_a_float_for_scalars(self) -> None:
        assert isinstance(continuous.gaussian_cdf(0.3, 0.0, 1.0), float)
        assert continuous.gaussian_cdf([[0.0], [1.0]], [0.0, 1.0], 1.0).shape == (2, 2)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((np.nan,), "x contains NaN"),
            ((0.0, np.inf), "mu contains \\+inf"),
            ((0.0, 0.0, 0.0), "sigma must be positive"),
            ((0.0, 0.0, -1.0), "sigma must be positive"),
        ],
    )
    def test_rejects_bad_input(self, args, message) -> None:
        with pytest.raises(ValueError, match=message):
            continuous.gaussian_cdf(*args)
