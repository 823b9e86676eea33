"""Figure builders that draw bars: one distribution, two side by side, and the terms of a sum.

Each builder takes the axes to draw on first and the numbers to draw, and computes no measure
itself (matplotlib's ``my_plotter(ax, data, ...)`` convention): the caller computes, the builder
draws. P is blue, Q vermillion and hatched, the KL terms dark green (:mod:`kltools.course.style`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from kltools.course.style import KL_COLOR, P_COLOR, Q_COLOR

__all__ = ["plot_distribution", "plot_term_bars", "plot_two_distributions"]


def plot_distribution(
    ax: Axes,
    probs: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    color: str = P_COLOR,
    label: str | None = None,
    title: str | None = None,
    offset: float = 0.0,
    width: float = 0.8,
    value_labels: Sequence[str] | None = None,
    label_fontsize: float = 10,
    label_rotation: float = 0,
    annotate: bool = True,
    hatch: str | None = None,
) -> Axes:
    """Draw a distribution as bars, each labelled with its probability.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    probs : array_like
        Probabilities, one bar each.
    labels : sequence, optional
        Outcome names under the bars; ``1..n`` by default (die faces).
    color, label, title : str, optional
        Bar colour, legend label and axes title.
    offset, width : float
        Shift and width of the bars, to put two distributions side by side.
    value_labels : sequence of str, optional
        Text above each bar (e.g. fractions, ``"1/64"``); the probability to 3 digits by default.
    label_fontsize, label_rotation : float
        Font size (points) and angle (degrees) of the text above the bars.
    annotate : bool
        Write the text above the bars (default); ``False`` leaves the bars bare.
    hatch : str, optional
        A hatching pattern, e.g. ``"//"`` for a model Q, so that its bars differ from P's by
        more than their colour.

    Returns
    -------
    Axes
        ``ax``, with one bar per outcome.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_distribution(Figure().add_subplot(), [0.5, 0.25, 0.25], "abc", label="P")
    >>> [round(float(bar.get_height()), 2) for bar in ax.patches]
    [0.5, 0.25, 0.25]
    """
    probs = np.asarray(probs, dtype=float)
    if labels is None:
        labels = range(1, probs.size + 1)
    positions = np.arange(probs.size) + offset
    bars = ax.bar(positions, probs, width=width, color=color, label=label, alpha=0.85, hatch=hatch)
    if annotate:
        if value_labels is None:
            value_labels = [f"{p:.3g}" for p in probs]
        ax.bar_label(
            bars,
            labels=list(value_labels),
            fontsize=label_fontsize,
            rotation=label_rotation,
            padding=2,
        )
    ax.set_xticks(np.arange(probs.size), [str(x) for x in labels])
    ax.set_ylabel("probability")
    ax.set_ylim(0, max(1e-9, float(probs.max())) * 1.18)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


def plot_two_distributions(
    ax: Axes,
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    p_label: str = "P",
    q_label: str = "Q",
    title: str | None = None,
    xlabel: str = "outcome",
    annotate: bool = True,
    ymax: float | None = None,
    legend_above: bool = False,
) -> Axes:
    """Draw two distributions over the same outcomes as side-by-side bars: P plain, Q hatched.

    Each bar is labelled with its probability (9 pt, written upwards when more than four
    outcomes make the bars narrow); ``annotate=False`` leaves the labels out (small panels).
    ``ymax`` fixes the top of the probability axis (so pictures of several settings compare);
    by default it fits the tallest bar. ``legend_above=True`` puts the legend in one row above
    the axes, where no bar can cover it.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_two_distributions(Figure().add_subplot(), [0.5, 0.5], [0.9, 0.1], ["H", "T"])
    >>> [float(round(bar.get_height(), 2)) for bar in ax.patches]
    [0.5, 0.5, 0.9, 0.1]
    >>> [t.get_text() for t in ax.texts]
    ['0.5', '0.5', '0.9', '0.1']
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    upwards = p.size > 4  # narrow bars: labels written upwards, so neighbours stay apart
    for values, color, label, offset, hatch in (
        (p, P_COLOR, p_label, -0.2, None),
        (q, Q_COLOR, q_label, 0.2, "//"),
    ):
        plot_distribution(
            ax,
            values,
            labels,
            color=color,
            label=label,
            offset=offset,
            width=0.4,
            label_fontsize=10,
            label_rotation=90 if upwards else 0,
            annotate=annotate,
            hatch=hatch,
        )
    top = max(1e-9, float(p.max()), float(q.max())) * (1.3 if upwards else 1.22)
    ax.set_ylim(0, ymax if ymax is not None else top)
    if legend_above:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=2, borderaxespad=0)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    return ax


def plot_term_bars(
    axes: tuple[Axes, Axes],
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    terms: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    unit: str = "bits",
    term_label: str = "P·log(P/Q)",
    title: str | None = None,
    annotate: bool = True,
    label_probabilities: bool | None = None,
) -> tuple[Axes, Axes]:
    """Draw P and Q as paired bars above, and the per-outcome KL terms below.

    The lower panel shows one bar per outcome, ``P(x) log(P(x)/Q(x))``
    (or whatever ``terms`` holds), with its value written on it. Some terms are
    negative; their sum, the KL divergence, is written in the panel's title.
    With ``annotate=False`` the bars carry no numbers and the title is short, for
    small multiples. The lower panel's title names the term (``term_label``), so no
    text sits inside the panel where it could cover a bar or its number.

    Parameters
    ----------
    axes : (Axes, Axes)
        Upper and lower panel.
    p, q : array_like
        The two distributions: P plain (left bar), Q hatched (right bar).
    terms : array_like
        One term per outcome, already in ``unit``; ``inf`` is drawn as a marker.
    labels : sequence, optional
        Outcome names; ``1..n`` by default (die faces).
    unit : str
        Unit of ``terms``, used in the axis label and the title.
    term_label : str
        What one term is, e.g. ``"P·log(P/Q)"`` or ``"Q·log(Q/P)"``; named in the lower
        panel's title.
    title : str, optional
        Title of the upper panel.
    annotate : bool
        Write each probability and each term on its bar (default).
    label_probabilities : bool, optional
        Write each probability on its bar; follows ``annotate`` by default. ``False``
        leaves the upper panel bare (the widget lists Q in its table, and the labels of two
        bars of nearly equal height would run together).

    Returns
    -------
    (Axes, Axes)

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> axes = Figure().subplots(2, 1)
    >>> p, q = [0.5, 0.5], [0.25, 0.75]
    >>> terms = [0.5, 0.5 * np.log2(0.5 / 0.75)]
    >>> top, bottom = plot_term_bars(axes, p, q, terms, ["H", "T"])
    >>> len(top.patches), len(bottom.patches)
    (4, 2)
    >>> bottom.get_title()
    'sum of the terms P·log(P/Q) = 0.2075 bits'
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    terms = np.asarray(terms, dtype=float)
    if labels is None:
        labels = range(1, p.size + 1)
    names = [str(x) for x in labels]
    top, bottom = axes
    positions = np.arange(terms.size)
    show_probabilities = annotate if label_probabilities is None else label_probabilities
    for values, offset, color, name, hatch in (
        (p, -0.2, P_COLOR, "P", None),
        (q, 0.2, Q_COLOR, "Q", "//"),
    ):
        bars = top.bar(
            positions + offset, values, width=0.4, color=color, alpha=0.85, label=name, hatch=hatch
        )
        if show_probabilities:
            top.bar_label(bars, labels=[f"{v:.3g}" for v in values], fontsize=10, padding=2)
    top.set_xticks(positions, names)
    top.set_ylabel("probability")
    top.set_ylim(0, max(1e-9, float(max(p.max(), q.max()))) * 1.25)
    top.legend(ncols=2, loc="upper right")
    if title:
        top.set_title(title)

    finite = np.isfinite(terms)
    heights = np.where(finite, terms, 0.0)
    bars = bottom.bar(positions, heights, width=0.6, color=KL_COLOR, alpha=0.85)
    if annotate:
        bottom.bar_label(
            bars,
            # rounding leaves terms like -1e-17 when P = Q: show them as 0
            labels=[
                (f"{t:+.3f}" if abs(t) > 1e-12 else "0") if np.isfinite(t) else "" for t in terms
            ],
            fontsize=10,
            padding=2,
        )
    bottom.axhline(0.0, color="black", lw=0.8)
    span = float(np.abs(heights).max()) if heights.size else 0.0
    span = span if span > 0 else 1.0
    low = float(min(0.0, heights.min())) if heights.size else 0.0
    bottom.set_ylim(low - 0.25 * span, float(max(0.0, heights.max())) + 0.3 * span)
    for k in np.flatnonzero(~finite):
        bottom.annotate("∞", (k, 0.0), ha="center", va="bottom", fontsize=14, color=KL_COLOR)
    bottom.set_xticks(positions, names)
    bottom.set_ylabel(f"term ({unit})")
    total = float(terms.sum())
    shown = f"{total:.4f}" if np.isfinite(total) else "∞"
    name = f"sum of the terms {term_label}" if annotate else f"Σ {term_label}"
    bottom.set_title(f"{name} = {shown} {unit}")
    return top, bottom
