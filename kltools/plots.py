"""Small matplotlib helpers the lessons share: one palette and one look.

The colours stay the same across the course: P in blue, Q in red, and the KL
integrand ``p log(p/q)`` in green.

Importing this module imports matplotlib; ``import kltools`` alone does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

__all__ = [
    "KL_COLOR",
    "P_COLOR",
    "Q_COLOR",
    "plot_curve",
    "plot_distribution",
    "use_course_style",
]

P_COLOR = "#1f77b4"  # blue: the true distribution P
Q_COLOR = "#d62728"  # red: the model Q
KL_COLOR = "#2ca02c"  # green: the KL integrand p log(p/q)

COURSE_STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (6.4, 3.6),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 11,
    "legend.frameon": False,
}


def use_course_style() -> None:
    """Set the course's matplotlib look: modest size, 100 dpi, light grid.

    Examples
    --------
    >>> use_course_style()
    >>> plt.rcParams["figure.dpi"]
    100.0
    """
    plt.rcParams.update(COURSE_STYLE)


def plot_distribution(
    probs: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    ax: Axes | None = None,
    color: str = P_COLOR,
    label: str | None = None,
    title: str | None = None,
    offset: float = 0.0,
    width: float = 0.8,
) -> Axes:
    """Draw a distribution as bars, each labelled with its probability.

    Parameters
    ----------
    probs : array_like
        Probabilities, one bar each.
    labels : sequence, optional
        Outcome names under the bars; ``1..n`` by default (die faces).
    ax : Axes, optional
        Where to draw; a new figure when omitted.
    color, label, title : str, optional
        Bar colour, legend label and axes title.
    offset, width : float
        Shift and width of the bars, to put two distributions side by side.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_distribution([0.5, 0.25, 0.25], ["a", "b", "c"], label="P")
    >>> [round(bar.get_height(), 2) for bar in ax.patches]
    [0.5, 0.25, 0.25]
    >>> plt.close("all")
    """
    probs = np.asarray(probs, dtype=float)
    if labels is None:
        labels = range(1, probs.size + 1)
    if ax is None:
        _, ax = plt.subplots()
    positions = np.arange(probs.size) + offset
    bars = ax.bar(positions, probs, width=width, color=color, label=label, alpha=0.85)
    ax.bar_label(bars, labels=[f"{p:.3g}" for p in probs], fontsize=8, padding=2)
    ax.set_xticks(np.arange(probs.size), [str(x) for x in labels])
    ax.set_ylabel("probability")
    ax.set_ylim(0, max(1e-9, float(probs.max())) * 1.18)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


def plot_curve(
    x: np.ndarray,
    y: np.ndarray,
    *,
    point: tuple[float, float] | None = None,
    ax: Axes | None = None,
    color: str = P_COLOR,
    label: str | None = None,
    xlabel: str = "",
    ylabel: str = "",
    point_label: str | None = None,
) -> Axes:
    """Draw a curve, optionally with one marked point on it.

    Parameters
    ----------
    x, y : array_like
        The curve.
    point : (float, float), optional
        A point to mark, e.g. the current slider setting.
    ax : Axes, optional
        Where to draw; a new figure when omitted.
    color, label, xlabel, ylabel : str
        Line colour, legend label and axis labels (give units in the labels).
    point_label : str, optional
        Text written next to the point.

    Returns
    -------
    Axes

    Examples
    --------
    >>> x = np.linspace(0.01, 1, 50)
    >>> ax = plot_curve(x, -np.log2(x), point=(0.5, 1.0), ylabel="surprise (bits)")
    >>> len(ax.lines)
    2
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots()
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


# --- Lesson-specific drawings: each lesson adds its own in its block below. ------------------

# --- Lessons 01-03 ----------------------------------------------------------------------------
# --- end of lessons 01-03 -------------------------------------------------------------------

# --- Lessons 04-05 ----------------------------------------------------------------------------
# --- end of lessons 04-05 -------------------------------------------------------------------

# --- Lesson 06 ----------------------------------------------------------------------------------
# --- end of lesson 06 -------------------------------------------------------------------------

# --- Lessons 07-08 ----------------------------------------------------------------------------
# --- end of lessons 07-08 -------------------------------------------------------------------
