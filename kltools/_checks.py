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
from numbers import Real

import numpy as np

__all__ = ["as_array", "as_distribution", "as_probability", "resolve_base"]

_NAMED_BASES = {
    "bits": math.log(2.0),
    "nats": 1.0,
    "dits": math.log(10.0),
    "hartleys": math.log(10.0),
}

_NUMERIC_KINDS = "biuf"


def resolve_base(base) -> float:
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


def _float_array(x, name: str) -> np.ndarray:
    """Convert ``x`` to a float64 array without checking its values."""
    return _real_array(x, name).astype(np.float64, copy=False)


def _real_array(x, name: str) -> np.ndarray:
    """``x`` as an array of real numbers in its own dtype (no copy for a numeric array).

    Lists of numbers and object arrays become float64; strings, ``None`` and
    complex numbers raise TypeError.
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


def _reject_nonfinite(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if ``arr`` holds NaN or an infinity."""
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if np.isinf(arr).any():
        sign = "-" if np.isneginf(arr).any() else "+"
        raise ValueError(f"{name} contains {sign}inf")


def as_array(x, name: str) -> np.ndarray:
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
        _reject_nonfinite(arr, name)
    return arr


def as_probability(x, name: str) -> np.ndarray:
    """Convert an array-like to float64 and check every entry is in [0, 1].

    Parameters
    ----------
    x : array_like
        Probabilities.
    name : str
        The argument's name, used in error messages.

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
        _reject_nonfinite(arr, name)
        bad = lo if lo < 0.0 else hi
        raise ValueError(f"{name} must lie in [0, 1]; got {float(bad)!r}")
    return arr


def as_distribution(x, name: str, *, axis: int = -1, atol: float = 1e-8) -> np.ndarray:
    """Convert an array-like to float64 and check it holds distributions.

    Each 1-D slice along ``axis`` must be non-empty, non-negative, finite and
    sum to 1 within ``atol``.

    Parameters
    ----------
    x : array_like
        Probability distributions, at least 1-D.
    name : str
        The argument's name, used in error messages.
    axis : int, optional
        The axis along which each distribution lies. Default: the last.
    atol : float, optional
        Largest accepted distance of a sum from 1. Default: 1e-8.

    Returns
    -------
    numpy.ndarray
        ``x`` as float64 (no copy when it already is one).

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is 0-d, empty along ``axis``, has a negative entry, contains
        NaN or an infinity, or a slice does not sum to 1.

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
    check_distribution(arr, name, axis=axis, atol=atol)
    return arr


def check_distribution(arr: np.ndarray, name: str, *, axis: int = -1, atol: float = 1e-8):
    """Check a float64 array holds distributions along ``axis``; return the sums."""
    if arr.ndim == 0:
        raise ValueError(f"{name} must be at least 1-D (a distribution); got a scalar")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer; got {type(axis).__name__}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimension(s)")
    length = arr.shape[axis]
    if length == 0:
        raise ValueError(f"{name} is an empty distribution (length 0 along axis {axis})")
    if arr.size == 0:
        return arr.sum(axis=axis)
    lo = arr.min()
    with np.errstate(all="ignore"):
        sums = arr.sum(axis=axis)
    if not (lo >= 0.0 and np.isfinite(sums).all()):
        _reject_nonfinite(arr, name)
        if lo < 0.0:
            raise ValueError(f"{name} must not have negative entries; got {float(lo)!r}")
    check_sums(sums, name, axis=axis, atol=atol)  # an overflowing sum fails here
    return sums


def check_sums(sums: np.ndarray, name: str, *, axis: int = -1, atol: float = 1e-8) -> None:
    """Raise ValueError unless every entry of ``sums`` is within ``atol`` of 1."""
    dev = np.abs(sums - 1.0)
    if not (dev <= atol).all():
        worst = np.asarray(sums).flat[int(np.argmax(dev))]
        raise ValueError(f"{name} must sum to 1 along axis {axis}; got a sum of {float(worst)!r}")
