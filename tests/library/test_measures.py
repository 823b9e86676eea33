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

import kltools
from kltools import measures
from kltools._checks import as_array, as_distribution, as_probability, resolve_base
from kltools._reductions import BLOCK

ROOT = Path(__file__).resolve().parents[2]
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
        east, west = measures.information(SUNRISE)
        assert east == pytest.approx(-math.log2(0.99999), rel=1e-12)
        assert round(float(east), 7) == 0.0000144
        assert west == pytest.approx(16.60964047443681, rel=1e-12)
        assert round(float(west), 2) == 16.61

    def test_sunrise_entropy(self):
        h = measures.entropy(SUNRISE)
        expected = -(0.99999 * math.log2(0.99999) + 0.00001 * math.log2(0.00001))
        assert h == pytest.approx(expected, rel=1e-12)
        assert round(float(h), 5) == 0.00018

    def test_eight_sided_die(self):
        assert measures.entropy(DIE8) == pytest.approx(2.0, abs=1e-15)

    def test_four_sided_die(self):
        assert measures.cross_entropy(UNIFORM4, SKEWED4) == pytest.approx(2.25, abs=1e-15)
        assert measures.entropy(UNIFORM4) == pytest.approx(2.0, abs=1e-15)
        assert measures.kl_divergence(UNIFORM4, SKEWED4) == pytest.approx(0.25, abs=1e-15)

    def test_fair_versus_loaded_die(self):
        ce = measures.cross_entropy(FAIR6, LOADED6)
        h = measures.entropy(FAIR6)
        kl = measures.kl_divergence(FAIR6, LOADED6)
        assert ce == pytest.approx(1 / 6 * math.log2(2) + 5 / 6 * math.log2(10), rel=1e-12)
        assert round(float(ce), 4) == 2.9349
        assert h == pytest.approx(math.log2(6), rel=1e-12)
        assert round(float(h), 4) == 2.5850
        assert round(float(kl), 4) == 0.3500
        assert ce == pytest.approx(h + kl, abs=1e-12)

    def test_bce_four_cases(self, strict_warnings):
        out = measures.binary_cross_entropy([1, 1, 0, 0], [1, 0, 1, 0])
        assert out.tolist() == [0.0, math.inf, math.inf, 0.0]


# --------------------------------------------------------------------------
# information
# --------------------------------------------------------------------------


class TestInformation:
    def test_values(self):
        assert measures.information([1.0, 0.5, 0.25, 0.125]).tolist() == [0.0, 1.0, 2.0, 3.0]

    def test_zero_gives_inf_without_warning(self, strict_warnings):
        assert measures.information(0.0) == math.inf

    def test_certain_event_is_positive_zero(self):
        assert math.copysign(1.0, measures.information(1.0)) == 1.0

    def test_scalar_in_scalar_out(self):
        out = measures.information(0.5)
        assert isinstance(out, np.float64)
        assert np.ndim(out) == 0

    def test_shape_kept(self):
        assert measures.information(np.full((2, 3, 4), 0.5)).shape == (2, 3, 4)

    @pytest.mark.parametrize(
        ("base", "expected"),
        [(2, 1.0), ("bits", 1.0), (np.e, LN2), ("nats", LN2), (10, math.log10(2)), (4, 0.5)],
    )
    def test_bases(self, base, expected):
        assert measures.information(0.5, base=base) == pytest.approx(expected, rel=1e-15)

    def test_dits_and_hartleys(self):
        assert measures.information(0.01, base="dits") == pytest.approx(2.0, rel=1e-15)
        assert measures.information(0.01, base="hartleys") == pytest.approx(2.0, rel=1e-15)

    @pytest.mark.parametrize("bad", [1.5, -0.1])
    def test_outside_unit_interval(self, bad):
        with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
            measures.information([0.5, bad])

    def test_nan(self):
        with pytest.raises(ValueError, match="p contains NaN"):
            measures.information([0.5, np.nan])

    def test_base_is_keyword_only(self):
        with pytest.raises(TypeError):
            measures.information(0.5, 2)


# --------------------------------------------------------------------------
# entropy
# --------------------------------------------------------------------------


class TestEntropy:
    def test_returns_np_float64_for_1d(self):
        out = measures.entropy([0.5, 0.5])
        assert type(out) is np.float64
        assert out == 1.0

    def test_batched(self):
        out = measures.entropy([UNIFORM4, [1.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0]])
        assert isinstance(out, np.ndarray)
        assert out.tolist() == [2.0, 0.0, 1.0]

    def test_zero_log_zero_is_zero(self, strict_warnings):
        assert measures.entropy([0.0, 1.0, 0.0]) == 0.0
        assert measures.entropy([0.5, 0.0, 0.5]) == 1.0

    def test_axis(self):
        p = np.array([[0.5, 1.0], [0.5, 0.0]])
        assert measures.entropy(p, axis=0).tolist() == [1.0, 0.0]
        assert measures.entropy(p.T).tolist() == [1.0, 0.0]

    def test_3d_axis_middle(self):
        rng = np.random.default_rng(1)
        p = rng.random((3, 5, 4))
        p /= p.sum(axis=1, keepdims=True)
        out = measures.entropy(p, axis=1)
        assert out.shape == (3, 4)
        expected = scipy.stats.entropy(p, axis=1, base=2)
        np.testing.assert_allclose(out, expected, rtol=1e-13)

    def test_integer_and_float32_input(self):
        assert measures.entropy(np.array([0, 1, 0])) == 0.0
        assert measures.entropy(np.array([0.25] * 4, dtype=np.float32)) == pytest.approx(2.0)

    def test_tuple_input(self):
        assert measures.entropy((0.5, 0.5)) == 1.0

    def test_bases(self):
        p = [0.2, 0.3, 0.5]
        bits = measures.entropy(p)
        assert measures.entropy(p, base=np.e) == pytest.approx(bits * LN2, rel=1e-14)
        assert measures.entropy(p, base="nats") == pytest.approx(bits * LN2, rel=1e-14)
        assert measures.entropy(p, base=10) == pytest.approx(bits * math.log10(2), rel=1e-14)
        assert measures.entropy(p, base=3) == pytest.approx(bits / math.log2(3), rel=1e-14)

    def test_matches_scipy(self):
        rng = np.random.default_rng(2)
        p = rng.random((20, 7))
        p[p < 0.2] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(
            measures.entropy(p), scipy.stats.entropy(p, base=2, axis=-1), 1e-13
        )

    def test_long_distribution_in_several_blocks(self):
        n = 3 * BLOCK + 17
        rng = np.random.default_rng(3)
        p = rng.random(n)
        p[::97] = 0.0
        p /= p.sum()
        assert measures.entropy(p) == pytest.approx(scipy.stats.entropy(p, base=2), rel=1e-12)

    def test_many_rows_some_blocks_with_zeros(self):
        rng = np.random.default_rng(4)
        p = rng.random((2000, 50)) + 0.01
        p[1500, 3] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(
            measures.entropy(p), scipy.stats.entropy(p, base=2, axis=-1), 1e-12
        )

    def test_non_contiguous_input(self):
        rng = np.random.default_rng(5)
        p = rng.random((6, 10))
        p /= p.sum(axis=0, keepdims=True)
        view = p.T[:, ::2]  # strided: not a distribution, so normalise the view
        view = view / view.sum(axis=-1, keepdims=True)
        expected = scipy.stats.entropy(view, base=2, axis=-1)
        np.testing.assert_allclose(measures.entropy(np.asfortranarray(view)), expected, rtol=1e-13)
        np.testing.assert_allclose(
            measures.entropy(p, axis=0), scipy.stats.entropy(p, base=2), 1e-13
        )

    def test_empty_batch(self):
        assert measures.entropy(np.empty((0, 3))).shape == (0,)
        assert measures.entropy(np.empty((3, 0)), axis=0).shape == (0,)
        assert measures.kl_divergence(np.empty((3, 0)), np.empty((3, 0)), axis=0).shape == (0,)

    def test_does_not_modify_input(self):
        p = np.array([0.5, 0.0, 0.5])
        measures.entropy(p)
        assert p.tolist() == [0.5, 0.0, 0.5]


@pytest.mark.parametrize(
    ("shape", "axis"),
    [
        ((5000, 2), -1),  # short rows
        ((40, 9000), -1),  # rows longer than one BLAS call
        ((3, 40000), -1),  # rows split into several BLAS calls
        ((2, BLOCK + 3), -1),  # rows longer than one block
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
    np.testing.assert_allclose(
        measures.entropy(p, axis=axis, base="nats"), h, rtol=1e-12, atol=1e-13
    )
    kl = measures.kl_divergence(p, q, axis=axis, base="nats")
    np.testing.assert_allclose(kl, rel, rtol=1e-12, atol=1e-13)
    ce = measures.cross_entropy(p, q, axis=axis, base="nats")
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
    np.testing.assert_array_equal(measures.kl_divergence(p, q), measures.kl_divergence(p64, q64))
    np.testing.assert_array_equal(measures.entropy(p.T, axis=0), measures.entropy(p64.T, axis=0))


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
        measures.entropy(p, axis=axis)
        measures.cross_entropy(p, q, axis=axis)
        measures.kl_divergence(p, q, axis=axis)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= 3 * p.nbytes


class TestEntropyErrors:
    def test_sum_off(self):
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis -1; got a sum of 0\.9"):
            measures.entropy([0.5, 0.4])

    def test_sum_off_reports_the_worst_row(self):
        with pytest.raises(ValueError, match=r"got a sum of 1\.5"):
            measures.entropy([[0.5, 0.5], [1.0, 0.5], [0.5, 0.49999]])

    def test_errors_along_another_axis(self):
        p = np.full((300, 200), 1 / 300)
        p[7, 150] = 0.5
        with pytest.raises(ValueError, match=r"p must sum to 1 along axis 0; got a sum of 1\.49"):
            measures.entropy(p, axis=0)
        p[7, 150] = -1 / 300
        with pytest.raises(ValueError, match="p must not have negative entries"):
            measures.entropy(p, axis=0)
        p[7, 150] = np.nan
        with pytest.raises(ValueError, match="q contains NaN"):
            measures.kl_divergence(np.full((300, 200), 1 / 300), p, axis=0)

    def test_sum_tolerance(self):
        measures.entropy([0.5, 0.5 + 5e-9])
        with pytest.raises(ValueError, match="sum"):
            measures.entropy([0.5, 0.5 + 5e-8])

    def test_never_normalises(self):
        with pytest.raises(ValueError, match="got a sum of 4"):
            measures.entropy([1, 1, 1, 1])

    def test_negative(self):
        with pytest.raises(ValueError, match=r"p must not have negative entries; got -0\.5"):
            measures.entropy([1.5, -0.5])

    def test_nan(self):
        with pytest.raises(ValueError, match="p contains NaN"):
            measures.entropy([0.5, np.nan, 0.5])

    @pytest.mark.parametrize(("value", "text"), [(np.inf, r"\+inf"), (-np.inf, "-inf")])
    def test_inf(self, value, text):
        with pytest.raises(ValueError, match=f"p contains {text}"):
            measures.entropy([0.5, value])

    def test_empty(self):
        with pytest.raises(ValueError, match="p is an empty distribution"):
            measures.entropy([])
        with pytest.raises(ValueError, match="p is an empty distribution"):
            measures.entropy(np.empty((3, 0)))

    def test_scalar(self):
        with pytest.raises(ValueError, match="p must be at least 1-D"):
            measures.entropy(1.0)

    def test_axis_out_of_range(self):
        with pytest.raises(ValueError, match="axis 2 is out of range for p"):
            measures.entropy([0.5, 0.5], axis=2)

    def test_axis_not_integer(self):
        with pytest.raises(TypeError, match="axis must be an integer"):
            measures.entropy([0.5, 0.5], axis=1.0)

    def test_bad_base(self):
        with pytest.raises(ValueError, match="base must not be 1"):
            measures.entropy([0.5, 0.5], base=1)


# --------------------------------------------------------------------------
# cross_entropy and kl_divergence
# --------------------------------------------------------------------------


@pytest.mark.parametrize("func", [measures.cross_entropy, measures.kl_divergence])
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
        assert measures.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf

    def test_zero_p_ignores_q(self, strict_warnings):
        assert measures.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
        assert measures.cross_entropy([0.0, 1.0], [0.5, 0.5]) == 1.0

    def test_of_p_with_itself_is_entropy(self):
        p = [0.1, 0.2, 0.7]
        assert measures.cross_entropy(p, p) == pytest.approx(measures.entropy(p), rel=1e-15)

    def test_broadcasting(self):
        q = np.array([SKEWED4, UNIFORM4])
        out = measures.cross_entropy(UNIFORM4, q)
        assert out.tolist() == [2.25, 2.0]
        out = measures.cross_entropy(q, UNIFORM4)
        assert out.tolist() == [2.0, 2.0]

    def test_broadcasting_with_axis(self):
        p = np.array([[0.5], [0.5]])  # shape (2, 1): one distribution along axis 0
        q = np.array([[0.5, 1.0], [0.5, 0.0]])
        out = measures.cross_entropy(p, q, axis=0)
        assert out.tolist() == [1.0, math.inf]

    def test_mixed_inf_and_finite_rows(self, strict_warnings):
        out = measures.cross_entropy([[0.5, 0.5], [0.5, 0.5]], [[1.0, 0.0], [0.5, 0.5]])
        assert out.tolist() == [math.inf, 1.0]

    def test_matches_scipy(self):
        rng = np.random.default_rng(6)
        p = rng.random((30, 9))
        q = rng.random((30, 9)) + 0.01
        p[p < 0.3] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        expected = (scipy.stats.entropy(p, axis=-1) + scipy.stats.entropy(p, q, axis=-1)) / LN2
        np.testing.assert_allclose(measures.cross_entropy(p, q), expected, rtol=1e-12)


class TestKLDivergence:
    def test_identical_is_zero(self):
        p = np.array([0.1, 0.2, 0.3, 0.4])
        assert measures.kl_divergence(p, p) == 0.0
        assert measures.kl_divergence(p, p, base="nats") == 0.0

    def test_never_negative(self):
        rng = np.random.default_rng(7)
        p = rng.random((500, 5))
        p /= p.sum(axis=-1, keepdims=True)
        q = p * (1 + 1e-15 * rng.standard_normal(p.shape))
        q /= q.sum(axis=-1, keepdims=True)
        assert (measures.kl_divergence(p, q) >= 0.0).all()

    def test_asymmetric(self):
        assert measures.kl_divergence(FAIR6, LOADED6) != pytest.approx(
            measures.kl_divergence(LOADED6, FAIR6)
        )

    def test_support_mismatch_inf_without_warning(self, strict_warnings):
        assert measures.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert measures.kl_divergence([1.0, 0.0], [0.5, 0.5]) == 1.0
        assert measures.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0

    def test_tiny_q_does_not_overflow(self, strict_warnings):
        # 0.5 / 5e-324 overflows float64, yet the divergence is finite.
        q = np.array([1.0, 5e-324])
        expected = 0.5 * -1.0 + 0.5 * (-1.0 - math.log2(5e-324))
        assert measures.kl_divergence([0.5, 0.5], q) == pytest.approx(expected, rel=1e-14)

    def test_broadcasting(self):
        q = np.array([SKEWED4, UNIFORM4])
        assert measures.kl_divergence(UNIFORM4, q).tolist() == [0.25, 0.0]

    def test_bases(self):
        bits = measures.kl_divergence(FAIR6, LOADED6)
        assert measures.kl_divergence(FAIR6, LOADED6, base=np.e) == pytest.approx(
            bits * LN2, rel=1e-14
        )
        # A base below 1 is allowed; it flips the sign of every logarithm.
        assert measures.kl_divergence(FAIR6, LOADED6, base=0.5) == pytest.approx(-bits, rel=1e-14)

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
        np.testing.assert_allclose(measures.kl_divergence(p, q), expected, rtol=1e-12)
        assert np.isinf(expected).any()

    def test_long_distribution_in_several_blocks(self):
        n = 2 * BLOCK + 5
        rng = np.random.default_rng(9)
        p, q = rng.random(n), rng.random(n)
        p[::50] = 0.0
        p /= p.sum()
        q /= q.sum()
        expected = scipy.stats.entropy(p, q, base=2)
        assert measures.kl_divergence(p, q) == pytest.approx(expected, rel=1e-12)

    def test_identity_with_entropy_and_cross_entropy(self):
        rng = np.random.default_rng(10)
        p = rng.random((50, 8))
        q = rng.random((50, 8))
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(
            measures.cross_entropy(p, q),
            measures.entropy(p) + measures.kl_divergence(p, q),
            rtol=0,
            atol=1e-12,
        )


class TestKLTerms:
    """kl_terms, the element-wise core shared by kl_integrand and kl_divergence's careful path."""

    @pytest.mark.parametrize(
        ("base", "ln_b"), [(2, LN2), ("bits", LN2), (np.e, 1.0), ("nats", 1.0), (10, math.log(10))]
    )
    def test_matches_rel_entr_with_zeros(self, base, ln_b, strict_warnings):
        rng = np.random.default_rng(20)
        p = rng.random((30, 40)) * 3.0  # any non-negative values, not distributions
        q = rng.random((30, 40))
        p[p < 0.6] = 0.0
        q[q < 0.2] = 0.0
        expected = scipy.special.rel_entr(p, q) / ln_b
        out = measures.kl_terms(p, q, base=base)
        assert out.dtype == np.float64
        assert out.shape == p.shape
        np.testing.assert_allclose(out, expected, rtol=1e-13, atol=0)
        # the conventions hold exactly: 0 where p = 0 (also for q = 0), +inf where p > 0 = q
        assert (out[p == 0.0] == 0.0).all()
        assert (out[(p > 0.0) & (q == 0.0)] == math.inf).all()
        assert ((p == 0.0) & (q == 0.0)).any() and ((p > 0.0) & (q == 0.0)).any()

    def test_four_cases(self, strict_warnings):
        out = measures.kl_terms([0.5, 0.5, 0.0, 0.0, 0.5], [0.25, 1.0, 0.5, 0.0, 0.0])
        assert out.tolist() == [0.5, -0.5, 0.0, 0.0, math.inf]

    def test_broadcasting_like_rel_entr(self):
        p = np.array([[0.5], [0.0], [1.0]])
        q = np.array([0.25, 0.5, 1.0, 0.0])
        out = measures.kl_terms(p, q, base="nats")
        assert out.shape == (3, 4)
        np.testing.assert_allclose(out, scipy.special.rel_entr(p, q), rtol=1e-15)

    def test_scalars_give_a_scalar(self):
        out = measures.kl_terms(0.5, 0.25)
        assert type(out) is np.float64
        assert out == 0.5
        assert measures.kl_terms(0, 0) == 0.0

    def test_no_overflow_where_the_ratio_would(self):
        p, q = np.array([1e-10, 1e300]), np.array([1e-320, 1e-300])
        with np.errstate(over="ignore"):
            assert np.isinf(p / q).all()
        out = measures.kl_terms(p, q, base="nats")
        np.testing.assert_allclose(out, scipy.special.rel_entr(p, q), rtol=1e-15)
        np.testing.assert_allclose(
            out, [1e-10 * (math.log(1e-10) - math.log(1e-320)), 1e300 * 600 * math.log(10)]
        )

    def test_base_below_one_keeps_the_conventions(self):
        out = measures.kl_terms([0.5, 0.0, 0.5], [0.25, 0.5, 0.0], base=0.5)
        assert out.tolist() == [-0.5, 0.0, math.inf]
        assert math.copysign(1.0, out[1]) == 1.0

    def test_sums_to_kl_divergence(self):
        rng = np.random.default_rng(21)
        p, q = rng.random((20, 7)), rng.random((20, 7))
        p[p < 0.3] = 0.0
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
        np.testing.assert_allclose(
            measures.kl_terms(p, q).sum(axis=-1), measures.kl_divergence(p, q), rtol=1e-13
        )

    def test_is_exported_at_the_top(self):
        assert kltools.kl_terms is measures.kl_terms

    @pytest.mark.parametrize(
        ("p", "q", "error", "pattern"),
        [
            ([0.5, -0.5], [0.5, 0.5], ValueError, r"^p must not have negative entries; got -0\.5$"),
            ([0.5, 0.5], [-1.0, 0.5], ValueError, r"^q must not have negative entries; got -1\.0$"),
            ([0.5, np.nan], [0.5, 0.5], ValueError, "^p contains NaN$"),
            ([0.5, 0.5], [0.5, np.inf], ValueError, r"^q contains \+inf$"),
            ([0.5, 0.5], [-np.inf, 0.5], ValueError, "^q contains -inf$"),
            (
                [0.5, 0.5],
                [0.2, 0.3, 0.5],
                ValueError,
                r"^p and q must broadcast together; got shapes \(2,\) and \(3,\)$",
            ),
            ([[0.5, 0.5], [1.0]], [0.5], ValueError, "^p must be a numeric array"),
            (["a"], [0.5], TypeError, "^p must contain real numbers"),
            ([0.5], "0.5", TypeError, "^q must be numeric"),
        ],
    )
    def test_errors_name_the_argument(self, p, q, error, pattern):
        with pytest.raises(error, match=pattern):
            measures.kl_terms(p, q)

    @pytest.mark.parametrize(
        ("base", "error"), [(1, ValueError), (-2, ValueError), (None, TypeError)]
    )
    def test_bad_base(self, base, error):
        with pytest.raises(error, match=r"^base must"):
            measures.kl_terms([0.5], [0.5], base=base)

    def test_base_is_keyword_only(self):
        with pytest.raises(TypeError):
            measures.kl_terms([0.5], [0.5], 2)


# --------------------------------------------------------------------------
# binary measures
# --------------------------------------------------------------------------


class TestBinaryEntropy:
    def test_values(self, strict_warnings):
        assert measures.binary_entropy([0.0, 0.5, 1.0]).tolist() == [0.0, 1.0, 0.0]

    def test_symmetric(self):
        p = np.linspace(0, 1, 101)
        np.testing.assert_allclose(
            measures.binary_entropy(p), measures.binary_entropy(1 - p), rtol=1e-12
        )

    def test_accurate_near_zero(self):
        p = 1e-20
        expected = p * (-math.log2(p) + 1 / LN2)  # -(1-p) log2(1-p) ≈ p / ln 2
        assert measures.binary_entropy(p) == pytest.approx(expected, rel=1e-14)

    def test_accurate_near_one(self):
        p = 1 - 2**-40
        d = 2**-40
        expected = d * (-math.log2(d) + 1 / LN2)
        assert measures.binary_entropy(p) == pytest.approx(expected, rel=1e-10)

    def test_agrees_with_entropy(self):
        for p in (0.1, 0.3, 0.77):
            assert measures.binary_entropy(p) == pytest.approx(
                measures.entropy([p, 1 - p]), rel=1e-14
            )

    def test_base(self):
        assert measures.binary_entropy(0.5, base="nats") == pytest.approx(LN2, rel=1e-15)

    def test_errors(self):
        with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]; got 1\.2"):
            measures.binary_entropy([0.5, 1.2])
        with pytest.raises(ValueError, match="p contains NaN"):
            measures.binary_entropy(np.nan)
        with pytest.raises(TypeError, match="p must"):
            measures.binary_entropy("0.5")


class TestBinaryCrossEntropy:
    def test_soft_label(self):
        y, yh = 0.3, 0.8
        expected = -(0.3 * math.log2(0.8) + 0.7 * math.log2(0.2))
        assert measures.binary_cross_entropy(y, yh) == pytest.approx(expected, rel=1e-14)

    def test_equals_two_outcome_cross_entropy(self):
        for y, yh in [(0.2, 0.6), (1.0, 0.9), (0.0, 0.01)]:
            expected = measures.cross_entropy([y, 1 - y], [yh, 1 - yh])
            assert measures.binary_cross_entropy(y, yh) == pytest.approx(expected, rel=1e-14)

    def test_soft_label_at_extreme_prediction_is_inf(self, strict_warnings):
        assert measures.binary_cross_entropy(0.5, 1.0) == math.inf
        assert measures.binary_cross_entropy(0.5, 0.0) == math.inf

    def test_eps_clips_like_frameworks(self, strict_warnings):
        eps = 2.0**-50  # so that 1 - eps is exact
        out = measures.binary_cross_entropy([1, 1, 0, 0], [1, 0, 1, 0], eps=eps, base="nats")
        cap, small = -math.log(eps), -math.log1p(-eps)
        np.testing.assert_allclose(out, [small, cap, cap, small], rtol=1e-15)
        assert cap == pytest.approx(34.657, abs=1e-3)

    def test_broadcasting(self):
        out = measures.binary_cross_entropy([[1.0], [0.0]], [0.5, 0.25])
        assert out.shape == (2, 2)
        assert out[0].tolist() == [1.0, 2.0]

    def test_shape_error(self):
        with pytest.raises(ValueError, match=r"y and y_hat must broadcast.*\(2,\) and \(3,\)"):
            measures.binary_cross_entropy([1, 0], [0.5, 0.5, 0.5])

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
            measures.binary_cross_entropy(y, y_hat)

    @pytest.mark.parametrize("eps", [0.0, 0.5, -1e-3, np.nan])
    def test_bad_eps(self, eps):
        with pytest.raises(ValueError, match="eps must satisfy"):
            measures.binary_cross_entropy(1, 0.5, eps=eps)

    def test_eps_type(self):
        with pytest.raises(TypeError, match="eps must be a number"):
            measures.binary_cross_entropy(1, 0.5, eps="small")


class TestBinaryCrossEntropyWithLogits:
    def test_matches_probability_form(self):
        z = np.linspace(-10, 10, 81)
        y = np.linspace(0, 1, 81)
        expected = measures.binary_cross_entropy(y, scipy.special.expit(z))
        np.testing.assert_allclose(
            measures.binary_cross_entropy_with_logits(y, z), expected, rtol=1e-9
        )

    def test_matches_log_expit(self):
        z = np.linspace(-700, 700, 1401)
        y = np.random.default_rng(12).random(z.shape)
        y[::7] = 0.0
        y[::11] = 1.0
        expected = -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z))
        out = measures.binary_cross_entropy_with_logits(y, z, base="nats")
        np.testing.assert_allclose(out, expected, rtol=1e-13, atol=1e-300)

    def test_huge_logits_no_overflow(self, strict_warnings):
        z = np.array([1e4, -1e4, 1e4, -1e4, 1e300, -1e300])
        y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0])
        out = measures.binary_cross_entropy_with_logits(y, z, base="nats")
        assert out.tolist() == [0.0, 0.0, 1e4, 1e4, 0.0, 0.0]

    def test_moderately_large_logit_is_exact(self):
        # -log σ(-40) = 40 + log1p(e^-40); σ(40) itself rounds to 1.0.
        out = measures.binary_cross_entropy_with_logits(0.0, 40.0, base="nats")
        assert out == 40.0 + math.log1p(math.exp(-40.0))
        tiny = measures.binary_cross_entropy_with_logits(1.0, 40.0, base="nats")
        assert tiny == pytest.approx(math.exp(-40.0), rel=1e-15)

    def test_label_near_one_with_large_logit_keeps_relative_accuracy(self):
        y, z = 1.0 - 2.0**-53, 16385.0  # loss (1 - y) z, tiny; y z rounds near z
        out = measures.binary_cross_entropy_with_logits(y, z, base="nats")
        assert out == pytest.approx(2.0**-53 * z, rel=1e-15)

    def test_zero_logit(self):
        assert measures.binary_cross_entropy_with_logits([0.0, 1.0, 0.3], 0.0).tolist() == [1.0] * 3

    def test_errors(self):
        with pytest.raises(ValueError, match="logits contains NaN"):
            measures.binary_cross_entropy_with_logits(1.0, np.nan)
        with pytest.raises(ValueError, match=r"logits contains \+inf"):
            measures.binary_cross_entropy_with_logits(1.0, np.inf)
        with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]"):
            measures.binary_cross_entropy_with_logits(2.0, 0.0)
        with pytest.raises(ValueError, match=r"y and logits must broadcast"):
            measures.binary_cross_entropy_with_logits([1, 0], [1.0, 2.0, 3.0])


# --------------------------------------------------------------------------
# normalize
# --------------------------------------------------------------------------


class TestNormalize:
    def test_counts(self):
        out = measures.normalize([1, 1, 2])
        assert out.dtype == np.float64
        assert out.tolist() == [0.25, 0.25, 0.5]

    def test_axis(self):
        out = measures.normalize([[1, 3], [1, 1]], axis=0)
        assert out.tolist() == [[0.5, 0.75], [0.5, 0.25]]

    def test_result_is_accepted_by_entropy(self):
        rng = np.random.default_rng(11)
        counts = rng.integers(0, 100, size=(10, 30)) + 1
        assert measures.entropy(measures.normalize(counts)).shape == (10,)

    def test_does_not_modify_input(self):
        counts = np.array([2.0, 2.0])
        measures.normalize(counts)
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
            measures.normalize(counts)


# --------------------------------------------------------------------------
# Input conversion and checks
# --------------------------------------------------------------------------


ALL_FUNCS = [
    (measures.information, ("p",)),
    (measures.entropy, ("p",)),
    (measures.binary_entropy, ("p",)),
    (measures.normalize, ("counts",)),
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
        assert measures.entropy(np.array([0.5, 0.5], dtype=object)) == 1.0

    def test_two_argument_functions(self):
        with pytest.raises(TypeError, match=r"^y_hat must"):
            measures.binary_cross_entropy([1.0], ["x"])
        with pytest.raises(TypeError, match=r"^logits must"):
            measures.binary_cross_entropy_with_logits([1.0], [None])
        with pytest.raises(ValueError, match=r"^q must be a numeric array"):
            measures.kl_divergence([0.5, 0.5], [[0.5, 0.5], [1.0]])


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
            measures.entropy([1e308, 1e308])

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
    assert measures.cross_entropy(p, q).tolist() == [math.inf, 0.0]
    assert measures.kl_divergence(p, q).tolist() == [math.inf, 0.0]
    assert measures.entropy(q).tolist() == [0.0, 0.0]
    assert measures.information([0.0, 1.0]).tolist() == [math.inf, 0.0]
    assert measures.binary_entropy([0.0, 1.0]).tolist() == [0.0, 0.0]
    assert (
        measures.binary_cross_entropy([0.0, 1.0, 0.5], [1.0, 0.0, 1.0]).tolist() == [math.inf] * 3
    )


def test_no_floating_point_error_when_numpy_raises():
    with np.errstate(all="raise"):
        assert measures.binary_entropy(1e-320) > 0.0
        assert measures.binary_cross_entropy_with_logits([0.0, 1.0], [1e4, -800.0]).tolist() == [
            1e4 / LN2,
            800.0 / LN2,
        ]
        assert measures.information(0.0) == math.inf
        assert measures.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
        assert measures.entropy([1.0 - 1e-300, 1e-300]) > 0.0
        assert measures.normalize([1e-320, 1e300]).tolist() == [0.0, 1.0]
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
