"""Lesson 07, cross-entropy as a loss: why training a classifier minimises a KL divergence.

What only this lesson uses: the picture of a classifier's outputs per label, and the lesson's
exercises.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from kltools import measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.style import Q_COLOR

__all__ = ["EXERCISES", "WIDGETS", "check", "plot_label_scores"]


def plot_label_scores(
    ax: Axes,
    scores: Sequence[float] | np.ndarray,
    labels: Sequence[object],
    *,
    threshold: float | None = 0.5,
    color: str = Q_COLOR,
    title: str | None = None,
) -> Axes:
    """Draw a classifier's output per label as bars, with a decision threshold.

    Each bar is labelled with its value; bars at or above ``threshold`` are drawn
    solid (the label is predicted present), the others pale.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    scores : array_like
        One output in [0, 1] per label (softmax probabilities or sigmoid outputs).
    labels : sequence
        Label names, one per score.
    threshold : float or None
        The decision threshold, drawn as a dashed line; ``None`` draws none.
    color : str
        Bar colour; the model's outputs are in Q's colour by the course's convention.
    title : str, optional
        Axes title.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> ax = plot_label_scores(ax, [0.95, 0.9, 0.05], ["cat", "dog", "car"])
    >>> [round(float(bar.get_height()), 2) for bar in ax.patches]
    [0.95, 0.9, 0.05]
    >>> [bar.get_alpha() for bar in ax.patches]
    [0.85, 0.85, 0.3]
    """
    scores = np.asarray(scores, dtype=float)
    positions = np.arange(scores.size)
    above = scores >= threshold if threshold is not None else np.ones(scores.size, dtype=bool)
    bars = ax.bar(positions, scores, width=0.6, color=color)
    for bar, on in zip(bars, above, strict=True):
        bar.set_alpha(0.85 if on else 0.3)
    ax.bar_label(bars, labels=[f"{s:.3f}" for s in scores], fontsize=10, padding=2)
    if threshold is not None:
        ax.axhline(threshold, color="black", ls="--", lw=1)
        ax.annotate(
            f"threshold {threshold:g}",
            (1.0, threshold),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize=10,
        )
    ax.set_xticks(positions, [str(label) for label in labels])
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("output (probability)")
    if title:
        ax.set_title(title)
    return ax


WIDGETS = ()

EXERCISES = Exercises(
    {
        "07.1": Exercise(
            lambda: 1.3 - float(measures.entropy([0.7, 0.2, 0.1])),
            "KL is the cross-entropy minus the entropy of the target: compute H(P) = −Σ P·log2 P "
            "for P = (0.7, 0.2, 0.1) and subtract it from 1.3 bits.",
            unit="bits",
        ),
        "07.2": Exercise(
            lambda: 0.01 * (1.0 - 0.01),
            "Both gradients carry the factor (ŷ − y). The squared error has one more factor: the "
            "slope of the sigmoid, ŷ(1 − ŷ).",
            close_rtol=0.0,  # 0.01, forgetting the factor 1 − ŷ, is a mistake, not a rounding slip
            swapped=lambda: 1.0 / (0.01 * (1.0 - 0.01)),  # ≈ 101.01, the ratio upside down
            swapped_message=(
                "That is the inverse ratio, the cross-entropy's push over the squared error's; "
                "this asks for the squared error's gradient divided by the cross-entropy's."
            ),
        ),
        "07.3": Exercise(
            lambda: "sigmoid",
            "Can one X-ray show two findings at once? Softmax outputs must add up to 1.",
            choices=("softmax", "sigmoid"),
        ),
        "07.4": Exercise(
            lambda: float(
                (
                    measures.binary_cross_entropy(1, 0.9, base=np.e)
                    + measures.binary_cross_entropy(0, 0.2, base=np.e)
                    + 100.0
                )
                / 3.0
            ),
            "Use natural logs and clamp each log at −100 before multiplying: the third example "
            "costs 100 nats, not ∞. With reduction='mean' the batch loss is the mean of the three.",
            unit="nats",
        ),
    }
)
check = EXERCISES.check
