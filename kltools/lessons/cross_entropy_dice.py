"""Lesson 04, cross-entropy with dice: the surprise of a model Q when the world is P.

What only this lesson uses: the fair die, the three-bar picture of H(P), H_P(Q) and their gap,
the cross-entropy widget and its readout, and the lesson's exercises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from kltools import measures
from kltools.course.bars import plot_two_distributions
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import fixed, quantity
from kltools.course.style import KL_COLOR, P_COLOR, Q_COLOR
from kltools.course.widget import LessonWidget, new_figure, slider

__all__ = ["EXERCISES", "WIDGETS", "check", "cross_entropy_widget", "plot_cross_entropy_bars"]

FAIR_DIE = (1 / 6,) * 6
CROSS_ENTROPY_PROBABILITY_TOP = 1.2  # Q(x) reaches 1, plus room for its label
CROSS_ENTROPY_BITS_TOP = 4.5


def plot_cross_entropy_bars(
    ax: Axes,
    p: Sequence[float] | np.ndarray,
    q: Sequence[float] | np.ndarray,
    *,
    ymax: float | None = None,
    title: str | None = None,
) -> Axes:
    """Draw H(P), the cross-entropy H_P(Q) and their gap as three labelled bars, in bits.

    The cross-entropy bar is hatched "//", like every bar of the model Q in the course. An
    infinite cross-entropy (Q gives probability 0 to an outcome P can produce) is drawn as a
    pale cross-hatched bar up to the top of the axes, labelled "∞ bits".

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_cross_entropy_bars(Figure().add_subplot(), [0.25] * 4, [0.5, 0.25, 0.125, 0.125])
    >>> [float(round(bar.get_height(), 2)) for bar in ax.patches]
    [2.0, 2.25, 0.25]
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    h_p = float(measures.entropy(p))
    h_pq = float(measures.cross_entropy(p, q))
    values = [h_p, h_pq, h_pq - h_p]
    finite = [v for v in values if np.isfinite(v)]
    top = ymax if ymax is not None else max([1.0, *finite]) * 1.25
    names = ["entropy\n$H(P)$", "cross-entropy\n$H_P(Q)$", "gap\n$H_P(Q) - H(P)$"]
    colors = [P_COLOR, Q_COLOR, KL_COLOR]
    hatches = [None, "//", None]
    for i, (value, color, hatch) in enumerate(zip(values, colors, hatches, strict=True)):
        if np.isfinite(value):
            ax.bar(i, value, color=color, alpha=0.85, width=0.6, hatch=hatch)
            label, y = f"{fixed(value, 4)} bits", value + 0.02 * top
        else:
            ax.bar(i, 0.9 * top, color=color, alpha=0.35, width=0.6, hatch="xx")
            label, y = "∞ bits", 0.92 * top
        ax.text(i, y, label, ha="center", va="bottom", fontsize=10)
    ax.set_xticks(range(3), names)
    ax.set_xlim(-0.75, 2.75)  # room for each bar's label, clear of the y tick labels
    ax.set_ylabel("bits")
    ax.set_ylim(0, top)
    if title:
        ax.set_title(title)
    return ax


@dataclass(frozen=True)
class CrossEntropyReadout:
    """What the cross-entropy widget shows, in bits.

    Attributes
    ----------
    weights, p, q : numpy.ndarray
        Q's weights, the true distribution P and the model Q = weights / total.
    entropy, cross_entropy, gap : float
        H(P), H_P(Q) and H_P(Q) − H(P); ``inf`` when Q gives probability 0 to an outcome P
        can produce.
    """

    weights: np.ndarray
    p: np.ndarray
    q: np.ndarray
    entropy: float
    cross_entropy: float
    gap: float


def cross_entropy_readout(q_weights: ArrayLike, p: ArrayLike = FAIR_DIE) -> CrossEntropyReadout:
    """The numbers the cross-entropy widget shows: Q from weights, against a fixed P, in bits.

    The weights become a distribution with :func:`kltools.normalize`: Q(x) = weight(x) / total.

    Parameters
    ----------
    q_weights : sequence of float
        One non-negative weight per outcome; at least one must be positive.
    p : sequence of float
        The true distribution P (a fair die by default).

    Returns
    -------
    CrossEntropyReadout

    Raises
    ------
    ValueError
        If the weights are negative or all zero (no distribution to normalise to).

    Examples
    --------
    >>> r = cross_entropy_readout([5, 1, 1, 1, 1, 1])
    >>> r.q.round(2).tolist()
    [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
    >>> round(r.entropy, 4), round(r.cross_entropy, 4), round(r.gap, 4)
    (2.585, 2.9349, 0.35)
    """
    weights = np.asarray(q_weights, dtype=float)
    q = np.asarray(measures.normalize(weights), dtype=float)
    p_arr = np.asarray(p, dtype=float)
    h_p = float(measures.entropy(p_arr))
    h_pq = float(measures.cross_entropy(p_arr, q))
    return CrossEntropyReadout(weights, p_arr, q, h_p, h_pq, h_pq - h_p)


def cross_entropy_render(*q_weights: float, p: ArrayLike = FAIR_DIE) -> tuple[str, Figure, str]:
    """Readout (HTML) and figure of the cross-entropy widget: P and Q as bars, then the bits.

    Examples
    --------
    >>> html, fig, alt = cross_entropy_render(1, 1, 1, 1, 1, 1)
    >>> "H_P(Q) = <b>2.5850 bits</b>" in html and "gap = <b>0.0000 bits</b>" in html
    True
    >>> "at least one weight" in cross_entropy_render(0, 0, 0, 0, 0, 0)[0]
    True
    """
    fig = new_figure((9.0, 3.6))
    try:
        r = cross_entropy_readout(q_weights, p)
    except ValueError:
        html = "<p>Q is undefined: give at least one weight a positive value.</p>"
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "Q is undefined: all weights are 0", ha="center", va="center")
        ax.set_axis_off()
        return html, fig, "Nothing to draw: every weight of Q is 0."
    total = float(r.weights.sum())
    cells = "".join(
        f"<td style='padding:0 6px'>{w:g}/{total:g} = {qx:.4f}</td>"
        for w, qx in zip(r.weights, r.q, strict=True)
    )
    faces = "".join(f"<th style='padding:0 6px'>{i}</th>" for i in range(1, r.q.size + 1))
    html = (
        "<p>Q(x) = weight(x) / total weight, normalised with <code>kltools.normalize</code>:</p>"
        f"<table><tr><th>x</th>{faces}</tr><tr><th>Q(x)</th>{cells}</tr></table>"
        f"<p>H(P) = <b>{quantity(r.entropy, 'bits', 4)}</b> &nbsp; "
        f"H_P(Q) = <b>{quantity(r.cross_entropy, 'bits', 4)}</b> &nbsp; "
        f"gap = <b>{quantity(r.gap, 'bits', 4)}</b></p>"
    )
    if r.cross_entropy == float("inf"):
        html += (
            "<p>Q gives probability 0 to an outcome that P produces: that roll would be "
            "infinitely surprising, so the cross-entropy is ∞ bits.</p>"
        )
    left, right = fig.subplots(1, 2, width_ratios=[1.1, 1])
    # Fixed axes (Q(x) ≤ 1; H_P(Q) stays under 4.1 bits for weights 0.5 to 10) and a
    # legend above the bars: moving a slider changes the bars, never the frame.
    plot_two_distributions(
        left,
        r.p,
        r.q,
        xlabel="face",
        p_label="P (the world)",
        q_label="Q (model)",
        ymax=CROSS_ENTROPY_PROBABILITY_TOP,
        legend_above=True,
    )
    left.set_yticks(np.linspace(0, 1, 6))
    left.spines["left"].set_bounds(0, 1)
    plot_cross_entropy_bars(right, r.p, r.q, ymax=CROSS_ENTROPY_BITS_TOP)
    alt = (
        "Left, the fair die P and the model Q as paired bars per face. Right, three bars: "
        f"H(P) {quantity(r.entropy, 'bits', 4)}, H_P(Q) {quantity(r.cross_entropy, 'bits', 4)} "
        f"and their gap {quantity(r.gap, 'bits', 4)}."
    )
    return html, fig, alt


def cross_entropy_widget(
    q_weights: Sequence[float] = (5.0, 1.0, 1.0, 1.0, 1.0, 1.0), p: ArrayLike = FAIR_DIE
) -> LessonWidget:
    """One weight slider per face of Q against a fixed P (a fair die), with H(P), H_P(Q), gap.

    Examples
    --------
    >>> len(cross_entropy_widget().controls)  # one weight per face
    6
    """
    sliders = [
        slider(f"weight {i}", v, 0.0, 10.0, 0.5, ".1f") for i, v in enumerate(q_weights, start=1)
    ]

    def render(*values: float) -> tuple[str, Figure, str]:
        return cross_entropy_render(*values, p=p)

    return LessonWidget(
        "Cross-entropy: model Q, world P",
        sliders,
        render,
    )


WIDGETS = (cross_entropy_widget,)

# With a fair coin or a fair die for P, H_Q(P) equals H(P), the other typical slip.
SWAPPED_CROSS_ENTROPY = (
    "That is H(P), the world's own entropy, which for a fair P is also H_Q(P), the weights taken "
    "from Q. This asks for H_P(Q): the surprise -log2 Q(x), averaged with P's weights."
)

EXERCISES = Exercises(
    {
        "04.1": Exercise(
            lambda: float(measures.cross_entropy([0.5, 0.5], [0.9, 0.1])),
            "Average the surprise -log2 Q(x) with the weights P(x) of the fair coin: each side "
            "happens half the time.",
            unit="bits",
            swapped=lambda: float(measures.cross_entropy([0.9, 0.1], [0.5, 0.5])),
            swapped_message=SWAPPED_CROSS_ENTROPY,
        ),
        "04.2": Exercise(
            lambda: float(measures.cross_entropy([1 / 6] * 6, [0.25] + [0.15] * 5)),
            "The world is the fair die, so each face weighs 1/6; the surprise of a face is -log2 "
            "Q(face). Five faces share the same Q.",
            unit="bits",
            swapped=lambda: float(measures.cross_entropy([0.25] + [0.15] * 5, [1 / 6] * 6)),
            swapped_message=SWAPPED_CROSS_ENTROPY,
        ),
        "04.3": Exercise(
            lambda: float(measures.cross_entropy([1 / 6] * 6, [0.2] * 5 + [0.0])),
            "What is -log2 0? A fair die shows a 6 one roll in six. np.inf (or float('inf')) is "
            "an allowed answer.",
            unit="bits",
            swapped=lambda: float(measures.cross_entropy([0.2] * 5 + [0.0], [1 / 6] * 6)),
            swapped_message=SWAPPED_CROSS_ENTROPY,
        ),
        "04.4": Exercise(
            lambda: float(
                np.mean(measures.information(np.array([0.5] + [0.1] * 5)[[0, 1, 5, 3, 0]]))
            ),
            "Look up Q for each observed roll (Q(1) = 1/2, any other face 1/10), take -log2 of "
            "each, then the plain mean over the five rolls.",
            unit="bits",
        ),
    }
)
check = EXERCISES.check
