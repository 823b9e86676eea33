"""Information measures: surprisal, entropy, cross-entropy and KL divergence.

Every function accepts array-likes (lists, tuples, NumPy arrays of any integer
or floating dtype) and computes in float64. The reducing measures
(:func:`entropy`, :func:`cross_entropy`, :func:`kl_divergence`) treat the last
axis as the distribution unless ``axis`` says otherwise, broadcast ``p``
against ``q``, and drop the distribution axis from the result: a 1-D input
gives an ``np.float64`` scalar. :func:`kl_terms` gives the terms p log(p / q)
of the divergence elementwise, for any non-negative values. The block-wise
sums themselves live in the private module :mod:`kltools._reductions`.

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
from numpy.typing import ArrayLike

from kltools._checks import (
    as_array,
    as_probability,
    as_real_array,
    broadcast_shape,
    check_axis,
    reject_negative,
    resolve_base,
)
from kltools._reductions import kl_terms_into, sum_p_log_p, sum_p_log_q, sum_p_log_ratio

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "cross_entropy",
    "entropy",
    "information",
    "kl_divergence",
    "kl_terms",
    "normalize",
]

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)


def _log_for(base: float | str) -> tuple[np.ufunc, float]:
    """Return ``(log, scale)``: ``log(x) / scale`` is the logarithm to ``base``."""
    ln_b = resolve_base(base)
    if ln_b == _LN2:
        return np.log2, 1.0
    if ln_b == _LN10:
        return np.log10, 1.0
    return np.log, ln_b


def _scalar(x: np.ndarray | np.float64) -> np.float64 | np.ndarray:
    """Turn a 0-d array into an ``np.float64`` scalar; leave other arrays alone."""
    return x[()] if isinstance(x, np.ndarray) and x.ndim == 0 else x


def _finish(x: np.ndarray | np.float64, divisor: float) -> np.float64 | np.ndarray:
    """``x / divisor`` as a scalar for 0-d results, with -0.0 turned into 0.0."""
    with np.errstate(all="ignore"):  # a tiny result may underflow
        return _scalar(x / divisor + 0.0)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def information(p: ArrayLike, *, base: float | str = 2) -> np.float64 | np.ndarray:
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


def entropy(p: ArrayLike, *, base: float | str = 2, axis: int = -1) -> np.float64 | np.ndarray:
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
    total = sum_p_log_p(as_real_array(p, "p"), axis, log)
    return _finish(total, -scale)


def cross_entropy(
    p: ArrayLike, q: ArrayLike, *, base: float | str = 2, axis: int = -1
) -> np.float64 | np.ndarray:
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
    total = sum_p_log_q(as_real_array(p, "p"), as_real_array(q, "q"), axis, log)
    return _finish(total, -scale)


def kl_divergence(
    p: ArrayLike, q: ArrayLike, *, base: float | str = 2, axis: int = -1
) -> np.float64 | np.ndarray:
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
    kl_terms : the terms p log_b(p / q) of the sum, elementwise.

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
    total = sum_p_log_ratio(as_real_array(p, "p"), as_real_array(q, "q"), axis, log)
    return _finish(np.maximum(total, 0.0), scale)  # scale < 0 for a base below 1


def kl_terms(p: ArrayLike, q: ArrayLike, *, base: float | str = 2) -> np.float64 | np.ndarray:
    """The terms p log_b(p / q) of the KL divergence, elementwise.

    Summed over a distribution they give :func:`kl_divergence`; over a grid
    of density values, times the grid spacing, they approximate the
    divergence of two densities (:func:`kltools.continuous.density_kl`).
    This is the counterpart of ``scipy.special.rel_entr``, in the unit of
    ``base`` and with kltools' strict input checks.

    Parameters
    ----------
    p, q : array_like
        Non-negative finite numbers (probabilities or density values); they
        broadcast together. They need not sum to 1.
    base : float or str, optional, keyword-only
        Logarithm base: 2 (bits, default), ``np.e`` (nats), 10 (dits), any
        positive number other than 1, or ``"bits"``, ``"nats"``, ``"dits"``.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``p log_b(p / q)`` in the broadcast shape of ``p`` and ``q``; a
        scalar when both are scalars. A term is negative where q > p.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` has a negative entry, NaN or an infinity, if their
        shapes do not broadcast, or if ``base`` is invalid.
    TypeError
        If ``p`` or ``q`` is not numeric.

    See Also
    --------
    kl_divergence : the sum of the terms over each distribution.

    Notes
    -----
    By convention 0 log(0 / q) = 0 for every q, including q = 0, and the
    term is ``+inf`` where p > 0 = q (for every base). The logarithm of the
    ratio is computed as ``log p - log q``, which does not overflow where
    ``p / q`` would, and divided by ``ln(base)`` after the product with p.

    Examples
    --------
    >>> from kltools import kl_terms
    >>> kl_terms([0.5, 0.5, 0.0, 0.0, 0.5], [0.25, 1.0, 0.5, 0.0, 0.0])
    array([ 0.5, -0.5,  0. ,  0. ,  inf])
    >>> round(float(kl_terms([0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125]).sum()), 12)
    0.25
    >>> float(kl_terms(1.0, np.e, base="nats"))
    -1.0
    >>> kl_terms([0.5, -0.5], [0.5, 0.5])
    Traceback (most recent call last):
    ...
    ValueError: p must not have negative entries; got -0.5
    """
    ln_b = resolve_base(base)
    p_arr = as_array(p, "p")
    q_arr = as_array(q, "q")
    out = np.empty(broadcast_shape(p_arr, q_arr, "p", "q"))
    reject_negative(p_arr, "p")
    reject_negative(q_arr, "q")
    with np.errstate(all="ignore"):  # log 0 and the masked-out terms
        kl_terms_into(p_arr, q_arr, out, np.log, ln_b)
    return _scalar(out)


def binary_entropy(p: ArrayLike, *, base: float | str = 2) -> np.float64 | np.ndarray:
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


def binary_cross_entropy(
    y: ArrayLike, y_hat: ArrayLike, *, base: float | str = 2, eps: float | None = None
) -> np.float64 | np.ndarray:
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
    broadcast_shape(y_arr, yh, "y", "y_hat")
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


def binary_cross_entropy_with_logits(
    y: ArrayLike, logits: ArrayLike, *, base: float | str = 2
) -> np.float64 | np.ndarray:
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
    broadcast_shape(y_arr, z, "y", "logits")
    with np.errstate(all="ignore"):  # exp(-|z|) underflows to 0 harmlessly
        # max(z, 0) - y z, without the cancellation of subtracting two large terms
        linear = np.where(z >= 0.0, (1.0 - y_arr) * z, -y_arr * z)
        loss = linear + np.log1p(np.exp(-np.abs(z)))
    return _finish(loss, scale)


def normalize(counts: ArrayLike, *, axis: int = -1) -> np.ndarray:
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
    ax = check_axis(axis, arr.ndim, "counts")
    if arr.shape[ax] == 0:
        raise ValueError(f"counts is empty along axis {axis}")
    reject_negative(arr, "counts")
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
