"""Lesson 06, KL divergence: a fair die against a loaded one, and two Gaussians.

What only this lesson uses: the loaded die, the dice KL widget and the Gaussian KL widget with
their readouts (where the integrand is negative, in words), and the lesson's exercises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from itertools import pairwise

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from kltools import continuous, measures
from kltools.course.bars import plot_term_bars
from kltools.course.checker import Exercise, Exercises
from kltools.course.densities import plot_density_kl
from kltools.course.formatting import where
from kltools.course.widget import LessonWidget, new_figure, slider, toggle

__all__ = [
    "EXERCISES",
    "WIDGETS",
    "check",
    "kl_dice_readout",
    "kl_dice_widget",
    "kl_gauss_readout",
    "kl_gauss_widget",
]


KL_DIRECTIONS = {"D(P‖Q)": "forward", "D(Q‖P)": "reverse"}


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


def kl_dice_render(q1: float, direction: str = "forward") -> tuple[str, Figure, str]:
    """Readout (HTML) and figure of the dice KL widget: bars of P and Q, then the terms.

    Examples
    --------
    >>> html, fig, alt = kl_dice_render(0.5)
    >>> "D(P‖Q) = <b>0.3500 bits</b> = <b>0.2426 nats</b>" in html
    True
    >>> "D(Q‖P) = <b>0.4240 bits</b>" in kl_dice_render(0.5, "reverse")[0]
    True
    """
    r = kl_dice_readout(q1, direction)
    name, term = ("D(P‖Q)", "P·log₂(P/Q)") if direction == "forward" else ("D(Q‖P)", "Q·log₂(Q/P)")
    faces = "".join(f"<th style='padding:0 6px'>{i}</th>" for i in range(1, 7))
    q_cells = "".join(f"<td style='padding:0 6px'>{v:.4f}</td>" for v in r.q)
    t_cells = "".join(f"<td style='padding:0 6px'>{v:+.4f}</td>" for v in r.terms)
    html = (
        f"<table><tr><th>face</th>{faces}</tr><tr><th>Q(face)</th>{q_cells}</tr>"
        f"<tr><th>{term} (bits)</th>{t_cells}</tr></table>"
        f"<p>positive terms {r.positive_bits:+.4f} bits, negative terms "
        f"{r.negative_bits:+.4f} bits</p>"
        f"<p>{name} = <b>{r.kl_bits:.4f} bits</b> = <b>{r.kl_nats:.4f} nats</b></p>"
    )
    fig = new_figure((6.4, 4.6))
    top, bottom = fig.subplots(2, 1, sharex=True)
    plot_term_bars(
        (top, bottom),
        r.p,
        r.q,
        r.terms,
        term_label=term,
        title=f"fair die P, loaded die Q with Q(1) = {float(q1):.2f}",
        label_probabilities=False,  # the table lists Q(face); close bars' labels would touch
    )
    bottom.set_xlabel("face")
    alt = (
        f"Top, the fair die P and the loaded die Q with Q(1) = {float(q1):.2f} as paired bars. "
        f"Bottom, one bar per face for the term {term}; they add up to {name} = "
        f"{r.kl_bits:.4f} bits."
    )
    return html, fig, alt


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
        "KL divergence of a loaded die", [q1_slider, direction_toggle], kl_dice_render
    )


KL_GAUSS_GRID = np.linspace(-10.0, 10.0, 200)


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


def kl_gauss_render(mu: float, sigma: float = 1.0) -> tuple[str, Figure, str]:
    """Readout (HTML) and figure of the Gaussian KL widget: P, Q dashed, p·ln(p/q) shaded.

    Examples
    --------
    >>> html, fig, alt = kl_gauss_render(-2.0, 1.0)
    >>> "<b>2.0000 nats</b> = <b>2.8854 bits</b>" in html
    True
    >>> "19.90" in html
    True
    """
    r = kl_gauss_readout(mu, sigma)
    html = (
        "<p>D(P‖Q) = shaded area = Σ p·ln(p/q)·Δx = "
        f"<b>{r.area_nats:.4f} nats</b> = <b>{r.area_bits:.4f} bits</b><br>"
        f"closed form, <code>gaussian_kl</code>: {r.exact_nats:.4f} nats = "
        f"{r.exact_bits:.4f} bits<br>"
        f"Δx = {r.dx:.4f}; the sum without Δx would print {r.sum_without_dx:.2f}: "
        f"{1 / r.dx:.2f} times too much<br>"
        f"shaded area above zero {r.positive_nats:+.4f} nats, below zero (hatched) "
        f"{r.negative_nats:+.4f} nats (where q &gt; p: {escape(r.below_zero)})</p>"
    )
    fig = new_figure((6.4, 3.4))
    ax = fig.add_subplot()
    plot_density_kl(
        ax,
        r.x,
        r.p,
        r.q,
        r.integrand,
        p_label="P = N(0, 1)",
        q_label=f"Q = N({float(mu):.1f}, {float(sigma):.1f}²)",
        title=f"D(P‖Q) = {r.area_nats:.3f} nats = {r.area_bits:.3f} bits",
    )
    alt = (
        f"The densities P = N(0, 1) and Q = N({float(mu):.1f}, {float(sigma):.1f}²), and the "
        f"integrand p·ln(p/q) shaded beneath them, hatched where it is negative; its area is "
        f"{r.area_nats:.3f} nats."
    )
    return html, fig, alt


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
        kl_gauss_render,
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
