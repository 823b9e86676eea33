"""Lesson 02, entropy: the average surprise, and the binary entropy curve of a coin.

What only this lesson uses: the binary entropy curve, the coin entropy widget and its readout,
and the lesson's exercises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from kltools import measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import quantity
from kltools.course.style import P_COLOR
from kltools.course.widget import LessonWidget, Scene, slider

__all__ = [
    "EXERCISES",
    "WIDGETS",
    "CoinEntropyScene",
    "check",
    "coin_entropy_readout",
    "coin_entropy_widget",
    "plot_binary_entropy",
]


def plot_binary_entropy(ax: Axes, p: float | None = None) -> Axes:
    """Draw the binary entropy curve H(p) in bits, optionally marking a coin's bias.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    p : float, optional
        The probability of heads to mark on the curve, with its entropy
        (:func:`mark_binary_entropy`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_binary_entropy(Figure().add_subplot(), 0.5)
    >>> round(float(ax.lines[0].get_ydata().max()), 6)
    1.0
    """
    grid = np.linspace(0.0, 1.0, 401)
    ax.plot(grid, measures.binary_entropy(grid), color=P_COLOR, lw=2, label="H(p)")
    ax.axhline(1.0, color="0.5", ls="--", lw=1)
    ax.annotate(
        "maximum: 1 bit at p = 1/2",
        (0.5, 1.0),
        xytext=(0, 6),
        textcoords="offset points",
        ha="center",
        fontsize=10,
        color="0.3",
    )
    if p is not None:
        mark_binary_entropy(ax, p)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.15)
    ax.set_xlabel("P(heads) = p")
    ax.set_ylabel("entropy H(p) (bits)")
    return ax


def mark_binary_entropy(ax: Axes, p: float) -> Axes:
    """Mark a coin's bias ``p`` on the binary entropy curve: a dot, a dotted drop line, H(p).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = mark_binary_entropy(Figure().add_subplot(), 0.25)
    >>> ax.texts[0].get_text()
    'H(0.25) = 0.811 bits'
    """
    h = float(measures.binary_entropy(p))
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
    return ax


@dataclass(frozen=True)
class CoinEntropyReadout:
    """What the coin entropy widget shows, in bits.

    Attributes
    ----------
    p_heads : float
        The probability of heads.
    surprise_heads, surprise_tails : float
        The surprise of each side; ∞ for a side that never comes up.
    entropy : float
        The entropy of the coin, the average surprise.
    """

    p_heads: float
    surprise_heads: float
    surprise_tails: float
    entropy: float


def coin_entropy_readout(p_heads: float) -> CoinEntropyReadout:
    """The numbers the coin entropy widget shows for a coin with P(heads) = ``p_heads``, in bits.

    Parameters
    ----------
    p_heads : float
        The probability of heads, in [0, 1].

    Returns
    -------
    CoinEntropyReadout

    Examples
    --------
    >>> r = coin_entropy_readout(0.5)
    >>> r.surprise_heads, r.entropy
    (1.0, 1.0)
    """
    p = float(p_heads)
    return CoinEntropyReadout(
        p_heads=p,
        surprise_heads=float(measures.information(p)),
        surprise_tails=float(measures.information(1.0 - p)),
        entropy=float(measures.binary_entropy(p)),
    )


# The coin's two bars, at 0 and 1 with width 0.8: the x range matplotlib's margins gave them,
# and room above a bar of height 1 for its label.
COIN_XLIM = (-0.49, 1.49)
COIN_YLIM = (0.0, 1.15)


class CoinEntropyScene(Scene):
    """The coin entropy widget's figure and readout: the coin's bars, and the entropy curve.

    Examples
    --------
    >>> html, fig, alt = CoinEntropyScene().render(0.5)
    >>> html.endswith("<b>1.000 bits</b>")
    True
    """

    figsize = (7.2, 3.2)
    layout_values = (0.5,)

    def draw(self, fig: Figure) -> None:
        self.coin_ax, self.curve_ax = fig.subplots(1, 2, width_ratios=[1, 2])
        # what plot_distribution sets, fixed for every bias (it would fit the tallest bar)
        self.coin_ax.set_xticks([0, 1], ["heads", "tails"])
        self.coin_ax.set_xlim(*COIN_XLIM)
        self.coin_ax.set_ylim(*COIN_YLIM)
        self.coin_ax.set_ylabel("probability")
        # the grid under the bars, where a frame draws them over the background anyway
        self.coin_ax.set_axisbelow(True)
        # y=1.0 pins the title where matplotlib would put it: a title placed automatically is
        # moved off the figure by a full draw made while the titles are hidden
        self.coin_ax.set_title("the coin", y=1.0)
        plot_binary_entropy(self.curve_ax)

    def draw_live(self, p_heads: float) -> tuple[str, str]:
        r = coin_entropy_readout(p_heads)
        html = (
            f"P(heads) = {r.p_heads:.2f}, P(tails) = {1 - r.p_heads:.2f}<br>"
            f"surprise of heads = {quantity(r.surprise_heads, 'bits')}, "
            f"of tails = {quantity(r.surprise_tails, 'bits')}<br>"
            f"entropy (P-weighted average surprise) = <b>{r.entropy:.3f} bits</b>"
        )
        # the bars and their labels as plot_distribution draws them, without its fitted y limit
        probs = [r.p_heads, 1 - r.p_heads]
        bars = self.coin_ax.bar([0, 1], probs, width=0.8, color=P_COLOR, alpha=0.85)
        self.coin_ax.bar_label(bars, labels=[f"{x:.3g}" for x in probs], fontsize=10, padding=2)
        mark_binary_entropy(self.curve_ax, r.p_heads)
        alt = (
            f"Left, the coin as two bars, heads {r.p_heads:.2f} and tails {1 - r.p_heads:.2f}. "
            f"Right, the binary entropy curve, highest (1 bit) at 1/2, marked at "
            f"{r.p_heads:.2f} with {r.entropy:.3f} bits."
        )
        return html, alt


def coin_entropy_widget(p_heads: float = 0.5) -> LessonWidget:
    """A coin-bias slider moving a point along the binary entropy curve.

    Examples
    --------
    >>> coin_entropy_widget(0.5).readout.value.endswith("<b>1.000 bits</b>")
    True
    """
    control = slider("P(heads)", p_heads, 0.0, 1.0, 0.01, ".2f")
    return LessonWidget("Entropy of a biased coin", [control], CoinEntropyScene())


WIDGETS = (coin_entropy_widget,)

EXERCISES = Exercises(
    {
        "02.1": Exercise(
            lambda: float(measures.entropy([1 / 2, 1 / 4, 1 / 4])),
            "Average the surprises: 1/2 of the time 1 bit, 1/4 of the time 2 bits, 1/4 of the "
            "time 2 bits.",
            unit="bits",
        ),
        "02.2": Exercise(
            lambda: float(measures.binary_entropy(0.9)),
            "H(p) = -p log2 p - (1 - p) log2(1 - p), with p = 0.9 for heads and 0.1 for tails.",
            unit="bits",
        ),
        "02.3": Exercise(
            lambda: bool(measures.binary_entropy(0.2) > measures.binary_entropy(0.9)),
            "Use the symmetry H(p) = H(1 - p): H(0.2) = H(0.8). Which of 0.8 and 0.9 is closer to "
            "1/2, where the entropy curve peaks?",
        ),
        "02.4": Exercise(
            lambda: float(measures.entropy(np.full(10, 0.1))),
            "The most uncertain distribution over n outcomes is the uniform one; its entropy is "
            "log2 n.",
            unit="bits",
        ),
    }
)
check = EXERCISES.check
