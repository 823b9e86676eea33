"""Property-based tests for kltools.measures."""

from __future__ import annotations

import math

import numpy as np
import scipy.special
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kltools import measures

LN2 = math.log(2.0)
FAST = settings(max_examples=60, deadline=None)

weights = st.floats(0.0, 1.0, allow_subnormal=False)
# Bases on both sides of 1, named ones included.
bases = st.one_of(
    st.floats(1.05, 100.0),
    st.floats(0.01, 0.95),
    st.sampled_from([2, np.e, 10, "bits", "nats", "dits"]),
)


def _normalised(w: np.ndarray) -> np.ndarray:
    total = w.sum(axis=-1, keepdims=True)
    assume(bool((total > 0).all()))
    return w / total


@st.composite
def distributions(draw, n=None, rows=None):
    """A distribution of length n (1 to 12 if not given), zeros allowed.

    With ``rows`` set, a (rows, n) batch of them.
    """
    if n is None:
        n = draw(st.integers(1, 12))
    shape = n if rows is None else (rows, n)
    return _normalised(draw(arrays(np.float64, shape, elements=weights)))


@st.composite
def pairs(draw, positive_q=False):
    """Two distributions of the same length; q strictly positive if asked."""
    n = draw(st.integers(1, 12))
    p = draw(distributions(n))
    if positive_q:
        q = _normalised(draw(arrays(np.float64, n, elements=st.floats(1e-6, 1.0))))
    else:
        q = draw(distributions(n))
    return p, q


def _ln(base) -> float:
    return {"bits": LN2, "nats": 1.0, "dits": math.log(10.0)}.get(base) or math.log(base)


@FAST
@given(pairs())
def test_kl_non_negative_and_pinsker(pq):
    p, q = pq
    kl = measures.kl_divergence(p, q, base="nats")
    assert kl >= 0.0
    # Pinsker: D_KL >= ||p - q||_1^2 / 2, so D_KL = 0 forces p = q.
    assert kl >= 0.5 * np.abs(p - q).sum() ** 2 - 1e-12


@FAST
@given(distributions())
def test_kl_of_a_distribution_with_itself_is_zero(p):
    assert measures.kl_divergence(p, p) == 0.0


@FAST
@given(pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    ce = measures.cross_entropy(p, q)
    kl = measures.kl_divergence(p, q)
    h = measures.entropy(p)
    assert np.isinf(ce) == np.isinf(kl)
    if np.isfinite(ce):
        assert abs(ce - (h + kl)) <= 1e-12 * max(1.0, abs(ce))


@FAST
@given(distributions(), bases)
def test_entropy_between_zero_and_log_n(p, base):
    h = measures.entropy(p, base=base) * _ln(base) / LN2  # in bits, whatever the base
    assert -1e-12 <= h <= math.log2(p.size) + 1e-12


@FAST
@given(pairs(), bases)
def test_results_scale_with_base_as_one_over_ln_b(pq, base):
    p, q = pq
    ln_b = _ln(base)
    for func, args in (
        (measures.entropy, (p,)),
        (measures.cross_entropy, (p, q)),
        (measures.kl_divergence, (p, q)),
    ):
        nats = func(*args, base="nats")
        scaled = func(*args, base=base) * ln_b
        if np.isinf(nats):
            assert np.isinf(scaled)
        else:
            assert abs(scaled - nats) <= 1e-12 * max(1.0, abs(nats))


@FAST
@given(st.data(), st.integers(1, 8), st.integers(1, 10))
def test_batched_equals_row_by_row(data, m, n):
    p = data.draw(distributions(n, rows=m))
    q = data.draw(distributions(n, rows=m))
    for func, args in (
        (measures.entropy, (p,)),
        (measures.cross_entropy, (p, q)),
        (measures.kl_divergence, (p, q)),
    ):
        batched = func(*args)
        assert batched.shape == (m,)
        rows = [func(*(a[i] for a in args)) for i in range(m)]
        np.testing.assert_allclose(batched, rows, rtol=1e-14, atol=1e-15)
        along_0 = func(*(a.T for a in args), axis=0)
        np.testing.assert_allclose(along_0, rows, rtol=1e-14, atol=1e-15)


@FAST
@given(pairs())
def test_agrees_with_scipy(pq):
    p, q = pq
    np.testing.assert_allclose(
        measures.entropy(p), scipy.stats.entropy(p, base=2), rtol=1e-12, atol=1e-12
    )
    rel = scipy.special.rel_entr(p, q).sum() / LN2
    np.testing.assert_allclose(measures.kl_divergence(p, q), rel, rtol=1e-12, atol=1e-12)
    ce = scipy.stats.entropy(p, base=2) + rel
    np.testing.assert_allclose(measures.cross_entropy(p, q), ce, rtol=1e-12, atol=1e-12)


@FAST
@given(st.data(), st.integers(1, 6), st.integers(1, 8))
def test_agrees_with_scipy_batched(data, m, n):
    p = data.draw(distributions(n, rows=m))
    q = data.draw(distributions(n, rows=m))
    np.testing.assert_allclose(
        measures.entropy(p, base="nats"), scipy.stats.entropy(p, axis=-1), rtol=1e-12, atol=1e-12
    )
    rel = scipy.special.rel_entr(p, q).sum(axis=-1)
    np.testing.assert_allclose(
        measures.kl_divergence(p, q, base="nats"), rel, rtol=1e-12, atol=1e-12
    )


@FAST
@given(pairs(positive_q=True))
def test_finite_when_q_positive(pq):
    p, q = pq
    assert np.isfinite(measures.cross_entropy(p, q))
    assert np.isfinite(measures.kl_divergence(p, q))


@FAST
@given(st.floats(0.0, 1.0))
def test_binary_entropy_matches_two_outcome_entropy(x):
    expected = scipy.stats.entropy([x, 1.0 - x], base=2)
    assert abs(measures.binary_entropy(x) - expected) <= 1e-12
    assert 0.0 <= measures.binary_entropy(x) <= 1.0


@FAST
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_bce_is_two_outcome_cross_entropy(y, y_hat):
    out = measures.binary_cross_entropy(y, y_hat)
    ref = measures.cross_entropy([y, 1.0 - y], [y_hat, 1.0 - y_hat])
    if np.isinf(ref):
        assert np.isinf(out)
    else:
        # 1 - y_hat rounds in the reference; binary_cross_entropy uses log1p.
        assert abs(out - ref) <= 1e-9 * max(1.0, ref)
    assert out >= measures.binary_entropy(y) - 1e-12  # Gibbs: H(y, ŷ) >= H(y)


@FAST
@given(st.floats(0.0, 1.0), st.floats(-1e6, 1e6))
def test_bce_with_logits_matches_log_expit(y, z):
    expected = -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z))
    out = measures.binary_cross_entropy_with_logits(y, z, base="nats")
    assert math.isfinite(out)
    # Both terms of the reference have the same sign, so it is accurate to a
    # few ulps; the result must match it in relative terms, however small.
    assert abs(out - expected) <= 1e-12 * abs(expected) + 1e-300
