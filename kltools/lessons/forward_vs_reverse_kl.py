"""Lesson 08, forward versus reverse KL: one Gaussian fitted to two peaks, three ways.

What only this lesson uses: the two-peaked density, the fits and their scores in both
directions, the forward/reverse widget and its readout, where an integrand is negative, and the
lesson's exercises. Every divergence and mass it reports is an integral over the whole line, not
a sum over a fixed grid: a wide ``q`` has tails where ``ln(q/p)`` grows like ``2x²``, and a grid
over [−12, 12] misses nats there (0.47 of 11.14 at peaks 8 apart).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from numpy.typing import ArrayLike

from kltools import continuous
from kltools.course.checker import Exercise, Exercises
from kltools.course.densities import plot_gaussian_fits
from kltools.course.formatting import fixed, where
from kltools.course.style import P_COLOR, Q_COLOR, Q_DARK_COLOR
from kltools.course.widget import LessonWidget, Scene, slider

__all__ = [
    "EXERCISES",
    "FIT_GRID",
    "SHORT_LABELS",
    "WIDGETS",
    "ForwardReverseScene",
    "best_reverse_sigma",
    "check",
    "fit_grid",
    "forward_reverse_fits",
    "forward_reverse_readout",
    "forward_reverse_widget",
    "negative_part",
    "normal_mass",
    "objectives",
    "reverse_kl",
]

FIT_GRID = np.linspace(-12.0, 12.0, 3001)
PEAK_SIGMA = 0.5
_LN2 = math.log(2.0)
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


def _separation(separation: float) -> float:
    d = float(separation)
    if not (math.isfinite(d) and d >= 0.0):
        raise ValueError(f"separation must be a finite number ≥ 0; got {separation!r}")
    return d


def _log_cosh(y: np.ndarray) -> np.ndarray:
    y = np.abs(y)
    return y + np.log1p(np.exp(-2.0 * y)) - _LN2


def log_two_peaks(x: ArrayLike, separation: float) -> np.ndarray:
    """``ln p(x)`` for ``p = ½·N(−d/2, s²) + ½·N(d/2, s²)``, ``s = 0.5``, also where p underflows:

    ``ln p(x) = −ln(s√(2π)) − (x² + d²/4)/(2s²) + ln cosh(c·x)``, ``c = d/(2s²)``.

    >>> round(float(log_two_peaks(-80.0, 8.0)), 1)  # p itself is 0.0 in floating point
    -11552.9
    """
    d, s2, x = _separation(separation), PEAK_SIGMA**2, np.asarray(x, dtype=float)
    return (-math.log(PEAK_SIGMA) - _LOG_SQRT_2PI - (x * x + d * d / 4.0) / (2.0 * s2)) + _log_cosh(
        d / (2.0 * s2) * x
    )


def two_peaks(separation: float, *, x: ArrayLike = FIT_GRID) -> np.ndarray:
    """The density ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)`` on ``x``, with ``d = separation``.

    >>> p = two_peaks(4.0)
    >>> round(float(p.sum() * (FIT_GRID[1] - FIT_GRID[0])), 6), round(float(p[1500]), 6)
    (1.0, 0.000268)
    """
    return np.exp(log_two_peaks(x, separation))


def _log_gauss(x: ArrayLike, mu: float, sigma: float) -> np.ndarray:
    z = (np.asarray(x, dtype=float) - mu) / sigma
    return -0.5 * z * z - math.log(sigma) - _LOG_SQRT_2PI


def _mean_log_p(d: float, mean: ArrayLike, sd: float) -> np.ndarray:
    """``E[ln p(X)]`` for ``X ~ N(mean, sd²)`` (``mean`` may be an array), to about 1e-14.

    The closed form of ``ln p`` leaves one expectation, ``E[ln cosh(cX)]``: the rectangle rule in
    ``t = (X − mean)/sd`` over ``|t| ≤ 12``. Its integrand is analytic for ``|Im t| < π/(2c·sd)``
    (cosh is 0 at ``±iπ/2``) and the step is an eighth of that, so the error is of order
    ``e^(−16π)`` ≈ 1e-22 of the integrand's size; beyond ``|t| = 12`` the normal weighs < 1e-32.
    """
    s2, mean = PEAK_SIGMA**2, np.asarray(mean, dtype=float)
    c = d / (2.0 * s2)
    h = min(0.05, math.pi / (16.0 * c * sd)) if c > 0 else 0.05
    t = np.arange(-math.ceil(12.0 / h), math.ceil(12.0 / h) + 1) * h
    weights = np.exp(-0.5 * t * t - _LOG_SQRT_2PI) * h
    log_cosh = _log_cosh(c * (mean[..., None] + sd * t)) @ weights
    closed = -math.log(PEAK_SIGMA) - _LOG_SQRT_2PI - (mean * mean + sd * sd + d * d / 4) / (2 * s2)
    return closed + log_cosh


def reverse_kl(separation: float, mu: ArrayLike, sigma: float) -> float | np.ndarray:
    """``D_KL(q‖p) = −H(q) − E_q[ln p]`` in nats for ``q = N(mu, sigma²)`` (``mu`` may be an array).

    >>> round(float(reverse_kl(8.0, 4.0, 0.5)), 4)  # q on one peak: ln 2
    0.6931
    """
    sigma = float(sigma)
    nats = -0.5 - math.log(sigma) - _LOG_SQRT_2PI - _mean_log_p(_separation(separation), mu, sigma)
    return float(nats) if nats.ndim == 0 else nats


def _forward_kl(separation: float, mu: float, sigma: float) -> float:
    """``D_KL(p‖q) = E_p[ln p] − E_p[ln q]`` in nats; ``E_p[ln p]`` is one peak's (symmetry)."""
    d = _separation(separation)
    second_moment = PEAK_SIGMA**2 + d * d / 4.0 + mu * mu  # E_p[(x − mu)²]: p has mean 0
    mean_log_q = -math.log(sigma) - _LOG_SQRT_2PI - second_moment / (2.0 * sigma * sigma)
    return float(_mean_log_p(d, d / 2.0, PEAK_SIGMA)) - mean_log_q


def normal_mass(mu: float, sigma: float, low: float, high: float) -> float:
    """The probability that ``N(mu, sigma²)`` puts on ``low < x < high``, from the normal CDF.

    Examples
    --------
    >>> round(normal_mass(0.0, 1.0, -1.0, 1.0), 5)
    0.68269
    """
    return float(continuous.gaussian_cdf(high, mu, sigma)) - float(
        continuous.gaussian_cdf(low, mu, sigma)
    )


@dataclass(frozen=True)
class Fit:
    """A Gaussian ``q = N(mu, sigma²)`` and its D_KL(p‖q), D_KL(q‖p), in nats and in bits."""

    mu: float
    sigma: float
    forward_nats: float
    forward_bits: float
    reverse_nats: float
    reverse_bits: float


def objectives(separation: float, mu: float, sigma: float) -> Fit:
    """Both divergences between the two-peaked ``p`` and ``N(mu, sigma²)``, in nats and bits.

    Examples
    --------
    >>> f = objectives(8.0, 4.0, 0.5)  # q sits on the right peak
    >>> round(f.reverse_nats, 4), round(f.reverse_bits, 4)  # ln 2 nats = 1 bit
    (0.6931, 1.0)
    >>> round(objectives(8.0, 0.0, math.sqrt(16.25)).reverse_nats, 4)  # the wide fit at d = 8
    11.1389
    """
    mu, sigma = float(mu), float(sigma)
    forward = _forward_kl(separation, mu, sigma)
    reverse = float(reverse_kl(separation, mu, sigma))
    return Fit(mu, sigma, forward, forward / _LN2, reverse, reverse / _LN2)


def best_reverse_sigma(separation: float, mu: float) -> tuple[float, float]:
    """For a fixed ``mu``, the ``sigma`` that minimises ``D_KL(q‖p)``, and that minimum (nats).

    The best of 61 values of ``sigma`` from 0.2 to 6, refined by golden-section search in
    ``ln sigma`` between its two neighbours.

    >>> [round(v, 4) for v in best_reverse_sigma(4.0, 2.0)]
    [0.5004, 0.6931]
    """
    grid = np.geomspace(0.2, 6.0, 61)
    values = [float(reverse_kl(separation, mu, s)) for s in grid]
    k = min(max(int(np.argmin(values)), 1), grid.size - 2)
    low, high = math.log(grid[k - 1]), math.log(grid[k + 1])
    ratio = (math.sqrt(5.0) - 1.0) / 2.0

    def f(v: float) -> float:
        return float(reverse_kl(separation, mu, math.exp(v)))

    for _ in range(60):  # keep the better of two inner points, drop the far end
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        low, high = (low, b) if f(a) < f(b) else (a, high)
    best = (low + high) / 2.0
    return math.exp(best), f(best)


def negative_part(
    separation: float, mu: float, sigma: float, direction: str, low: float, high: float
) -> tuple[str, float]:
    """Where on ``[low, high]`` one direction's integrand is negative, in words, and its area.

    ``direction="forward"``: ``p·ln(p/q)``, negative where ``q > p``; ``"reverse"``:
    ``q·ln(q/p)``, negative where ``p > q``. The ends of each stretch are where ``p = q``, found
    by bisection to 1e-12; a stretch that runs to ``low`` or ``high`` is written open on that
    side (``"x > 1.3178"``). The area (nats, ≤ 0) is integrated by 20-point Gauss–Legendre
    panels no wider than a quarter of the narrower density's σ.

    Examples
    --------
    >>> text, area = negative_part(4.0, 0.0, math.sqrt(4.25), "reverse", -12.0, 12.0)
    >>> text
    '-2.9312 < x < -1.3188 and 1.3188 < x < 2.9312'
    >>> round(area, 4)
    -0.2995
    """
    d = _separation(separation)
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse'; got {direction!r}")
    sign = 1.0 if direction == "forward" else -1.0
    narrow = min(float(sigma), PEAK_SIGMA)

    def below(x: np.ndarray) -> np.ndarray:  # the integrand is negative at x
        return sign * (log_two_peaks(x, d) - _log_gauss(x, mu, sigma)) < 0

    x = np.linspace(low, high, math.ceil((high - low) / (narrow / 100.0)) + 1)
    negative = below(x)
    k = np.flatnonzero(negative[1:] != negative[:-1])
    a, b = x[k], x[k + 1]
    for _ in range(60):
        mid = (a + b) / 2.0
        same = below(mid) == negative[k]
        a, b = np.where(same, mid, a), np.where(same, b, mid)
    ends = [float(low), *((a + b) / 2.0).tolist(), float(high)]
    nodes, weights = np.polynomial.legendre.leggauss(20)
    stretches, area = [], 0.0
    for i, (start, stop) in enumerate(pairwise(ends)):
        if negative[0] == (i % 2 == 1):  # the stretches alternate, starting with negative[0]
            continue
        stretches.append((start if i > 0 else -math.inf, stop if i < len(ends) - 2 else math.inf))
        panels = np.linspace(start, stop, math.ceil((stop - start) / (narrow / 4.0)) + 1)
        mid, half = (panels[1:] + panels[:-1]) / 2.0, (panels[1:] - panels[:-1]) / 2.0
        t = (mid[:, None] + half[:, None] * nodes).ravel()
        log_p, log_q = log_two_peaks(t, d), _log_gauss(t, mu, sigma)
        values = np.exp(log_p) * (log_p - log_q) if sign > 0 else np.exp(log_q) * (log_q - log_p)
        area += float((values.reshape(half.size, -1) @ weights) @ half)
    return where(stretches, digits=4), area


def fit_grid(separation: float) -> np.ndarray:
    """The grid the readout fits on: step 0.008 over ``[−L, L]``, ``L = 12 + 6·max(0, d − 4)``.

    It is :data:`FIT_GRID` up to a separation of 4, and widens beyond, so that the reverse fit
    from the middle (σ up to about 3.3 at d = 8) stays more than 10 σ inside it.

    Examples
    --------
    >>> g = fit_grid(8.0)
    >>> float(g[0]), float(g[-1]), g.size, bool(np.array_equal(fit_grid(4.0), FIT_GRID))
    (-36.0, 36.0, 9001, True)
    """
    half = 12.0 + 6.0 * max(0.0, _separation(separation) - 4.0)
    return np.linspace(-half, half, round(2.0 * half / 0.008) + 1)


@dataclass(frozen=True)
class ForwardReverseReadout:
    """What the forward/reverse widget shows (:func:`forward_reverse_readout`).

    ``x``, ``p``: the grid the fits ran on (:func:`fit_grid`) and ``p`` on it; ``fits``: the three
    fits by name; ``best_reverse``: the reverse fit with the lower D_KL(q‖p) (the peak start on a
    tie); ``same_reverse``: whether both reverse searches ended at the same Gaussian.
    """

    x: np.ndarray
    p: np.ndarray
    separation: float
    fits: dict[str, Fit]
    best_reverse: str
    same_reverse: bool


def forward_reverse_readout(separation: float) -> ForwardReverseReadout:
    """The numbers the forward/reverse widget shows: one Gaussian fitted to two peaks, three ways.

    ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)`` with ``d = separation``. Three fits (:class:`Fit`),
    each found by ``fit_gaussian`` on :func:`fit_grid` and scored by :func:`objectives`:
    ``"forward"``, the minimiser of D_KL(p‖q), ``μ = 0``, ``σ = √(0.25 + d²/4)``;
    ``"reverse_peak"``, the reverse search started at the right peak, (d/2, 0.5); and
    ``"reverse_middle"``, the reverse search started at the forward fit.

    >>> r = forward_reverse_readout(4.0)
    >>> f = r.fits["forward"]
    >>> round(f.mu, 4) + 0.0, round(f.sigma, 4), round(f.forward_nats, 4)
    (0.0, 2.0616, 0.7236)
    >>> peak, middle = r.fits["reverse_peak"], r.fits["reverse_middle"]
    >>> round(peak.mu, 4), round(peak.sigma, 4), round(peak.reverse_nats, 4)
    (1.9998, 0.5004, 0.6931)
    >>> round(middle.mu, 4) + 0.0, round(middle.sigma, 4), round(middle.reverse_nats, 4)
    (0.0, 1.7364, 1.8712)
    >>> r.best_reverse, r.same_reverse
    ('reverse_peak', False)
    """
    d = _separation(separation)
    x = fit_grid(d)
    p = two_peaks(d, x=x)
    mu_f, sigma_f = continuous.fit_gaussian(p, x)
    mu_r, sigma_r = continuous.fit_gaussian(p, x, direction="reverse", init=(d / 2, PEAK_SIGMA))
    mu_m, sigma_m = continuous.fit_gaussian(p, x, direction="reverse", init=(mu_f, sigma_f))
    fits = {
        "forward": objectives(d, mu_f, sigma_f),
        "reverse_peak": objectives(d, mu_r, sigma_r),
        "reverse_middle": objectives(d, mu_m, sigma_m),
    }
    peak, middle = fits["reverse_peak"], fits["reverse_middle"]
    same = abs(peak.mu - middle.mu) < 1e-3 and abs(peak.sigma - middle.sigma) < 1e-3
    lower = middle.reverse_nats < peak.reverse_nats - 1e-9
    best = "reverse_middle" if lower else "reverse_peak"
    return ForwardReverseReadout(x, p, d, fits, best, same)


# label, line style and colour of each fit: the model is vermillion, and the reverse search from
# the middle is a darker red and dotted, so it stands apart from the dashed forward fit; where both
# reverse searches end at the same Gaussian, the dark dots of one lie along the solid line of
# the other
FIT_STYLES = {
    "forward": ("forward fit, argmin D(p‖q)", "--", Q_COLOR),
    "reverse_peak": ("reverse fit, search from the right peak", "-", Q_COLOR),
    "reverse_middle": ("reverse fit, search from the forward fit", ":", Q_DARK_COLOR),
}


# the widget's short names of the fits, the same in its table and its legend (the table says
# which objective each fit minimises)
SHORT_LABELS = {
    "forward": "forward fit",
    "reverse_peak": "reverse, from the right peak",
    "reverse_middle": "reverse, from the forward fit",
}


def forward_reverse_fits(r: ForwardReverseReadout) -> list[tuple[float, float, str, str, str]]:
    """The fits of a readout as ``(mu, sigma, label, linestyle, color)`` for
    :func:`plot_gaussian_fits`, labelled in full, as in the lesson's figures.

    When both reverse searches end at the same Gaussian, it is drawn once. (The widget draws
    all three fits always, under a legend that does not change: :class:`ForwardReverseScene`.)

    Examples
    --------
    >>> [label for _, _, label, *_ in forward_reverse_fits(forward_reverse_readout(1.0))]
    ['forward fit, argmin D(p‖q)', 'reverse fit, both starts']
    >>> [style for _, _, _, style, _ in forward_reverse_fits(forward_reverse_readout(4.0))]
    ['--', '-', ':']
    """
    fits = []
    for key, (label, style, color) in FIT_STYLES.items():
        if key == "reverse_middle" and r.same_reverse:
            continue
        if key == "reverse_peak" and r.same_reverse:
            label = "reverse fit, both starts"
        fits.append((r.fits[key].mu, r.fits[key].sigma, label, style, color))
    return fits


# the readout's table: a little space between columns (the cells are padded too), none between
# rows, and the numbers right-aligned so that their decimal points line up
TABLE_CSS = (
    ".kl-fvr{border-collapse:separate;border-spacing:0.4em 0}"
    ".kl-fvr th{text-align:right}.kl-fvr td{text-align:right;white-space:nowrap}"
    ".kl-fvr th:first-child,.kl-fvr td:first-child{text-align:left}"
)


@functools.lru_cache(maxsize=64)
def _cached_readout(separation: float) -> ForwardReverseReadout:
    """:func:`forward_reverse_readout`, kept per separation: its fits take about 0.1 s.

    Keyed by the float value; its arrays are made read-only, as they are shared by every call.
    """
    r = forward_reverse_readout(separation)
    r.x.flags.writeable = False
    r.p.flags.writeable = False
    return r


# the part of the fit grid the figure shows: its x limits
_PLOT_XLIM = (-7.0, 7.0)

# the widths plot_gaussian_fits draws p and each fit with, for the legend's stand-in lines
_P_LINEWIDTH, _FIT_LINEWIDTH = 2.2, 2.0
# the alpha of p's fill in plot_gaussian_fits, for the legend's patch (its edge is opaque)
_P_FILL_ALPHA = 0.2


class ForwardReverseScene(Scene):
    """The forward/reverse widget's figure and readout: p filled, a line style per fit.

    The axes, their limits and labels and the legend are still; p, the three fits and the title
    move. The legend is made once, of a filled patch for p and stand-in lines in the fits'
    colours and styles, so it
    never depends on the curves of a frame: both reverse fits are always drawn, and where the
    two searches end at the same Gaussian their curves lie on each other (the dotted one on top
    of the solid one) and the readout's last sentence says so. The readout is a table of the
    three fits, μ, σ and both divergences in nats, each fit's own objective in bold: D(p‖q)
    for the forward fit, D(q‖p) for both reverse fits (each search's own objective).

    Examples
    --------
    >>> html, fig, alt = ForwardReverseScene().render(4.0)
    >>> "<td><b>0.6931</b></td>" in html, "<td><b>1.8712</b></td>" in html
    (True, True)
    >>> len(fig.axes)
    1
    """

    # wide and low, to fit a projector's screen under the readout: the legend goes to the right
    # of the axes, so the curves (at most 0.80 high) fill them
    figsize = (8.4, 2.6)
    layout_values = (4.0,)
    css = TABLE_CSS

    def draw(self, fig: Figure) -> None:
        self.ax = fig.add_subplot()
        self.ax.set_xlim(*_PLOT_XLIM)
        self.ax.set_ylim(0.0, 0.85)
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("density (per unit of x)")
        # beside the axes, so the curves fill them; the same four entries at every separation.
        # p is filled, and so is its entry: it differs from the solid fit by shape, not colour only
        handles: list[Artist] = [
            Patch(facecolor=to_rgba(P_COLOR, _P_FILL_ALPHA), edgecolor=P_COLOR, lw=_P_LINEWIDTH),
            *(
                Line2D([], [], color=color, lw=_FIT_LINEWIDTH, ls=style)
                for _, style, color in FIT_STYLES.values()
            ),
        ]
        labels = ["p, two peaks", *SHORT_LABELS.values()]
        self.ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)

    def draw_live(self, separation: float) -> tuple[str, str]:
        r = _cached_readout(_separation(separation))
        head = "<tr><th>fit q</th><th>μ</th><th>σ</th><th>D(p‖q)</th><th>D(q‖p)</th></tr>"
        rows = []
        for key, label in SHORT_LABELS.items():
            f = r.fits[key]
            fwd, rev = fixed(f.forward_nats, 4), fixed(f.reverse_nats, 4)
            fwd = f"<b>{fwd}</b>" if key == "forward" else fwd
            rev = rev if key == "forward" else f"<b>{rev}</b>"
            rows.append(
                f"<tr><td>{label}</td><td>{fixed(f.mu, 4, sign=True)}</td>"
                f"<td>{fixed(f.sigma, 4)}</td><td>{fwd}</td><td>{rev}</td></tr>"
            )
        peak, middle = r.fits["reverse_peak"], r.fits["reverse_middle"]
        if r.same_reverse:
            note = "Both reverse searches end at the same Gaussian."
        else:
            winner = "right peak" if r.best_reverse == "reverse_peak" else "forward fit"
            gap = abs(peak.reverse_nats - middle.reverse_nats)
            note = (
                f"Two local minima: the reverse fit from the {winner} is lower, by "
                f"{fixed(gap, 4)} nats."
            )
        html = (
            f"<p>p = ½·N(−{r.separation / 2:.2f}, 0.5²) + "
            f"½·N({r.separation / 2:.2f}, 0.5²). Divergences in nats; bold: each fit's own "
            "objective.</p>"
            f"<table class='kl-fvr'>{head}{''.join(rows)}</table><p>{note}</p>"
        )
        # only the shown part of the grid, one point past each limit: the same picture, drawn
        # from about 1750 points rather than up to 9001
        low, high = np.searchsorted(r.x, _PLOT_XLIM)
        shown = slice(max(low - 1, 0), high + 1)
        # all three fits, also when both reverse searches agree: the legend, made in draw,
        # names three curves; the dotted one, drawn last, then lies on the solid one
        fits = [
            (r.fits[key].mu, r.fits[key].sigma, SHORT_LABELS[key], style, color)
            for key, (_, style, color) in FIT_STYLES.items()
        ]
        plot_gaussian_fits(  # its limits and labels are those set in draw
            self.ax,
            r.x[shown],
            r.p[shown],
            fits,
            p_label="p, two peaks",
            xlim=_PLOT_XLIM,
            title=f"one Gaussian fitted to two peaks {r.separation:.1f} apart",
            legend_loc=None,
        )
        forward = r.fits["forward"]
        if r.same_reverse:
            reverse = (
                f"both reverse searches end at the same Gaussian, σ = {fixed(peak.sigma, 4)}, "
                "drawn solid with the dotted one on top of it"
            )
        else:
            reverse = (
                f"the reverse fit from the right peak (solid) sits at μ = {fixed(peak.mu, 4)} "
                f"with σ = {fixed(peak.sigma, 4)}, the one from the forward fit is dotted"
            )
        alt = (
            f"The two-peaked density p, peaks {r.separation:.1f} apart, filled, with one Gaussian "
            f"fitted three ways: the forward fit (dashed) spans both peaks with σ = "
            f"{fixed(forward.sigma, 4)}; {reverse}."
        )
        return html, alt


def forward_reverse_widget(separation: float = 4.0) -> LessonWidget:
    """A slider for the distance between the two peaks of ``p``; both fits follow.

    Examples
    --------
    >>> forward_reverse_widget(6.0).controls[0].value
    6.0
    """
    control = slider("separation", separation, 0.0, 8.0, 0.5, ".1f")
    # fit every value of the slider now, once per session (about 1.5 s for the 17), so that
    # dragging it never waits for a fit
    for k in range(round((control.max - control.min) / control.step) + 1):
        _cached_readout(control.min + k * control.step)
    return LessonWidget("Forward and reverse KL on two peaks", [control], ForwardReverseScene())


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
