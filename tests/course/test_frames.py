"""Fast frames are exactly the slow ones: cached glyphs give Agg's pixels, the PNG is lossless."""

from __future__ import annotations

import importlib
import io

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from kltools.course.frames import FrameCanvas, png_bytes
from kltools.lessons import LESSONS


def agg_pixels(canvas: FigureCanvasAgg) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def settings(control) -> list:
    """Values across a control: both ends and points between, or every option."""
    if hasattr(control, "options"):
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    if not hasattr(control, "min"):
        return [control.value]
    steps = round((control.max - control.min) / control.step)
    return sorted(
        {
            min(control.max, control.min + k * control.step)
            for k in np.linspace(0, steps, 6).round().astype(int)
        }
    )


WIDGETS = [
    pytest.param(factory, id=f"{lesson.number}-{factory.__name__}")
    for lesson in LESSONS
    for factory in importlib.import_module(lesson.module).WIDGETS
]


@pytest.mark.parametrize("factory", WIDGETS)
def test_every_widget_figure_is_agg_to_the_byte_across_its_controls(factory) -> None:
    # Each control in turn at its ends and between (the others at their defaults); the glyph
    # cache grows along the way, so later frames are drawn from glyphs kept by earlier ones.
    widget = factory()
    fig, scene_canvas = widget.fig, widget.scene.canvas
    fast = FrameCanvas(fig)
    for control in widget.controls:
        start = control.value
        for value in settings(control):
            fig.set_canvas(scene_canvas)
            control.value = value
            expected = agg_pixels(FigureCanvasAgg(fig))
            assert np.array_equal(agg_pixels(fast), expected), (control.description, value)
        control.value = start


def test_rotated_and_math_text_is_agg_to_the_byte() -> None:
    fig = Figure(figsize=(3, 2))
    for k, angle in enumerate((0, 15, 90, 200)):
        fig.text(0.1 + 0.2 * k, 0.5, r"$\frac{1}{2}\log_2 x$ and D(P‖Q) = 0.35", rotation=angle)
    fast = FrameCanvas(fig)
    first = agg_pixels(fast)
    assert np.array_equal(agg_pixels(fast), first)  # drawn from the cache
    assert np.array_equal(first, agg_pixels(FigureCanvasAgg(fig)))


@pytest.mark.parametrize("dpi", [72, 100, 137])
def test_kept_layouts_place_text_as_agg_does(dpi) -> None:
    # several lines (the line gap counts), sizes, weights and families; a text whose font
    # properties change after a draw is laid out anew
    fig = Figure(figsize=(4, 3), dpi=dpi)
    texts = [
        fig.text(0.05, 0.8, "H(P) = 2.5850 bits\nD(P‖Q) = 0.35", fontsize=9),
        fig.text(0.05, 0.4, "one\ntwo\nthree", fontsize=14, fontweight="bold"),
        fig.text(0.55, 0.5, "Q(x) = 0.1667", family="monospace", ha="center", va="top"),
    ]
    fast = FrameCanvas(fig)
    for size in (11, 11, 16):
        texts[2].set_fontsize(size)
        expected = agg_pixels(FigureCanvasAgg(fig))
        assert np.array_equal(agg_pixels(fast), expected), size
        agg = FigureCanvasAgg(fig).get_renderer()
        extents = [t.get_window_extent(fast.get_renderer()).bounds for t in texts]
        assert extents == [t.get_window_extent(agg).bounds for t in texts]


@pytest.mark.parametrize(
    ("rc", "text"),
    [
        ({"font.sans-serif": ["DejaVu Serif"]}, "H = 2.585 bits"),  # another font, same props
        ({"font.enable_last_resort": False}, "a\u0f00b"),  # no last-resort glyph for U+0F00
    ],
)
@pytest.mark.filterwarnings("ignore:Glyph 3840")  # the missing glyph, drawn as a box
def test_a_layout_follows_the_font_the_rc_params_find(rc, text) -> None:
    fig = Figure(figsize=(2, 1))
    fig.text(0.05, 0.4, text)
    fast = FrameCanvas(fig)
    assert np.array_equal(agg_pixels(fast), agg_pixels(FigureCanvasAgg(fig)))
    with matplotlib.rc_context(rc):
        assert np.array_equal(agg_pixels(fast), agg_pixels(FigureCanvasAgg(fig)))
    assert np.array_equal(agg_pixels(fast), agg_pixels(FigureCanvasAgg(fig)))


def test_a_full_glyph_cache_starts_again_and_draws_the_same() -> None:
    fig = Figure(figsize=(3, 1))
    text = fig.text(0.05, 0.5, "D(P‖Q) = 0.3500 bits; H(P) = 2.5850 bits")
    expected = agg_pixels(FigureCanvasAgg(fig))
    fast = FrameCanvas(fig)
    renderer = fast.get_renderer()
    renderer.max_glyphs = 10
    for _ in range(3):
        assert np.array_equal(agg_pixels(fast), expected)
        assert len(renderer._glyphs) <= 10
    for k in range(12):  # a new string each time: the layouts kept start again too
        text.set_text(f"D = 0.{k:04d}")
        assert np.array_equal(agg_pixels(fast), agg_pixels(FigureCanvasAgg(fig)))
        assert len(renderer._layouts) <= 10


@pytest.mark.parametrize("shape", [(1, 1, 3), (2, 5, 3), (37, 64, 3), (1, 1, 4), (37, 64, 4)])
def test_png_bytes_decode_to_the_same_pixels(shape) -> None:
    pixels = np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)
    image = Image.open(io.BytesIO(png_bytes(pixels)))
    assert image.mode == {3: "RGB", 4: "RGBA"}[shape[2]]
    assert np.array_equal(np.asarray(image), pixels)


def test_png_bytes_takes_a_strided_view() -> None:
    rgba = np.random.default_rng(1).integers(0, 256, (4, 6, 4), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(png_bytes(rgba[..., :3]))))
    assert np.array_equal(decoded, rgba[..., :3])


def test_a_widget_frame_is_its_canvas_as_png() -> None:
    # the PNG a widget sends is the canvas's pixels, its legends laid over, opaque
    widget = WIDGETS[0].values[0]()
    pixels = np.asarray(Image.open(io.BytesIO(widget.png)))
    assert np.array_equal(pixels, np.asarray(widget.scene.canvas.buffer_rgba()))
    assert (pixels[..., 3] == 255).all()


@pytest.mark.parametrize(
    ("pixels", "problem"),
    [
        (np.zeros((2, 2, 2), np.uint8), "of shape"),
        (np.zeros((2, 2, 3)), "must be uint8"),
        (np.zeros((2, 6), np.uint8), "of shape"),
        (np.zeros((0, 3, 3), np.uint8), "at least 1 by 1"),
    ],
)
def test_png_bytes_refuses_what_is_not_8_bit_rgb_or_rgba(pixels, problem) -> None:
    with pytest.raises(ValueError, match=problem):
        png_bytes(pixels)
