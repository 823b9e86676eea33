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
    value_labels: Sequence[str] | None = None,
    label_fontsize: float = 8,
    label_rotation: float = 0,
    annotate: bool = True,
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
    value_labels : sequence of str, optional
        Text above each bar (e.g. fractions, ``"1/64"``); the probability to 3 digits by default.
    label_fontsize, label_rotation : float
        Font size (points) and angle (degrees) of the text above the bars.
    annotate : bool
        Write the text above the bars (default); ``False`` leaves the bars bare.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_distribution([0.5, 0.25, 0.25], ["a", "b", "c"], label="P")
    >>> [round(float(bar.get_height()), 2) for bar in ax.patches]
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
from kltools import measures as _measures0102  # noqa: E402

# Lesson 01: one colour per unit. Red and green stay free for Q and KL.
LESSON01_UNIT_COLORS = {"bits": P_COLOR, "nats": "#ff7f0e", "dits": "#9467bd"}
LESSON01_UNIT_BASES = {"bits": "2", "nats": "e", "dits": "10"}


def lesson01_plot_surprise(
    p: float | None = None, *, ax: Axes | None = None, p_min: float = 0.001
) -> Axes:
    """Lesson 01: draw the surprise ``-log_b p`` in bits, nats and dits against ``p``.

    Parameters
    ----------
    p : float, optional
        A probability to mark on all three curves, with its surprise in each unit.
    ax : Axes, optional
        Where to draw; a new figure when omitted.
    p_min : float
        Smallest probability on the x axis (the curves grow without bound near 0).

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = lesson01_plot_surprise(0.5)
    >>> [line.get_label() for line in ax.lines[:3]]
    ['bits (base 2)', 'nats (base e)', 'dits (base 10)']
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots()
    grid = np.geomspace(p_min, 1.0, 400)
    for unit, color in LESSON01_UNIT_COLORS.items():
        surprise = _measures0102.information(grid, base=unit)
        label = f"{unit} (base {LESSON01_UNIT_BASES[unit]})"
        ax.plot(grid, surprise, color=color, lw=2, label=label)
    if p is not None:
        lines = [f"p = {p:.3f}"]
        ax.axvline(p, color="0.4", ls=":", lw=1)
        for unit, color in LESSON01_UNIT_COLORS.items():
            value = float(_measures0102.information(p, base=unit))
            ax.plot([p], [value], "o", color=color, ms=7, mec="black", zorder=3)
            lines.append(f"{value:.3f} {unit}")
        ax.text(
            0.97,
            0.60,
            "\n".join(lines),
            transform=ax.transAxes,
            ha="right",
            va="top",
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, float(-np.log2(p_min)) * 1.05)
    ax.set_xlabel("probability p of the event")
    ax.set_ylabel(r"surprise $-\log_b p$ (bits, nats, dits)")
    # an opaque box, so the dotted line at p does not run through the legend
    ax.legend(loc="upper right", frameon=True, framealpha=1)
    return ax


def lesson02_plot_binary_entropy(p: float | None = None, *, ax: Axes | None = None) -> Axes:
    """Lesson 02: draw the binary entropy curve H(p) in bits, optionally marking a coin's bias.

    Parameters
    ----------
    p : float, optional
        The probability of heads to mark on the curve, with its entropy.
    ax : Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = lesson02_plot_binary_entropy(0.5)
    >>> round(float(ax.lines[0].get_ydata().max()), 6)
    1.0
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots()
    grid = np.linspace(0.0, 1.0, 401)
    ax.plot(grid, _measures0102.binary_entropy(grid), color=P_COLOR, lw=2, label="H(p)")
    ax.axhline(1.0, color="0.5", ls="--", lw=1)
    ax.annotate(
        "maximum: 1 bit at p = 1/2",
        (0.5, 1.0),
        xytext=(0, 6),
        textcoords="offset points",
        ha="center",
        fontsize=9,
        color="0.3",
    )
    if p is not None:
        h = float(_measures0102.binary_entropy(p))
        # clip_on=False: a marker near p = 0 or 1 stays whole at the edge of the axes
        ax.plot([p], [h], "o", color="black", ms=8, zorder=3, clip_on=False)
        ax.vlines(p, 0, h, color="0.4", ls=":", lw=1)
        ax.text(
            0.5,
            0.08,
            f"H({p:.2f}) = {h:.3f} bits",
            transform=ax.transAxes,
            ha="center",
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.15)
    ax.set_xlabel("P(heads) = p")
    ax.set_ylabel("entropy H(p) (bits)")
    return ax


# Lesson 03: the two loss curves of binary cross-entropy.
from kltools import measures as _measures03  # noqa: E402

BCE_Y1_COLOR = "#9467bd"  # purple: the loss when the target is y = 1, -log ŷ
BCE_Y0_COLOR = "#ff7f0e"  # orange: the loss when the target is y = 0, -log(1 - ŷ)


def plot_bce_curves(
    y: float | None = None,
    y_hat: float | None = None,
    *,
    ax: Axes | None = None,
    unit: str = "bits",
    ymax: float = 8.0,
    legend: bool = True,
) -> Axes:
    """Draw the binary cross-entropy curves -log ŷ (y = 1) and -log(1 - ŷ) (y = 0).

    With a target ``y`` and a prediction ``y_hat``, the curve of that target is drawn
    bold, the other faded, and the loss is marked on it with a dot; its value is written
    in a box in the middle of the axes, where no curve passes. A loss above ``ymax`` (or
    an infinite one) is marked at the top edge with an arrow instead of a dot.

    Parameters
    ----------
    y : {0, 1}, optional
        The target whose curve is highlighted.
    y_hat : float, optional
        The prediction ŷ in [0, 1] to mark.
    ax : Axes, optional
        Where to draw; a new figure when omitted.
    unit : {"bits", "nats", "dits"}
        Unit of the loss axis.
    ymax : float
        Top of the loss axis, in ``unit``.
    legend : bool
        Whether to draw the legend.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_bce_curves(1, 0.5)
    >>> len(ax.lines)
    3
    >>> round(float(ax.lines[2].get_ydata()[0]), 3)
    1.0
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots()
    grid = np.linspace(0.0005, 0.9995, 1999)
    bce = _measures03.binary_cross_entropy
    curves = (
        (1, bce(1.0, grid, base=unit), BCE_Y1_COLOR, "y = 1: −log ŷ"),
        (0, bce(0.0, grid, base=unit), BCE_Y0_COLOR, "y = 0: −log(1 − ŷ)"),
    )
    for target, loss, color, label in curves:
        faded = y is not None and int(y) != target
        ax.plot(
            grid,
            loss,
            color=color,
            lw=1.5 if faded else 2.5,
            ls="--" if faded else "-",
            alpha=0.45 if faded else 1.0,
            label=label,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, ymax * 1.08)
    ax.set_xlabel("prediction ŷ = model's P(y = 1)")
    ax.set_ylabel(f"loss ({unit})")
    if y is not None and y_hat is not None:
        loss = float(_measures03.binary_cross_entropy(float(y), float(y_hat), base=unit))
        color = BCE_Y1_COLOR if int(y) == 1 else BCE_Y0_COLOR
        top = min(loss, ymax)
        ax.vlines(float(y_hat), 0, top, color="0.5", lw=1, ls=":", zorder=3)
        if loss <= ymax:
            ax.plot([y_hat], [loss], "o", color="black", ms=8, zorder=4)
            text = f"{loss:.3f} {unit}"
        else:
            ax.plot([y_hat], [ymax], "^", color="black", ms=10, zorder=4, clip_on=False)
            shown = "∞" if loss == float("inf") else f"{loss:.3f}"
            text = f"{shown} {unit}\n(off the chart)"  # two short lines fit a narrow panel
        # The middle of the axes, above the point where the curves cross (1 unit of loss at
        # ŷ = 1/2), is the one place no curve passes through, whatever the setting.
        ax.text(
            0.5,
            0.5,
            f"BCE = {text}",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            color=color,
            fontweight="bold",
            zorder=5,
            bbox={"boxstyle": "round", "fc": "white", "ec": color},
        )
    if legend:
        ax.legend(loc="upper center")
    return ax


# --- end of lessons 01-03 -------------------------------------------------------------------

# --- Lessons 04-05 ----------------------------------------------------------------------------
from kltools import measures as _measures45  # noqa: E402


def plot_two_distributions(
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    ax: Axes | None = None,
    p_label: str = "P",
    q_label: str = "Q",
    title: str | None = None,
    xlabel: str = "outcome",
    annotate: bool = True,
    ymax: float | None = None,
    legend_above: bool = False,
) -> Axes:
    """Draw two distributions over the same outcomes as side-by-side bars, P blue and Q red.

    Each bar is labelled with its probability (9 pt, written upwards when more than four
    outcomes make the bars narrow); ``annotate=False`` leaves the labels out (small panels).
    ``ymax`` fixes the top of the probability axis (so pictures of several settings compare);
    by default it fits the tallest bar. ``legend_above=True`` puts the legend in one row above
    the axes, where no bar can cover it.

    Examples
    --------
    >>> ax = plot_two_distributions([0.5, 0.5], [0.9, 0.1], ["H", "T"])
    >>> [float(round(bar.get_height(), 2)) for bar in ax.patches]
    [0.5, 0.5, 0.9, 0.1]
    >>> [t.get_text() for t in ax.texts]
    ['0.5', '0.5', '0.9', '0.1']
    >>> plt.close("all")
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    upwards = p.size > 4  # narrow bars: labels written upwards, so neighbours stay apart
    for values, color, label, offset in ((p, P_COLOR, p_label, -0.2), (q, Q_COLOR, q_label, 0.2)):
        plot_distribution(
            values,
            labels,
            ax=ax,
            color=color,
            label=label,
            offset=offset,
            width=0.4,
            label_fontsize=9,
            label_rotation=90 if upwards else 0,
            annotate=annotate,
        )
    top = max(1e-9, float(p.max()), float(q.max())) * (1.3 if upwards else 1.22)
    ax.set_ylim(0, ymax if ymax is not None else top)
    if legend_above:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=2, borderaxespad=0)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    return ax


def plot_cross_entropy_bars(
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    *,
    ax: Axes | None = None,
    ymax: float | None = None,
    title: str | None = None,
) -> Axes:
    """Draw H(P), the cross-entropy H_P(Q) and their gap as three labelled bars, in bits.

    An infinite cross-entropy (Q gives probability 0 to an outcome P can produce) is drawn
    as a hatched bar up to the top of the axes, labelled "∞ bits".

    Examples
    --------
    >>> ax = plot_cross_entropy_bars([0.25] * 4, [0.5, 0.25, 0.125, 0.125])
    >>> [float(round(bar.get_height(), 2)) for bar in ax.patches]
    [2.0, 2.25, 0.25]
    >>> plt.close("all")
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    h_p = float(_measures45.entropy(p))
    h_pq = float(_measures45.cross_entropy(p, q))
    values = [h_p, h_pq, h_pq - h_p]
    finite = [v for v in values if np.isfinite(v)]
    top = ymax if ymax is not None else max([1.0, *finite]) * 1.25
    names = ["entropy\n$H(P)$", "cross-entropy\n$H_P(Q)$", "gap\n$H_P(Q) - H(P)$"]
    colors = [P_COLOR, Q_COLOR, KL_COLOR]
    for i, (value, color) in enumerate(zip(values, colors, strict=True)):
        if np.isfinite(value):
            ax.bar(i, value, color=color, alpha=0.85, width=0.6)
            label, y = f"{value:.4f} bits", value + 0.02 * top
        else:
            ax.bar(i, 0.9 * top, color=color, alpha=0.35, width=0.6, hatch="//")
            label, y = "∞ bits", 0.92 * top
        ax.text(i, y, label, ha="center", va="bottom", fontsize=10)
    ax.set_xticks(range(3), names)
    ax.set_xlim(-0.75, 2.75)  # room for each bar's label, clear of the y tick labels
    ax.set_ylabel("bits")
    ax.set_ylim(0, top)
    if title:
        ax.set_title(title)
    return ax


def plot_code_tree(
    code: dict,
    probs: dict | None = None,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a binary prefix code as a tree: left edges are 0, right edges are 1.

    Each codeword is the path from the root to a leaf, read edge by edge. Under each leaf:
    the symbol (bold), its codeword and, when ``probs`` (symbol → probability) is given, its
    probability (dark grey). These labels are 11 pt (the probability 10 pt), smaller (down
    to 7 pt) only when so many leaves share the width that neighbouring labels would touch.

    Examples
    --------
    >>> ax = plot_code_tree({"a": "0", "b": "10", "c": "11"}, {"a": 0.5, "b": 0.25, "c": 0.25})
    >>> [t.get_text() for t in ax.texts][-3:]
    ['c', '11', '0.25']
    >>> len(ax.texts)  # 4 edge labels, 3 texts under each of 3 leaves
    13
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots()
    if not code:
        raise ValueError("code must have at least one codeword")
    leaves = sorted(code.items(), key=lambda item: item[1])
    x: dict[str, float] = {}
    for i, (_, word) in enumerate(leaves):
        x[word] = float(i)
    prefixes = sorted(
        {word[:k] for word in code.values() for k in range(len(word))}, key=len, reverse=True
    )
    for node in prefixes:  # deepest first, so both children are placed already
        kids = [x[node + bit] for bit in "01" if node + bit in x]
        x[node] = sum(kids) / len(kids)
    depth = max(len(word) for word in code.values())
    # leaf labels: 11 pt (probabilities 10 pt), or smaller when the room per leaf, in points,
    # is too narrow for the widest label (a character is about 0.6 em wide), never below 7 pt
    room = ax.get_position().width * ax.figure.get_figwidth() * 72 / (len(leaves) + 0.6) - 2
    widest = max(len(str(s)) for s in [*code, *code.values()])
    size = float(np.clip(room / (0.6 * widest), 7, 11))
    if probs is not None:
        widest = max(len(f"{probs[s]:.3g}") for s in code)
        p_size = float(np.clip(room / (0.6 * widest), 7, 10))
    for node in prefixes:
        for bit in "01":
            child = node + bit
            if child in x:
                ax.plot([x[node], x[child]], [-len(node), -len(child)], color="0.4", lw=1.2)
                mx = (x[node] + x[child]) / 2
                my = -(len(node) + len(child)) / 2
                side = "right" if bit == "0" else "left"
                ax.text(mx, my, bit, ha=side, va="bottom", color="0.2", fontsize=11)
    ax.plot([x[n] for n in prefixes], [-len(n) for n in prefixes], "o", color="0.3", ms=5)
    for symbol, word in leaves:
        point = (x[word], -len(word))
        ax.plot(*point, "s", color=P_COLOR, ms=9)
        lines = [(str(symbol), {"fontweight": "bold", "fontsize": size})]
        lines.append((word, {"family": "monospace", "fontsize": size}))
        if probs is not None:
            lines.append((f"{probs[symbol]:.3g}", {"fontsize": p_size, "color": "0.25"}))
        for row, (text, style) in enumerate(lines):
            ax.annotate(
                text,
                point,
                xytext=(0, -8 - 1.3 * size * row),
                textcoords="offset points",
                ha="center",
                va="top",
                **style,
            )
    ax.set_xlim(-0.8, len(leaves) - 0.2)
    ax.set_ylim(-depth - 1.6, 0.5)
    ax.spines["left"].set_bounds(-depth, 0)
    ax.set_yticks(range(0, -depth - 1, -1), [str(d) for d in range(depth + 1)])
    ax.set_ylabel("codeword length (bits)")
    ax.set_xticks([])
    ax.grid(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


# --- end of lessons 04-05 -------------------------------------------------------------------

# --- Lesson 06 ----------------------------------------------------------------------------------


def plot_kl_bars(
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    terms: Sequence[float] | np.ndarray,
    labels: Sequence[object] | None = None,
    *,
    axes: tuple[Axes, Axes],
    unit: str = "bits",
    term_label: str = "P·log(P/Q)",
    title: str | None = None,
    annotate: bool = True,
    label_probabilities: bool | None = None,
) -> tuple[Axes, Axes]:
    """Draw P and Q as paired bars above, and the per-outcome KL terms below.

    The lower panel shows one green bar per outcome, ``P(x) log(P(x)/Q(x))``
    (or whatever ``terms`` holds), with its value written on it. Some terms are
    negative; their sum, the KL divergence, is written in the panel's title.
    With ``annotate=False`` the bars carry no numbers and the title is short, for
    small multiples. The lower panel's title names the term (``term_label``), so no
    text sits inside the panel where it could cover a bar or its number.

    Parameters
    ----------
    p, q : array_like
        The two distributions: P in blue (left bar), Q in red (right bar).
    terms : array_like
        One term per outcome, already in ``unit``; ``inf`` is drawn as a marker.
    labels : sequence, optional
        Outcome names; ``1..n`` by default (die faces).
    axes : (Axes, Axes)
        Upper and lower panel.
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
    >>> fig, axes = plt.subplots(2, 1)
    >>> p, q = [0.5, 0.5], [0.25, 0.75]
    >>> terms = [0.5, 0.5 * np.log2(0.5 / 0.75)]
    >>> top, bottom = plot_kl_bars(p, q, terms, ["H", "T"], axes=axes)
    >>> len(top.patches), len(bottom.patches)
    (4, 2)
    >>> bottom.get_title()
    'sum of the terms P·log(P/Q) = 0.2075 bits'
    >>> plt.close("all")
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    terms = np.asarray(terms, dtype=float)
    if labels is None:
        labels = range(1, p.size + 1)
    labels = [str(x) for x in labels]
    top, bottom = axes
    positions = np.arange(terms.size)
    show_probabilities = annotate if label_probabilities is None else label_probabilities
    for values, offset, color, name in ((p, -0.2, P_COLOR, "P"), (q, 0.2, Q_COLOR, "Q")):
        bars = top.bar(positions + offset, values, width=0.4, color=color, alpha=0.85, label=name)
        if show_probabilities:
            top.bar_label(bars, labels=[f"{v:.3g}" for v in values], fontsize=9, padding=2)
    top.set_xticks(positions, labels)
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
            fontsize=9,
            padding=2,
        )
    bottom.axhline(0.0, color="black", lw=0.8)
    span = float(np.abs(heights).max()) if heights.size else 0.0
    span = span if span > 0 else 1.0
    low = float(min(0.0, heights.min())) if heights.size else 0.0
    bottom.set_ylim(low - 0.25 * span, float(max(0.0, heights.max())) + 0.3 * span)
    for k in np.flatnonzero(~finite):
        bottom.annotate("∞", (k, 0.0), ha="center", va="bottom", fontsize=14, color=KL_COLOR)
    bottom.set_xticks(positions, labels)
    bottom.set_ylabel(f"term ({unit})")
    total = float(terms.sum())
    shown = f"{total:.4f}" if np.isfinite(total) else "∞"
    name = f"sum of the terms {term_label}" if annotate else f"Σ {term_label}"
    bottom.set_title(f"{name} = {shown} {unit}")
    return top, bottom


def plot_density_kl(
    x: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    integrand: np.ndarray,
    *,
    ax: Axes,
    p_label: str = "P",
    q_label: str = "Q",
    unit: str = "nats",
    xlim: tuple[float, float] = (-7.0, 7.0),
    title: str | None = None,
    legend: bool | str = True,
) -> Axes:
    """Draw two densities and the KL integrand ``p log(p/q)`` filled in green.

    The area under the green curve is the KL divergence. Where the integrand is
    negative (there ``p < q``), the fill is hatched, so the part that is
    subtracted stands out.

    Parameters
    ----------
    x : array_like
        The grid.
    p, q : array_like
        The densities on the grid: P in blue, Q in red.
    integrand : array_like
        ``p log(p/q)`` on the grid, in ``unit`` per unit of x.
    ax : Axes
        Where to draw.
    p_label, q_label : str
        Legend labels of the densities.
    unit : str
        Unit of the integrand's area.
    xlim : (float, float)
        The part of the grid to show.
    title : str, optional
        Axes title.
    legend : bool or str
        Draw a legend (``True``: upper right; a string: that ``loc``) or not (``False``).

    Returns
    -------
    Axes

    Examples
    --------
    >>> x = np.linspace(-5, 5, 101)
    >>> p = np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)
    >>> q = np.exp(-((x + 1) ** 2) / 2) / np.sqrt(2 * np.pi)
    >>> fig, ax = plt.subplots()
    >>> ax = plot_density_kl(x, p, q, p * np.log(p / q), ax=ax)
    >>> len(ax.lines), len(ax.collections)
    (4, 2)
    >>> plt.close("all")
    """
    x = np.asarray(x, dtype=float)
    integrand = np.asarray(integrand, dtype=float)
    ax.plot(x, p, color=P_COLOR, lw=2, label=p_label)
    ax.plot(x, q, color=Q_COLOR, lw=2, label=q_label)
    ax.fill_between(
        x,
        integrand,
        where=integrand >= 0,
        interpolate=True,
        color=KL_COLOR,
        alpha=0.35,
        lw=0,
    )
    ax.fill_between(
        x,
        integrand,
        where=integrand < 0,
        interpolate=True,
        facecolor="none",
        edgecolor=KL_COLOR,
        hatch="////",
        lw=0,
    )
    ax.plot(x, integrand, color=KL_COLOR, lw=1.8, label=f"p·log(p/q) ({unit})")
    ax.axhline(0.0, color="black", lw=0.8)
    ax.set_xlim(*xlim)
    ax.set_xlabel("x")
    ax.set_ylabel("density; integrand")
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc=legend if isinstance(legend, str) else "upper right", fontsize=9)
    return ax


# --- end of lesson 06 -------------------------------------------------------------------------

# --- Lessons 07-08 ----------------------------------------------------------------------------


def plot_label_scores(
    scores: Sequence[float] | np.ndarray,
    labels: Sequence[object],
    *,
    ax: Axes,
    threshold: float | None = 0.5,
    color: str = Q_COLOR,
    title: str | None = None,
) -> Axes:
    """Draw a classifier's output per label as bars, with a decision threshold.

    Each bar is labelled with its value; bars at or above ``threshold`` are drawn
    solid (the label is predicted present), the others pale.

    Parameters
    ----------
    scores : array_like
        One output in [0, 1] per label (softmax probabilities or sigmoid outputs).
    labels : sequence
        Label names, one per score.
    ax : Axes
        Where to draw.
    threshold : float or None
        The decision threshold, drawn as a dashed line; ``None`` draws none.
    color : str
        Bar colour; the model's outputs are red by the course's convention.
    title : str, optional
        Axes title.

    Returns
    -------
    Axes

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> ax = plot_label_scores([0.95, 0.9, 0.05], ["cat", "dog", "car"], ax=ax)
    >>> [round(float(bar.get_height()), 2) for bar in ax.patches]
    [0.95, 0.9, 0.05]
    >>> [bar.get_alpha() for bar in ax.patches]
    [0.85, 0.85, 0.3]
    >>> plt.close("all")
    """
    scores = np.asarray(scores, dtype=float)
    positions = np.arange(scores.size)
    above = scores >= threshold if threshold is not None else np.ones(scores.size, dtype=bool)
    bars = ax.bar(positions, scores, width=0.6, color=color)
    for bar, on in zip(bars, above, strict=True):
        bar.set_alpha(0.85 if on else 0.3)
    ax.bar_label(bars, labels=[f"{s:.3f}" for s in scores], fontsize=9, padding=2)
    if threshold is not None:
        ax.axhline(threshold, color="black", ls="--", lw=1)
        ax.annotate(
            f"threshold {threshold:g}",
            (1.0, threshold),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize=9,
        )
    ax.set_xticks(positions, [str(label) for label in labels])
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("output (probability)")
    if title:
        ax.set_title(title)
    return ax


def plot_gaussian_fits(
    x: np.ndarray,
    p: np.ndarray,
    fits: Sequence[tuple[float, float, str, str] | tuple[float, float, str, str, str]],
    *,
    ax: Axes,
    p_label: str = "p",
    xlim: tuple[float, float] | None = None,
    title: str | None = None,
    legend_loc: str | None = "upper right",
) -> Axes:
    """Draw a density ``p`` (blue, filled) and Gaussian fits to it (red, one line style each).

    Parameters
    ----------
    x : array_like
        The grid.
    p : array_like
        The density on the grid.
    fits : sequence of (mu, sigma, label, linestyle) or (mu, sigma, label, linestyle, color)
        One Gaussian ``N(mu, sigma**2)`` per entry, drawn with the given line style (e.g.
        ``"--"`` for a forward fit, ``"-"`` for a reverse fit), in red unless the entry
        names a colour (a darker red, say, to tell two fits apart); the mean is marked by a
        short tick on the x axis.
    ax : Axes
        Where to draw.
    p_label : str
        Legend label of ``p``.
    xlim : (float, float), optional
        The part of the grid to show; all of it by default.
    title : str, optional
        Axes title.
    legend_loc : str or None
        Where the legend goes (a matplotlib ``loc``); ``None`` draws no legend, e.g. for one
        legend shared by several panels (``fig.legend(*ax.get_legend_handles_labels())``).

    Returns
    -------
    Axes

    Examples
    --------
    >>> x = np.linspace(-6, 6, 241)
    >>> p = np.exp(-((x - 2) ** 2) / 0.5) / np.sqrt(0.5 * np.pi)
    >>> fig, ax = plt.subplots()
    >>> ax = plot_gaussian_fits(x, p, [(2.0, 0.5, "q", "-"), (0.0, 2.0, "wide q", "--")], ax=ax)
    >>> len(ax.lines), [t.get_text() for t in ax.get_legend().get_texts()]
    (5, ['p', 'q', 'wide q'])
    >>> ax = plot_gaussian_fits(x, p, [(0.0, 1.0, "dark q", ":", "darkred")], ax=ax)
    >>> ax.get_legend().get_lines()[-1].get_color()
    'darkred'
    >>> plt.close("all")
    """
    x = np.asarray(x, dtype=float)
    p = np.asarray(p, dtype=float)
    ax.fill_between(x, p, color=P_COLOR, alpha=0.2, lw=0)
    ax.plot(x, p, color=P_COLOR, lw=2.2, label=p_label)
    for mu, sigma, label, style, *rest in fits:
        color = rest[0] if rest else Q_COLOR
        q = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2.0 * np.pi))
        ax.plot(x, q, color=color, lw=2, ls=style, label=label)
        ax.plot([mu], [0.0], marker="|", color=color, ms=14, mew=2, clip_on=False)
    ax.set_xlim(*(xlim if xlim is not None else (float(x[0]), float(x[-1]))))
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("x")
    ax.set_ylabel("density (per unit of x)")
    if title:
        ax.set_title(title)
    if legend_loc is not None:
        ax.legend(loc=legend_loc, fontsize=9)
    return ax


# --- end of lessons 07-08 -------------------------------------------------------------------
