"""Lesson 08 widget: one Gaussian fitted to two peaks, forward and reverse, redraws right."""

import numpy as np
import pytest

from kltools.continuous import density_kl, fit_gaussian, gaussian_pdf, mixture_pdf
from kltools.lessons.forward_vs_reverse_kl import (
    EXERCISES,
    FIT_GRID,
    forward_reverse_fits,
    forward_reverse_readout,
    forward_reverse_render,
    forward_reverse_widget,
    two_peaks,
)

LN2 = np.log(2.0)


def _expected(separation: float) -> dict:
    """The three fits and their objectives, computed here with kltools.continuous alone."""
    x = FIT_GRID
    p = mixture_pdf(x, [0.5, 0.5], [-separation / 2, separation / 2], [0.5, 0.5])
    forward = fit_gaussian(p, x)
    starts = {"reverse_peak": (separation / 2, 0.5), "reverse_middle": forward}
    fits = {"forward": forward}
    fits.update({k: fit_gaussian(p, x, direction="reverse", init=v) for k, v in starts.items()})
    out = {}
    for key, (mu, sigma) in fits.items():
        q = gaussian_pdf(x, mu, sigma)
        out[key] = {
            "mu": mu,
            "sigma": sigma,
            "forward_nats": density_kl(p, q, x, base=np.e),
            "reverse_nats": density_kl(q, p, x, base=np.e),
        }
    return out


def _num(value: float, digits: int, sign: bool = False) -> str:
    spec = f"+.{digits}f" if sign else f".{digits}f"
    return format(round(float(value), digits) + 0.0, spec)


def _assert_readout_shows(html: str, separation: float) -> None:
    for key, fit in _expected(separation).items():
        assert f"<td>{_num(fit['mu'], 3, sign=True)}</td>" in html, key
        assert f"<td>{_num(fit['sigma'], 3)}</td>" in html, key
        for name in ("forward", "reverse"):
            nats = fit[f"{name}_nats"]
            assert f"{_num(nats, 4)} nats" in html, (key, name)
            assert f"{_num(nats / LN2, 4)} bits" in html, (key, name)


def test_two_peaks_is_the_lesson_mixture():
    x = FIT_GRID
    p = two_peaks(4.0)
    assert p == pytest.approx(mixture_pdf(x, [0.5, 0.5], [-2, 2], [0.5, 0.5]))
    assert p.sum() * (x[1] - x[0]) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        two_peaks(-1.0)


def test_readout_at_separation_4_gives_the_lesson_numbers():
    r = forward_reverse_readout(4.0)
    f, peak, middle = r.fits["forward"], r.fits["reverse_peak"], r.fits["reverse_middle"]
    assert f.mu == pytest.approx(0.0, abs=1e-9)
    assert f.sigma == pytest.approx(np.sqrt(4.25), rel=1e-6)
    assert peak.mu == pytest.approx(2.0, abs=1e-3)
    assert peak.sigma == pytest.approx(0.5, abs=1e-3)
    assert peak.reverse_nats == pytest.approx(np.log(2.0), abs=1e-3)
    assert peak.reverse_bits == pytest.approx(1.0, abs=1e-3)
    assert middle.mu == pytest.approx(0.0, abs=1e-6)
    assert middle.sigma == pytest.approx(1.74, abs=0.01)
    assert middle.reverse_nats == pytest.approx(1.871, abs=1e-3)
    assert r.best_reverse == "reverse_peak"
    assert not r.same_reverse
    # each fit wins its own objective
    assert f.forward_nats < min(peak.forward_nats, middle.forward_nats)
    assert peak.reverse_nats < min(f.reverse_nats, middle.reverse_nats)


@pytest.mark.parametrize("separation", [0.0, 1.0, 2.5, 6.0])
def test_readout_agrees_with_kltools(separation):
    r = forward_reverse_readout(separation)
    for key, want in _expected(separation).items():
        got = r.fits[key]
        for field in ("mu", "sigma", "forward_nats", "reverse_nats"):
            assert getattr(got, field) == pytest.approx(want[field], abs=1e-12), (key, field)
        assert got.reverse_bits == pytest.approx(got.reverse_nats / LN2)
        assert got.forward_nats >= -1e-9 and got.reverse_nats >= -1e-9


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
    html, _, _ = forward_reverse_render(2.5)
    assert "The one from the forward fit is lower" in html


def test_render_shows_every_number_with_units():
    html, fig, alt = forward_reverse_render(4.0)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    _assert_readout_shows(html, 4.0)
    assert "two local minima" in html
    assert len(fig.axes) == 1
    assert len(fig.axes[0].get_legend().get_texts()) == 4


def test_widget_redraws_with_the_new_numbers():
    w = forward_reverse_widget()
    (slider,) = w.controls
    assert (slider.value, slider.min, slider.max, slider.step) == (4.0, 0.0, 8.0, 0.5)
    assert slider.continuous_update is False
    assert w.redraws == 1
    images = [w.png]
    _assert_readout_shows(w.readout.value, 4.0)
    for step, separation in enumerate((6.0, 1.5), start=2):
        slider.value = separation
        _assert_readout_shows(w.readout.value, separation)
        assert f"peaks {separation:.1f} apart" in w.readout.value
        assert w.png != images[-1]
        images.append(w.png)
        assert w.redraws == step
    assert "Interactive widget" in repr(w)


def test_exercises_accept_their_answers():
    assert EXERCISES.evaluate("08.1", np.sqrt(10.0)).correct
    assert not EXERCISES.evaluate("08.1", 10.0).correct
    assert EXERCISES.evaluate("08.2", 1.0).correct
    assert not EXERCISES.evaluate("08.2", np.log(2.0)).correct
    assert EXERCISES.evaluate("08.3", "forward").correct
    assert not EXERCISES.evaluate("08.3", "reverse").correct
    assert EXERCISES.evaluate("08.4", False).correct
    assert EXERCISES.evaluate("08.4", ...).status == "unanswered"
