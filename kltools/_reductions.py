"""Block-wise sums behind :func:`~kltools.entropy`, :func:`~kltools.cross_entropy` and
:func:`~kltools.kl_divergence`, and the element-wise KL terms.

The three sums treat the distributions as the rows of 2-D arrays and work
through them in blocks of about :data:`BLOCK` elements, so that the
intermediate logarithms stay in the CPU cache and the extra memory used does
not grow with the input. Each returns, per distribution, the sum in the unit
of the logarithm it is given (``np.log2`` for bits, ``np.log`` for nats...);
the caller scales and signs it.

The arrays are expected as :func:`kltools._checks.as_real_array` returns
them (any real dtype); the entries and sums are checked block by block here,
and the errors name the arguments ``p`` and ``q``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from kltools._checks import (
    check_distribution_shape,
    check_sums,
    reject_negative,
    reject_nonfinite,
)

__all__ = ["kl_terms_into", "sum_p_log_p", "sum_p_log_q", "sum_p_log_ratio"]

# About how many elements of each input one block holds. Public (the tests size their inputs
# by it) but not in __all__, which lists what the other kltools modules import.
BLOCK = 1 << 17
_STAGED_ROWS = 64
# np.vecdot hands each row to the BLAS dot product. Below _BLAS_MIN elements
# the per-call overhead dominates; above _BLAS_MAX OpenBLAS splits a dot
# product across threads, which costs more than it gains on blocks this small.
_BLAS_MIN, _BLAS_MAX = 16, 10_000

# A block kernel gets 2-D blocks of the inputs, a scratch buffer of the same
# shape and the logarithm, and returns the per-row sum for its block.
_Kernel = Callable[[list[np.ndarray], np.ndarray, np.ufunc], np.ndarray]


# --------------------------------------------------------------------------
# The element-wise KL terms
# --------------------------------------------------------------------------


def kl_terms_into(
    p: np.ndarray, q: np.ndarray, out: np.ndarray, log: np.ufunc, scale: float | None = None
) -> None:
    """Fill ``out`` with the terms ``p log(p / q) / scale`` of D_KL(P ‖ Q), elementwise.

    The one implementation of the course's conventions for these terms:

    * 0 where p = 0, whatever q: 0 log(0 / q) = 0, also for q = 0;
    * +inf where p > 0 = q, also for a negative ``scale`` (a base below 1);
    * ``log p - log q`` in place of ``log(p / q)``, which cannot overflow as
      the ratio can.

    With ``scale=None`` ``out`` gets the logarithms ``log p - log q`` alone,
    under the same conventions, for a caller that weights them by ``p``
    itself (the block kernel, with a row dot product).

    ``p`` and ``q`` must be non-negative, finite and broadcast to the shape
    of the float64 array ``out``. Call it under ``np.errstate(all="ignore")``:
    the logarithm of 0 and the masked-out entries raise floating-point flags.

    Examples
    --------
    >>> out = np.empty(4)
    >>> with np.errstate(all="ignore"):
    ...     kl_terms_into(np.array([0.5, 0.5, 0.0, 0.5]), np.array([0.25, 1.0, 0.0, 0.0]),
    ...                   out, np.log2, 1.0)
    >>> out
    array([ 0.5, -0.5,  0. ,  inf])
    """
    log(p, out=out)  # -inf where p == 0
    out -= log(q)  # +inf where q == 0 < p
    if scale is not None:
        out *= p
        out /= scale
        np.copyto(out, np.inf, where=q == 0.0)  # +inf even when scale < 0
    np.copyto(out, 0.0, where=p == 0.0)  # 0 log(0 / q) = 0, including q == 0


# --------------------------------------------------------------------------
# Row-wise arithmetic
# --------------------------------------------------------------------------


def _rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of two 2-D arrays.

    Rows go to BLAS one at a time (``np.vecdot``), the fastest route, in
    pieces of at most ``_BLAS_MAX`` so that BLAS never starts worker threads
    for them. For short rows the per-call overhead dominates and
    ``np.einsum`` is faster.
    """
    n = a.shape[-1]
    if n < _BLAS_MIN:
        return np.einsum("ij,ij->i", a, b)
    if n <= _BLAS_MAX:
        return np.vecdot(a, b)
    step = -(-n // -(-n // _BLAS_MAX))  # equal pieces, each at most _BLAS_MAX
    total = np.vecdot(a[:, :step], b[:, :step])
    for c in range(step, n, step):
        total += np.vecdot(a[:, c : c + step], b[:, c : c + step])
    return total


def _rowsum(a: np.ndarray) -> np.ndarray:
    """Row sums of a 2-D array (``np.einsum`` is faster for short rows)."""
    if a.shape[-1] < _BLAS_MIN:
        return np.einsum("ij->i", a)
    return np.add.reduce(a, axis=-1)


def _check_entries(block: np.ndarray, name: str) -> None:
    """Raise ValueError for NaN, infinite or negative entries of ``block``."""
    reject_nonfinite(block, name)
    reject_negative(block, name)


# --------------------------------------------------------------------------
# Block kernels
# --------------------------------------------------------------------------
# sum p log q for the cross-entropy (and the entropy, q = p) and sum
# p log(p / q) for the divergence. The fast path assumes strictly positive
# finite input and needs no masks; whenever the block result is not finite (a
# zero, a negative entry, NaN or an infinity, or an overflow in p / q) the
# block is redone carefully by the slow path, which also raises the error for
# bad entries.


def _plogq_slow(pb: np.ndarray, qb: np.ndarray, buf: np.ndarray, log: np.ufunc) -> np.ndarray:
    _check_entries(pb, "p")
    if qb is not pb:
        _check_entries(qb, "q")
    log(qb, out=buf)  # -inf where q == 0: p log q = -inf where p > 0
    buf[pb == 0.0] = 0.0  # 0 log q = 0, including 0 log 0
    return _rowdot(pb, buf)


def _entropy_block(blocks: list[np.ndarray], buf: np.ndarray, log: np.ufunc) -> np.ndarray:
    (pb,) = blocks
    log(pb, out=buf)
    t = _rowdot(pb, buf)
    if not math.isfinite(t.sum()):
        t = _plogq_slow(pb, pb, buf, log)
    return t


def _cross_entropy_block(blocks: list[np.ndarray], buf: np.ndarray, log: np.ufunc) -> np.ndarray:
    pb, qb = blocks
    lo = pb.min()
    log(qb, out=buf)
    t = _rowdot(pb, buf)
    if not (lo >= 0.0 and math.isfinite(t.sum())):
        t = _plogq_slow(pb, qb, buf, log)
    return t


def _kl_block(blocks: list[np.ndarray], buf: np.ndarray, log: np.ufunc) -> np.ndarray:
    pb, qb = blocks
    lo = pb.min()
    np.divide(pb, qb, out=buf)
    log(buf, out=buf)
    t = _rowdot(pb, buf)
    if not (lo >= 0.0 and math.isfinite(t.sum())):
        _check_entries(pb, "p")
        _check_entries(qb, "q")
        kl_terms_into(pb, qb, buf, log)
        t = _rowdot(pb, buf)
    return t


# --------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------


def _distribution_rows(
    arrays: Sequence[np.ndarray], names: Sequence[str], axis: int
) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Validate shapes and lay the distributions out as rows of 2-D arrays.

    Returns the 2-D arrays (all of shape ``(m, n)``, views when possible)
    and the shape of the result.
    """
    shape, ax = check_distribution_shape(arrays, names, axis)
    n = shape[ax]
    out_shape = shape[:ax] + shape[ax + 1 :]
    rows = []
    for a in arrays:
        if a.shape != shape:
            a = np.broadcast_to(a, shape)
        if ax != len(shape) - 1:
            a = np.moveaxis(a, ax, -1)
        rows.append(a.reshape(-1, n))
    return rows, out_shape


def _reduce(
    kernel: _Kernel, arrays: Sequence[np.ndarray], names: Sequence[str], axis: int, log: np.ufunc
) -> np.ndarray:
    """Run ``kernel`` block by block; check the sums; return per-row totals."""
    rows, out_shape = _distribution_rows(arrays, names, axis)
    m, n = rows[0].shape
    total = np.zeros(m)
    if m == 0:
        return total.reshape(out_shape)
    sums = np.zeros((len(rows), m))
    staged: list[np.ndarray] | None
    if all(a.dtype == np.float64 and (n == 1 or a.strides[-1] == a.itemsize) for a in rows):
        step_c = min(n, BLOCK)  # whole rows, or long rows in pieces
        step_r = max(1, BLOCK // step_c)
        staged = None
    else:
        # The distributions run across memory (axis is not the last one, or a
        # strided view), or are not float64: copy square-ish blocks to
        # contiguous float64 scratch first, never the whole input.
        step_r = min(m, _STAGED_ROWS)
        step_c = min(n, BLOCK // step_r)
        staged = [np.empty((step_r, step_c)) for _ in rows]
    buf = np.empty((min(step_r, m), step_c))
    with np.errstate(all="ignore"):
        for r0 in range(0, m, step_r):
            r = slice(r0, r0 + step_r)
            for c0 in range(0, n, step_c):
                blocks = [a[r, c0 : c0 + step_c] for a in rows]
                h, w = blocks[0].shape
                if staged is not None:
                    for s, b in zip(staged, blocks, strict=True):
                        np.copyto(s[:h, :w], b)
                    blocks = [s[:h, :w] for s in staged]
                for s, b in zip(sums, blocks, strict=True):
                    s[r] += _rowsum(b)
                total[r] += kernel(blocks, buf[:h, :w], log)
    for s, name in zip(sums, names, strict=True):
        check_sums(s, name, axis=axis)
    return total.reshape(out_shape)


# --------------------------------------------------------------------------
# The sums
# --------------------------------------------------------------------------


def sum_p_log_p(p: np.ndarray, axis: int, log: np.ufunc) -> np.ndarray:
    """Σ p log p over ``axis``, for each distribution in ``p`` (minus its entropy).

    Examples
    --------
    >>> sum_p_log_p(np.array([[0.5, 0.5], [1.0, 0.0]]), -1, np.log2)
    array([-1.,  0.])
    """
    return _reduce(_entropy_block, [p], ["p"], axis, log)


def sum_p_log_q(p: np.ndarray, q: np.ndarray, axis: int, log: np.ufunc) -> np.ndarray:
    """Σ p log q over ``axis`` for each pair of distributions (minus their cross-entropy).

    Examples
    --------
    >>> sum_p_log_q(np.array([0.5, 0.5]), np.array([[0.5, 0.5], [1.0, 0.0]]), -1, np.log2)
    array([ -1., -inf])
    """
    return _reduce(_cross_entropy_block, [p, q], ["p", "q"], axis, log)


def sum_p_log_ratio(p: np.ndarray, q: np.ndarray, axis: int, log: np.ufunc) -> np.ndarray:
    """Σ p log(p / q) over ``axis`` for each pair of distributions (their KL divergence).

    Examples
    --------
    >>> sum_p_log_ratio(np.array([0.5, 0.5]), np.array([[0.25, 0.75], [1.0, 0.0]]), -1, np.log2)
    array([0.20751875,        inf])
    """
    return _reduce(_kl_block, [p, q], ["p", "q"], axis, log)
