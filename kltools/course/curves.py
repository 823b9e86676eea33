"""Figure builder for a curve, with one marked point on it (a slider's current setting).

The builder takes the axes first and the data to draw, and computes nothing itself.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from kltools.course.style import P_COLOR

__all__ = ["plot_curve"]


def plot_curve(
    ax: Axes,
    x: np.ndarray,
    y: np.ndarray,
    *,
    point: tuple[float, float] | None = None,
    color: str = P_COLOR,
    label: str | None = None,
    xlabel: str = "",
    ylabel: str = "",
    point_label: str | None = None,
) -> Axes:
    """Draw a curve, optionally with one marked point on it.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    x, y : array_like
        The curve.
    point : (float, float), optional
        A point to mark, e.g. the current slider setting.
    color, label, xlabel, ylabel : str
        Line colour, legend label and axis labels (give units in the labels).
    point_label : str, optional
        Text written next to the point.

    Returns
    -------
    Axes
        ``ax``, with the curve and its point.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> x = np.linspace(0.01, 1, 50)
    >>> ax = Figure().add_subplot()
    >>> ax = plot_curve(ax, x, -np.log2(x), point=(0.5, 1.0), ylabel="surprise (bits)")
    >>> len(ax.lines)
    2
    """
    ax.plot(x, y, color=color, label=label, lw=2)
    if point is not None:
        ax.plot([point[0]], [point[1]], "o", color="black", ms=7, zorder=3)
        if point_label:
            ax.annotate(point_label, point, textcoords="offset points", xytext=(8, 8))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if label:
        ax.legend()
    return ax
