"""Input checks shared by the kltools modules.

Every public function in kltools is strict: it never normalises or clips its
input silently. These helpers convert array-likes to float64 and raise a
``TypeError`` or ``ValueError`` that names the offending argument and says
what is wrong with it.

The checks are written to be cheap on large arrays: finiteness is tested
through a sum (NaN and infinity propagate into it) and only when that sum is
not finite is the array examined element by element to word the message.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "as_array",
    "as_distribution",
    "as_probability",
    "as_real_array",
    "broadcast_shape",
    "check_axis",
    "check_distribution_shape",
    "check_sums",
    "reject_negative",
    "reject_nonfinite",
    "resolve_base",
]

_NAMED_BASES = {
    "bits": math.log(2.0),
    "nats": 1.0,
    "dits": math.log(10.0),
    "hartleys": math.log(10.0),
}

_NUMERIC_KINDS = "biuf"


def resolve_base(base: float | str) -> float:
    """Return the natural logarithm of a logarithm base.

    Parameters
    ----------
    base : float or str
        A positive finite real number other than 1 (2 for bits, ``np.e`` for
        nats, 10 for dits), or one of ``"bits"``, ``"nats"``, ``"dits"``
        (``"hartleys"`` is accepted as a synonym of ``"dits"``).

    Returns
    -------
    float
        ``ln(base)``; divide a quantity in nats by it to express it in ``base``.

    Raises
    ------
    ValueError
        If ``base`` is not positive, equals 1, is NaN or infinite, or is an
        unknown string.
    TypeError
        If ``base`` is neither a real number nor a string.

    Examples
    --------
    >>> import numpy as np
    >>> resolve_base(np.e)
    1.0
    >>> resolve_base("bits") == resolve_base(2)
    True
    >>> resolve_base(1)
    Traceback (most recent call last):
    ...
    ValueError: base must not be 1: a logarithm to base 1 is undefined
    """
    if isinstance(base, str):
        key = base.strip().lower()
        if key not in _NAMED_BASES:
            raise ValueError(
                f"base must be a positive number or one of 'bits', 'nats', 'dits'; got {base!r}"
            )
        return _NAMED_BASES[key]
    if isinstance(base, (bool, np.bool_)) or not isinstance(base, (Real, np.integer, np.floating)):
        raise TypeError(
            f"base must be a real number or one of 'bits', 'nats', 'dits'; "
            f"got {type(base).__name__}"
        )
    b = float(base)
    if not math.isfinite(b):
        raise ValueError(f"base must be finite; got {b}")
    if b <= 0.0:
        raise ValueError(f"base must be positive; got {base!r}")
    if b == 1.0:
        raise ValueError("base must not be 1: a logarithm to base 1 is undefined")
    return 1.0 if b == math.e else math.log(b)


# --- conversion -------------------------------------------------------------------------------


def as_real_array(x: ArrayLike, name: str) -> np.ndarray:
    """``x`` as an array of real numbers in its own dtype (no copy for a numeric array).

    Lists of numbers and object arrays become float64; strings, ``None`` and
    complex numbers raise TypeError. The values are not checked.

    Examples
    --------
    >>> as_real_array(np.array([1, 2], dtype=np.int8), "counts").dtype
    dtype('int8')
    >>> as_real_array([0.5, None], "p")
    Traceback (most recent call last):
    ...
    TypeError: p must contain real numbers; got an array of dtype object
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric; got a string {x!r}")
    if type(x) is np.ndarray:
        arr = x
    else:
        try:
            arr = np.asarray(x)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"{name} must be a numeric array with rows of equal length; "
                f"could not convert it ({exc})"
            ) from None
    kind = arr.dtype.kind
    if kind in _NUMERIC_KINDS:
        return arr
    if kind == "O" and not any(v is None for v in arr.flat):
        try:
            return arr.astype(np.float64)
        except (ValueError, TypeError):
            pass
    raise TypeError(f"{name} must contain real numbers; got an array of dtype {arr.dtype}")


def _float_array(x: ArrayLike, name: str) -> np.ndarray:
    """Convert ``x`` to a float64 array without checking its values."""
    return as_real_array(x, name).astype(np.float64, copy=False)


def as_array(x: ArrayLike, name: str) -> np.ndarray:
    """Convert an array-like to a finite float64 array.

    Parameters
    ----------
    x : array_like
        Numbers: a scalar, a (nested) list or tuple, or an array of any
        integer or floating dtype.
    name : str
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        ``x`` as float64 (no copy when it already is one).

    Raises
    ------
    TypeError
        If ``x`` holds strings, objects or complex numbers.
    ValueError
        If ``x`` is ragged or contains NaN or an infinity.

    See Also
    --------
    as_probability, as_distribution : the same conversion with stricter checks.

    Examples
    --------
    >>> as_array([1, 2], "p")
    array([1., 2.])
    >>> as_array([0.5, float("nan")], "p")
    Traceback (most recent call last):
    ...
    ValueError: p contains NaN
    >>> as_array(["a", "b"], "q")
    Traceback (most recent call last):
    ...
    TypeError: q must contain real numbers; got an array of dtype <U1
    """
    arr = _float_array(x, name)
    with np.errstate(all="ignore"):
        total = arr.sum()
    if not np.isfinite(total):
        reject_nonfinite(arr, name)
    return arr


def as_probability(x: ArrayLike, name: str) -> np.ndarray:
    """Convert an array-like to float64 and check every entry is in [0, 1].

    Parameters
    ----------
    x, name
        As for :func:`as_array`.

    Returns
    -------
    numpy.ndarray
        ``x`` as float64.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` contains NaN, an infinity, or a value outside [0, 1].

    Examples
    --------
    >>> as_probability([0.0, 0.25, 1.0], "p")
    array([0.  , 0.25, 1.  ])
    >>> as_probability([0.5, 1.5], "y_hat")
    Traceback (most recent call last):
    ...
    ValueError: y_hat must lie in [0, 1]; got 1.5
    """
    arr = _float_array(x, name)
    if arr.size == 0:
        return arr
    lo, hi = arr.min(), arr.max()
    if not (lo >= 0.0 and hi <= 1.0):  # also false for NaN
        reject_nonfinite(arr, name)
        bad = lo if lo < 0.0 else hi
        raise ValueError(f"{name} must lie in [0, 1]; got {float(bad)!r}")
    return arr


def as_distribution(x: ArrayLike, name: str, *, axis: int = -1, atol: float = 1e-8) -> np.ndarray:
    """Convert an array-like to float64 and check it holds distributions.

    Each 1-D slice along ``axis`` must be non-empty, non-negative, finite and
    sum to 1 within ``atol``.

    Parameters
    ----------
    x, name
        As for :func:`as_array`; ``x`` must be at least 1-D.
    axis : int, optional
        The axis along which each distribution lies. Default: the last.
    atol : float, optional
        Largest accepted distance of a sum from 1. Default: 1e-8.

    Returns
    -------
    numpy.ndarray
        ``x`` as float64, not copied if it is already float64.

    Raises
    ------
    TypeError
        If ``x`` is not numeric, or ``axis`` is not an integer.
    ValueError
        If ``x`` is 0-d, ``axis`` is out of range, or ``x`` is empty along
        ``axis``, has a negative entry, contains NaN or an infinity, or a
        slice does not sum to 1.

    Examples
    --------
    >>> as_distribution([0.5, 0.25, 0.25], "p")
    array([0.5 , 0.25, 0.25])
    >>> as_distribution([0.5, 0.4], "p")
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along axis -1; got a sum of 0.9
    >>> as_distribution([1.5, -0.5], "q")
    Traceback (most recent call last):
    ...
    ValueError: q must not have negative entries; got -0.5
    """
    arr = _float_array(x, name)
    check_distribution_shape([arr], [name], axis)
    if arr.size == 0:
        return arr
    lo = arr.min()
    with np.errstate(all="ignore"):
        sums = arr.sum(axis=axis)
    if not (lo >= 0.0 and np.isfinite(sums).all()):
        reject_nonfinite(arr, name)
        reject_negative(arr, name)
    check_sums(sums, name, axis=axis, atol=atol)  # an overflowing sum fails here
    return arr


# --- values ---------------------------------------------------------------------------------


def reject_nonfinite(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if ``arr`` holds NaN or an infinity.

    Examples
    --------
    >>> reject_nonfinite(np.array([1.0, -np.inf]), "q")
    Traceback (most recent call last):
    ...
    ValueError: q contains -inf
    """
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if np.isinf(arr).any():
        sign = "-" if np.isneginf(arr).any() else "+"
        raise ValueError(f"{name} contains {sign}inf")


def reject_negative(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if ``arr`` has a negative entry (call :func:`reject_nonfinite` first).

    Examples
    --------
    >>> reject_negative(np.array([0.5, -0.25]), "p")
    Traceback (most recent call last):
    ...
    ValueError: p must not have negative entries; got -0.25
    """
    if arr.size and (lo := arr.min()) < 0.0:
        raise ValueError(f"{name} must not have negative entries; got {float(lo)!r}")


def check_sums(sums: np.ndarray, name: str, *, axis: int = -1, atol: float = 1e-8) -> None:
    """Raise ValueError unless every entry of ``sums`` is within ``atol`` of 1."""
    dev = np.abs(sums - 1.0)
    if not (dev <= atol).all():
        worst = np.asarray(sums).flat[int(np.argmax(dev))]
        raise ValueError(f"{name} must sum to 1 along axis {axis}; got a sum of {float(worst)!r}")


# --- shapes and axes ------------------------------------------------------------------------


def check_axis(axis: int, ndim: int, name: str) -> int:
    """Return ``axis`` as a non-negative index into an array of ``ndim`` dimensions.

    ``name`` names the array(s) in the message of the ValueError for an axis
    out of range; an axis that is not an integer raises TypeError.

    Examples
    --------
    >>> check_axis(-1, 3, "p")
    2
    >>> check_axis(2, 2, "p and q")
    Traceback (most recent call last):
    ...
    ValueError: axis 2 is out of range for p and q with 2 dimension(s)
    """
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer; got {type(axis).__name__}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {ndim} dimension(s)")
    return int(axis) % ndim


def broadcast_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> tuple[int, ...]:
    """The shape ``a`` and ``b`` broadcast to, or a ValueError naming both shapes.

    Examples
    --------
    >>> broadcast_shape(np.ones((2, 1)), np.ones(3), "y", "y_hat")
    (2, 3)
    >>> broadcast_shape(np.ones(2), np.ones(3), "y", "y_hat")
    Traceback (most recent call last):
    ...
    ValueError: y and y_hat must broadcast together; got shapes (2,) and (3,)
    """
    try:
        return np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"{name_a} and {name_b} must broadcast together; got shapes {a.shape} and {b.shape}"
        ) from None


def check_distribution_shape(
    arrays: Sequence[np.ndarray], names: Sequence[str], axis: int
) -> tuple[tuple[int, ...], int]:
    """Check the shapes of one or two arrays of distributions along ``axis``.

    Each array must be at least 1-D, two arrays must broadcast together, and
    ``axis`` (counted in the broadcast shape) must be in range and non-empty.

    Returns
    -------
    tuple
        The broadcast shape and ``axis`` as a non-negative index into it.

    Examples
    --------
    >>> check_distribution_shape([np.ones((2, 3)), np.ones(3)], ["p", "q"], -1)
    ((2, 3), 1)
    >>> check_distribution_shape([np.ones(1), np.ones((2, 0))], ["p", "q"], -1)
    Traceback (most recent call last):
    ...
    ValueError: q is an empty distribution (length 0 along axis -1)
    """
    for a, name in zip(arrays, names, strict=True):
        if a.ndim == 0:
            raise ValueError(f"{name} must be at least 1-D (a distribution); got a scalar")
    shape = arrays[0].shape
    if len(arrays) == 2:
        shape = broadcast_shape(arrays[0], arrays[1], names[0], names[1])
    ax = check_axis(axis, len(shape), " and ".join(names))
    if shape[ax] == 0:
        empty = next(
            name
            for a, name in zip(arrays, names, strict=True)
            if a.ndim >= len(shape) - ax and a.shape[ax - len(shape)] == 0
        )
        raise ValueError(f"{empty} is an empty distribution (length 0 along axis {axis})")
    return shape, ax
