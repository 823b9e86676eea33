"""Information measures: surprisal, entropy, cross-entropy and KL divergence.

Every function accepts array-likes (lists, tuples, NumPy arrays of any integer
or floating dtype) and computes in float64. The reducing measures
(:func:`entropy`, :func:`cross_entropy`, :func:`kl_divergence`) treat the last
axis as the distribution unless ``axis`` says otherwise, broadcast ``p``
against ``q``, and drop the distribution axis from the result: a 1-D input
gives an ``np.float64`` scalar.

``base`` is keyword-only everywhere: 2 (bits, the default), ``np.e`` (nats),
10 (dits, also called hartleys), any positive number other than 1, or one of
the strings ``"bits"``, ``"nats"``, ``"dits"``.

Input is checked strictly and never normalised or clipped behind your back:
a negative entry, NaN, an infinity, a distribution that does not sum to 1
(within 1e-8), an empty distribution, shapes that do not broadcast, or a bad
``base`` raise ``ValueError`` naming the argument. Use :func:`normalize` to
turn counts or weights into a distribution first.
"""

from __future__ import annotations

import math

import numpy as np

from kltools._checks import (
    _real_array,
    _reject_nonfinite,
    as_array,
    as_probability,
    check_sums,
    resolve_base,
)

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "cross_entropy",
    "entropy",
    "information",
    "kl_divergence",
    "normalize",
]

# The reductions work through the data in blocks of about this many elements,
# so that the intermediate logarithms stay in the CPU cache and the extra
# memory used does not grow with the input.
_BLOCK = 1 << 17
_STAGED_ROWS = 64
# np.vecdot hands each row to the BLAS dot product. Below _BLAS_MIN elements
# the per-call overhead dominates; above _BLAS_MAX OpenBLAS splits a dot
# product across threads, which costs more than it gains on blocks this small.
_BLAS_MIN, _BLAS_MAX = 16, 10_000

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _log_for(base):
    """Return ``(log, scale)``: ``log(x) / scale`` is the logarithm to ``base``."""
    ln_b = resolve_base(base)
    if ln_b == _LN2:
        return np.log2, 1.0
    if ln_b == _LN10:
        return np.log10, 1.0
    return np.log, ln_b


def _scalar(x):
    """Turn a 0-d array into an ``np.float64`` scalar; leave other arrays alone."""
    return x[()] if isinstance(x, np.ndarray) and x.ndim == 0 else x


def _finish(x, divisor):
    """``x / divisor`` as a scalar for 0-d results, with -0.0 turned into 0.0."""
    with np.errstate(all="ignore"):  # a tiny result may underflow
        return _scalar(x / divisor + 0.0)


def _broadcast(a, b, name_a, name_b):
    """Broadcast shape of two arrays, or a ValueError naming both shapes."""
    try:
        return np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"{name_a} and {name_b} must broadcast together; got shapes {a.shape} and {b.shape}"
        ) from None


def _normalize_axis(axis, ndim, name):
    """Return ``axis`` as a non-negative index into an array of ``ndim`` dimensions."""
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer; got {type(axis).__name__}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {ndim} dimension(s)")
    return int(axis) % ndim


def _distribution_rows(arrays, names, axis):
    """Validate shapes and lay the distributions out as rows of 2-D arrays.

    Returns the 2-D arrays (all of shape ``(m, n)``, views when possible)
    and the shape of the result.
    """
    for a, name in zip(arrays, names, strict=True):
        if a.ndim == 0:
            raise ValueError(f"{name} must be at least 1-D (a distribution); got a scalar")
    shape = arrays[0].shape
    if len(arrays) == 2:
        shape = _broadcast(arrays[0], arrays[1], *names)
    ax = _normalize_axis(axis, len(shape), names[0] if len(arrays) == 1 else " and ".join(names))
    n = shape[ax]
    if n == 0:
        empty = next(
            name
            for a, name in zip(arrays, names, strict=True)
            if a.ndim >= len(shape) - ax and a.shape[ax - len(shape)] == 0
        )
        raise ValueError(f"{empty} is an empty distribution (length 0 along axis {axis})")
    out_shape = shape[:ax] + shape[ax + 1 :]
    rows = []
    for a in arrays:
        if a.shape != shape:
            a = np.broadcast_to(a, shape)
        if ax != len(shape) - 1:
            a = np.moveaxis(a, ax, -1)
        rows.append(a.reshape(-1, n))
    return rows, out_shape


def _check_entries(block, name):
    """Raise ValueError for NaN, infinite or negative entries of ``block``."""
    _reject_nonfinite(block, name)
    lo = block.min()
    if lo < 0.0:
        raise ValueError(f"{name} must not have negative entries; got {float(lo)!r}")


# Block kernels. Each gets 2-D blocks of the inputs and a scratch buffer of the
# same shape, and returns the per-row sum for its block: sum p log q for the
# cross-entropy (and entropy, q = p) and sum p log(p/q) for the divergence.
# The fast path assumes strictly positive finite input; whenever the block
# result is not finite (a zero, a negative entry, NaN or an infinity, or an
# overflow in p/q) the block is redone carefully by the slow path, which also
# raises the error for bad entries. The fast path needs no masks.


def _rowdot(a, b):
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


def _rowsum(a):
    """Row sums of a 2-D array (``np.einsum`` is faster for short rows)."""
    if a.shape[-1] < _BLAS_MIN:
        return np.einsum("ij->i", a)
    return np.add.reduce(a, axis=-1)


def _plogq_slow(pb, qb, buf, log):
    _check_entries(pb, "p")
    if qb is not pb:
        _check_entries(qb, "q")
    log(qb, out=buf)  # -inf where q == 0: p log q = -inf where p > 0
    buf[pb == 0.0] = 0.0  # 0 log q = 0, including 0 log 0
    return _rowdot(pb, buf)


def _entropy_block(blocks, buf, log):
    (pb,) = blocks
    log(pb, out=buf)
    t = _rowdot(pb, buf)
    if not math.isfinite(t.sum()):
        t = _plogq_slow(pb, pb, buf, log)
    return t


def _cross_entropy_block(blocks, buf, log):
    pb, qb = blocks
    lo = pb.min()
    log(qb, out=buf)
    t = _rowdot(pb, buf)
    if not (lo >= 0.0 and math.isfinite(t.sum())):
        t = _plogq_slow(pb, qb, buf, log)
    return t


def _kl_block(blocks, buf, log):
    pb, qb = blocks
    lo = pb.min()
    np.divide(pb, qb, out=buf)
    log(buf, out=buf)
    t = _rowdot(pb, buf)
    if not (lo >= 0.0 and math.isfinite(t.sum())):
        _check_entries(pb, "p")
        _check_entries(qb, "q")
        log(pb, out=buf)  # log p - log q cannot overflow as p / q can
        buf -= log(qb)  # +inf where q == 0 < p
        buf[pb == 0.0] = 0.0  # 0 log(0 / q) = 0
        t = _rowdot(pb, buf)
    return t


def _reduce(kernel, arrays, names, axis, log):
    """Run ``kernel`` block by block; check the sums; return per-row totals."""
    rows, out_shape = _distribution_rows(arrays, names, axis)
    m, n = rows[0].shape
    total = np.zeros(m)
    if m == 0:
        return total.reshape(out_shape)
    sums = np.zeros((len(rows), m))
    if all(a.dtype == np.float64 and (n == 1 or a.strides[-1] == a.itemsize) for a in rows):
        step_c = min(n, _BLOCK)  # whole rows, or long rows in pieces
        step_r = max(1, _BLOCK // step_c)
        staged = None
    else:
        # The distributions run across memory (axis is not the last one, or a
        # strided view), or are not float64: copy square-ish blocks to
        # contiguous float64 scratch first, never the whole input.
        step_r = min(m, _STAGED_ROWS)
        step_c = min(n, _BLOCK // step_r)
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
# Public API
# --------------------------------------------------------------------------


def information(p, *, base=2):
    """Information content (surprisal) of events with probability ``p``.

    The information of an event of probability p is ``-log_b(p)``: a certain
    event carries none, a rare one carries a lot.

    Parameters
    ----------
    p : array_like
        Probabilities, each in [0, 1]. Any shape; computed elementwise.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``-log_b(p)``, same shape as ``p``. ``p = 0`` gives ``inf``.

    Raises
    ------
    ValueError
        If ``p`` has an entry outside [0, 1], NaN or an infinity, or ``base``
        is invalid.
    TypeError
        If ``p`` is not numeric.

    See Also
    --------
    entropy : the expected information of a distribution.

    Examples
    --------
    The sun rises in the east with probability 0.99999:

    >>> from kltools import information
    >>> round(float(information(0.99999)), 7)
    1.44e-05
    >>> round(float(information(0.00001)), 2)
    16.61
    >>> information([0.5, 0.25, 1.0, 0.0]).tolist()
    [1.0, 2.0, 0.0, inf]
    >>> float(information(0.5, base="nats"))
    0.6931471805599453
    """
    log, scale = _log_for(base)
    arr = as_probability(p, "p")
    with np.errstate(all="ignore"):  # log(0) = -inf is intended
        out = log(arr)
    return _finish(out, -scale)


def entropy(p, *, base=2, axis=-1):
    """Shannon entropy H(P) = -Σ p log_b p of one or many distributions.

    Parameters
    ----------
    p : array_like
        Probability distribution(s) along ``axis``: non-negative, summing to 1
        within 1e-8. Use :func:`normalize` first for counts or weights.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.
    axis : int, optional, keyword-only
        The axis holding each distribution. Default: the last.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The entropy of each distribution; ``axis`` is dropped, so a 1-D ``p``
        gives a scalar.

    Raises
    ------
    ValueError
        If ``p`` is 0-d or empty along ``axis``, has a negative entry, NaN or
        an infinity, does not sum to 1, or ``base`` or ``axis`` is invalid.
    TypeError
        If ``p`` is not numeric.

    See Also
    --------
    cross_entropy, kl_divergence, normalize

    Notes
    -----
    By convention 0 log 0 = 0, so outcomes of probability 0 add nothing.
    Entropy lies between 0 (a certain outcome) and log_b n (the uniform
    distribution over n outcomes).

    Unlike ``scipy.stats.entropy``, which divides ``p`` by its sum without
    saying so, this function rejects input that is not a distribution.

    Examples
    --------
    >>> from kltools import entropy
    >>> float(entropy([0.5, 0.5]))
    1.0
    >>> float(entropy([1/2, 1/4, 1/8, 1/16, 1/64, 1/64, 1/64, 1/64]))
    2.0
    >>> round(float(entropy([0.99999, 0.00001])), 5)
    0.00018
    >>> entropy([[0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0]]).tolist()
    [2.0, 0.0]
    >>> round(float(entropy([0.5, 0.5], base="nats")), 4)
    0.6931
    >>> entropy([0.5, 0.4])
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along axis -1; got a sum of 0.9
    """
    log, scale = _log_for(base)
    arr = _real_array(p, "p")
    total = _reduce(_entropy_block, [arr], ["p"], axis, log)
    return _finish(total, -scale)


def cross_entropy(p, q, *, base=2, axis=-1):
    """Cross-entropy H(P, Q) = -Σ p log_b q.

    The average number of bits (for base 2) needed to encode outcomes drawn
    from P with a code that is optimal for Q.

    Parameters
    ----------
    p : array_like
        The true distribution(s) along ``axis``.
    q : array_like
        The model distribution(s) along ``axis``; broadcasts against ``p``.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.
    axis : int, optional, keyword-only
        The axis holding each distribution, counted in the broadcast shape.
        Default: the last.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The cross-entropy for each pair of distributions; ``axis`` is
        dropped, so 1-D inputs give a scalar.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is 0-d or empty along ``axis``, has a negative entry,
        NaN or an infinity, or does not sum to 1; if the shapes do not
        broadcast; or if ``base`` or ``axis`` is invalid.
    TypeError
        If ``p`` or ``q`` is not numeric.

    See Also
    --------
    entropy, kl_divergence

    Notes
    -----
    By convention 0 log q = 0 for every q, including q = 0. Where p > 0 and
    q = 0 the cross-entropy is infinite: Q calls impossible something that
    happens. Wherever it is finite, H(P, Q) = H(P) + D_KL(P ‖ Q).

    Examples
    --------
    A fair 4-sided die coded for the die (1/2, 1/4, 1/8, 1/8):

    >>> from kltools import cross_entropy
    >>> float(cross_entropy([0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125]))
    2.25

    A fair 6-sided die against a loaded one:

    >>> round(float(cross_entropy([1/6] * 6, [1/2] + [1/10] * 5)), 4)
    2.9349
    >>> float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    log, scale = _log_for(base)
    arrays = [_real_array(p, "p"), _real_array(q, "q")]
    total = _reduce(_cross_entropy_block, arrays, ["p", "q"], axis, log)
    return _finish(total, -scale)


def kl_divergence(p, q, *, base=2, axis=-1):
    """Kullback–Leibler divergence D_KL(P ‖ Q) = Σ p log_b(p / q).

    The extra bits (for base 2) paid per outcome when outcomes drawn from P
    are encoded with a code that is optimal for Q.

    Parameters
    ----------
    p : array_like
        The true distribution(s) along ``axis``.
    q : array_like
        The model distribution(s) along ``axis``; broadcasts against ``p``.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.
    axis : int, optional, keyword-only
        The axis holding each distribution, counted in the broadcast shape.
        Default: the last.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The divergence for each pair of distributions; ``axis`` is dropped, so
        1-D inputs give a scalar. Never negative for a base above 1 (bits, nats,
        dits); it is 0 exactly when P = Q.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is 0-d or empty along ``axis``, has a negative entry,
        NaN or an infinity, or does not sum to 1; if the shapes do not
        broadcast; or if ``base`` or ``axis`` is invalid.
    TypeError
        If ``p`` or ``q`` is not numeric.

    See Also
    --------
    entropy, cross_entropy

    Notes
    -----
    By convention 0 log(0 / q) = 0 for every q, including q = 0. Where p > 0
    and q = 0 the divergence is infinite. Wherever it is finite,
    D_KL(P ‖ Q) = H(P, Q) - H(P). The divergence is not symmetric:
    D_KL(P ‖ Q) and D_KL(Q ‖ P) differ in general.

    The sum is computed as Σ p log(p / q), like ``scipy.special.rel_entr``;
    a result that rounding makes negative (by a few ulps, when P ≈ Q) is
    returned as 0.

    Examples
    --------
    >>> from kltools import kl_divergence
    >>> float(kl_divergence([0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125]))
    0.25
    >>> round(float(kl_divergence([1/6] * 6, [1/2] + [1/10] * 5)), 4)
    0.35
    >>> float(kl_divergence([0.5, 0.5], [0.5, 0.5]))
    0.0
    >>> float(kl_divergence([0.5, 0.5], [1.0, 0.0]))
    inf
    >>> float(kl_divergence([1.0, 0.0], [0.5, 0.5]))
    1.0
    """
    log, scale = _log_for(base)
    arrays = [_real_array(p, "p"), _real_array(q, "q")]
    total = _reduce(_kl_block, arrays, ["p", "q"], axis, log)
    return _finish(np.maximum(total, 0.0), scale)  # scale < 0 for a base below 1


def binary_entropy(p, *, base=2):
    """Entropy of a Bernoulli(p) variable: -p log_b p - (1 - p) log_b(1 - p).

    Parameters
    ----------
    p : array_like
        Probabilities of success, each in [0, 1]. Computed elementwise.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The binary entropy, same shape as ``p``; 0 at p = 0 and p = 1, and
        1 bit at p = 1/2.

    Raises
    ------
    ValueError
        If ``p`` has an entry outside [0, 1], NaN or an infinity, or ``base``
        is invalid.
    TypeError
        If ``p`` is not numeric.

    Notes
    -----
    ``log(1 - p)`` is computed as ``log1p(-p)``, which keeps full relative
    accuracy for p close to 0 (where ``1 - p`` would round away the digits
    of p). The value at p equals the value at 1 - p.

    Examples
    --------
    >>> from kltools import binary_entropy
    >>> float(binary_entropy(0.5))
    1.0
    >>> binary_entropy([0.0, 1.0]).tolist()
    [0.0, 0.0]
    >>> round(float(binary_entropy(0.00001)), 5)
    0.00018
    >>> float(binary_entropy(1e-20)) > 0
    True
    """
    scale = resolve_base(base)
    arr = as_probability(p, "p")
    with np.errstate(all="ignore"):  # the masked-out terms may be nan
        a = np.where(arr > 0.0, arr * np.log(arr), 0.0)
        b = np.where(arr < 1.0, (1.0 - arr) * np.log1p(-arr), 0.0)
    return _finish(a + b, -scale)


def binary_cross_entropy(y, y_hat, *, base=2, eps=None):
    """Binary cross-entropy -y log_b ŷ - (1 - y) log_b(1 - ŷ), elementwise.

    The log loss of a predicted probability ``y_hat`` for a label ``y``. The
    label may be soft: any probability in [0, 1].

    Parameters
    ----------
    y : array_like
        Labels (probabilities of the positive class), each in [0, 1].
    y_hat : array_like
        Predicted probabilities, each in [0, 1]; broadcasts against ``y``.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.
    eps : float, optional, keyword-only
        If given, ``y_hat`` is clipped into ``[eps, 1 - eps]`` first, which
        caps the loss at ``-log_b(eps)``. Must satisfy 0 < eps < 0.5.
        Default: ``None``, no clipping (exact).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss, in the broadcast shape of ``y`` and ``y_hat``.

    Raises
    ------
    ValueError
        If ``y`` or ``y_hat`` has an entry outside [0, 1], NaN or an infinity;
        if their shapes do not broadcast; or if ``base`` or ``eps`` is invalid.
    TypeError
        If ``y`` or ``y_hat`` is not numeric.

    See Also
    --------
    binary_cross_entropy_with_logits : the same loss from logits, stable.

    Notes
    -----
    By default the result is exact, with 0 log 0 = 0: (y, ŷ) = (1, 1) and
    (0, 0) give 0, while (1, 0) and (0, 1) give ``inf``, a confident wrong
    prediction being infinitely surprising.

    Frameworks avoid the infinity instead. PyTorch's ``BCELoss`` clamps each
    log term at -100, so an element's loss is at most 100 nats (about 144.3
    bits). scikit-learn's ``log_loss`` clips the predicted probabilities to
    ``[eps, 1 - eps]``, where in recent versions eps is the machine epsilon
    of their dtype (``np.finfo(dtype).eps``, about 2.2e-16 for float64; it
    was 1e-15 before version 1.2). Pass ``eps`` to reproduce such clipping.

    Examples
    --------
    >>> from kltools import binary_cross_entropy
    >>> binary_cross_entropy([1, 1, 0, 0], [1, 0, 1, 0]).tolist()
    [0.0, inf, inf, 0.0]
    >>> float(binary_cross_entropy(1, 0.5))
    1.0
    >>> round(float(binary_cross_entropy(1, 0.0, eps=1e-15, base="nats")), 2)
    34.54
    >>> float(binary_cross_entropy(0.5, 0.5))
    1.0
    """
    scale = resolve_base(base)
    y_arr = as_probability(y, "y")
    yh = as_probability(y_hat, "y_hat")
    _broadcast(y_arr, yh, "y", "y_hat")
    if eps is not None:
        if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, (int, float, np.number)):
            raise TypeError(f"eps must be a number or None; got {type(eps).__name__}")
        if not 0.0 < eps < 0.5:
            raise ValueError(f"eps must satisfy 0 < eps < 0.5; got {eps!r}")
        yh = np.clip(yh, eps, 1.0 - eps)
    with np.errstate(all="ignore"):  # the masked-out terms may be nan
        a = np.where(y_arr > 0.0, y_arr * np.log(yh), 0.0)
        b = np.where(y_arr < 1.0, (1.0 - y_arr) * np.log1p(-yh), 0.0)
    return _finish(a + b, -scale)


def binary_cross_entropy_with_logits(y, logits, *, base=2):
    """Binary cross-entropy of ``sigmoid(logits)`` for labels ``y``, stably.

    Equal to ``binary_cross_entropy(y, 1 / (1 + exp(-logits)))`` but computed
    as ``max(z, 0) - y z + log1p(exp(-|z|))``, which neither overflows nor
    loses accuracy for any finite logit z.

    Parameters
    ----------
    y : array_like
        Labels (probabilities of the positive class), each in [0, 1].
    logits : array_like
        Finite log-odds ``log(ŷ / (1 - ŷ))``; broadcasts against ``y``.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss, in the broadcast shape of ``y`` and ``logits``.

    Raises
    ------
    ValueError
        If ``y`` has an entry outside [0, 1], either argument contains NaN or
        an infinity, the shapes do not broadcast, or ``base`` is invalid.
    TypeError
        If ``y`` or ``logits`` is not numeric.

    See Also
    --------
    binary_cross_entropy

    Notes
    -----
    The term ``max(z, 0) - y z`` is evaluated as ``(1 - y) z`` for z ≥ 0 and
    ``-y z`` otherwise: the same value, but without subtracting two nearly
    equal large numbers when y is close to 1 and z is large, so every term
    is non-negative and the result keeps full relative accuracy.

    Going through the probability first fails for large logits:
    ``sigmoid(40)`` rounds to exactly 1.0 in float64, so a label of 0 would
    get an infinite loss instead of about 57.7 bits.

    Examples
    --------
    >>> from kltools import binary_cross_entropy_with_logits as bce_logits
    >>> float(bce_logits(1, 0.0))
    1.0
    >>> round(float(bce_logits(0, 40.0)), 4)
    57.7078
    >>> bce_logits([1, 0], [1e4, -1e4]).tolist()
    [0.0, 0.0]
    >>> float(bce_logits(1, -1e4, base="nats"))
    10000.0
    """
    scale = resolve_base(base)
    y_arr = as_probability(y, "y")
    z = as_array(logits, "logits")
    _broadcast(y_arr, z, "y", "logits")
    with np.errstate(all="ignore"):  # exp(-|z|) underflows to 0 harmlessly
        # max(z, 0) - y z, without the cancellation of subtracting two large terms
        linear = np.where(z >= 0.0, (1.0 - y_arr) * z, -y_arr * z)
        loss = linear + np.log1p(np.exp(-np.abs(z)))
    return _finish(loss, scale)


def normalize(counts, *, axis=-1):
    """Turn non-negative counts or weights into a probability distribution.

    Divides each slice along ``axis`` by its sum. This is the step that
    ``scipy.stats.entropy`` performs silently; kltools asks you to take it
    explicitly, so that a vector that was meant to be a distribution but
    is not gets reported instead of quietly fixed.

    Parameters
    ----------
    counts : array_like
        Non-negative finite numbers, at least 1-D.
    axis : int, optional, keyword-only
        The axis along which to normalise. Default: the last.

    Returns
    -------
    numpy.ndarray
        A new float64 array of the same shape whose slices along ``axis``
        sum to 1.

    Raises
    ------
    ValueError
        If ``counts`` is 0-d or empty along ``axis``, has a negative entry,
        NaN or an infinity, or a slice whose sum is 0.
    TypeError
        If ``counts`` is not numeric.

    Examples
    --------
    >>> from kltools import normalize
    >>> normalize([1, 1, 2]).tolist()
    [0.25, 0.25, 0.5]
    >>> normalize([[3, 1], [0, 5]]).tolist()
    [[0.75, 0.25], [0.0, 1.0]]
    >>> normalize([0, 0])
    Traceback (most recent call last):
    ...
    ValueError: counts has a slice along axis -1 that sums to 0; it cannot be normalised
    """
    arr = as_array(counts, "counts")
    if arr.ndim == 0:
        raise ValueError("counts must be at least 1-D; got a scalar")
    ax = _normalize_axis(axis, arr.ndim, "counts")
    if arr.shape[ax] == 0:
        raise ValueError(f"counts is empty along axis {axis}")
    if arr.size and arr.min() < 0.0:
        raise ValueError(f"counts must not have negative entries; got {float(arr.min())!r}")
    with np.errstate(all="ignore"):
        sums = arr.sum(axis=ax, keepdims=True)
    if not np.isfinite(sums).all():
        raise ValueError(f"counts has a slice along axis {axis} whose sum overflows")
    if (sums == 0.0).any():
        raise ValueError(
            f"counts has a slice along axis {axis} that sums to 0; it cannot be normalised"
        )
    with np.errstate(all="ignore"):  # tiny counts may underflow
        return arr / sums
