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
from matplotlib.legend import Legend
from matplotlib.markers import CARETUPBASE
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from numpy.typing import ArrayLike

from kltools import measures
from kltools.course.bars import plot_distribution
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import fixed, quantity
from kltools.course.style import KL_COLOR, P_COLOR, Q_COLOR
from kltools.course.widget import LessonWidget, Scene, slider

__all__ = [
    "EXERCISES",
    "WIDGETS",
    "CrossEntropyScene",
    "check",
    "cross_entropy_readout",
    "cross_entropy_widget",
    "plot_cross_entropy_bars",
]

FAIR_DIE = (1 / 6,) * 6
CROSS_ENTROPY_PROBABILITY_TOP = 1.2  # Q(x) reaches 1, plus room for its label
CROSS_ENTROPY_BITS_TOP = 4.5
CROSS_ENTROPY_NAMES = ("entropy\n$H(P)$", "cross-entropy\n$H_P(Q)$", "gap\n$H_P(Q) - H(P)$")
CROSS_ENTROPY_COLORS = (P_COLOR, Q_COLOR, KL_COLOR)
CROSS_ENTROPY_HATCHES = (None, "//", None)


def frame_cross_entropy_bars(ax: Axes, top: float) -> Axes:
    """Draw the frame of :func:`plot_cross_entropy_bars`: the three names, 0 to ``top`` bits."""
    ax.set_xticks(range(3), CROSS_ENTROPY_NAMES)
    ax.set_xlim(-0.75, 2.75)  # room for each bar's label, clear of the y tick labels
    ax.set_ylabel("bits")
    ax.set_ylim(0, top)
    return ax


def mark_cross_entropy_bar(ax: Axes, i: int, value: float, top: float) -> Axes:
    """Draw bar ``i`` of :func:`plot_cross_entropy_bars` (0 H(P), 1 H_P(Q), 2 the gap), labelled.

    An infinite value is a pale cross-hatched bar cut at 0.9 of ``top``, an up-arrow on its top
    (drawn unclipped) to show that it goes on, labelled "∞ bits" above the arrow.
    """
    color, hatch = CROSS_ENTROPY_COLORS[i], CROSS_ENTROPY_HATCHES[i]
    if np.isfinite(value):
        ax.bar(i, value, color=color, alpha=0.85, width=0.6, hatch=hatch)
        label = f"{fixed(value, 4)} bits"
        ax.text(i, value + 0.02 * top, label, ha="center", va="bottom", fontsize=10)
    else:
        # cut at 0.9 of the axis, and marked as cut: an arrow on the bar's top, pointing up,
        # drawn whole (unclipped), with the label above it
        ax.bar(i, 0.9 * top, color=color, alpha=0.35, width=0.6, hatch="xx")
        ax.plot([i], [0.9 * top], marker=CARETUPBASE, ms=12, color="black", clip_on=False)
        ax.annotate(
            "∞ bits",
            (i, 0.9 * top),
            xytext=(0, 10),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=10,
            annotation_clip=False,
        )
    return ax


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
    pale cross-hatched bar up to the top of the axes, labelled "∞ bits". The frame is
    :func:`frame_cross_entropy_bars`, each bar :func:`mark_cross_entropy_bar`.

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
    for i, value in enumerate(values):
        mark_cross_entropy_bar(ax, i, value, top)
    frame_cross_entropy_bars(ax, top)
    if title:
        ax.set_title(title)
    return ax


def mark_model_bars(ax: Axes, q: np.ndarray, *, upwards: bool) -> Axes:
    """Draw Q's bars, each labelled with Q(x), right of P's bars (drawn with an offset of -0.2).

    They look as :func:`kltools.course.bars.plot_two_distributions` draws them: 0.4 wide,
    hatched "//", the labels written upwards when ``upwards``. All the bars are one patch:
    while a slider moves, one artist redraws faster than six.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = mark_model_bars(Figure().add_subplot(), np.array([0.5, 0.25, 0.25]), upwards=False)
    >>> len(ax.patches), [t.get_text() for t in ax.texts]
    (1, ['0.5', '0.25', '0.25'])
    """
    corners = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    vertices = [
        [(x, 0.0), (x + 0.4, 0.0), (x + 0.4, height), (x, height), (x, 0.0)]
        for x, height in enumerate(q)
    ]
    path = Path(np.reshape(vertices, (-1, 2)), corners * len(q))
    ax.add_patch(PathPatch(path, facecolor=Q_COLOR, edgecolor="none", alpha=0.85, hatch="//"))
    for x, height in enumerate(q):
        ax.annotate(
            f"{height:.3g}",
            (x + 0.2, height),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            rotation=90 if upwards else 0,
            fontsize=10,
        )
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


class CrossEntropyScene(Scene):
    """The cross-entropy widget's figure and readout: P and Q as bars, then the bits.

    Left, P and Q as paired bars per face (P plain, Q hatched) below their legend; right,
    H(P), H_P(Q) and their gap as three bars (:func:`plot_cross_entropy_bars`). P and H(P)
    do not move; Q, H_P(Q) and the gap follow the weights.

    Parameters
    ----------
    p : sequence of float
        The true distribution P (a fair die by default).

    Examples
    --------
    >>> html, fig, alt = CrossEntropyScene().render(1, 1, 1, 1, 1, 1)
    >>> "H_P(Q) = <b>2.5850 bits</b>" in html and "gap = <b>0.0000 bits</b>" in html
    True
    >>> "at least one weight" in CrossEntropyScene().render(0, 0, 0, 0, 0, 0)[0]
    True
    """

    figsize = (8.0, 2.7)  # under six sliders (216 px) and a title: 800 x 270 px
    layout_values = (5.0, 1.0, 1.0, 1.0, 1.0, 1.0)

    def __init__(self, p: ArrayLike = FAIR_DIE) -> None:
        self.p = np.asarray(p, dtype=float)
        super().__init__()

    def draw(self, fig: Figure) -> None:
        # Fixed axes (Q(x) ≤ 1; H_P(Q) stays under 4.1 bits for weights 0.5 to 10) and a
        # legend above the bars: moving a slider changes the bars, never the frame.
        self.left, self.right = fig.subplots(1, 2, width_ratios=[1, 1])
        n = self.p.size
        self.upwards = n > 4  # narrow bars: labels written upwards, as plot_two_distributions
        plot_distribution(
            self.left,
            self.p,
            offset=-0.2,
            width=0.4,
            label_rotation=90 if self.upwards else 0,
        )
        self.left.set_xlim(-0.7, n - 0.3)
        self.left.set_ylim(0, CROSS_ENTROPY_PROBABILITY_TOP)
        self.left.set_yticks(np.linspace(0, 1, 6))
        self.left.spines["left"].set_bounds(0, 1)
        self.left.set_xlabel("face")
        # The legend of plot_two_distributions(legend_above=True), added as a plain artist
        # rather than as the axes' legend: above the axes no bar can cover it, so it is drawn
        # once, into the background, not again with every frame.
        handles = [
            Patch(color=P_COLOR, alpha=0.85),
            Patch(color=Q_COLOR, alpha=0.85, hatch="//"),
        ]
        legend = Legend(
            self.left,
            handles,
            ["P (the world)", "Q (model)"],
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncols=2,
            borderaxespad=0,
        )
        self.left.add_artist(legend).set_clip_on(False)  # not clipped to the axes
        frame_cross_entropy_bars(self.right, CROSS_ENTROPY_BITS_TOP)
        entropy = float(measures.entropy(self.p))
        mark_cross_entropy_bar(self.right, 0, entropy, CROSS_ENTROPY_BITS_TOP)

    def draw_live(self, *q_weights: float) -> tuple[str, str]:
        try:
            r = cross_entropy_readout(q_weights, self.p)
        except ValueError:
            self.left.text(
                0.5,
                0.6,
                "Q is undefined: all weights are 0",
                transform=self.left.transAxes,
                ha="center",
                va="center",
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
            )
            html = "<p>Q is undefined: give at least one weight a positive value.</p>"
            alt = (
                "Nothing to draw: every weight of Q is 0. Left, the fair die P alone; right, "
                f"its entropy H(P) {quantity(float(measures.entropy(self.p)), 'bits', 4)}."
            )
            return html, alt
        mark_model_bars(self.left, r.q, upwards=self.upwards)
        mark_cross_entropy_bar(self.right, 1, r.cross_entropy, CROSS_ENTROPY_BITS_TOP)
        mark_cross_entropy_bar(self.right, 2, r.gap, CROSS_ENTROPY_BITS_TOP)
        # Beside the six sliders, at most as tall as they are: how Q comes from the weights,
        # Q(x) for each face (three faces a row), then the three numbers in bits.
        total = float(r.weights.sum())
        cells = [f"<td>{x}: {qx:.4f}</td>" for x, qx in enumerate(r.q, start=1)]
        rows = "".join(f"<tr>{''.join(cells[i : i + 3])}</tr>" for i in range(0, len(cells), 3))
        infinite = " (some Q(x) = 0)" if r.cross_entropy == float("inf") else ""
        html = (
            f"<p>Q(x) = w(x) / Σw = w(x) / {total:g}</p><table>{rows}</table>"
            f"<p>H(P) = <b>{quantity(r.entropy, 'bits', 4)}</b><br>"
            f"H_P(Q) = <b>{quantity(r.cross_entropy, 'bits', 4)}</b>{infinite}<br>"
            f"gap = <b>{quantity(r.gap, 'bits', 4)}</b></p>"
        )
        alt = (
            "Left, the fair die P and the model Q as paired bars per face. Right, three bars: "
            f"H(P) {quantity(r.entropy, 'bits', 4)}, H_P(Q) {quantity(r.cross_entropy, 'bits', 4)} "
            f"and their gap {quantity(r.gap, 'bits', 4)}."
        )
        return html, alt


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
    return LessonWidget("Cross-entropy: model Q, world P", sliders, CrossEntropyScene(p))


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
