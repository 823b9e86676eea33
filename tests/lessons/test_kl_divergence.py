"""Lesson 06 widgets: the dice and Gaussian KL widgets redraw with the right numbers."""

import html
import itertools
import math
import re
import warnings

import numpy as np
import pytest
from scipy import integrate, optimize
from scipy.stats import norm

from kltools import kl_divergence
from kltools.continuous import density_kl, gaussian_kl, gaussian_pdf
from kltools.lessons.kl_divergence import (
    EXERCISES,
    OFF_SCALE,
    KLDiceScene,
    KLGaussScene,
    kl_dice_readout,
    kl_dice_widget,
    kl_gauss_readout,
    kl_gauss_widget,
    loaded_die,
)

FAIR = np.full(6, 1 / 6)
LN2 = math.log(2.0)


def _bits(value: float) -> str:
    return f"<b>{value:.4f} bits</b>"


def _nats(value: float) -> str:
    return f"<b>{value:.4f} nats</b>"


def _bold(value: float) -> str:
    """A readout table's bold cell, e.g. the Gaussian widget's area in nats or bits."""
    return f"<b>{value:.4f}</b>"


def test_loaded_die_is_a_distribution():
    q = loaded_die(0.37)
    assert q.shape == (6,)
    assert q.sum() == pytest.approx(1.0)
    assert q[0] == pytest.approx(0.37)
    with pytest.raises(ValueError):
        loaded_die(1.2)


def test_dice_readout_matches_kltools_and_the_lesson_numbers():
    r = kl_dice_readout(0.5)
    q = np.array([0.5] + [0.1] * 5)
    assert r.kl_bits == pytest.approx(float(kl_divergence(FAIR, q)))
    assert r.kl_nats == pytest.approx(float(kl_divergence(FAIR, q, base=np.e)))
    assert round(r.kl_bits, 4) == 0.35
    assert r.terms.sum() == pytest.approx(r.kl_bits)
    assert r.terms[0] < 0 < r.terms[1]
    assert r.positive_bits + r.negative_bits == pytest.approx(r.kl_bits)
    back = kl_dice_readout(0.5, "reverse")
    assert back.kl_bits == pytest.approx(float(kl_divergence(q, FAIR)))
    assert back.kl_bits != pytest.approx(r.kl_bits)


def test_dice_readout_is_zero_for_the_fair_die_and_rejects_a_bad_direction():
    assert kl_dice_readout(1 / 6).kl_bits == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError):
        kl_dice_readout(0.5, "sideways")


def test_dice_render_shows_both_units():
    html, fig, alt = KLDiceScene().render(0.5)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "D(P‖Q) = <b>0.3500 bits</b>" in html and "= <b>0.2426 nats</b>" in html
    assert len(fig.axes) == 2


def test_dice_widget_redraws_with_the_new_numbers():
    w = kl_dice_widget()
    slider, toggle = w.controls
    images = [w.png]
    assert w.redraws == 1
    for step, q1 in enumerate((0.3, 0.8), start=2):
        slider.value = q1
        want = float(kl_divergence(FAIR, loaded_die(q1)))
        assert _bits(want) in w.readout.value
        assert w.png != images[-1]
        images.append(w.png)
        assert w.redraws == step
    toggle.value = "reverse"
    want = float(kl_divergence(loaded_die(0.8), FAIR))
    assert f"D(Q‖P) = {_bits(want)}" in w.readout.value
    assert w.png != images[-1]
    assert w.redraws == 4


def test_gauss_readout_matches_the_closed_form_and_the_missing_dx():
    r = kl_gauss_readout(-2.0, 1.0)
    assert r.exact_nats == pytest.approx(2.0)
    assert r.exact_bits == pytest.approx(2.0 / np.log(2.0))
    assert r.area_nats == pytest.approx(r.exact_nats, rel=1e-6)
    assert r.area_bits == pytest.approx(r.exact_bits, rel=1e-6)
    assert r.dx == pytest.approx(20 / 199)
    assert r.sum_without_dx == pytest.approx(2.0 * 199 / 20, rel=1e-6)
    assert round(r.sum_without_dx, 1) == 19.9
    assert r.positive_nats > r.exact_nats > 0 > r.negative_nats
    assert r.crossings == pytest.approx([-1.0])


@pytest.mark.parametrize(
    ("mu", "sigma"), [(-3.0, 0.5), (-1.3, 2.4), (0.0, 1.0), (0.7, 0.8), (3.0, 3.0)]
)
def test_gauss_readout_agrees_with_kltools_across_the_sliders(mu, sigma):
    r = kl_gauss_readout(mu, sigma)
    x = r.x
    p, q = gaussian_pdf(x, 0.0, 1.0), gaussian_pdf(x, mu, sigma)
    assert r.area_nats == pytest.approx(density_kl(p, q, x, base=np.e))
    assert r.area_nats == pytest.approx(
        gaussian_kl(0.0, 1.0, mu, sigma, base=np.e), rel=1e-5, abs=1e-9
    )
    assert r.area_nats >= 0
    for c in r.crossings:
        assert gaussian_pdf(c, 0.0, 1.0) == pytest.approx(gaussian_pdf(c, mu, sigma))


def test_gauss_render_explains_the_grid_step():
    html, _, _ = KLGaussScene().render(-2.0, 1.0)
    assert _bold(2.0) in html and _bold(2.0 / np.log(2.0)) in html
    assert "Δx = 0.1005" in html and "19.90" in html and "9.95 times" in html
    assert "q &gt; p: x &lt; -1.00" in html


def test_gauss_render_at_p_equal_q_prints_plain_zeros():
    html, _, _ = KLGaussScene().render(0.0, 1.0)
    assert "+0.0000" not in html and "-0.0000" not in html
    assert "the sum without Δx would be 0.00</p>" in html and "times" not in html


def test_dice_table_names_the_term_of_each_direction_and_its_unit():
    forward = KLDiceScene().render(0.5)[0]
    reverse = KLDiceScene().render(0.5, "reverse")[0]
    assert "P·log₂(P/Q), bits" in forward and "Q·log₂" not in forward
    assert "Q·log₂(Q/P), bits" in reverse and "P·log₂" not in reverse
    assert ">total, bits<" in forward and ">sum<" not in forward


def test_gauss_widget_redraws_with_the_new_numbers():
    w = kl_gauss_widget()
    mu_slider, sigma_slider = w.controls
    assert (mu_slider.value, mu_slider.min, mu_slider.max, mu_slider.step) == (-2.0, -3.0, 3.0, 0.1)
    images = [w.png]
    for step, mu in enumerate((1.0, -0.5), start=2):
        mu_slider.value = mu
        want = gaussian_kl(0.0, 1.0, mu, 1.0, base=np.e)
        assert _bold(want) in w.readout.value
        assert w.png != images[-1]
        images.append(w.png)
        assert w.redraws == step
    sigma_slider.value = 2.0
    want = gaussian_kl(0.0, 1.0, -0.5, 2.0, base=2)
    assert _bold(want) in w.readout.value
    assert w.png != images[-1]
    assert w.redraws == 4


def test_exercises_accept_their_answers():
    assert EXERCISES.evaluate("06.1", 0.0292).correct
    assert EXERCISES.evaluate("06.2", 0.0202).correct
    assert not EXERCISES.evaluate("06.1", 0.0202).correct
    assert EXERCISES.evaluate("06.3", [0.7370, 0.5310]).correct
    assert not EXERCISES.evaluate("06.3", [0.5310, 0.7370]).correct
    assert EXERCISES.evaluate("06.4", np.log(2.0) - 0.25).correct
    assert EXERCISES.evaluate("06.5", False).correct
    assert EXERCISES.evaluate("06.5", ...).status == "unanswered"


# --- every widget over its whole range, against independent computations -----------------------

DECIMAL = re.compile(r"[+-]?\d+\.\d+")


def _decimals(text: str) -> list[str]:
    """Every number with a decimal point in a readout or an alt text, tags and entities gone."""
    return DECIMAL.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def _shows(printed: str, value: float) -> bool:
    """Whether ``printed`` is ``value`` right to the digits it shows.

    Equal to ``value`` formatted the same way, or, where ``value`` sits on a rounding boundary
    (within 1e-9 of it), within half a unit of the last digit.
    """
    digits = len(printed.split(".")[1])
    want = f"{value:+.{digits}f}" if printed[0] in "+-" else f"{value:.{digits}f}"
    want = want.replace(
        "-0." + "0" * digits, ("+" if printed[0] == "+" else "") + "0." + "0" * digits
    )
    return printed == want or abs(float(printed) - value) <= 0.5 * 10.0**-digits + 1e-9


def _assert_shows(printed: list[str], values: list[float]) -> None:
    assert len(printed) == len(values), (printed, values)
    wrong = [(p, v) for p, v in zip(printed, values, strict=True) if not _shows(p, v)]
    assert wrong == [], f"printed, true value: {wrong}"


def _dice_numbers(q1: float, direction: str) -> tuple[list[float], list[float]]:
    """The readout's numbers and the alt text's, with math.log2 alone.

    The readout's table has a column for face 1 and one for faces 2 to 6 (alike): Q, the term
    (each), and the sum of the column's terms; then the divergence in bits and in nats.
    """
    p = [1 / 6] * 6
    q = [q1] + [(1 - q1) / 5] * 5
    first, second = (p, q) if direction == "forward" else (q, p)
    terms = [a * math.log2(a / b) for a, b in zip(first, second, strict=True)]
    kl = math.fsum(terms)
    rest = math.fsum(terms[1:])
    readout = [q[0], q[1], terms[0], terms[1], terms[0], rest, kl, kl * math.log(2)]
    return readout, [q1, kl]


DICE_SWEEP = [0.01, 0.02, 0.05, 0.1, 0.15, 0.17, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]


@pytest.mark.sweep
def test_dice_widget_sweep_shows_the_right_numbers_everywhere():
    w = kl_dice_widget()
    slider, toggle = w.controls
    assert (slider.min, slider.max) == (0.01, 0.95)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for direction in ("forward", "reverse"):
            toggle.value = direction
            for q1 in DICE_SWEEP:
                slider.value = q1
                readout, alt = _dice_numbers(q1, direction)
                _assert_shows(_decimals(w.readout.value), readout)
                # face 1's term and the others' have opposite signs (or are all 0)
                assert readout[4] * readout[5] <= 0, (q1, direction)
                assert w.readout.value.count(" each<") == 2
                _assert_shows(_decimals(w.alt), alt)


def _normal_logpdf(x: float, mu: float, sigma: float) -> float:
    return -0.5 * ((x - mu) / sigma) ** 2 - math.log(sigma * math.sqrt(2 * math.pi))


def _gauss_numbers(mu: float, sigma: float) -> list[float]:
    """The readout's numbers: closed form, scipy's quad for the parts, brentq for the crossings."""

    def log_ratio(x: float) -> float:  # ln p − ln q
        return _normal_logpdf(x, 0.0, 1.0) - _normal_logpdf(x, mu, sigma)

    exact = math.log(sigma) + (1 + mu * mu) / (2 * sigma * sigma) - 0.5
    xs = np.linspace(-40.0, 40.0, 8001) + math.pi / 1000  # no grid point on a crossing
    signs = np.sign([log_ratio(v) for v in xs])
    crossings = [
        optimize.brentq(log_ratio, xs[i], xs[i + 1], xtol=1e-14)
        for i in np.flatnonzero(signs[:-1] * signs[1:] < 0)
    ]
    edges = [-np.inf, *crossings, np.inf]
    positive = negative = 0.0
    below = []
    for lo, hi in itertools.pairwise(edges):
        area = integrate.quad(
            lambda v: math.exp(_normal_logpdf(v, 0, 1)) * log_ratio(v), lo, hi, epsabs=1e-12
        )[0]
        if area < 0:
            negative += area
            below += [v for v in (lo, hi) if np.isfinite(v)]
        else:
            positive += area
    dx = 20 / 199
    return [
        exact,
        exact / math.log(2),
        exact,
        exact / math.log(2),
        positive,
        negative,
        *below,
        dx,
        exact / dx,
        *([1 / dx] if round(exact / dx, 2) != 0 else []),  # "times too much" only if not 0
    ]


GRID = np.linspace(-10.0, 10.0, 200)


def _grid_peak(mu: float, sigma: float) -> tuple[float, float]:
    """The drawn integrand's highest point on the widget's grid, ``(x, height)``, by scipy."""
    f = norm.pdf(GRID) * (norm.logpdf(GRID) - norm.logpdf(GRID, mu, sigma))
    i = int(np.argmax(f))
    return float(GRID[i]), float(f[i])


GAUSS_SWEEP = [(mu, 1.0) for mu in np.round(np.linspace(-3, 3, 13), 1)]
GAUSS_SWEEP += [(-2.0, s) for s in (0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.3, 1.6, 2.0, 2.4, 2.8, 3.0)]
GAUSS_SWEEP += [(-3.0, 0.5), (3.0, 3.0), (0.0, 3.0), (0.0, 0.5), (1.7, 2.3), (0.0, 1.0)]


@pytest.mark.sweep
def test_gauss_widget_sweep_shows_the_right_numbers_everywhere():
    w = kl_gauss_widget()
    mu_slider, sigma_slider = w.controls
    assert (mu_slider.min, mu_slider.max, sigma_slider.min, sigma_slider.max) == (-3, 3, 0.5, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for mu, sigma in GAUSS_SWEEP:
            mu_slider.value, sigma_slider.value = float(mu), float(sigma)
            assert (mu_slider.value, sigma_slider.value) == (mu, sigma)
            numbers = _gauss_numbers(mu, sigma)
            _assert_shows(_decimals(w.readout.value), numbers)
            if mu == 0 and sigma == 1:
                assert "nowhere (P = Q)" in w.readout.value
            area = numbers[0]
            height = _grid_peak(mu, sigma)[1]
            above = [height] if height > w.fig.axes[0].get_ylim()[1] else []
            _assert_shows(_decimals(w.alt), [mu, sigma, area, *above])
            title = w.fig.axes[0].get_title()
            _assert_shows(_decimals(title), [area, area / math.log(2)])


@pytest.mark.sweep
@pytest.mark.parametrize("sigma", np.round(np.linspace(0.5, 3.0, 26), 1))
def test_gauss_readout_is_right_at_every_slider_setting(sigma):
    """Every (μ, σ) the sliders reach: the grid area and the exact parts, to 4 decimals."""
    for mu in np.round(np.linspace(-3.0, 3.0, 61), 1):
        r = kl_gauss_readout(mu, sigma)
        exact = math.log(sigma) + (1 + mu * mu) / (2 * sigma * sigma) - 0.5
        assert _shows(f"{r.area_nats:.4f}", exact) and _shows(f"{r.area_bits:.4f}", exact / LN2)
        assert r.positive_nats + r.negative_nats == pytest.approx(exact, abs=1e-12)
    for mu in np.round(np.linspace(-3.0, 3.0, 7), 1):
        r = kl_gauss_readout(mu, sigma)
        numbers = _gauss_numbers(mu, sigma)
        assert _shows(f"{r.positive_nats:+.4f}", numbers[4])
        assert _shows(f"{r.negative_nats:+.4f}", numbers[5])


def test_gauss_parts_differ_from_the_grid_in_the_fourth_decimal():
    """Why the parts are exact: the grid's rectangles straddle the crossing at x = -1."""
    r = kl_gauss_readout(-2.0, 1.0)
    grid_negative = r.integrand[r.integrand < 0].sum() * r.dx
    assert f"{r.negative_nats:.4f}" == "-0.1666" != f"{grid_negative:.4f}"


def _inside(inner, outer) -> bool:
    return (
        inner.x0 >= outer.x0 - 0.5
        and inner.x1 <= outer.x1 + 0.5
        and inner.y0 >= outer.y0 - 0.5
        and inner.y1 <= outer.y1 + 0.5
    )


@pytest.mark.sweep
def test_dice_figure_keeps_every_bar_and_value_inside_its_fixed_panels():
    scene = KLDiceScene()
    dice, terms = scene.fig.axes
    limits = (dice.get_xlim(), dice.get_ylim(), terms.get_xlim(), terms.get_ylim())
    renderer = scene.canvas.get_renderer()
    for direction in ("forward", "reverse"):
        for q1 in DICE_SWEEP:
            _, fig, _ = scene.render(q1, direction)
            r = kl_dice_readout(q1, direction)
            assert (dice.get_xlim(), dice.get_ylim(), terms.get_xlim(), terms.get_ylim()) == limits
            assert r.q.max() < dice.get_ylim()[1]
            assert terms.get_ylim()[0] < r.terms.min() <= r.terms.max() < terms.get_ylim()[1]
            texts = [t.get_text() for t in terms.texts]
            assert texts == [f"{r.terms[0]:+.3f}", f"{r.terms[1]:+.3f} each"], (q1, direction)
            for text in terms.texts:
                assert _inside(text.get_window_extent(renderer), terms.bbox), (q1, text)
            assert _inside(terms.title.get_window_extent(renderer), fig.bbox), (q1, direction)


@pytest.mark.sweep
def test_gauss_figure_holds_every_slider_setting_inside_its_fixed_axes():
    scene = KLGaussScene()
    (ax,) = scene.fig.axes
    (low, high), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    assert (low, high) == (-10.0, 10.0)  # the whole grid: the widest Q is not cut off
    for mu in np.round(np.linspace(-3.0, 3.0, 61), 1):
        for sigma in np.round(np.linspace(0.5, 3.0, 26), 1):
            r = kl_gauss_readout(mu, sigma)
            # the densities always fit, and so does the integrand's dip; its peak may not
            assert bottom < r.integrand.min() and max(r.p.max(), r.q.max()) < top
            if sigma == 1.0:  # the lesson's family, μ²/2 nats: never cut off
                assert r.integrand.max() < top
    # the default setting fills a good part of the height: P's peak and the integrand's
    r = kl_gauss_readout(-2.0, 1.0)
    assert r.p.max() / (top - bottom) > 0.15 and r.integrand.max() / top > 0.45
    _, fig, _ = scene.render(-3.0, 0.5)
    renderer = scene.canvas.get_renderer()
    assert _inside(ax.title.get_window_extent(renderer), fig.bbox)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "P = N(0, 1)",
        "Q = N(μ, σ²)",
        "p·ln(p/q) (nats)",
    ]
    # the integrand's curve is not solid like P's, in the figure and in the legend alike
    (curve,) = [line for line in ax.lines if str(line.get_label()).startswith("p·ln(p/q)")]
    handle = ax.get_legend().legend_handles[2]
    assert curve.get_linestyle() == handle.get_linestyle() == "-."


SLIDER_SETTINGS = [
    (mu, sigma)
    for mu in np.round(np.linspace(-3.0, 3.0, 61), 1)
    for sigma in np.round(np.linspace(0.5, 3.0, 26), 1)
]


def _off_scale_sweep(top: float) -> list[tuple[float, float]]:
    """Settings to draw: the ten peaks nearest the top on each side, the ends, a coarse grid."""
    peaks = {setting: _grid_peak(*setting)[1] for setting in SLIDER_SETTINGS}
    over = sorted((s for s in peaks if peaks[s] > top), key=lambda s: peaks[s])
    under = sorted((s for s in peaks if peaks[s] <= top), key=lambda s: -peaks[s])
    coarse = [(mu, sigma) for mu in (-3.0, -1.5, 0.0, 1.5, 3.0) for sigma in (0.5, 1.0, 2.0, 3.0)]
    return sorted({*over[:10], *under[:10], *over[-2:], (-2.0, 1.0), (-2.0, 0.5), *coarse})


@pytest.mark.sweep
def test_gauss_figure_marks_a_peak_above_the_top_exactly_when_there_is_one():
    """The arrow and the height, where the integrand is cut at the top; nothing elsewhere."""
    scene = KLGaussScene()
    (ax,) = scene.fig.axes
    top = ax.get_ylim()[1]
    renderer = scene.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    settings = _off_scale_sweep(top)
    cut = 0
    for mu, sigma in settings:
        _, _, alt = scene.render(mu, sigma)
        x_peak, height = _grid_peak(mu, sigma)
        marks = [a for a in ax.get_children() if a.get_gid() == OFF_SCALE]
        assert [a.get_visible() for a in marks] == [True] * len(marks)
        if height <= top:
            assert marks == [] and "above the top" not in alt, (mu, sigma)
            continue
        cut += 1
        (arrow,) = [a for a in marks if a in ax.lines]
        (label,) = [a for a in marks if a in ax.texts]
        assert arrow.get_xdata() == [pytest.approx(x_peak)] and arrow.get_marker() == "^"
        _assert_shows(_decimals(label.get_text()), [height])
        assert label.get_text() == f"{height:.2f} nats" and label.get_fontsize() >= 10
        assert f"Its peak, {height:.2f} nats per unit of x, is above the top" in alt
        boxes = [a.get_window_extent(renderer) for a in (arrow, label)]
        for box in boxes:
            assert _inside(box, ax.bbox), (mu, sigma)
            assert not box.overlaps(legend), (mu, sigma)
            assert not box.overlaps(ax.title.get_window_extent(renderer)), (mu, sigma)
        assert not boxes[0].overlaps(boxes[1]), (mu, sigma)
        # the label sits right of where the drawn curve comes back under the top, or, for a
        # peak right of 0 (the legend's side), left of where it rises above it
        f = norm.pdf(GRID) * (norm.logpdf(GRID) - norm.logpdf(GRID, mu, sigma))
        if x_peak > 0:
            rise = GRID[(GRID < x_peak) & (f <= top)][-1]
            assert boxes[1].x1 < ax.transData.transform((rise, top))[0], (mu, sigma)
        else:
            back = GRID[(GRID > x_peak) & (f <= top)][0]
            assert boxes[1].x0 > ax.transData.transform((back, top))[0], (mu, sigma)
    assert 10 <= cut < len(settings) - 10
