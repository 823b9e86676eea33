"""Lesson 03, binary cross-entropy: the loss of a yes/no prediction and its four corner cases.

What only this lesson uses: the two loss curves, the binary cross-entropy widget and its
readout, and the lesson's exercises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from kltools import measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import quantity
from kltools.course.style import ACCENT_COLORS
from kltools.course.widget import LessonWidget, Scene, slider, toggle

__all__ = [
    "BCE_Y0_COLOR",
    "BCE_Y0_LINESTYLE",
    "BCE_Y1_COLOR",
    "BCE_Y1_LINESTYLE",
    "EXERCISES",
    "WIDGETS",
    "BCEScene",
    "bce_readout",
    "bce_widget",
    "check",
    "plot_bce_curves",
]

# The two targets' curves differ by line style as well as colour: solid for y = 1, dash-dot
# for y = 0, in every figure of the lesson.
BCE_Y1_COLOR = ACCENT_COLORS[1]  # sky blue: the loss when the target is y = 1, -log ŷ
BCE_Y0_COLOR = ACCENT_COLORS[0]  # orange: the loss when the target is y = 0, -log(1 - ŷ)
BCE_Y1_LINESTYLE = "-"
BCE_Y0_LINESTYLE = "-."
# Each target's curve: colour, line style and legend label.
BCE_CURVES = {
    1: (BCE_Y1_COLOR, BCE_Y1_LINESTYLE, "y = 1: −log ŷ"),
    0: (BCE_Y0_COLOR, BCE_Y0_LINESTYLE, "y = 0: −log(1 − ŷ)"),
}
# Text of the in-panel "BCE = ..." label: black on white (21:1), since sky blue and orange on
# white are only about 2.2:1 to 2.3:1.
BCE_LABEL_TEXT_COLOR = "black"


def plot_bce_curves(
    ax: Axes,
    y: float | None = None,
    y_hat: float | None = None,
    *,
    unit: str = "bits",
    ymax: float = 8.0,
    legend: bool = True,
) -> Axes:
    """Draw the binary cross-entropy curves -log ŷ (y = 1) and -log(1 - ŷ) (y = 0).

    The curve of y = 1 is solid, the curve of y = 0 dash-dot. With a target ``y`` and a
    prediction ``y_hat``, the curve of that target is drawn bold, the other thin and faded,
    and the loss is marked on it with a dot; its value is written in black in a box edged in
    the curve's colour, in the middle of the axes, where no curve passes. A loss above ``ymax``
    (or an infinite one) is marked with an arrow on the top edge of the axes instead of a dot,
    labelled "∞" when infinite. The dot is drawn unclipped, whole even on the axes' corner.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    y : {0, 1}, optional
        The target whose curve is highlighted.
    y_hat : float, optional
        The prediction ŷ in [0, 1] to mark.
    unit : {"bits", "nats", "dits"}
        Unit of the loss axis.
    ymax : float
        Top of the loss axis, in ``unit``.
    legend : bool
        Whether to draw the legend.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_bce_curves(Figure().add_subplot(), 1, 0.5)
    >>> len(ax.lines)
    3
    >>> round(float(ax.lines[2].get_ydata()[0]), 3)
    1.0
    """
    grid = np.linspace(0.0005, 0.9995, 1999)
    bce = measures.binary_cross_entropy
    for target, (color, linestyle, label) in BCE_CURVES.items():
        faded = y is not None and int(y) != target
        ax.plot(
            grid,
            bce(float(target), grid, base=unit),
            color=color,
            lw=1.5 if faded else 2.5,
            ls=linestyle,
            alpha=0.45 if faded else 1.0,
            label=label,
        )
    set_bce_axes(ax, unit=unit, ymax=ymax)
    if y is not None and y_hat is not None:
        value = float(measures.binary_cross_entropy(float(y), float(y_hat), base=unit))
        color = BCE_Y1_COLOR if int(y) == 1 else BCE_Y0_COLOR
        if value <= ymax:
            ax.vlines(float(y_hat), 0, value, color="0.5", lw=1, ls=":", zorder=3)
            # unclipped: a loss of 0 sits on the axes' bottom edge, at a corner when ŷ is 0 or 1
            ax.plot([y_hat], [value], "o", color="black", ms=8, zorder=4, clip_on=False)
            text = f"{value:.3f} {unit}"
        else:
            # Off the chart: the dotted line runs up the whole axes and the arrow sits on their
            # top edge (axes coordinates for y), above the highest loss the axis shows.
            edge = ax.get_xaxis_transform()
            ax.plot([y_hat, y_hat], [0, 1], transform=edge, color="0.5", lw=1, ls=":", zorder=3)
            ax.plot(
                [y_hat], [1], "^", color="black", ms=10, zorder=4, clip_on=False, transform=edge
            )
            shown = "∞" if value == float("inf") else f"{value:.3f}"
            if shown == "∞":  # named beside the arrow too, on the side towards the middle
                right = float(y_hat) > 0.5
                ax.annotate(
                    "∞",
                    (float(y_hat), 1),
                    xycoords=edge,
                    xytext=(-9 if right else 9, 0),
                    textcoords="offset points",
                    ha="right" if right else "left",
                    va="center",
                    fontsize=12,
                    fontweight="bold",
                    annotation_clip=False,
                )
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
            color=BCE_LABEL_TEXT_COLOR,
            fontweight="bold",
            zorder=5,
            # the coloured edge links the box to its curve; the text stays black to be readable
            bbox={"boxstyle": "round", "fc": "white", "ec": color, "lw": 2},
        )
    if legend:
        ax.legend(loc="upper center")
    return ax


def set_bce_axes(ax: Axes, *, unit: str = "bits", ymax: float = 8.0) -> Axes:
    """Set the limits and labels of :func:`plot_bce_curves`' axes: what never moves.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> set_bce_axes(Figure().add_subplot(), ymax=5.0).get_ylim()
    (np.float64(0.0), np.float64(5.4))
    """
    ax.set_xlim(0, 1)
    ax.set_ylim(0, ymax * 1.08)
    # ticks fixed in number, not chosen from the axes' size: the same in every drawing
    ax.yaxis.set_major_locator(MaxNLocator(nbins=9, steps=[1, 2, 2.5, 5, 10]))
    ax.set_xlabel("prediction ŷ = model's P(y = 1)")
    ax.set_ylabel(f"loss ({unit})")
    return ax


def bce_legend(ax: Axes) -> Legend:
    """The legend of :func:`plot_bce_curves`, with both curves in their full style.

    For a figure whose curves move: the legend names the curves by colour and line style, and
    stays the same whichever target is bold.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> [t.get_text() for t in bce_legend(Figure().add_subplot()).get_texts()]
    ['y = 1: −log ŷ', 'y = 0: −log(1 − ŷ)']
    """
    handles = [
        Line2D([], [], color=color, lw=2.5, ls=linestyle, label=label)
        for color, linestyle, label in BCE_CURVES.values()
    ]
    return ax.legend(handles=handles, loc="upper center")


@dataclass(frozen=True)
class BCEReadout:
    """What the binary cross-entropy widget shows.

    Attributes
    ----------
    y : int
        The target, 0 or 1.
    y_hat : float
        The prediction ŷ, the model's P(y = 1).
    p_true : float
        The probability the model gave the label that happened (ŷ when y = 1, 1 − ŷ when y = 0).
    bits, nats : float
        The loss in each unit; ``inf`` when the model was certain and wrong.
    certain_and_wrong : bool
        Whether the model gave the label that happened probability 0.
    """

    y: int
    y_hat: float
    p_true: float
    bits: float
    nats: float
    certain_and_wrong: bool


def bce_readout(y: int, y_hat: float) -> BCEReadout:
    """The numbers the binary cross-entropy widget shows for target ``y`` and prediction ``y_hat``.

    Returns
    -------
    BCEReadout

    Examples
    --------
    >>> r = bce_readout(1, 0.5)
    >>> r.p_true, r.bits, round(r.nats, 4)
    (0.5, 1.0, 0.6931)
    >>> bce_readout(0, 1.0).bits
    inf
    """
    y, y_hat = int(y), float(y_hat)
    bits = float(measures.binary_cross_entropy(y, y_hat, base="bits"))
    nats = float(measures.binary_cross_entropy(y, y_hat, base="nats"))
    return BCEReadout(
        y=y,
        y_hat=y_hat,
        p_true=y_hat if y == 1 else 1.0 - y_hat,
        bits=bits,
        nats=nats,
        certain_and_wrong=bits == float("inf"),
    )


class BCEScene(Scene):
    """The binary cross-entropy widget's figure and readout: the two loss curves, one marked.

    The target ``y`` picks the bold curve, so the curves move with it; the axes and the
    legend (:func:`bce_legend`, the same for both targets) stay.

    Examples
    --------
    >>> html, fig, alt = BCEScene().render(1, 0.8)
    >>> "0.322 bits" in html and "0.223 nats" in html
    True
    """

    figsize = (6.4, 3.4)
    layout_values = (1, 0.8)

    def draw(self, fig: Figure) -> None:
        # the limits and labels plot_bce_curves sets, so that setting them again changes nothing
        self.ax = set_bce_axes(fig.add_subplot(), unit="bits")
        bce_legend(self.ax)
        # Room above the axes for the arrow and "∞" an infinite loss puts on their top edge: an
        # invisible line of text there, which the layout (computed once) makes room for.
        self.ax.text(
            0.5, 1, "∞", transform=self.ax.transAxes, va="bottom", fontsize=12, color="none"
        )

    def draw_live(self, y: int, y_hat: float) -> tuple[str, str]:
        r = bce_readout(y, y_hat)
        # Three short lines beside the controls (which show y and ŷ), whatever the values, so
        # the figure below never jumps: the probability the model gave the label that
        # happened, its −log₂, and the loss in both units.
        p_of_y = "ŷ" if r.y == 1 else "1 − ŷ"
        wrong = ": certain and wrong" if r.certain_and_wrong else ""
        html = (
            f"<p>model's P(y = {r.y}) = {p_of_y} = <b>{r.p_true:.2f}</b></p>"
            f"<p>BCE = −log₂ {r.p_true:.2f} = <b>{quantity(r.bits, 'bits')}</b><br>"
            f"= <b>{quantity(r.nats, 'nats')}</b>{wrong}</p>"
        )
        plot_bce_curves(self.ax, r.y, r.y_hat, unit="bits", legend=False)
        alt = (
            f"The two loss curves of binary cross-entropy against the prediction; the curve of "
            f"the target y = {r.y} is marked at ŷ = {r.y_hat:.2f}, a loss of "
            f"{quantity(r.bits, 'bits')}."
        )
        return html, alt


def bce_widget(y: int = 1, y_hat: float = 0.8) -> LessonWidget:
    """A target toggle (y = 0 / 1) and a prediction slider (ŷ) with the loss on its curve.

    Examples
    --------
    >>> print(bce_widget(y=0, y_hat=0.5).readout.value.split("</p>")[1])
    <p>BCE = −log₂ 0.50 = <b>1.000 bits</b><br>= <b>0.693 nats</b>
    """
    target = toggle([("y = 0", 0), ("y = 1", 1)], int(y), "target")
    prediction = slider("ŷ", y_hat, 0.0, 1.0, 0.01, ".2f")
    return LessonWidget(
        "Binary cross-entropy of a prediction",
        [target, prediction],
        BCEScene(),
    )


WIDGETS = (bce_widget,)

EXERCISES = Exercises(
    {
        "03.1": Exercise(
            lambda: float(measures.binary_cross_entropy(0, 0.75)),
            "The target is y = 0, so only the term (1 − y)·log2(1 − ŷ) survives. Which "
            "probability did the model give to the label that happened?",
            unit="bits",
        ),
        "03.2": Exercise(
            lambda: [
                float(measures.binary_cross_entropy(y, y_hat))
                for y, y_hat in ((1, 1), (1, 0), (0, 1), (0, 0))
            ],
            "Four numbers in a list, in the order (1, 1), (1, 0), (0, 1), (0, 0). A term weighted "
            "by 0 contributes 0 (0·log 0 = 0); −log2 0 is infinite (write np.inf).",
            unit="bits",
        ),
        "03.3": Exercise(
            lambda: float(measures.binary_entropy(0.75)),
            "The loss is smallest when the prediction equals the soft label, ŷ = y. What is left "
            "then is the entropy of the target itself (lesson 02).",
            unit="bits",
        ),
        "03.4": Exercise(
            lambda: float(measures.information(np.finfo(np.float32).eps)),
            "The worst case is a prediction clipped to ŷ = ε while y = 1: the loss is the "
            "surprise −log2 ε. float32's ε is a power of 2: write it as 2**-k.",
            unit="bits",
        ),
        "03.5": Exercise(
            lambda: float(measures.binary_cross_entropy_with_logits(1, -3.0, base=np.e)),
            "Turn the logit into a probability with σ(z) = 1/(1 + e^(−z)), then take −ln of the "
            "probability the model gave the true label (natural log: frameworks report nats).",
            unit="nats",
        ),
    }
)
check = EXERCISES.check
