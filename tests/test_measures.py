"""Unit tests for kltools.measures and kltools._checks."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.special
import scipy.stats

from kltools import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_entropy,
    cross_entropy,
    entropy,
    information,
    kl_divergence,
    normalize,
)
from kltools import measures as measures_module
from kltools._checks import as_array, as_distribution, as_probability, resolve_base

ROOT = Path(__file__).resolve().parents[1]
LN2 = math.log(2.0)

SUNRISE = [0.99999, 0.00001]
DIE8 = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 64, 1 / 64, 1 / 64, 1 / 64]
UNIFORM4 = [0.25] * 4
SKEWED4 = [1 / 2, 1 / 4, 1 / 8, 1 / 8]
FAIR6 = [1 / 6] * 6
LOADED6 = [1 / 2] + [1 / 10] * 5


@pytest.fixture
def strict_warnings():
    """Turn every warning (RuntimeWarning from NumPy above all) into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --------------------------------------------------------------------------
# The course's worked examples
# --------------------------------------------------------------------------


class TestSeedExamples:
    def test_sunrise_information(self):
        east, west = information(SUNRISE)
        assert east == pytest.approx(-math.log2(0.99999), rel=1e-12)
        assert round(float(east), 7) == 0.0000144
        assert west == pytest.approx(16.60964047443681, rel=1e-12)
        assert round(float(west), 2) == 16.61

    def test_sunrise_entropy(self):
        h = entropy(SUNRISE)
        expected = -(0.99999 * math.log2(0.99999) + 0.00001 * math.log2(0.00001))
        assert h == pytest.approx(expected, rel=1e-12)
        assert round(float(h), 5) == 0.00018

    def test_eight_sided_die(self):
        assert entropy(DIE8) == pytest.approx(2.0, abs=1e-15)

    def test_four_sided_die(self):
        assert cross_entropy(UNIFORM4, SKEWED4) == pytest.approx(2.25, abs=1e-15)
        assert entropy(UNIFORM4) == pytest.approx(2.0, abs=1e-15)
        assert kl_divergence(UNIFORM4, SKEWED4) == pytest.approx(0.25, abs=1e-15)

    def test_fair_versus_loaded_die(self):
        ce = cross_entropy(FAIR6, LOADED6)
        h = entropy(FAIR6)
        kl = kl_divergence(FAIR6, LOADED6)
        assert ce == pytest.approx(1 / 6 * math.log2(2) + 5 / 6 * math.log2(10), rel=1e-12)
        assert round(float(ce), 4) == 2.9349
        assert h == pytest.approx(math.log2(6), rel=1e-12)
        assert round(float(h), 4) == 2.5850
        assert round(float(kl), 4) == 0.3500
        assert ce == pytest.approx(h + kl, abs=1e-12)

    def test_bce_four_cases(self, strict_warnings):
        out = binary_cross_entropy([1, 1, 0, 0], [1, 0, 1, 0])
        assert out.tolist() == [0.0, math.inf, math.inf, 0.0]


# --------------------------------------------------------------------------
# information
# --------------------------------------------------------------------------


class TestInformation:
    def test_values(self):
        assert information([1.0, 0.5, 0.25, 0.125]).tolist() == [0.0, 1.0, 2.0, 3.0]

    def test_zero_gives_inf_without_warning(self, strict_warnings):
        assert information(0.0) == math.inf

    def test_certain_event_is_positive_zero(self):
        assert math.copysign(1.0, information(1.0)) == 1.0

    def test_scalar_in_scalar_out(self):
        out = information(0.5)
        assert isinstance(out, np.float64)
        assert np.ndim(out) == 0

    def test_shape_kept(self):
        assert information(np.full((2, 3, 4), 0.5)).shape == (2, 3, 4)

    @pytest.mark.parametrize(
        ("base", "expected"),
        [(2, 1.0), ("bits", 1.0), (np.e, LN2), ("nats", LN2), (10, math.log10(2)), (4, 0.5)],
    )
    def test_bases(self, base, expected):
        assert information(0.5, base=base) == pytest.approx(expected, rel=1e-15)

    def test_dits_and_hartleys(self):
        assert information(0.01, base="dits") == pytest.approx(2.0, rel=1e-15)
        assert information(0.01, base="hartleys") == pytest.approx(2.0, rel=1e-15)

    @pytest.mark.parametrize("bad", [1.5, -0.1])
    def test_outside_unit_interval(self, bad):
        with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
            information([0.5, bad])

    def test_nan(self):
        with pytest.raises(ValueError, match="p contains NaN"):
            information([0.5, np.nan])

    def test_base_is_keyword_only(self):
        with pytest.raises(TypeError):
            information(0.5, 2)


# --------------------------------------------------------------------------
# entropy
# --------------------------------------------------------------------------


class TestEntropy:
    def test_returns_np_float64_for_1d(self):
        out = entropy([0.5, 0.5])
        assert type(out) is np.float64
        assert out == 1.0

    def test_batched(self):
        out = entropy([UNIFORM4, [1.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0]])
        assert isinstance(out, np.ndarray)
        assert out.tolist() == [2.0, 0.0, 1.0]

    def test_zero_log_zero_is_zero(self, strict_warnings):
        assert entropy([0.0, 1.0, 0.0]) == 0.0
        assert entropy([0.5, 0.0, 0.5]) == 1.0

    def test_axis(self):
        p = np.array([[0.5, 1.0], [0.5, 0.0]])
        assert entropy(p, axis=0).tolist() == [1.0, 0.0]
        assert entropy(p.T).tolist() == [1.0, 0.0]

    def test_3d_axis_middle(self):
        rng = np.random.default_rng(1)
        p = rng.random((3, 5, 4))
        p /= p.sum(axis=1, keepdims=True)
        out = entropy(p, axis=1)
        assert out.shape == (3, 4)
        expected = scipy.stats.entropy(p, axis=1, base=2)
        np.testing.assert_allclose(out, expected, rtol=1e-13)

    def test_integer_and_float32_input(self):
        assert entropy(np.array([0, 1, 0])) == 0.0
        assert entropy(np.array([0.25] * 4, dtype=np.float32)) == pytest.approx(2.0)

    def test_tuple_input(self):
        assert entropy((0.5, 0.5)) == 1.0

    def test_bases(self):
        p = [0.2, 0.3, 0.5]
        bits = entropy(p)
        assert entropy(p, base=np.e) == pytest.approx(bits * LN2, rel=1e-14)
        assert entropy(p, base="nats") == pytest.approx(bits * LN2, rel=1e-14)
        assert entropy(p, base=10) == pytest.approx(bits * math.log10(2), rel=1e-14)
        assert entropy(p, base=3) == pytest.approx(bits / math.log2(3), rel=1e-14)

    def test_matches_scipy(self):
        rng = np.random.default_rng(2)
        p = rng.random((20, 7))
        p[p < 0.2] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(entropy(p), scipy.stats.entropy(p, base=2, axis=-1), 1e-13)

    def test_long_distribution_in_several_blocks(self):
        n = 3 * measures_module._BLOCK + 17
        rng = np.random.default_rng(3)
        p = rng.random(n)
        p[::97] = 0.0
        p /= p.sum()
        assert entropy(p) == pytest.approx(scipy.stats.entropy(p, base=2), rel=1e-12)

    def test_many_rows_some_blocks_with_zeros(self):
        rng = np.random.default_rng(4)
        p = rng.random((2000, 50)) + 0.01
        p[1500, 3] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(entropy(p), scipy.stats.entropy(p, base=2, axis=-1), 1e-12)

    def test_non_contiguous_input(self):
        rng = np.random.default_rng(5)
        p = rng.random((6, 10))
        p /= p.sum(axis=0, keepdims=True)
        view = p.T[:, ::2]  # strided: not a distribution, so normalise the view
        view = view / view.sum(axis=-1, keepdims=True)
        expected = scipy.stats.entropy(view, base=2, axis=-1)
        np.testing.assert_allclose(entropy(np.asfortranarray(view)), expected, rtol=1e-13)
        np.testing.assert_allclose(entropy(p, axis=0), scipy.stats.entropy(p, base=2), 1e-13)

    def test_empty_batch(self):
        assert entropy(np.empty((0, 3))).shape == (0,)
        assert entropy(np.empty((3, 0)), axis=0).shape == (0,)
        assert kl_divergence(np.empty((3, 0)), np.empty((3, 0)), axis=0).shape == (0,)

    def test_does_not_modify_input(self):
        p = np.array([0.5, 0.0, 0.5])
        entropy(p)
        assert p.tolist() == [0.5, 0.0, 0.5]


@pytest.mark.parametrize(
    ("shape", "axis"),
    [
        ((5000, 2), -1),  # short rows
        ((40, 9000), -1),  # rows longer than one BLAS call
        ((3, 40000), -1),  # rows split into several BLAS calls
        ((2, measures_module._BLOCK + 3), -1),  # rows longer than one block
        ((300, 200), 0),  # distributions across memory
        ((4, 70, 30), 1),
        ((20, 1), -1),
    ],
)
def test_all_layouts_match_scipy(shape, axis):
    rng = np.random.default_rng(sum(shape))
    p, q = rng.random(shape), rng.random(shape)
    p[p < 0.05] = 0.0
    q[q < 0.01] = 0.0
    p += 1e-3 * (p.sum(axis=axis, keepdims=True) == 0)  # no all-zero distribution
    q += 1e-3 * (q.sum(axis=axis, keepdims=True) == 0)
    p /= p.sum(axis=axis, keepdims=True)
    q /= q.sum(axis=axis, keepdims=True)
    h = scipy.stats.entropy(p, axis=axis)
    rel = scipy.special.rel_entr(p, q).sum(axis=axis)
    np.testing.assert_allclose(entropy(p, axis=axis, base="nats"), h, rtol=1e-12, atol=1e-13)
    kl = kl_divergence(p, q, axis=axis, base="nats")
    np.testing.assert_allclose(kl, rel, rtol=1e-12, atol=1e-13)
    ce = cross_entropy(p, q, axis=axis, base="nats")
    np.testing.assert_allclose(ce, h + rel, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("dtype", [np.float32, np.int64])
def test_other_dtypes_give_the_float64_result_of_the_same_numbers(dtype):
    rng = np.random.default_rng(3)
    if dtype == np.int64:  # one-hot rows
        p = np.eye(300, dtype=dtype)[rng.integers(0, 300, 50)]
    else:
        p = rng.random((50, 300))
        p = (p / p.sum(axis=1, keepdims=True)).astype(dtype)
    q = rng.random((50, 300))
    q = (q / q.sum(axis=1, keepdims=True)).astype(np.float32)
    p64, q64 = p.astype(np.float64), q.astype(np.float64)  # exactly the same numbers
    np.testing.assert_array_equal(kl_divergence(p, q), kl_divergence(p64, q64))
    np.testing.assert_array_equal(entropy(p.T, axis=0), entropy(p64.T, axis=0))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
@pytest.mark.parametrize("axis", [-1, 0])
def test_peak_memory_is_a_fraction_of_the_input(dtype, axis):
    """Blocks are converted to float64 one at a time, never the whole input."""
    import tracemalloc

    rng = np.random.default_rng(5)
    if dtype == np.int64:  # counts that happen to be one-hot distributions
        p = np.eye(2000, dtype=dtype)[rng.integers(0, 2000, 200)]
        q = np.full((200, 2000), 1 / 2000)
    else:
        p, q = rng.random((200, 2000)), rng.random((200, 2000))
        p, q = (a / a.sum(axis=1, keepdims=True) for a in (p, q))
        p, q = p.astype(dtype), q.astype(dtype)
    if axis == 0:
        p, q = p.T, q.T
    tracemalloc.start()
    try:
        entropy(p, axis=axis)
        cross_entropy(p, q, axis=axis)
        kl_divergence(p, q, axis=axis)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= 3 * p.nbytes


class TestEntropyErrors:
    def test_sum_off(self):
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis -1; got a sum of 0\.9"):
            entropy([0.5, 0.4])

    def test_sum_off_reports_the_worst_row(self):
        with pytest.raises(ValueError, match=r"got a sum of 1\.5"):
            entropy([[0.5, 0.5], [1.0, 0.5], [0.5, 0.49999]])

    def test_errors_along_another_axis(self):
        p = np.full((300, 200), 1 / 300)
        p[7, 150] = 0.5
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis 0; got a sum of 1\.49"):
            entropy(p, axis=0)
        p[7, 150] = -1 / 300
        with pytest.raises(ValueError, match="p must not have negative entries"):
            entropy(p, axis=0)
        p[7, 150] = np.nan
        with pytest.raises(ValueError, match="q contains NaN"):
            kl_divergence(np.full((300, 200), 1 / 300), p, axis=0)

    def test_sum_tolerance(self):
        entropy([0.5, 0.5 + 5e-9])
        with pytest.raises(ValueError, match="sum"):
            entropy([0.5, 0.5 + 5e-8])

    def test_never_normalises(self):
        with pytest.raises(ValueError, match="got a sum of 4"):
            entropy([1, 1, 1, 1])

    def test_negative(self):
        with pytest.raises(ValueError, match=r"p must not have negative entries; got -0\.5"):
            entropy([1.5, -0.5])

    def test_nan(self):
        with pytest.raises(ValueError, match="p contains NaN"):
            entropy([0.5, np.nan, 0.5])

    @pytest.mark.parametrize(("value", "text"), [(np.inf, r"\+inf"), (-np.inf, "-inf")])
    def test_inf(self, value, text):
        with pytest.raises(ValueError, match=f"p contains {text}"):
            entropy([0.5, value])

    def test_empty(self):
        with pytest.raises(ValueError, match="p is an empty distribution"):
            entropy([])
        with pytest.raises(ValueError, match="p is an empty distribution"):
            entropy(np.empty((3, 0)))

    def test_scalar(self):
        with pytest.raises(ValueError, match="p must be at least 1-D"):
            entropy(1.0)

    def test_axis_out_of_range(self):
        with pytest.raises(ValueError, match="axis 2 is out of range for p"):
            entropy([0.5, 0.5], axis=2)

    def test_axis_not_integer(self):
        with pytest.raises(TypeError, match="axis must be an integer"):
            entropy([0.5, 0.5], axis=1.0)

    def test_bad_base(self):
        with pytest.raises(ValueError, match="base must not be 1"):
            entropy([0.5, 0.5], base=1)


# --------------------------------------------------------------------------
# cross_entropy and kl_divergence
# --------------------------------------------------------------------------


@pytest.mark.parametrize("func", [cross_entropy, kl_divergence])
class TestPairErrors:
    def test_shapes_must_broadcast(self, func):
        with pytest.raises(ValueError, match=r"p and q must broadcast.*\(3,\) and \(4,\)"):
            func([0.2, 0.3, 0.5], UNIFORM4)

    def test_q_sum_named(self, func):
        with pytest.raises(ValueError, match=r"q must sum to 1 along axis -1; got a sum of 0\.9"):
            func([0.5, 0.5], [0.5, 0.4])

    def test_p_sum_named(self, func):
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis -1; got a sum of 1\.1"):
            func([0.6, 0.5], [0.5, 0.5])

    @pytest.mark.parametrize(
        ("p", "q", "pattern"),
        [
            ([1.5, -0.5], [0.5, 0.5], "p must not have negative entries"),
            ([0.5, 0.5], [1.5, -0.5], "q must not have negative entries"),
            ([0.0, 1.0], [1.5, -0.5], "q must not have negative entries"),
            ([1.5, -0.5], [1.5, -0.5], "p must not have negative entries"),
            ([0.5, np.nan], [0.5, 0.5], "p contains NaN"),
            ([0.5, 0.5], [np.nan, 0.5], "q contains NaN"),
            ([0.5, 0.5], [np.inf, 0.5], r"q contains \+inf"),
            ([0.0, np.inf], [0.5, 0.5], r"p contains \+inf"),
        ],
    )
    def test_bad_entries(self, func, p, q, pattern):
        with pytest.raises(ValueError, match=pattern):
            func(p, q)

    def test_empty(self, func):
        with pytest.raises(ValueError, match="q is an empty distribution"):
            func(np.ones((2, 1)), np.empty((2, 0)))

    def test_scalar(self, func):
        with pytest.raises(ValueError, match="q must be at least 1-D"):
            func([1.0], 1.0)

    def test_non_numeric(self, func):
        with pytest.raises(TypeError, match="q must"):
            func([0.5, 0.5], ["a", "b"])
        with pytest.raises(TypeError, match="p must"):
            func("0.5 0.5", [0.5, 0.5])

    def test_bad_base(self, func):
        with pytest.raises(ValueError, match="base must be positive"):
            func([0.5, 0.5], [0.5, 0.5], base=-2)


class TestCrossEntropy:
    def test_zero_where_q_zero_is_inf_without_warning(self, strict_warnings):
        assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf

    def test_zero_p_ignores_q(self, strict_warnings):
        assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
        assert cross_entropy([0.0, 1.0], [0.5, 0.5]) == 1.0

    def test_of_p_with_itself_is_entropy(self):
        p = [0.1, 0.2, 0.7]
        assert cross_entropy(p, p) == pytest.approx(entropy(p), rel=1e-15)

    def test_broadcasting(self):
        q = np.array([SKEWED4, UNIFORM4])
        out = cross_entropy(UNIFORM4, q)
        assert out.tolist() == [2.25, 2.0]
        out = cross_entropy(q, UNIFORM4)
        assert out.tolist() == [2.0, 2.0]

    def test_broadcasting_with_axis(self):
        p = np.array([[0.5], [0.5]])  # shape (2, 1): one distribution along axis 0
        q = np.array([[0.5, 1.0], [0.5, 0.0]])
        out = cross_entropy(p, q, axis=0)
        assert out.tolist() == [1.0, math.inf]

    def test_mixed_inf_and_finite_rows(self, strict_warnings):
        out = cross_entropy([[0.5, 0.5], [0.5, 0.5]], [[1.0, 0.0], [0.5, 0.5]])
        assert out.tolist() == [math.inf, 1.0]

    def test_matches_scipy(self):
        rng = np.random.default_rng(6)
        p = rng.random((30, 9))
        q = rng.random((30, 9)) + 0.01
        p[p < 0.3] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        expected = (scipy.stats.entropy(p, axis=-1) + scipy.stats.entropy(p, q, axis=-1)) / LN2
        np.testing.assert_allclose(cross_entropy(p, q), expected, rtol=1e-12)


class TestKLDivergence:
    def test_identical_is_zero(self):
        p = np.array([0.1, 0.2, 0.3, 0.4])
        assert kl_divergence(p, p) == 0.0
        assert kl_divergence(p, p, base="nats") == 0.0

    def test_never_negative(self):
        rng = np.random.default_rng(7)
        p = rng.random((500, 5))
        p /= p.sum(axis=-1, keepdims=True)
        q = p * (1 + 1e-15 * rng.standard_normal(p.shape))
        q /= q.sum(axis=-1, keepdims=True)
        assert (kl_divergence(p, q) >= 0.0).all()

    def test_asymmetric(self):
        assert kl_divergence(FAIR6, LOADED6) != pytest.approx(kl_divergence(LOADED6, FAIR6))

    def test_support_mismatch_inf_without_warning(self, strict_warnings):
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == 1.0
        assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0

    def test_tiny_q_does_not_overflow(self, strict_warnings):
        # 0.5 / 5e-324 overflows float64, yet the divergence is finite.
        q = np.array([1.0, 5e-324])
        expected = 0.5 * -1.0 + 0.5 * (-1.0 - math.log2(5e-324))
        assert kl_divergence([0.5, 0.5], q) == pytest.approx(expected, rel=1e-14)

    def test_broadcasting(self):
        q = np.array([SKEWED4, UNIFORM4])
        assert kl_divergence(UNIFORM4, q).tolist() == [0.25, 0.0]

    def test_bases(self):
        bits = kl_divergence(FAIR6, LOADED6)
        assert kl_divergence(FAIR6, LOADED6, base=np.e) == pytest.approx(bits * LN2, rel=1e-14)
        # A base below 1 is allowed; it flips the sign of every logarithm.
        assert kl_divergence(FAIR6, LOADED6, base=0.5) == pytest.approx(-bits, rel=1e-14)

    def test_matches_scipy_with_zeros(self):
        rng = np.random.default_rng(8)
        p = rng.random((40, 6))
        q = rng.random((40, 6))
        p[p < 0.3] = 0.0
        q[q < 0.1] = 0.0
        p[:, 0] += 0.01
        q[:, 0] += 0.01
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        expected = scipy.special.rel_entr(p, q).sum(axis=-1) / LN2
        np.testing.assert_allclose(kl_divergence(p, q), expected, rtol=1e-12)
        assert np.isinf(expected).any()

    def test_long_distribution_in_several_blocks(self):
        n = 2 * measures_module._BLOCK + 5
        rng = np.random.default_rng(9)
        p, q = rng.random(n), rng.random(n)
        p[::50] = 0.0
        p /= p.sum()
        q /= q.sum()
        expected = scipy.stats.entropy(p, q, base=2)
        assert kl_divergence(p, q) == pytest.approx(expected, rel=1e-12)

    def test_identity_with_entropy_and_cross_entropy(self):
        rng = np.random.default_rng(10)
        p = rng.random((50, 8))
        q = rng.random((50, 8))
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(
            cross_entropy(p, q), entropy(p) + kl_divergence(p, q), rtol=0, atol=1e-12
        )


# --------------------------------------------------------------------------
# binary measures
# --------------------------------------------------------------------------


class TestBinaryEntropy:
    def test_values(self, strict_warnings):
        assert binary_entropy([0.0, 0.5, 1.0]).tolist() == [0.0, 1.0, 0.0]

    def test_symmetric(self):
        p = np.linspace(0, 1, 101)
        np.testing.assert_allclose(binary_entropy(p), binary_entropy(1 - p), rtol=1e-12)

    def test_accurate_near_zero(self):
        p = 1e-20
        expected = p * (-math.log2(p) + 1 / LN2)  # -(1-p) log2(1-p) ≈ p / ln 2
        assert binary_entropy(p) == pytest.approx(expected, rel=1e-14)

    def test_accurate_near_one(self):
        p = 1 - 2**-40
        d = 2**-40
        expected = d * (-math.log2(d) + 1 / LN2)
        assert binary_entropy(p) == pytest.approx(expected, rel=1e-10)

    def test_agrees_with_entropy(self):
        for p in (0.1, 0.3, 0.77):
            assert binary_entropy(p) == pytest.approx(entropy([p, 1 - p]), rel=1e-14)

    def test_base(self):
        assert binary_entropy(0.5, base="nats") == pytest.approx(LN2, rel=1e-15)

    def test_errors(self):
        with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]; got 1\.2"):
            binary_entropy([0.5, 1.2])
        with pytest.raises(ValueError, match="p contains NaN"):
            binary_entropy(np.nan)
        with pytest.raises(TypeError, match="p must"):
            binary_entropy("0.5")


class TestBinaryCrossEntropy:
    def test_soft_label(self):
        y, yh = 0.3, 0.8
        expected = -(0.3 * math.log2(0.8) + 0.7 * math.log2(0.2))
        assert binary_cross_entropy(y, yh) == pytest.approx(expected, rel=1e-14)

    def test_equals_two_outcome_cross_entropy(self):
        for y, yh in [(0.2, 0.6), (1.0, 0.9), (0.0, 0.01)]:
            expected = cross_entropy([y, 1 - y], [yh, 1 - yh])
            assert binary_cross_entropy(y, yh) == pytest.approx(expected, rel=1e-14)

    def test_soft_label_at_extreme_prediction_is_inf(self, strict_warnings):
        assert binary_cross_entropy(0.5, 1.0) == math.inf
        assert binary_cross_entropy(0.5, 0.0) == math.inf

    def test_eps_clips_like_frameworks(self, strict_warnings):
        eps = 2.0**-50  # so that 1 - eps is exact
        out = binary_cross_entropy([1, 1, 0, 0], [1, 0, 1, 0], eps=eps, base="nats")
        cap, small = -math.log(eps), -math.log1p(-eps)
        np.testing.assert_allclose(out, [small, cap, cap, small], rtol=1e-15)
        assert cap == pytest.approx(34.657, abs=1e-3)

    def test_broadcasting(self):
        out = binary_cross_entropy([[1.0], [0.0]], [0.5, 0.25])
        assert out.shape == (2, 2)
        assert out[0].tolist() == [1.0, 2.0]

    def test_shape_error(self):
        with pytest.raises(ValueError, match=r"y and y_hat must broadcast.*\(2,\) and \(3,\)"):
            binary_cross_entropy([1, 0], [0.5, 0.5, 0.5])

    @pytest.mark.parametrize(
        ("y", "y_hat", "pattern"),
        [
            (1.5, 0.5, r"y must lie in \[0, 1\]"),
            (1.0, -0.5, r"y_hat must lie in \[0, 1\]"),
            (np.nan, 0.5, "y contains NaN"),
            (1.0, np.inf, r"y_hat contains \+inf"),
        ],
    )
    def test_value_errors(self, y, y_hat, pattern):
        with pytest.raises(ValueError, match=pattern):
            binary_cross_entropy(y, y_hat)

    @pytest.mark.parametrize("eps", [0.0, 0.5, -1e-3, np.nan])
    def test_bad_eps(self, eps):
        with pytest.raises(ValueError, match="eps must satisfy"):
            binary_cross_entropy(1, 0.5, eps=eps)

    def test_eps_type(self):
        with pytest.raises(TypeError, match="eps must be a number"):
            binary_cross_entropy(1, 0.5, eps="small")


class TestBinaryCrossEntropyWithLogits:
    def test_matches_probability_form(self):
        z = np.linspace(-10, 10, 81)
        y = np.linspace(0, 1, 81)
        expected = binary_cross_entropy(y, scipy.special.expit(z))
        np.testing.assert_allclose(binary_cross_entropy_with_logits(y, z), expected, rtol=1e-9)

    def test_matches_log_expit(self):
        z = np.linspace(-700, 700, 1401)
        y = np.random.default_rng(12).random(z.shape)
        y[::7] = 0.0
        y[::11] = 1.0
        expected = -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z))
        out = binary_cross_entropy_with_logits(y, z, base="nats")
        np.testing.assert_allclose(out, expected, rtol=1e-13, atol=1e-300)

    def test_huge_logits_no_overflow(self, strict_warnings):
        z = np.array([1e4, -1e4, 1e4, -1e4, 1e300, -1e300])
        y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0])
        out = binary_cross_entropy_with_logits(y, z, base="nats")
        assert out.tolist() == [0.0, 0.0, 1e4, 1e4, 0.0, 0.0]

    def test_moderately_large_logit_is_exact(self):
        # -log σ(-40) = 40 + log1p(e^-40); σ(40) itself rounds to 1.0.
        out = binary_cross_entropy_with_logits(0.0, 40.0, base="nats")
        assert out == 40.0 + math.log1p(math.exp(-40.0))
        tiny = binary_cross_entropy_with_logits(1.0, 40.0, base="nats")
        assert tiny == pytest.approx(math.exp(-40.0), rel=1e-15)

    def test_label_near_one_with_large_logit_keeps_relative_accuracy(self):
        y, z = 1.0 - 2.0**-53, 16385.0  # loss (1 - y) z, tiny; y z rounds near z
        out = binary_cross_entropy_with_logits(y, z, base="nats")
        assert out == pytest.approx(2.0**-53 * z, rel=1e-15)

    def test_zero_logit(self):
        assert binary_cross_entropy_with_logits([0.0, 1.0, 0.3], 0.0).tolist() == [1.0] * 3

    def test_errors(self):
        with pytest.raises(ValueError, match="logits contains NaN"):
            binary_cross_entropy_with_logits(1.0, np.nan)
        with pytest.raises(ValueError, match=r"logits contains \+inf"):
            binary_cross_entropy_with_logits(1.0, np.inf)
        with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]"):
            binary_cross_entropy_with_logits(2.0, 0.0)
        with pytest.raises(ValueError, match=r"y and logits must broadcast"):
            binary_cross_entropy_with_logits([1, 0], [1.0, 2.0, 3.0])


# --------------------------------------------------------------------------
# normalize
# --------------------------------------------------------------------------


class TestNormalize:
    def test_counts(self):
        out = normalize([1, 1, 2])
        assert out.dtype == np.float64
        assert out.tolist() == [0.25, 0.25, 0.5]

    def test_axis(self):
        out = normalize([[1, 3], [1, 1]], axis=0)
        assert out.tolist() == [[0.5, 0.75], [0.5, 0.25]]

    def test_result_is_accepted_by_entropy(self):
        rng = np.random.default_rng(11)
        counts = rng.integers(0, 100, size=(10, 30)) + 1
        assert entropy(normalize(counts)).shape == (10,)

    def test_does_not_modify_input(self):
        counts = np.array([2.0, 2.0])
        normalize(counts)
        assert counts.tolist() == [2.0, 2.0]

    @pytest.mark.parametrize(
        ("counts", "pattern"),
        [
            ([1, -1, 2], "counts must not have negative entries; got -1"),
            ([1, np.nan], "counts contains NaN"),
            ([1, np.inf], r"counts contains \+inf"),
            ([[1, 1], [0, 0]], "counts has a slice along axis -1 that sums to 0"),
            ([], "counts is empty"),
            (3.0, "counts must be at least 1-D"),
        ],
    )
    def test_errors(self, counts, pattern):
        with pytest.raises(ValueError, match=pattern):
            normalize(counts)


# --------------------------------------------------------------------------
# Input conversion and checks
# --------------------------------------------------------------------------


ALL_FUNCS = [
    (information, ("p",)),
    (entropy, ("p",)),
    (binary_entropy, ("p",)),
    (normalize, ("counts",)),
]


class TestNonNumericInput:
    @pytest.mark.parametrize(("func", "names"), ALL_FUNCS)
    @pytest.mark.parametrize(
        "bad",
        ["0.5", ["a", "b"], [object(), object()], [0.5, None], [1j, 0.5], {"a": 1}],
        ids=["str", "strings", "objects", "none", "complex", "dict"],
    )
    def test_type_error_names_argument(self, func, names, bad):
        with pytest.raises(TypeError, match=f"^{names[0]} must"):
            func(bad)

    @pytest.mark.parametrize(("func", "names"), ALL_FUNCS)
    def test_ragged(self, func, names):
        with pytest.raises(ValueError, match=f"^{names[0]} must be a numeric array"):
            func([[0.5, 0.5], [1.0]])

    def test_object_array_of_numbers_is_fine(self):
        assert entropy(np.array([0.5, 0.5], dtype=object)) == 1.0

    def test_two_argument_functions(self):
        with pytest.raises(TypeError, match=r"^y_hat must"):
            binary_cross_entropy([1.0], ["x"])
        with pytest.raises(TypeError, match=r"^logits must"):
            binary_cross_entropy_with_logits([1.0], [None])
        with pytest.raises(ValueError, match=r"^q must be a numeric array"):
            kl_divergence([0.5, 0.5], [[0.5, 0.5], [1.0]])


class TestResolveBase:
    @pytest.mark.parametrize(
        ("base", "expected"),
        [
            (2, LN2),
            (np.e, 1.0),
            (10, math.log(10)),
            (0.5, -LN2),
            (np.float32(2), LN2),
            (np.int64(10), math.log(10)),
            ("bits", LN2),
            ("nats", 1.0),
            ("dits", math.log(10)),
            ("hartleys", math.log(10)),
            ("Bits", LN2),
        ],
    )
    def test_valid(self, base, expected):
        assert resolve_base(base) == pytest.approx(expected, rel=1e-15)

    @pytest.mark.parametrize(
        ("base", "pattern"),
        [
            (0, "base must be positive; got 0"),
            (-2.0, "base must be positive"),
            (1, "base must not be 1"),
            (1.0, "base must not be 1"),
            (np.nan, "base must be finite; got nan"),
            (np.inf, "base must be finite; got inf"),
            ("bytes", "base must be a positive number or one of .*'bytes'"),
        ],
    )
    def test_value_errors(self, base, pattern):
        with pytest.raises(ValueError, match=pattern):
            resolve_base(base)

    @pytest.mark.parametrize("base", [None, [2], True, 2 + 0j])
    def test_type_errors(self, base):
        with pytest.raises(TypeError, match="base must be a real number"):
            resolve_base(base)


class TestCheckHelpers:
    def test_as_array_no_copy_for_float64(self):
        x = np.array([1.0, 2.0])
        assert as_array(x, "x") is x

    def test_as_array_converts(self):
        out = as_array([[1, 2], [3, 4]], "x")
        assert out.dtype == np.float64
        assert out.shape == (2, 2)

    def test_as_array_overflowing_sum_is_finite(self):
        assert as_array([1e308, 1e308], "x").tolist() == [1e308, 1e308]

    def test_as_array_errors(self):
        with pytest.raises(ValueError, match="x contains NaN"):
            as_array([np.nan], "x")
        with pytest.raises(ValueError, match="x contains -inf"):
            as_array([1.0, -np.inf], "x")
        with pytest.raises(ValueError, match="x contains NaN"):
            as_array([np.inf, -np.inf, np.nan], "x")

    def test_as_probability(self):
        assert as_probability([0, 1], "y").tolist() == [0.0, 1.0]
        assert as_probability(np.empty(0), "y").shape == (0,)
        with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]; got -0\.25"):
            as_probability([0.5, -0.25], "y")
        with pytest.raises(ValueError, match=r"y contains \+inf"):
            as_probability([np.inf], "y")

    def test_as_distribution(self):
        out = as_distribution([[0.5, 0.5], [1.0, 0.0]], "p")
        assert out.shape == (2, 2)
        out = as_distribution([[0.5, 1.0], [0.5, 0.0]], "p", axis=0)
        assert out.shape == (2, 2)

    def test_as_distribution_errors(self):
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis -1; got a sum of 0\.9"):
            as_distribution([0.5, 0.4], "p")
        with pytest.raises(ValueError, match=r"w must sum to 1 along axis 0; got a sum of 2\.0"):
            as_distribution([[1.0, 0.5], [1.0, 0.5]], "w", axis=0)
        with pytest.raises(ValueError, match="p must be at least 1-D"):
            as_distribution(0.5, "p")
        with pytest.raises(ValueError, match="p is an empty distribution"):
            as_distribution([], "p")
        with pytest.raises(ValueError, match=r"p must not have negative entries; got -1\.0"):
            as_distribution([2.0, -1.0], "p")
        with pytest.raises(ValueError, match="p contains NaN"):
            as_distribution([np.nan, 1.0], "p")
        with pytest.raises(ValueError, match="axis 3 is out of range for p"):
            as_distribution([1.0], "p", axis=3)

    def test_as_distribution_overflowing_sum(self):
        with pytest.raises(ValueError, match="p must sum to 1 along axis -1; got a sum of inf"):
            as_distribution([1e308, 1e308], "p")
        with pytest.raises(ValueError, match="p must sum to 1 along axis -1; got a sum of inf"):
            entropy([1e308, 1e308])

    def test_as_distribution_atol(self):
        as_distribution([0.5, 0.45], "p", atol=0.1)
        with pytest.raises(ValueError, match="sum"):
            as_distribution([0.5, 0.5 + 1e-7], "p")


# --------------------------------------------------------------------------
# Warnings and imports
# --------------------------------------------------------------------------


def test_no_runtime_warning_for_valid_input_with_infinite_results(strict_warnings):
    p = np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    q = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert cross_entropy(p, q).tolist() == [math.inf, 0.0]
    assert kl_divergence(p, q).tolist() == [math.inf, 0.0]
    assert entropy(q).tolist() == [0.0, 0.0]
    assert information([0.0, 1.0]).tolist() == [math.inf, 0.0]
    assert binary_entropy([0.0, 1.0]).tolist() == [0.0, 0.0]
    assert binary_cross_entropy([0.0, 1.0, 0.5], [1.0, 0.0, 1.0]).tolist() == [math.inf] * 3


def test_no_floating_point_error_when_numpy_raises():
    with np.errstate(all="raise"):
        assert binary_entropy(1e-320) > 0.0
        assert binary_cross_entropy_with_logits([0.0, 1.0], [1e4, -800.0]).tolist() == [
            1e4 / LN2,
            800.0 / LN2,
        ]
        assert information(0.0) == math.inf
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert entropy([1.0 - 1e-300, 1e-300]) > 0.0
        assert normalize([1e-320, 1e300]).tolist() == [0.0, 1.0]
        with pytest.raises(ValueError, match="x contains NaN"):
            as_array([np.inf, -np.inf, np.nan], "x")


def test_import_is_light():
    code = (
        "import sys, kltools\n"
        "bad = [m for m in ('scipy', 'matplotlib', 'ipywidgets') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert out.stdout.strip() == ""
