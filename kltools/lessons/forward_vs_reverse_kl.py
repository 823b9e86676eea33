"""Lesson 08, forward versus reverse KL: one Gaussian fitted to two peaks, three ways.

What only this lesson uses: the two-peaked density and its grid, the fits and their scores in
both directions, the forward/reverse widget and its readout, where an integrand on the grid is
negative, and the lesson's exercises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from kltools import continuous
from kltools.course.checker import Exercise, Exercises
from kltools.course.densities import plot_gaussian_fits
from kltools.course.formatting import fixed, where
from kltools.course.style import Q_COLOR, Q_DARK_COLOR
from kltools.course.widget import LessonWidget, new_figure, slider

__all__ = [
    "EXERCISES",
    "FIT_GRID",
    "WIDGETS",
    "check",
    "forward_reverse_fits",
    "forward_reverse_readout",
    "forward_reverse_widget",
    "negative_where",
    "objectives",
]

FIT_GRID = np.linspace(-12.0, 12.0, 3001)
PEAK_SIGMA = 0.5
_LN2 = float(np.log(2.0))


def two_peaks(separation: float, *, x: ArrayLike = FIT_GRID) -> np.ndarray:
    """The density ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)`` on ``x``, with ``d = separation``.

    Examples
    --------
    >>> p = two_peaks(4.0)
    >>> round(float(p.sum() * (FIT_GRID[1] - FIT_GRID[0])), 6)
    1.0
    >>> round(float(p[FIT_GRID.size // 2]), 6)  # between the peaks, at x = 0
    0.000268
    """
    d = float(separation)
    if not (np.isfinite(d) and d >= 0.0):
        raise ValueError(f"separation must be a finite number ≥ 0; got {separation!r}")
    return np.asarray(
        continuous.mixture_pdf(x, [0.5, 0.5], [-d / 2, d / 2], [PEAK_SIGMA, PEAK_SIGMA])
    )


@dataclass(frozen=True)
class Fit:
    """A Gaussian ``q = N(mu, sigma²)`` and how close it is to ``p``, both ways.

    Attributes
    ----------
    mu, sigma : float
        The Gaussian, in units of x.
    forward_nats, forward_bits : float
        D_KL(p‖q) on the grid.
    reverse_nats, reverse_bits : float
        D_KL(q‖p) on the grid.
    """

    mu: float
    sigma: float
    forward_nats: float
    forward_bits: float
    reverse_nats: float
    reverse_bits: float


def objectives(p: ArrayLike, mu: float, sigma: float, x: ArrayLike) -> Fit:
    """Both divergences between ``p`` and ``N(mu, sigma²)`` on the grid ``x``, in nats and bits.

    Examples
    --------
    >>> f = objectives(two_peaks(4.0), 2.0, 0.5, FIT_GRID)  # q sits on the right peak
    >>> round(f.reverse_nats, 3), round(f.reverse_bits, 3)  # about ln 2 nats = 1 bit
    (0.693, 1.0)
    """
    q = continuous.gaussian_pdf(x, mu, sigma)
    forward = continuous.density_kl(p, q, x, base=np.e)
    reverse = continuous.density_kl(q, p, x, base=np.e)
    return Fit(float(mu), float(sigma), forward, forward / _LN2, reverse, reverse / _LN2)


@dataclass(frozen=True)
class ForwardReverseReadout:
    """What the forward/reverse widget shows: one Gaussian fitted to two peaks, three ways.

    Attributes
    ----------
    x, p : numpy.ndarray
        The grid and the two-peaked density on it.
    separation : float
        The distance between the peaks.
    fits : dict of str to Fit
        ``"forward"``, ``"reverse_peak"`` and ``"reverse_middle"``, as
        :func:`forward_reverse_readout` describes them.
    best_reverse : str
        The reverse fit with the lower D_KL(q‖p) (the peak start on a tie).
    same_reverse : bool
        Whether both reverse searches ended at the same Gaussian.
    """

    x: np.ndarray
    p: np.ndarray
    separation: float
    fits: dict[str, Fit]
    best_reverse: str
    same_reverse: bool


def forward_reverse_readout(separation: float, *, x: ArrayLike = FIT_GRID) -> ForwardReverseReadout:
    """The numbers the forward/reverse widget shows: one Gaussian fitted to two peaks, three ways.

    Parameters
    ----------
    separation : float
        The distance ``d`` between the peaks of ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)``.
    x : array_like
        An evenly spaced grid; default 3001 points over [−12, 12].

    Returns
    -------
    ForwardReverseReadout
        ``x``, ``p``, ``separation``, and three fits (:class:`Fit`), by name:

        - ``"forward"``: ``fit_gaussian(p, x)``, the minimiser of D_KL(p‖q);
        - ``"reverse_peak"``: the reverse search started at the right peak, (d/2, 0.5);
        - ``"reverse_middle"``: the reverse search started at the forward fit.

        ``best_reverse`` names the reverse fit with the lower D_KL(q‖p) (the peak start on a
        tie), and ``same_reverse`` says whether both searches ended at the same Gaussian.

    Examples
    --------
    >>> r = forward_reverse_readout(4.0)
    >>> f = r.fits["forward"]
    >>> round(f.mu, 3) + 0.0, round(f.sigma, 3), round(f.forward_nats, 3)
    (0.0, 2.062, 0.724)
    >>> peak, middle = r.fits["reverse_peak"], r.fits["reverse_middle"]
    >>> round(peak.mu, 2), round(peak.sigma, 2), round(peak.reverse_nats, 3)
    (2.0, 0.5, 0.693)
    >>> round(middle.mu, 3) + 0.0, round(middle.sigma, 2), round(middle.reverse_nats, 3)
    (0.0, 1.74, 1.871)
    >>> r.best_reverse, r.same_reverse
    ('reverse_peak', False)
    """
    d = float(separation)
    x = np.asarray(x, dtype=float)
    p = two_peaks(d, x=x)
    mu_f, sigma_f = continuous.fit_gaussian(p, x)
    mu_r, sigma_r = continuous.fit_gaussian(p, x, direction="reverse", init=(d / 2, PEAK_SIGMA))
    mu_m, sigma_m = continuous.fit_gaussian(p, x, direction="reverse", init=(mu_f, sigma_f))
    fits = {
        "forward": objectives(p, mu_f, sigma_f, x),
        "reverse_peak": objectives(p, mu_r, sigma_r, x),
        "reverse_middle": objectives(p, mu_m, sigma_m, x),
    }
    peak, middle = fits["reverse_peak"], fits["reverse_middle"]
    same = abs(peak.mu - middle.mu) < 1e-3 and abs(peak.sigma - middle.sigma) < 1e-3
    lower = middle.reverse_nats < peak.reverse_nats - 1e-9
    best = "reverse_middle" if lower else "reverse_peak"
    return ForwardReverseReadout(x, p, d, fits, best, same)


def _units(nats: float, bits: float, *, bold: bool = False) -> str:
    """``"0.6931 nats = 1.0000 bits"``, the nats in bold if asked."""
    text = f"{fixed(nats, 4)} nats"
    return f"{'<b>' + text + '</b>' if bold else text} = {fixed(bits, 4)} bits"


# label, line style and colour of each fit: the model is red, and the reverse search from the
# middle is a darker red, so it stands apart from the dashed forward fit
FIT_STYLES = {
    "forward": ("forward fit, argmin D(p‖q)", "--", Q_COLOR),
    "reverse_peak": ("reverse fit, search from the right peak", "-", Q_COLOR),
    "reverse_middle": ("reverse fit, search from the forward fit", ":", Q_DARK_COLOR),
}


def forward_reverse_fits(r: ForwardReverseReadout) -> list[tuple[float, float, str, str, str]]:
    """The fits of a readout as ``(mu, sigma, label, linestyle, color)`` for
    :func:`plot_gaussian_fits`.

    When both reverse searches end at the same Gaussian, it is drawn once.

    Examples
    --------
    >>> [label for _, _, label, *_ in forward_reverse_fits(forward_reverse_readout(1.0))]
    ['forward fit, argmin D(p‖q)', 'reverse fit, both starts']
    """
    fits = []
    for key, (label, style, color) in FIT_STYLES.items():
        if key == "reverse_middle" and r.same_reverse:
            continue
        if key == "reverse_peak" and r.same_reverse:
            label = "reverse fit, both starts"
        fits.append((r.fits[key].mu, r.fits[key].sigma, label, style, color))
    return fits


# space between the readout's columns, so "0.2481 bits" and "0.2478 nats" do not run together
TABLE_SPACING = "style='border-collapse:separate;border-spacing:1.2em 0.15em'"


def forward_reverse_render(separation: float) -> tuple[str, Figure, str]:
    """Readout (HTML) and figure of the forward/reverse widget: p filled, a line style per fit.

    Examples
    --------
    >>> html, fig, alt = forward_reverse_render(4.0)
    >>> "<b>0.6931 nats</b> = 0.9999 bits" in html, "1.8712 nats" in html
    (True, True)
    >>> len(fig.axes)
    1
    """
    r = forward_reverse_readout(separation)
    head = (
        "<tr><th style='text-align:left'>Gaussian q</th><th>μ</th><th>σ</th><th>forward "
        "D(p‖q)</th><th>reverse D(q‖p)</th></tr>"
    )
    rows = []
    for key, (label, *_) in FIT_STYLES.items():
        f = r.fits[key]
        fwd = _units(f.forward_nats, f.forward_bits, bold=key == "forward")
        rev = _units(f.reverse_nats, f.reverse_bits, bold=key == r.best_reverse)
        rows.append(
            f"<tr><td>{label}</td><td>{fixed(f.mu, 3, sign=True)}</td>"
            f"<td>{fixed(f.sigma, 3)}</td><td>{fwd}</td><td>{rev}</td></tr>"
        )
    peak, middle = r.fits["reverse_peak"], r.fits["reverse_middle"]
    if r.same_reverse:
        note = "Both reverse searches end at the same Gaussian."
    else:
        winner = "the right peak" if r.best_reverse == "reverse_peak" else "the forward fit"
        gap = abs(peak.reverse_nats - middle.reverse_nats)
        note = (
            "The two reverse searches end at different Gaussians: two local minima. "
            f"The one from {winner} is lower, by {fixed(gap, 4)} nats."
        )
    html = (
        f"<p>p = ½·N(−{r.separation / 2:.2f}, 0.5²) + ½·N({r.separation / 2:.2f}, 0.5²): "
        f"peaks {r.separation:.1f} apart. μ and σ in units of x; "
        "each fit's own objective in bold.</p>"
        f"<table {TABLE_SPACING}>{head}{''.join(rows)}</table><p>{note}</p>"
    )
    fig = new_figure((6.4, 3.4))
    ax = fig.add_subplot()
    plot_gaussian_fits(
        ax,
        r.x,
        r.p,
        forward_reverse_fits(r),
        p_label="p, two peaks",
        xlim=(-7.0, 7.0),
        title=f"one Gaussian fitted to two peaks {r.separation:.1f} apart",
        legend_loc="upper left",
    )
    ax.set_ylim(0.0, 1.3)  # room above the peaks (at most 0.8) for the legend
    alt = (
        f"The two-peaked density p, peaks {r.separation:.1f} apart, with the Gaussian fits: the "
        f"forward fit (dashed) spans both peaks with σ = {fixed(r.fits['forward'].sigma, 3)}; "
        f"the reverse fits are drawn solid and dotted."
    )
    return html, fig, alt


def forward_reverse_widget(separation: float = 4.0) -> LessonWidget:
    """A slider for the distance between the two peaks of ``p``; both fits follow.

    Examples
    --------
    >>> forward_reverse_widget(6.0).controls[0].value
    6.0
    """
    control = slider("separation", separation, 0.0, 8.0, 0.5, ".1f")
    return LessonWidget("Forward and reverse KL on two peaks", [control], forward_reverse_render)


def negative_where(x: np.ndarray, terms: np.ndarray) -> str:
    """Where on the grid ``x`` the integrand ``terms`` is negative, in words.

    A stretch that runs to the end of the grid is open on that side (the grid's edge is no
    boundary): ``"x > 1.25"``, ``"x < -1.25"``; inner stretches read ``"-1.25 < x < 1.25"``.

    Examples
    --------
    >>> x = np.linspace(-3.0, 3.0, 7)
    >>> negative_where(x, np.array([-1.0, -1.0, 1.0, 1.0, -1.0, 1.0, -1.0]))
    'x < -2.00 and 1.00 < x < 1.00 and x > 3.00'
    """
    negative = np.concatenate([[False], terms < 0, [False]])
    starts = np.flatnonzero(~negative[:-1] & negative[1:])
    ends = np.flatnonzero(negative[:-1] & ~negative[1:]) - 1
    stretches = []
    for i, j in zip(starts, ends, strict=True):
        low = float(x[i]) if i > 0 or j == x.size - 1 else -np.inf
        high = float(x[j]) if j < x.size - 1 else np.inf
        stretches.append((low, high))
    return where(stretches)


WIDGETS = (forward_reverse_widget,)

EXERCISE_GRID = np.linspace(-15.0, 15.0, 3001)


EXERCISES = Exercises(
    {
        "08.1": Exercise(
            lambda: continuous.fit_gaussian(
                continuous.mixture_pdf(EXERCISE_GRID, [0.5, 0.5], [-3.0, 3.0], [1.0, 1.0]),
                EXERCISE_GRID,
            )[1],
            "The forward fit matches the mean and the variance of p. The variance of the mixture "
            "is the average spread inside a peak (σ² = 1) plus the spread of the peaks around the "
            "mean (3² = 9). Answer σ, not σ².",
        ),
        "08.2": Exercise(
            lambda: continuous.density_kl(
                continuous.gaussian_pdf(EXERCISE_GRID, 5.0, 1.0),
                continuous.mixture_pdf(EXERCISE_GRID, [0.5, 0.5], [-5.0, 5.0], [1.0, 1.0]),
                EXERCISE_GRID,
                base=2,
            ),
            "Where q lives, p is almost exactly half of q (the other peak is far away). So "
            "log2(q/p) ≈ log2 2 everywhere q matters.",
            unit="bits",
            swapped=lambda: continuous.density_kl(
                continuous.mixture_pdf(EXERCISE_GRID, [0.5, 0.5], [-5.0, 5.0], [1.0, 1.0]),
                continuous.gaussian_pdf(EXERCISE_GRID, 5.0, 1.0),
                EXERCISE_GRID,
                base=2,
            ),
            swapped_message="That is the forward D(p‖q); this asks for the reverse D(q‖p).",
        ),
        "08.3": Exercise(
            lambda: "forward",
            "Maximum likelihood averages log q over samples drawn from the data, that is, from p. "
            "Which divergence averages over p?",
            choices=("forward", "reverse"),
        ),
        "08.4": Exercise(
            lambda: False,
            "Look again at the reverse search that started in the middle: where did it stop?",
        ),
    }
)
check = EXERCISES.check
