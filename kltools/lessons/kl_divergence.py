"""Lesson 06, KL divergence: a fair die against a loaded one, and two Gaussians.

What only this lesson uses: the loaded die, the dice KL widget and the Gaussian KL widget with
their readouts (where the integrand is negative, in words), and the lesson's exercises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy
from numpy.typing import ArrayLike

from kltools import continuous, measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.densities import INTEGRAND_STYLE, plot_density_kl
from kltools.course.formatting import where
from kltools.course.style import KL_COLOR, P_COLOR, Q_COLOR
from kltools.course.widget import LessonWidget, Scene, slider, toggle

__all__ = [
    "EXERCISES",
    "OFF_SCALE",
    "WIDGETS",
    "KLDiceScene",
    "KLGaussScene",
    "check",
    "kl_dice_readout",
    "kl_dice_widget",
    "kl_gauss_readout",
    "kl_gauss_widget",
]


KL_DIRECTIONS = {"D(P‖Q)": "forward", "D(Q‖P)": "reverse"}


# Fixed limits for every Q(1) in [0.01, 0.95] and both directions: Q(1) reaches 0.95, the terms
# run from -0.419 bits (forward, face 1 at Q(1) = 0.95) to +2.385 bits (reverse, face 1 there),
# with room for the values written beyond the bars' ends.
KL_DICE_PROBABILITY_TOP = 1.2
KL_DICE_TERM_LIMITS = (-0.7, 2.75)


# The readouts' look: lines 1.3 high (a widget's HTML sets 32 px), tables with headers on the
# left and numbers on the right, each row on one line, so a readout fits beside the sliders.
_BLOCK = "style='line-height:1.3'"
_TABLE = "style='border-collapse:collapse'"
_HEAD = "style='padding:0 0.5em 0 0;text-align:left;white-space:nowrap'"
_CELL = "style='padding:0 0 0 0.7em;text-align:right;white-space:nowrap'"
_LINE = "style='margin:0.2em 0 0 0'"
_NOWRAP = "style='white-space:nowrap'"


def _unsigned_zero(value: float, digits: int = 4) -> str:
    """``value`` with its sign, but a bare ``0.0000`` where it rounds to zero.

    Examples
    --------
    >>> _unsigned_zero(0.0), _unsigned_zero(-1e-9), _unsigned_zero(0.25)
    ('0.0000', '0.0000', '+0.2500')
    """
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0.0 else text


def _row(header: str, cells: list[str]) -> str:
    return f"<tr><th {_HEAD}>{header}</th>{''.join(f'<td {_CELL}>{c}</td>' for c in cells)}</tr>"


def loaded_die(q1: float) -> np.ndarray:
    """A die that shows 1 with probability ``q1``; the other five faces share the rest equally.

    Examples
    --------
    >>> loaded_die(0.5).round(2).tolist()
    [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
    """
    q1 = float(q1)
    if not 0.0 <= q1 <= 1.0:
        raise ValueError(f"q1 must lie in [0, 1]; got {q1!r}")
    return np.array([q1] + [(1.0 - q1) / 5.0] * 5)


@dataclass(frozen=True)
class KLDiceReadout:
    """What the dice KL widget shows: a fair die P against a loaded die Q.

    Attributes
    ----------
    p, q : numpy.ndarray
        The two dice.
    direction : str
        ``"forward"`` for D(P‖Q), ``"reverse"`` for D(Q‖P).
    terms : numpy.ndarray
        One term per face, in bits.
    kl_bits, kl_nats : float
        The divergence in each unit.
    positive_bits, negative_bits : float
        The sums of the positive and of the negative terms.
    """

    p: np.ndarray
    q: np.ndarray
    direction: str
    terms: np.ndarray
    kl_bits: float
    kl_nats: float
    positive_bits: float
    negative_bits: float


def kl_dice_readout(q1: float, direction: str = "forward") -> KLDiceReadout:
    """The numbers the dice KL widget shows: a fair die P against a loaded die Q.

    Parameters
    ----------
    q1 : float
        Q's probability of face 1; faces 2 to 6 get (1 − q1)/5 each.
    direction : {"forward", "reverse"}
        ``"forward"``: D_KL(P‖Q), terms P log(P/Q). ``"reverse"``: D_KL(Q‖P), terms
        Q log(Q/P).

    Returns
    -------
    KLDiceReadout
        The terms come from :func:`kltools.kl_terms`, the divergence from
        :func:`kltools.kl_divergence`.

    Examples
    --------
    >>> r = kl_dice_readout(0.5)
    >>> round(r.kl_bits, 4), round(r.kl_nats, 4)
    (0.35, 0.2426)
    >>> round(r.negative_bits, 4), round(r.positive_bits, 4)
    (-0.2642, 0.6141)
    >>> round(kl_dice_readout(0.5, "reverse").kl_bits, 4)
    0.424
    """
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse'; got {direction!r}")
    p = np.full(6, 1 / 6)
    q = loaded_die(q1)
    first, second = (p, q) if direction == "forward" else (q, p)
    terms = np.asarray(measures.kl_terms(first, second))
    terms[np.abs(terms) < 1e-12] = 0.0  # rounding noise when Q = P, e.g. -1e-17
    return KLDiceReadout(
        p=p,
        q=q,
        direction=direction,
        terms=terms,
        kl_bits=float(measures.kl_divergence(first, second)),
        kl_nats=float(measures.kl_divergence(first, second, base=np.e)),
        positive_bits=float(terms[terms > 0].sum()),
        negative_bits=float(terms[terms < 0].sum()),
    )


def _bars(ax: Axes, left: np.ndarray, heights: np.ndarray, width: float, **style: Any) -> None:
    """Bars from ``left`` to ``left + width``, as one collection that leaves the limits alone.

    What ``ax.bar`` draws, at a third of its cost: a widget redraws its bars at every change.
    """
    corners = [
        [(x, 0.0), (x, h), (x + width, h), (x + width, 0.0)]
        for x, h in zip(left, heights, strict=True)
    ]
    ax.add_collection(PolyCollection(corners, **style), autolim=False)


class KLDiceScene(Scene):
    """The dice KL widget's figure and readout: P and Q as paired bars, beside the terms.

    Both panels keep their limits for every Q(1) and both directions, so bars can be compared
    from one setting to the next.

    Examples
    --------
    >>> html, fig, alt = KLDiceScene().render(0.5)
    >>> "D(P‖Q) = <b>0.3500 bits</b>" in html and "= <b>0.2426 nats</b>" in html
    True
    >>> "D(Q‖P) = <b>0.4240 bits</b>" in KLDiceScene().render(0.5, "reverse")[0]
    True
    """

    figsize = (7.2, 3.6)
    layout_values = (0.5, "forward")

    def draw(self, fig: Figure) -> None:
        self.dice, self.terms = fig.subplots(1, 2, width_ratios=(1.0, 1.3))
        faces = np.arange(6)
        # P is always the fair die: its bars never move
        self.dice.bar(faces - 0.2, np.full(6, 1 / 6), width=0.4, color=P_COLOR, alpha=0.85)
        handles = [Patch(color=P_COLOR, alpha=0.85), Patch(color=Q_COLOR, alpha=0.85, hatch="//")]
        # no bar reaches the legend: Q(2) to Q(6) stay under 0.2, and face 1 is on the left
        self.dice.legend(handles, ["P, the fair die", "Q, the loaded die"], loc="upper right")
        self.dice.set_ylim(0, KL_DICE_PROBABILITY_TOP)
        self.dice.set_ylabel("probability")
        self.terms.set_ylim(*KL_DICE_TERM_LIMITS)
        self.terms.set_ylabel("term (bits)")
        for ax in (self.dice, self.terms):
            ax.set_axisbelow(True)  # the grid under the bars, in the background and in a frame
            ax.set_xticks(faces, [str(face) for face in range(1, 7)])
            ax.set_xlim(-0.6, 5.6)
            ax.set_xlabel("face")
        # 2 points above a positive term's bar, 2 below a negative one's (as ax.bar_label)
        self._above = offset_copy(self.terms.transData, fig=fig, y=2, units="points")
        self._below = offset_copy(self.terms.transData, fig=fig, y=-2, units="points")

    def draw_live(self, q1: float, direction: str = "forward") -> tuple[str, str]:
        r = kl_dice_readout(q1, direction)
        name, term = (
            ("D(P‖Q)", "P·log₂(P/Q)") if direction == "forward" else ("D(Q‖P)", "Q·log₂(Q/P)")
        )
        # faces 2 to 6 are alike: one column for them, each and all five together, so the
        # readout fits beside the controls; face 1's term and theirs have opposite signs
        rest = float(r.terms[1:].sum())
        html = (
            f"<div {_BLOCK}><table {_TABLE}>"
            f"<tr><th></th><th {_CELL}>face 1</th><th {_CELL}>faces 2–6</th></tr>"
            + _row("Q", [f"{r.q[0]:.4f}", f"{r.q[1]:.4f} each"])
            + _row(f"{term}, bits", [f"{r.terms[0]:+.4f}", f"{r.terms[1]:+.4f} each"])
            + _row("total, bits", [f"{r.terms[0]:+.4f}", f"{rest:+.4f}"])
            + f"</table><p {_LINE}><span {_NOWRAP}>{name} = <b>{r.kl_bits:.4f} bits</b></span> "
            f"<span {_NOWRAP}>= <b>{r.kl_nats:.4f} nats</b></span></p></div>"
        )
        # the bars plot_term_bars draws, but in fixed panels (it fits its limits to the bars)
        faces_at = np.arange(6)
        _bars(self.dice, faces_at, r.q, 0.4, facecolor=Q_COLOR, alpha=0.85, hatch="//")
        _bars(self.terms, faces_at - 0.3, r.terms, 0.6, facecolor=KL_COLOR, alpha=0.85)
        self.terms.axhline(0.0, color="black", lw=0.8)  # over the bars, so drawn with them
        # the terms' values: face 1's, and one for the five equal terms of faces 2 to 6
        # (the table lists every Q(face) and every term)
        for x, t, each in ((0, r.terms[0], ""), (3, r.terms[1], " each")):
            self.terms.text(
                x,
                t,
                (f"{t:+.3f}" if abs(t) > 1e-12 else "0") + each,
                transform=self._above if t >= 0 else self._below,
                ha="center",
                va="bottom" if t >= 0 else "top",
                fontsize=10,
            )
        self.terms.set_title(f"Σ {term} = {r.kl_bits:.4f} bits")
        alt = (
            f"Left, the fair die P and the loaded die Q with Q(1) = {float(q1):.2f} as paired "
            f"bars. Right, one bar per face for the term {term}; they add up to {name} = "
            f"{r.kl_bits:.4f} bits."
        )
        return html, alt


def kl_dice_widget(q1: float = 0.5, direction: str = "forward") -> LessonWidget:
    """A slider for Q(1) of a loaded die and a direction toggle, against a fair die P.

    Examples
    --------
    >>> "D(P‖Q) = <b>0.0683 bits</b>" in kl_dice_widget(0.3).readout.value
    True
    """
    q1_slider = slider("Q(1)", q1, 0.01, 0.95, 0.01, ".2f")
    direction_toggle = toggle(list(KL_DIRECTIONS.items()), direction)
    return LessonWidget(
        "KL divergence of a loaded die", [q1_slider, direction_toggle], KLDiceScene()
    )


KL_GAUSS_GRID = np.linspace(-10.0, 10.0, 200)
# The Gaussian widget's fixed limits, for every μ in [-3, 3] and σ in [0.5, 3]. x: the whole
# grid, so the widest Q, N(±3, 3²), is not cut off. y: the integrand on the grid runs from
# -0.292 to 8.3545 (at μ = ±3, σ = 0.5), but reaching that would flatten every usual setting
# (at μ = -2, σ = 1, P peaks at 0.40 and the integrand at 1.07); the top holds both densities
# (Q's reaches 0.798, at σ = 0.5) and the integrand for every σ = 1 (2.11 at μ = ±3), and the
# integrand's peak above it, at about 6% of the settings (narrow Q far from P), is cut there and
# marked with its height.
KL_GAUSS_XLIM = (-10.0, 10.0)
KL_GAUSS_YLIM = (-0.35, 2.25)
OFF_SCALE = "off-scale"  # the gid of the mark of a peak cut off at the top


def _crossings(mu: float, sigma: float) -> list[float]:
    """Where N(0, 1) and N(mu, sigma²) have equal density, sorted.

    ln p(x) = ln q(x) becomes, after multiplying by 2σ²,
    (1 − σ²) x² − 2 μ x + μ² + 2 σ² ln σ = 0.
    """
    a = 1.0 - sigma * sigma
    b = -2.0 * mu
    c = mu * mu + 2.0 * sigma * sigma * float(np.log(sigma))
    if abs(a) < 1e-12:
        return [] if abs(b) < 1e-12 else [-c / b]
    disc = b * b - 4.0 * a * c
    if disc < 0:
        return []
    root = np.sqrt(disc)
    return sorted([float((-b - root) / (2 * a)), float((-b + root) / (2 * a))])


def _stretches(mu: float, sigma: float, crossings: list[float]) -> list[tuple[float, float, bool]]:
    """The stretches between the crossings, ``(low, high, q > p there)``, from −∞ to ∞."""
    edges = [-math.inf, *crossings, math.inf]
    out = []
    for lo, hi in pairwise(edges):
        # one point inside (lo, hi); p - q keeps its sign between crossings
        both = math.isfinite(lo) and math.isfinite(hi)
        probe = (lo + hi) / 2 if both else min(max(0.0, lo + 1.0), hi - 1.0)
        log_ratio = -0.5 * probe**2 + 0.5 * ((probe - mu) / sigma) ** 2 + math.log(sigma)
        out.append((float(lo), float(hi), log_ratio < 0))
    return out


def _area(mu: float, sigma: float, low: float, high: float) -> float:
    """The exact area of p·ln(p/q) over ``low < x < high``, for P = N(0, 1), Q = N(mu, sigma²).

    ln(p/q) = A + B·x + C·x² with A = ln σ + μ²/(2σ²), B = −μ/σ², C = 1/(2σ²) − 1/2, and
    the moments of the standard normal over an interval are closed forms in Φ and φ:
    ∫φ = Φ(b) − Φ(a), ∫xφ = φ(a) − φ(b), ∫x²φ = ∫φ + aφ(a) − bφ(b).
    """

    def cdf(v: float) -> float:
        return float(continuous.gaussian_cdf(v))

    def pdf(v: float) -> float:
        return 0.0 if math.isinf(v) else float(continuous.gaussian_pdf(v))

    def x_pdf(v: float) -> float:
        return 0.0 if math.isinf(v) else v * pdf(v)

    m0 = cdf(high) - cdf(low)
    m1 = pdf(low) - pdf(high)
    m2 = m0 + x_pdf(low) - x_pdf(high)
    a = math.log(sigma) + mu * mu / (2.0 * sigma * sigma)
    b = -mu / (sigma * sigma)
    c = 1.0 / (2.0 * sigma * sigma) - 0.5
    return a * m0 + b * m1 + c * m2


@dataclass(frozen=True)
class KLGaussReadout:
    """What the Gaussian KL widget shows: P = N(0, 1) against Q = N(mu, sigma²) on a grid.

    Attributes
    ----------
    x, p, q : numpy.ndarray
        The grid and the two densities on it.
    integrand : numpy.ndarray
        p·ln(p/q) on the grid, in nats per unit of x.
    dx : float
        The grid step.
    area_nats, area_bits : float
        Σ integrand · Δx, by :func:`kltools.continuous.density_kl`.
    exact_nats, exact_bits : float
        The closed form, :func:`kltools.continuous.gaussian_kl`.
    sum_without_dx : float
        Σ integrand, the classic slip, in no unit at all.
    positive_nats, negative_nats : float
        The area under the integrand above and below zero, exact (closed forms between the
        crossings, not the grid: the grid's rectangles straddle each crossing and would be
        off in the fourth decimal).
    crossings : list of float
        Where the two densities are equal.
    below_zero : str
        Where q > p, in words.
    """

    x: np.ndarray
    p: np.ndarray
    q: np.ndarray
    integrand: np.ndarray
    dx: float
    area_nats: float
    area_bits: float
    exact_nats: float
    exact_bits: float
    sum_without_dx: float
    positive_nats: float
    negative_nats: float
    crossings: list[float]
    below_zero: str


def kl_gauss_readout(
    mu: float, sigma: float = 1.0, *, x: ArrayLike = KL_GAUSS_GRID
) -> KLGaussReadout:
    """The numbers the Gaussian KL widget shows: P = N(0, 1) against Q = N(mu, sigma²).

    The area under the integrand p·ln(p/q) is computed on the grid ``x`` as the sum of
    the integrand's values times the grid step Δx, and compared with the closed form.

    Parameters
    ----------
    mu, sigma : float
        Mean and standard deviation of Q.
    x : array_like
        An evenly spaced grid; default 200 points over [−10, 10].

    Returns
    -------
    KLGaussReadout

    Examples
    --------
    >>> r = kl_gauss_readout(-2.0, 1.0)
    >>> round(r.area_nats, 4), round(r.exact_nats, 4), round(r.exact_bits, 4)
    (2.0, 2.0, 2.8854)
    >>> round(r.dx, 4), round(r.sum_without_dx, 2)
    (0.1005, 19.9)
    >>> r.below_zero
    'x < -1.00'
    """
    x = np.asarray(x, dtype=float)
    p = np.asarray(continuous.gaussian_pdf(x, 0.0, 1.0))
    q = np.asarray(continuous.gaussian_pdf(x, mu, sigma))
    integrand = np.asarray(continuous.kl_integrand(p, q, base=np.e))
    dx = (float(x[-1]) - float(x[0])) / (x.size - 1)
    crossings = _crossings(float(mu), float(sigma))
    stretches = _stretches(float(mu), float(sigma), crossings)
    parts = [(_area(float(mu), float(sigma), lo, hi), below) for lo, hi, below in stretches]
    area = continuous.density_kl(p, q, x, base=np.e)
    exact = float(continuous.gaussian_kl(0.0, 1.0, mu, sigma, base=np.e))
    return KLGaussReadout(
        x,
        p,
        q,
        integrand,
        dx,
        area_nats=area,
        area_bits=float(area / np.log(2.0)),
        exact_nats=exact,
        exact_bits=float(exact / np.log(2.0)),
        sum_without_dx=float(integrand.sum()),
        positive_nats=sum(a for a, below in parts if not below),
        negative_nats=sum(a for a, below in parts if below),
        crossings=crossings,
        below_zero=where([(lo, hi) for lo, hi, below in stretches if below]) or "nowhere (P = Q)",
    )


class KLGaussScene(Scene):
    """The Gaussian KL widget's figure and readout: P, Q dashed, and p·ln(p/q) shaded.

    The axes keep their limits for every μ in [−3, 3] and σ in [0.5, 3]: x spans the whole
    grid, so the widest Q is not cut off; y runs from −0.35 to 2.25, which holds both densities,
    the integrand's deepest dip (−0.29) and its peak for most settings. Where the peak goes
    higher (up to 8.35 nats per unit of x, at μ = ±3, σ = 0.5), the curve is cut at the top,
    and an arrow there, labelled with the peak's height, says so.

    Examples
    --------
    >>> html, fig, alt = KLGaussScene().render(-2.0, 1.0)
    >>> "<b>2.0000</b>" in html and "<b>2.8854</b>" in html
    True
    >>> "19.90" in html
    True
    >>> alt = KLGaussScene().render(3.0, 0.5)[2]
    >>> alt[alt.index("Its peak"):]
    'Its peak, 8.35 nats per unit of x, is above the top of the picture, where an arrow marks it.'
    """

    figsize = (6.4, 3.0)
    layout_values = (-2.0, 1.0)

    def draw(self, fig: Figure) -> None:
        self.ax = fig.add_subplot()
        self.ax.set_xlim(*KL_GAUSS_XLIM)
        self.ax.set_xticks(np.arange(-10, 11, 2))
        self.ax.set_axisbelow(True)  # the grid under the shading, in the background and in a frame
        self.ax.set_ylim(*KL_GAUSS_YLIM)
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("density; integrand")
        # plot_density_kl's legend, drawn once: Q's parameters are on the sliders above
        handles = [
            Line2D([], [], color=P_COLOR, lw=2),
            Line2D([], [], color=Q_COLOR, lw=2, ls="--"),
            Line2D([], [], color=KL_COLOR, lw=1.8, ls=INTEGRAND_STYLE),
        ]
        labels = ["P = N(0, 1)", "Q = N(μ, σ²)", "p·ln(p/q) (nats)"]
        self.ax.legend(handles, labels, loc="upper right", fontsize=10)
        data = self.ax.transData
        # a peak cut at the top: an up arrow just under the top at its x, its height beside it
        self._arrow_at = offset_copy(data, fig=fig, y=-6, units="points")
        self._label_at = offset_copy(data, fig=fig, x=6, y=-2, units="points")
        self._label_left = offset_copy(data, fig=fig, x=-6, y=-2, units="points")

    def draw_live(self, mu: float, sigma: float = 1.0) -> tuple[str, str]:
        r = kl_gauss_readout(mu, sigma)
        # when the area is 0 (P = Q), so is the sum without Δx: "times too much" means nothing
        if float(f"{r.sum_without_dx:.2f}") == 0.0:
            without_dx = "0.00"
        else:
            without_dx = f"{r.sum_without_dx:.2f}, {1 / r.dx:.2f} times too much"
        html = (
            f"<div {_BLOCK}><table {_TABLE}>"
            f"<tr><th></th><th {_CELL}>nats</th><th {_CELL}>bits</th></tr>"
            + _row("Σ p·ln(p/q)·Δx", [f"<b>{r.area_nats:.4f}</b>", f"<b>{r.area_bits:.4f}</b>"])
            + _row("closed form", [f"{r.exact_nats:.4f}", f"{r.exact_bits:.4f}"])
            + _row("above zero", [_unsigned_zero(r.positive_nats), ""])
            + _row("below zero", [_unsigned_zero(r.negative_nats), ""])
            + f"</table><p {_LINE}>hatched where q &gt; p: {escape(r.below_zero)}</p>"
            f"<p {_LINE}>Δx = {r.dx:.4f}; the sum without Δx would be {without_dx}</p></div>"
        )
        plot_density_kl(
            self.ax,
            r.x,
            r.p,
            r.q,
            r.integrand,
            p_label="P = N(0, 1)",
            q_label=f"Q = N({float(mu):.1f}, {float(sigma):.1f}²)",
            xlim=KL_GAUSS_XLIM,
            title=f"D(P‖Q) = {r.area_nats:.3f} nats = {r.area_bits:.3f} bits",
            legend=False,
        )
        alt = (
            f"The densities P = N(0, 1) and Q = N({float(mu):.1f}, {float(sigma):.1f}²), and the "
            f"integrand p·ln(p/q) shaded beneath them, hatched where it is negative; its area is "
            f"{r.area_nats:.3f} nats."
        )
        peak = self._mark_off_scale(r)
        if peak is not None:
            alt += (
                f" Its peak, {peak:.2f} nats per unit of x, is above the top of the picture, "
                "where an arrow marks it."
            )
        return html, alt

    def _mark_off_scale(self, r: KLGaussReadout) -> float | None:
        """Mark the integrand's peak if it rises above the top; return its height, or None.

        The curve and its shading are cut at the top (the axes clip them); an up arrow at the
        peak's x, just under the top, and the height to its right, past where the curve comes
        back under the top (or left of where it rises above it, for a peak right of 0, on the
        legend's side), say how far it goes. The height is the drawn curve's: its highest
        grid point (the area is the grid's too).
        """
        top = KL_GAUSS_YLIM[1]
        i = int(np.argmax(r.integrand))
        height = float(r.integrand[i])
        if height <= top:
            return None
        back = i + int(np.flatnonzero(r.integrand[i:] <= top)[0])  # first point back under it
        rise = int(np.flatnonzero(r.integrand[:i] <= top)[-1])  # last point under it before
        # the legend is at the upper right: a peak right of 0 has its height on its left
        left = float(r.x[i]) > 0.0
        self.ax.plot(
            [float(r.x[i])],
            [top],
            marker="^",
            ms=8,
            color=KL_COLOR,
            ls="none",
            transform=self._arrow_at,
            gid=OFF_SCALE,
        )
        self.ax.text(
            float(r.x[rise if left else back]),
            top,
            f"{height:.2f} nats",
            transform=self._label_left if left else self._label_at,
            ha="right" if left else "left",
            va="top",
            fontsize=10,
            color=KL_COLOR,
            gid=OFF_SCALE,
        )
        return height


def kl_gauss_widget(mu: float = -2.0, sigma: float = 1.0) -> LessonWidget:
    """Sliders for the mean and the width of Q = N(mu, sigma²) against P = N(0, 1).

    Examples
    --------
    >>> [control.description for control in kl_gauss_widget().controls]
    ['μ of Q', 'σ of Q']
    """
    mu_slider = slider("μ of Q", mu, -3.0, 3.0, 0.1, ".1f")
    sigma_slider = slider("σ of Q", sigma, 0.5, 3.0, 0.1, ".1f")
    return LessonWidget(
        "KL divergence of two Gaussians",
        [mu_slider, sigma_slider],
        KLGaussScene(),
    )


WIDGETS = (kl_dice_widget, kl_gauss_widget)

SWAPPED_KL = "That is D(Q‖P), the weights taken from Q; this asks for D(P‖Q)."

EXERCISES = Exercises(
    {
        "06.1": Exercise(
            lambda: float(measures.kl_divergence([1 / 6] * 6, [0.25] + [0.15] * 5)),
            "Add P(x)·log2(P(x)/Q(x)) over the six faces, every P(x) = 1/6: one term for face 1 "
            "(it is negative) and five equal terms. Or take H_P(Q) − H(P).",
            unit="bits",
            rtol=2e-3,
            swapped=lambda: float(measures.kl_divergence([0.25] + [0.15] * 5, [1 / 6] * 6)),
            swapped_message=SWAPPED_KL,
        ),
        "06.2": Exercise(
            lambda: float(measures.kl_divergence([1 / 6] * 6, [0.25] + [0.15] * 5, base=np.e)),
            "Same sum with the natural log, or convert: 1 bit = ln 2 ≈ 0.693 nats.",
            unit="nats",
            rtol=2e-3,
            swapped=lambda: float(
                measures.kl_divergence([0.25] + [0.15] * 5, [1 / 6] * 6, base=np.e)
            ),
            swapped_message=SWAPPED_KL,
        ),
        "06.3": Exercise(
            lambda: [
                float(measures.kl_divergence([0.5, 0.5], [0.9, 0.1])),
                float(measures.kl_divergence([0.9, 0.1], [0.5, 0.5])),
            ],
            "Give a list of two numbers. In D(P‖Q) the weights are P's; in D(Q‖P) they are Q's "
            "and the ratio is flipped.",
            unit="bits",
            swapped=lambda: [
                float(measures.kl_divergence([0.9, 0.1], [0.5, 0.5])),
                float(measures.kl_divergence([0.5, 0.5], [0.9, 0.1])),
            ],
            swapped_message="The two numbers are the other way round: D(P‖Q) first, then D(Q‖P).",
        ),
        "06.4": Exercise(
            lambda: float(continuous.gaussian_kl(0.0, 1.0, 1.0, 2.0, base=np.e)),
            "Use ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − 1/2 with σ_q = 2 (not 4).",
            unit="nats",
            swapped=lambda: float(continuous.gaussian_kl(1.0, 2.0, 0.0, 1.0, base=np.e)),
            swapped_message=SWAPPED_KL,
        ),
        "06.5": Exercise(
            lambda: False,
            "Look again at the seeded search in the section on properties: what did it print?",
        ),
    }
)
check = EXERCISES.check
