"""How the course prints a number: fixed digits, no "-0.000", and ∞ for an infinite quantity.

Every readout, checker message and lesson printout formats numbers through these functions, so
the same value always reads the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["fixed", "quantity", "significant", "where"]


def fixed(value: float, digits: int, *, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals; a value that rounds to zero prints as 0, never -0.

    Parameters
    ----------
    value : float
        The number.
    digits : int
        Decimals to print.
    sign : bool, keyword-only
        Print a ``+`` before non-negative values too.

    Examples
    --------
    >>> fixed(0.69314718, 4), fixed(-1e-17, 3), fixed(2.0, 3, sign=True)
    ('0.6931', '0.000', '+2.000')
    """
    spec = f"+.{digits}f" if sign else f".{digits}f"
    return format(round(float(value), digits) + 0.0, spec)


def quantity(value: float, unit: str, digits: int = 3) -> str:
    """A value and its unit, ``"0.322 bits"``; an infinite value is ``"∞ bits"``.

    Examples
    --------
    >>> quantity(0.32193, "bits"), quantity(float("inf"), "nats", 4)
    ('0.322 bits', '∞ nats')
    """
    if math.isinf(value):
        return f"{'∞' if value > 0 else '-∞'} {unit}"
    return f"{fixed(value, digits)} {unit}"


def significant(value: float, digits: int = 6) -> str:
    """``value`` to ``digits`` significant digits, trailing zeros dropped; ∞ for an infinity.

    Examples
    --------
    >>> significant(1.0), significant(1.791759469), significant(float("-inf"))
    ('1', '1.79176', '-∞')
    """
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.{digits}g}"


def where(intervals: Iterable[tuple[float, float]], digits: int = 2) -> str:
    """Stretches of the x axis in words: ``"x < -1.00 and 0.50 < x < 2.00"``.

    Parameters
    ----------
    intervals : iterable of (float, float)
        ``(low, high)`` for each stretch; ``-inf`` or ``inf`` for a stretch without that end.
    digits : int
        Decimals of the ends.

    Returns
    -------
    str
        The stretches joined by "and"; empty when there are none.

    Examples
    --------
    >>> where([(-math.inf, -1.0), (0.5, 2.0), (3.0, math.inf)])
    'x < -1.00 and 0.50 < x < 2.00 and x > 3.00'
    >>> where([])
    ''
    """
    parts = []
    for low, high in intervals:
        if math.isinf(low):
            parts.append(f"x < {fixed(high, digits)}")
        elif math.isinf(high):
            parts.append(f"x > {fixed(low, digits)}")
        else:
            parts.append(f"{fixed(low, digits)} < x < {fixed(high, digits)}")
    return " and ".join(parts)
