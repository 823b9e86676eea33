"""Figure builders for densities: two densities with the KL integrand, and Gaussian fits.

Each builder takes the axes first and the data to draw (densities sampled on a grid), and
computes no measure itself. P is solid, Q dashed, the integrand shaded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.typing import LegendLocType

from kltools.continuous import gaussian_pdf
from kltools.course.style import KL_COLOR, P_COLOR, Q_COLOR

__all__ = ["INTEGRAND_STYLE", "plot_density_kl", "plot_gaussian_fits"]

INTEGRAND_STYLE = "-."  # the integrand's curve, dash-dot: P's is solid and Q's dashed


def plot_density_kl(
    ax: Axes,
    x: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    integrand: np.ndarray,
    *,
    p_label: str = "P",
    q_label: str = "Q",
    unit: str = "nats",
    xlim: tuple[float, float] = (-7.0, 7.0),
    title: str | None = None,
    legend: bool | LegendLocType = True,
) -> Axes:
    """Draw two densities and the KL integrand ``p log(p/q)`` shaded.

    The shaded area under the integrand is the KL divergence. Where the integrand is
    negative (there ``p < q``), the fill is hatched, so the part that is
    subtracted stands out. The three curves differ in line style as well as colour: P
    solid, Q dashed, the integrand dash-dot.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    x : array_like
        The grid.
    p, q : array_like
        The densities on the grid: P solid, Q dashed.
    integrand : array_like
        ``p log(p/q)`` on the grid, in ``unit`` per unit of x: dash-dot.
    p_label, q_label : str
        Legend labels of the densities.
    unit : str
        Unit of the integrand's area.
    xlim : (float, float)
        The part of the grid to show.
    title : str, optional
        Axes title.
    legend : bool or str
        Draw a legend (``True``: upper right; a string: that ``loc``) or not (``False``).

    Returns
    -------
    Axes
        ``ax``, with both densities and the integrand between them.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> x = np.linspace(-5, 5, 101)
    >>> p = np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)
    >>> q = np.exp(-((x + 1) ** 2) / 2) / np.sqrt(2 * np.pi)
    >>> ax = plot_density_kl(Figure().add_subplot(), x, p, q, p * np.log(p / q))
    >>> len(ax.lines), len(ax.collections)
    (4, 2)
    >>> [line.get_linestyle() for line in ax.lines[:3]]
    ['-', '--', '-.']
    """
    x = np.asarray(x, dtype=float)
    integrand = np.asarray(integrand, dtype=float)
    ax.plot(x, p, color=P_COLOR, lw=2, label=p_label)
    ax.plot(x, q, color=Q_COLOR, lw=2, ls="--", label=q_label)
    ax.fill_between(
        x,
        integrand,
        where=integrand >= 0,
        interpolate=True,
        color=KL_COLOR,
        alpha=0.35,
        lw=0,
    )
    ax.fill_between(
        x,
        integrand,
        where=integrand < 0,
        interpolate=True,
        facecolor="none",
        edgecolor=KL_COLOR,
        hatch="////",
        lw=0,
    )
    log = {"nats": "ln", "bits": "log₂"}.get(unit, "log")
    ax.plot(
        x, integrand, color=KL_COLOR, lw=1.8, ls=INTEGRAND_STYLE, label=f"p·{log}(p/q) ({unit})"
    )
    ax.axhline(0.0, color="black", lw=0.8)
    ax.set_xlim(*xlim)
    ax.set_xlabel("x")
    ax.set_ylabel("density; integrand")
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper right" if legend is True else legend, fontsize=10)
    return ax


def plot_gaussian_fits(
    ax: Axes,
    x: np.ndarray,
    p: np.ndarray,
    fits: Sequence[tuple[float, float, str, str] | tuple[float, float, str, str, str]],
    *,
    p_label: str = "p",
    xlim: tuple[float, float] | None = None,
    title: str | None = None,
    legend_loc: LegendLocType | None = "upper right",
) -> Axes:
    """Draw a density ``p`` (filled) and Gaussian fits to it (one line style each).

    Parameters
    ----------
    ax : Axes
        Where to draw.
    x : array_like
        The grid on which ``p`` is sampled and the fits are drawn.
    p : array_like
        The density on the grid.
    fits : sequence of (mu, sigma, label, linestyle) or (mu, sigma, label, linestyle, color)
        One Gaussian ``N(mu, sigma**2)`` per entry, drawn with the given line style (e.g.
        ``"--"`` for a forward fit, ``"-"`` for a reverse fit), in Q's colour unless the entry
        names a colour (a darker red, say, with its own line style); the mean is marked by a
        short tick on the x axis.
    p_label : str
        Legend label of ``p``.
    xlim : (float, float), optional
        The part of the grid to show; all of it by default.
    title : str, optional
        Axes title.
    legend_loc : str or None
        Where the legend goes (a matplotlib ``loc``); ``None`` draws no legend, e.g. for one
        legend shared by several panels (``fig.legend(*ax.get_legend_handles_labels())``).

    Returns
    -------
    Axes
        ``ax``, with ``p`` and one line per fit.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> x = np.linspace(-6, 6, 241)
    >>> p = np.exp(-((x - 2) ** 2) / 0.5) / np.sqrt(0.5 * np.pi)
    >>> ax = Figure().add_subplot()
    >>> ax = plot_gaussian_fits(ax, x, p, [(2.0, 0.5, "q", "-"), (0.0, 2.0, "wide q", "--")])
    >>> len(ax.lines), [t.get_text() for t in ax.get_legend().get_texts()]
    (5, ['p', 'q', 'wide q'])
    >>> ax = plot_gaussian_fits(ax, x, p, [(0.0, 1.0, "dark q", ":", "darkred")])
    >>> ax.get_legend().get_lines()[-1].get_color()
    'darkred'
    """
    x = np.asarray(x, dtype=float)
    p = np.asarray(p, dtype=float)
    ax.fill_between(x, p, color=P_COLOR, alpha=0.2, lw=0)
    ax.plot(x, p, color=P_COLOR, lw=2.2, label=p_label)
    for mu, sigma, label, style, *rest in fits:
        color = rest[0] if rest else Q_COLOR
        q = gaussian_pdf(x, mu, sigma)
        ax.plot(x, q, color=color, lw=2, ls=style, label=label)
        ax.plot([mu], [0.0], marker="|", color=color, ms=14, mew=2, clip_on=False)
    ax.set_xlim(*(xlim if xlim is not None else (float(x[0]), float(x[-1]))))
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("x")
    ax.set_ylabel("density (per unit of x)")
    if title:
        ax.set_title(title)
    if legend_loc is not None:
        ax.legend(loc=legend_loc, fontsize=10)
    return ax
