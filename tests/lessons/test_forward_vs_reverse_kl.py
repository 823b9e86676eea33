"""Lesson 08: one Gaussian fitted to two peaks, forward and reverse; every printed number is right.

The numbers are checked against independent computations: SciPy's quad over the whole line for
the divergences, the normal CDF of scipy.stats for the masses, brentq for the crossings, and, for
the reverse fits, the stationarity of the quad-integrated objective (a Newton step from the fit,
with the gradient integrated by quad and its Hessian by differences, must not move it).
"""

import html
import math
import re
import warnings

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch
from scipy import integrate, optimize, stats

from kltools.continuous import mixture_pdf
from kltools.course.images import figure_png
from kltools.lessons.forward_vs_reverse_kl import (
    EXERCISES,
    FIT_GRID,
    SHORT_LABELS,
    ForwardReverseScene,
    best_reverse_sigma,
    fit_grid,
    forward_reverse_fits,
    forward_reverse_readout,
    forward_reverse_widget,
    negative_part,
    normal_mass,
    objectives,
    reverse_kl,
    two_peaks,
)

LN2 = math.log(2.0)
S = 0.5  # the spread of each peak
LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


# --- independent computations ------------------------------------------------------------------


def _log_normal(x: float, mu: float, sigma: float) -> float:
    return -0.5 * ((x - mu) / sigma) ** 2 - math.log(sigma) - LOG_SQRT_2PI


def _log_p(x: float, d: float) -> float:
    """ln p for p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²), as a log-sum-exp of its two peaks."""
    return float(np.logaddexp(_log_normal(x, -d / 2, S), _log_normal(x, d / 2, S))) - LN2


def _score(x: float, d: float) -> float:
    """(ln p)'(x): each peak's slope of ln N, weighted by its share of p at x."""
    right = 1.0 / (1.0 + math.exp(min(700.0, _log_normal(x, -d / 2, S) - _log_normal(x, d / 2, S))))
    return ((1.0 - right) * -(x + d / 2) + right * -(x - d / 2)) / (S * S)


def _quad(f, low: float, high: float, points: list[float]) -> float:
    inside = sorted({v for v in points if low < v < high})
    return integrate.quad(f, low, high, points=inside or None, limit=500, epsabs=1e-12)[0]


def _forward(d: float, mu: float, sigma: float) -> float:
    """D(p‖q) in nats, by quad over the whole of p (12 units past each peak)."""

    def f(x: float) -> float:
        log_p = _log_p(x, d)
        return math.exp(log_p) * (log_p - _log_normal(x, mu, sigma))

    return _quad(f, -d / 2 - 12, d / 2 + 12, [-d / 2, 0.0, d / 2])


def _expect_q(f, d: float, mu: float, sigma: float) -> float:
    """E_q[f(X)] for q = N(mu, sigma²), by quad over mu ± 40 sigma."""
    return _quad(
        lambda x: math.exp(_log_normal(x, mu, sigma)) * f(x),
        mu - 40 * sigma,
        mu + 40 * sigma,
        [-d / 2, 0.0, d / 2, mu],
    )


def _reverse(d: float, mu: float, sigma: float) -> float:
    """D(q‖p) in nats, by quad over the whole of q."""
    return _expect_q(lambda x: _log_normal(x, mu, sigma) - _log_p(x, d), d, mu, sigma)


def _gradient(d: float, mu: float, sigma: float) -> np.ndarray:
    """∂/∂(mu, sigma) of D(q‖p) = −H(q) − E_q[ln p], each expectation by quad."""
    d_mu = -_expect_q(lambda x: _score(x, d), d, mu, sigma)
    d_sigma = -1 / sigma - _expect_q(lambda x: (x - mu) / sigma * _score(x, d), d, mu, sigma)
    return np.array([d_mu, d_sigma])


def _true_reverse_fit(d: float, mu: float, sigma: float) -> tuple[float, float]:
    """The minimiser of the quad-integrated D(q‖p) next to (mu, sigma): one Newton step."""
    h = 1e-4
    g = _gradient(d, mu, sigma)
    hessian = np.column_stack(
        [
            (_gradient(d, mu + h, sigma) - _gradient(d, mu - h, sigma)) / (2 * h),
            (_gradient(d, mu, sigma + h) - _gradient(d, mu, sigma - h)) / (2 * h),
        ]
    )
    hessian = (hessian + hessian.T) / 2
    assert np.all(np.linalg.eigvalsh(hessian) > 0), "not a minimum"
    step = -np.linalg.solve(hessian, g)
    assert np.max(np.abs(step)) < 1e-6, step
    return mu + float(step[0]), sigma + float(step[1])


def _shows(printed: str, value: float) -> bool:
    """Whether ``printed`` is ``value`` right to the digits it shows (half a unit of the last
    digit, plus 1e-9 for a value that sits on a rounding boundary)."""
    digits = len(printed.split(".")[1])
    return abs(float(printed) - value) <= 0.5 * 10.0**-digits + 1e-9


def _assert_shows(printed: list[str], values: list[float]) -> None:
    assert len(printed) == len(values), (printed, values)
    wrong = [(p, v) for p, v in zip(printed, values, strict=True) if not _shows(p, v)]
    assert wrong == [], f"printed, true value: {wrong}"


DECIMAL = re.compile(r"[+-]?\d+\.\d+")


def _decimals(text: str) -> list[str]:
    """The decimals a reader sees in ``text``: not those of a style sheet, nor of the tags."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    return DECIMAL.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)))


# --- the lesson's numbers ------------------------------------------------------------------------


def test_two_peaks_is_the_lesson_mixture():
    x = FIT_GRID
    p = two_peaks(4.0)
    assert p == pytest.approx(mixture_pdf(x, [0.5, 0.5], [-2, 2], [0.5, 0.5]), rel=1e-12)
    assert p.sum() * (x[1] - x[0]) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        two_peaks(-1.0)


def test_fit_grid_widens_with_the_separation():
    assert np.array_equal(fit_grid(0.0), FIT_GRID) and np.array_equal(fit_grid(4.0), FIT_GRID)
    wide = fit_grid(8.0)
    assert (wide[0], wide[-1]) == (-36.0, 36.0)
    assert wide[1] - wide[0] == pytest.approx(0.008)


@pytest.mark.parametrize(
    ("d", "mu", "sigma"),
    [
        (0.0, 0.0, 0.5),
        (0.5, 0.1, 0.6),
        (4.0, 0.0, math.sqrt(4.25)),
        (4.0, 1.9998, 0.5004),
        (4.0, -1.0, 1.42),
        (6.0, 0.0, math.sqrt(9.25)),  # the grid over [-12, 12] said 5.7445
        (8.0, 0.0, math.sqrt(16.25)),  # the grid over [-12, 12] said 10.6655
        (8.0, 3.0, 0.3),
        (2.5, 3.5, 3.5),
    ],
)
def test_objectives_are_the_integrals_over_the_whole_line(d, mu, sigma):
    fit = objectives(d, mu, sigma)
    assert fit.forward_nats == pytest.approx(_forward(d, mu, sigma), abs=1e-9)
    assert fit.reverse_nats == pytest.approx(_reverse(d, mu, sigma), abs=1e-9)
    assert fit.forward_bits == pytest.approx(fit.forward_nats / LN2)
    assert fit.reverse_bits == pytest.approx(fit.reverse_nats / LN2)


def test_the_issue_numbers_are_now_right():
    assert f"{objectives(6.0, 0.0, math.sqrt(9.25)).reverse_nats:.4f}" == "5.7586"
    assert f"{objectives(8.0, 0.0, math.sqrt(16.25)).reverse_nats:.4f}" == "11.1389"


def test_reverse_kl_takes_an_array_of_means():
    mus = np.array([-2.0, 0.0, 1.5])
    assert reverse_kl(4.0, mus, 0.8) == pytest.approx([_reverse(4.0, m, 0.8) for m in mus])


@pytest.mark.parametrize("mu", [-2.0, -1.0, 0.0, 1.0, 2.0])
def test_best_reverse_sigma_is_the_best_over_sigma(mu):
    sigma, lowest = best_reverse_sigma(4.0, mu)
    best = optimize.minimize_scalar(
        lambda v: _reverse(4.0, mu, math.exp(v)),
        bracket=(math.log(sigma) - 0.05, math.log(sigma), math.log(sigma) + 0.05),
        tol=1e-10,
    )
    assert _shows(f"{sigma:.4f}", math.exp(best.x)) and _shows(f"{lowest:.4f}", best.fun)
    for other in np.geomspace(0.2, 6.0, 25):  # and no other width does better
        assert _reverse(4.0, mu, other) >= best.fun - 1e-9


def _crossings(d: float, mu: float, sigma: float, low: float, high: float) -> list[float]:
    def gap(x: float) -> float:
        return _log_p(x, d) - _log_normal(x, mu, sigma)

    xs = np.linspace(low, high, 48001) + 1e-4 * math.pi  # no grid point on a crossing
    signs = np.sign([gap(v) for v in xs])
    return [
        optimize.brentq(gap, xs[i], xs[i + 1], xtol=1e-14)
        for i in np.flatnonzero(signs[:-1] * signs[1:] < 0)
    ]


@pytest.mark.parametrize(
    ("mu", "sigma", "direction"), [(1.9998, 0.5004, "forward"), (0.0, math.sqrt(4.25), "reverse")]
)
def test_negative_part_finds_the_crossings_and_the_area(mu, sigma, direction):
    text, area = negative_part(4.0, mu, sigma, direction, -12.0, 12.0)
    ends = _crossings(4.0, mu, sigma, -12.0, 12.0)
    _assert_shows(_decimals(text), ends)

    def integrand(x: float) -> float:
        log_p, log_q = _log_p(x, 4.0), _log_normal(x, mu, sigma)
        value = (
            math.exp(log_p) * (log_p - log_q)
            if direction == "forward"
            else math.exp(log_q) * (log_q - log_p)
        )
        return min(value, 0.0)

    assert area == pytest.approx(_quad(integrand, -12.0, 12.0, ends), abs=1e-9)


def test_the_left_panel_turns_negative_just_left_of_the_middle():
    text, area = negative_part(4.0, 1.9998, 0.5004, "forward", -12.0, 12.0)
    assert (text, f"{area:.4f}") == ("x > -0.0017", "-0.3466")


def test_masses_in_the_gap_come_from_the_normal_cdf():
    def mass(mu, sigma):
        return stats.norm.cdf(1.0, mu, sigma) - stats.norm.cdf(-1.0, mu, sigma)

    for mu, sigma in [(-2.0, 0.5), (2.0, 0.5), (0.0, math.sqrt(4.25)), (1.9998, 0.5004)]:
        assert normal_mass(mu, sigma, -1.0, 1.0) == pytest.approx(mass(mu, sigma), abs=1e-15)
    p_gap = (normal_mass(-2.0, 0.5, -1.0, 1.0) + normal_mass(2.0, 0.5, -1.0, 1.0)) / 2
    assert round(p_gap, 5) == 0.02275
    assert round(normal_mass(0.0, math.sqrt(4.25), -1.0, 1.0), 5) == 0.37237


def test_readout_at_separation_4_gives_the_lesson_numbers():
    r = forward_reverse_readout(4.0)
    f, peak, middle = r.fits["forward"], r.fits["reverse_peak"], r.fits["reverse_middle"]
    assert f.mu == pytest.approx(0.0, abs=1e-9)
    assert f.sigma == pytest.approx(np.sqrt(4.25), rel=1e-9)
    assert (f"{peak.mu:.4f}", f"{peak.sigma:.4f}", f"{peak.reverse_nats:.4f}") == (
        "1.9998",
        "0.5004",
        "0.6931",
    )
    assert (f"{middle.sigma:.4f}", f"{middle.reverse_nats:.4f}") == ("1.7364", "1.8712")
    assert r.best_reverse == "reverse_peak"
    assert not r.same_reverse
    # each fit wins its own objective
    assert f.forward_nats < min(peak.forward_nats, middle.forward_nats)
    assert peak.reverse_nats < min(f.reverse_nats, middle.reverse_nats)


def test_close_peaks_give_one_reverse_fit_and_far_peaks_two():
    close = forward_reverse_readout(1.0)
    assert close.same_reverse
    labels = [label for _, _, label, *_ in forward_reverse_fits(close)]
    assert labels == ["forward fit, argmin D(p‖q)", "reverse fit, both starts"]
    far = forward_reverse_readout(6.0)
    assert not far.same_reverse
    assert len(forward_reverse_fits(far)) == 3


def test_at_separation_2_5_the_middle_start_is_the_better_one():
    r = forward_reverse_readout(2.5)
    assert r.best_reverse == "reverse_middle"
    assert r.fits["reverse_middle"].reverse_nats < r.fits["reverse_peak"].reverse_nats
    html_text, _, _ = ForwardReverseScene().render(2.5)
    assert "the reverse fit from the forward fit is lower" in html_text


def _look(line) -> tuple:
    """What a reader tells a curve by: its colour, line style, dash pattern and width."""
    return (line.get_color(), line.get_linestyle(), line._dash_pattern, line.get_linewidth())


@pytest.mark.parametrize("d", [1.0, 4.0])  # one reverse fit, two
def test_render_draws_one_panel_with_a_legend_entry_per_curve(d):
    html_text, fig, alt = ForwardReverseScene().render(d)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert ("Two local minima" in html_text) == (d == 4.0)
    assert len(fig.axes) == 1
    legend = fig.axes[0].get_legend()
    names = [t.get_text() for t in legend.get_texts()]
    assert names == ["p, two peaks", *SHORT_LABELS.values()]  # the table's names of the fits
    rows = [label for label, _ in ROW.findall(html_text)]
    assert rows == list(SHORT_LABELS.values())
    # each entry looks like its curve: p and the three fits, each drawn once with its label
    curves = {line.get_label(): line for line in fig.axes[0].lines if line.get_label() in names}
    assert sorted(curves) == sorted(names)
    p_handle, *fit_handles = legend.legend_handles
    # p is filled, and its entry is a filled patch in p's fill and line: not a line like the fits
    (fill,) = fig.axes[0].collections
    assert isinstance(p_handle, Patch)
    assert p_handle.get_facecolor() == pytest.approx(tuple(fill.get_facecolor()[0]))
    assert to_rgba(p_handle.get_edgecolor()) == to_rgba(curves[names[0]].get_color())
    assert p_handle.get_linewidth() == curves[names[0]].get_linewidth()
    for name, handle in zip(names[1:], fit_handles, strict=True):
        assert _look(handle) == _look(curves[name]), name


def test_readout_is_a_compact_table_and_the_figure_fits_a_projector():
    scene = ForwardReverseScene()
    html_text, fig, _ = scene.render(8.0)  # the longest numbers: 63.3069
    assert "bits" not in html_text  # nats only: the lesson gives bits where it needs them
    assert html_text.count("<p>") == 2 and html_text.count("<tr>") == 4
    assert "kl-fvr" in html_text and "white-space:nowrap" in scene.css  # one line per row
    assert scene.css in forward_reverse_widget().children[0].value  # given once, in the title
    assert len(ROW.findall(html_text)[1][1]) < 120
    width, height = fig.get_size_inches() * fig.dpi
    assert width <= 848 and height <= 260
    legend = fig.axes[0].get_legend()
    assert legend.get_window_extent().x1 <= width  # beside the axes, not cut off
    assert legend.get_window_extent().x0 > fig.axes[0].get_window_extent().x1


def test_the_legend_is_drawn_once_and_both_reverse_fits_always():
    scene = ForwardReverseScene()
    legend = scene.fig.axes[0].get_legend()  # made by draw, before any frame
    names = [t.get_text() for t in legend.get_texts()]
    # laid over each frame as pixels, not redrawn: it is one of draw's legends, not a live artist
    assert legend in scene._legends and legend not in scene._live
    for d in (1.0, 8.0, 0.0):  # the reverse searches agree at 1 and 0, part at 8
        html_text, fig, _ = scene.render(d)
        ax = fig.axes[0]
        assert ax.get_legend() is legend
        assert [t.get_text() for t in legend.get_texts()] == names
        fits = {
            line.get_label(): line for line in ax.lines if line.get_label() in SHORT_LABELS.values()
        }
        peak = fits[SHORT_LABELS["reverse_peak"]]
        middle = fits[SHORT_LABELS["reverse_middle"]]
        same = "Both reverse searches end at the same Gaussian." in html_text
        assert same == (d != 8.0)
        # both curves drawn, the dotted one after (on top of) the solid one; on each other
        # exactly when the readout says the searches agree
        assert ax.lines.index(middle) > ax.lines.index(peak)
        assert (peak.get_linestyle(), middle.get_linestyle()) == ("-", ":")
        assert np.allclose(peak.get_ydata(), middle.get_ydata(), atol=1e-3) == same


def test_scene_frame_depends_only_on_its_own_separation():
    scene = ForwardReverseScene()
    html_one, fig, alt_one = scene.render(1.0)  # one reverse fit, drawn twice
    png_one = figure_png(fig)
    _, fig, _ = scene.render(8.0)
    assert fig.axes[0].get_title() == "one Gaussian fitted to two peaks 8.0 apart"
    html_again, fig, alt_again = scene.render(1.0)
    assert (html_again, alt_again) == (html_one, alt_one)
    assert figure_png(fig) == png_one


# --- the widget over the whole slider ------------------------------------------------------------

ROW = re.compile(r"<tr><td>([^<]+)</td>(.*?)</tr>")


def _truth(d: float, fits: dict) -> dict:
    """For each fit: the true minimiser (closed form or Newton-checked) and its two divergences."""
    forward = (0.0, math.sqrt(S * S + d * d / 4))
    out = {"forward": forward}
    for key in ("reverse_peak", "reverse_middle"):
        out[key] = _true_reverse_fit(d, fits[key].mu, fits[key].sigma)
    return {
        key: (mu, sigma, _forward(d, mu, sigma), _reverse(d, mu, sigma))
        for key, (mu, sigma) in out.items()
    }


@pytest.mark.sweep
def test_widget_sweep_shows_the_right_numbers_everywhere():
    w = forward_reverse_widget()
    (slider,) = w.controls
    assert (slider.value, slider.min, slider.max, slider.step) == (4.0, 0.0, 8.0, 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for d in np.arange(0.0, 8.01, 0.5):
            d = float(d)
            slider.value = d
            r = forward_reverse_readout(d)
            truth = _truth(d, r.fits)
            text = w.readout.value
            rows = {label: cells for label, cells in ROW.findall(text)}
            assert len(rows) == 3
            labels = {
                "forward": "forward fit",
                "reverse_peak": "reverse, from the right peak",
                "reverse_middle": "reverse, from the forward fit",
            }
            peak, middle = truth["reverse_peak"], truth["reverse_middle"]
            for key, (mu, sigma, fwd, rev) in truth.items():
                cells = rows[labels[key]]
                _assert_shows(_decimals(cells), [mu, sigma, fwd, rev])
                bold = [i for i, c in enumerate(re.findall(r"<td>(.*?)</td>", cells)) if "<b>" in c]
                # columns μ, σ, D(p‖q), D(q‖p): each fit's own objective is bold, D(p‖q) for
                # the forward fit, D(q‖p) for both reverse searches
                assert bold == ([2] if key == "forward" else [3]), cells
            assert "bits" not in text
            head = _decimals(text.split("<table")[0])
            _assert_shows(head, [d / 2, 0.5, d / 2, 0.5])
            same = abs(peak[0] - middle[0]) < 1e-3 and abs(peak[1] - middle[1]) < 1e-3
            assert r.same_reverse == same
            note = _decimals(text.split("</table>")[1])
            if same:
                assert note == [] and "Both reverse searches end at the same Gaussian" in text
            else:
                _assert_shows(note, [abs(peak[3] - middle[3])])
                winner = "right peak" if peak[3] <= middle[3] else "forward fit"
                assert f"the reverse fit from the {winner} is lower" in text
            alt = [d, truth["forward"][1]] + ([peak[1]] if same else [peak[0], peak[1]])
            _assert_shows(_decimals(w.alt), alt)


# --- exercises -----------------------------------------------------------------------------------


def test_exercises_accept_their_answers():
    assert EXERCISES.evaluate("08.1", np.sqrt(10.0)).correct
    assert not EXERCISES.evaluate("08.1", 10.0).correct
    assert EXERCISES.evaluate("08.2", 1.0).correct
    assert not EXERCISES.evaluate("08.2", np.log(2.0)).correct
    assert EXERCISES.evaluate("08.3", "forward").correct
    assert not EXERCISES.evaluate("08.3", "reverse").correct
    assert EXERCISES.evaluate("08.4", False).correct
    assert EXERCISES.evaluate("08.4", ...).status == "unanswered"
