"""Lesson 01, information content: the surprise of one event in bits, nats and dits.

What only this lesson uses: the three-unit surprise curve, the surprise widget and its readout,
and the lesson's exercises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from kltools import measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.style import ACCENT_COLORS, P_COLOR
from kltools.course.widget import LessonWidget, Scene, slider

__all__ = [
    "EXERCISES",
    "WIDGETS",
    "SurpriseScene",
    "check",
    "plot_surprise",
    "surprise_readout",
    "surprise_widget",
]

# One colour and one line style per unit; the colours of Q and KL stay free.
UNIT_COLORS = {"bits": P_COLOR, "nats": ACCENT_COLORS[0], "dits": ACCENT_COLORS[1]}
UNIT_BASES = {"bits": "2", "nats": "e", "dits": "10"}
UNIT_STYLES = {"bits": "-", "nats": "--", "dits": ":"}
# One marker shape per unit, so the three marks at p stay apart where they overlap (p = 0.5).
UNIT_MARKERS = {"bits": "o", "nats": "s", "dits": "^"}


def plot_surprise(
    ax: Axes, p: float | None = None, *, p_min: float = 0.001, markers: bool | None = None
) -> Axes:
    """Draw the surprise ``-log_b p`` in bits, nats and dits against ``p``.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    p : float, optional
        A probability to mark on all three curves (:func:`mark_surprise`).
    p_min : float
        Smallest probability on the x axis (the curves grow without bound near 0).
    markers : bool, optional
        Whether the legend shows each unit's marker shape; by default, when ``p`` is given.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_surprise(Figure().add_subplot(), 0.5)
    >>> [line.get_label() for line in ax.lines[:3]]
    ['bits (base 2)', 'nats (base e)', 'dits (base 10)']
    >>> [line.get_marker() for line in ax.lines[4:]]
    ['o', 's', '^']
    """
    grid = np.geomspace(p_min, 1.0, 400)
    with_markers = p is not None if markers is None else markers
    for unit, color in UNIT_COLORS.items():
        surprise = measures.information(grid, base=unit)
        label = f"{unit} (base {UNIT_BASES[unit]})"
        # the legend shows each unit's marker shape (markevery=[]: none on the curve itself)
        ax.plot(
            grid,
            surprise,
            color=color,
            ls=UNIT_STYLES[unit],
            lw=2,
            label=label,
            marker=UNIT_MARKERS[unit] if with_markers else "",
            markevery=[],
        )
    if p is not None:
        mark_surprise(ax, p)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, float(-np.log2(p_min)) * 1.05)
    ax.set_xlabel("probability p of the event")
    ax.set_ylabel(r"surprise $-\log_b p$ (bits, nats, dits)")
    # an opaque box, so the dotted line at p does not run through the legend
    ax.legend(loc="upper right", frameon=True, framealpha=1)
    return ax


def mark_surprise(ax: Axes, p: float) -> Axes:
    """Mark probability ``p`` on the three surprise curves, with its surprise in each unit.

    A dotted line at ``p``, a circle on bits, a square on nats and a triangle on dits, and a
    box with the three values.
    """
    lines = [f"p = {p:.3f}"]
    ax.axvline(p, color="0.4", ls=":", lw=1)
    for unit, color in UNIT_COLORS.items():
        value = float(measures.information(p, base=unit))
        # clip_on=False: at p = 0.001 or 1 the marker stays whole at the edge of the axes
        ax.plot(
            [p],
            [value],
            UNIT_MARKERS[unit],
            color=color,
            ms=7,
            mec="black",
            zorder=3,
            clip_on=False,
        )
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
    return ax


SURPRISE_UNITS = ("bits", "nats", "dits")


@dataclass(frozen=True)
class SurpriseReadout:
    """What the surprise widget shows for an event of probability ``p``.

    Attributes
    ----------
    p : float
        The probability of the event.
    one_in : float
        ``1/p``: "one chance in ...".
    bits, nats, dits : float
        The event's surprise in each unit.
    """

    p: float
    one_in: float
    bits: float
    nats: float
    dits: float


def surprise_readout(p: float) -> SurpriseReadout:
    """The numbers the surprise widget shows: an event's surprise in bits, nats and dits.

    Parameters
    ----------
    p : float
        The probability of the event, in (0, 1].

    Returns
    -------
    SurpriseReadout

    Examples
    --------
    >>> r = surprise_readout(0.125)
    >>> round(r.bits, 6), round(r.one_in, 6)
    (3.0, 8.0)
    """
    bits, nats, dits = (float(measures.information(p, base=unit)) for unit in SURPRISE_UNITS)
    return SurpriseReadout(float(p), 1.0 / float(p), bits, nats, dits)


class SurpriseScene(Scene):
    """The surprise widget's figure and readout: the three curves, marked at ``p``.

    Examples
    --------
    >>> html, fig, alt = SurpriseScene().render(0.5)
    >>> "surprise = <b>1.000 bits</b>" in html
    True
    """

    figsize = (6.4, 3.4)
    layout_values = (0.25,)

    def draw(self, fig: Figure) -> None:
        self.ax = plot_surprise(fig.add_subplot(), markers=True)

    def draw_live(self, p: float) -> tuple[str, str]:
        r = surprise_readout(p)
        mark_surprise(self.ax, r.p)
        html = (
            f"P(event) = {r.p:.3f}, one chance in {r.one_in:.1f}<br>"
            f"surprise = <b>{r.bits:.3f} bits</b> = {r.nats:.3f} nats = {r.dits:.3f} dits"
            f"<br>as surprising as {r.bits:.2f} fair coins all landing heads"
        )
        alt = (
            f"Surprise against probability in bits (solid), nats (dashed) and dits (dotted): "
            f"three curves falling to 0 at p = 1, marked at p = {r.p:.3f} with a circle on bits, "
            f"a square on nats and a triangle on dits, where the surprise is "
            f"{r.bits:.3f} bits = {r.nats:.3f} nats = {r.dits:.3f} dits."
        )
        return html, alt


def surprise_widget(p: float = 0.25) -> LessonWidget:
    """A probability slider showing the event's surprise in bits, nats and dits.

    Examples
    --------
    >>> "surprise = <b>1.000 bits</b>" in surprise_widget(0.5).readout.value
    True
    """
    control = slider("P(event)", p, 0.001, 1.0, 0.001, ".3f")
    return LessonWidget("Surprise in bits, nats and dits", [control], SurpriseScene())


WIDGETS = (surprise_widget,)

EXERCISES = Exercises(
    {
        "01.1": Exercise(
            lambda: float(measures.information(26 / 52)),
            "Count the red cards: what fraction of the 52 is red? Surprise is -log2 of that "
            "probability.",
            unit="bits",
        ),
        "01.2": Exercise(
            lambda: float(measures.information(1 / 6, base="nats")),
            "Each face of a fair die has probability 1/6. Nats use the natural logarithm: np.log.",
            unit="nats",
        ),
        "01.3": Exercise(
            lambda: float(measures.information(0.5**10)),
            "Independent surprises add: what is the surprise of one head, and how many heads are "
            "there?",
            unit="bits",
        ),
        "01.4": Exercise(
            lambda: (
                "die" if measures.information(1 / 6) > measures.information(0.5 * 0.5) else "coins"
            ),
            "Compare probabilities: 1/6 for the six, and 1/2 times 1/2 for two heads. Rarer is "
            "more surprising.",
            choices=("die", "coins"),
        ),
    }
)
check = EXERCISES.check
