"""Frames for live widgets, made fast: text drawn from cached glyphs, pixels sent as a plain PNG.

A widget redraws its figure many times a second while a slider is dragged (see
:class:`kltools.course.widget.Scene`). Two steps of each frame cost more than the drawing itself
and are made cheaper here, each giving exactly the pixels and image the slow way gives:

* **Text.** Matplotlib's Agg renderer lays out every text and rasterises every glyph afresh at
  each draw. :class:`FrameCanvas` keeps each text's layout, per string, font and size, and each
  glyph's bitmap, per font, size, angle and position within the pixel, and takes them from
  there the next time; the picture is byte for byte Agg's own.
* **PNG.** :func:`png_bytes` writes the canvas's pixels as a PNG with unfiltered rows and fast
  zlib compression. A figure is mostly flat colour, so this is about as small as Pillow's PNG
  and takes a third of the time.

Importing this module imports matplotlib.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import RenderMode
from matplotlib.text import Text

__all__ = ["FrameCanvas", "png_bytes"]


class GlyphCachingRenderer(RendererAgg):
    """Agg that lays out each text and rasterises each glyph once, and reuses both after.

    A glyph's bitmap depends on the font (file and face), size, transform and the glyph's
    position within its pixel (FreeType works in 1/64 px); a whole-pixel shift moves the bitmap
    and changes nothing else. So the bitmap is kept under those and placed at the whole-pixel
    part of the position, which is what Agg itself draws. A text's layout (which glyphs, where
    along the line) depends only on the string, the font matplotlib finds for it, its size and
    the resolution, so it is kept under those. A widget dragged for long keeps meeting new
    positions and numbers, so past :attr:`max_glyphs` bitmaps, or as many layouts, a cache
    starts again.
    """

    max_glyphs = 10_000  # about 3 MB of bitmaps and keys

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._glyphs: dict[tuple[object, ...], tuple[np.ndarray, int, int]] = {}
        self._layouts: dict[tuple[object, ...], list[tuple[Any, int, float, float]]] = {}

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str = False,
        mtext: Text | None = None,
    ) -> None:
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        # the font itself, as matplotlib finds it for these properties now (rcParams and all),
        # not the properties: the same properties can find another font under other rcParams
        font = get_font(fontManager._find_fonts_by_props(prop))
        size = prop.get_size_in_points()
        key = (s, font, size, self.dpi, flags, features, language)
        if key not in self._layouts:
            if len(self._layouts) >= self.max_glyphs:
                self._layouts.clear()
            items = self._prepare_font(prop)._layout(
                s, flags=flags, features=features, language=language
            )
            self._layouts[key] = [(i.ft_object, i.glyph_index, i.x, i.y) for i in items]
        self._draw_text_glyphs_and_boxes(
            gc,
            x,
            y,
            angle,
            # each glyph in its own font: a fallback font's, where the first lacks a glyph
            ((face, size, index, 0, 1, dx, dy) for face, index, dx, dy in self._layouts[key]),
            [],
        )
        return None

    def _draw_text_glyphs_and_boxes(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        angle: float,
        glyphs: Iterable[tuple[Any, float, int, float, float, float, float]],
        boxes: Iterable[tuple[float, float, float, float]],
    ) -> None:
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flags = get_hinting_flag()
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        transforms: dict[tuple[float, float], np.ndarray] = {}
        for font, size, index, slant, extend, dx, dy in glyphs:  # dy is upwards
            if (slant, extend) not in transforms:
                rotation = np.array([[cos, -sin], [sin, cos]])
                shear = [[extend, extend * slant], [0, 1]]
                transforms[slant, extend] = (0x10000 * rotation @ shear).round().astype(int)
            transform = transforms[slant, extend]
            # FreeType's y is upwards; positions in 1/64 px, split into whole pixels and the rest
            x64 = round(0x40 * (x + dx * cos - dy * sin))
            y64 = round(0x40 * (self.height - y + dx * sin + dy * cos))
            face = (font.fname, font.face_index)  # a .ttc file holds several faces
            key = (face, size, index, transform.tobytes(), x64 % 64, y64 % 64, mode, flags)
            if key not in self._glyphs:
                if len(self._glyphs) >= self.max_glyphs:
                    self._glyphs.clear()
                font.set_size(size, self.dpi)
                font._set_transform(transform, [x64 % 64, y64 % 64])
                bitmap = font._render_glyph(index, flags, mode)
                buffer = np.array(bitmap.buffer)
                if mode is RenderMode.MONO:
                    buffer *= 0xFF
                self._glyphs[key] = (buffer, bitmap.left, bitmap.top)
            buffer, left, top = self._glyphs[key]
            bottom = int(self.height) - (top + y64 // 64) + buffer.shape[0]  # y downwards
            self._renderer.draw_text_image(buffer, left + x64 // 64, bottom, 0, gc)
        if boxes:  # rules of mathtext: drawn as Agg draws them
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, (), boxes)


class FrameCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer keeps glyph bitmaps from one draw to the next.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.text(0.1, 0.5, "H = 1.000 bits", rotation=10)
    >>> agg = FigureCanvasAgg(fig)
    >>> agg.draw()
    >>> expected = np.asarray(agg.buffer_rgba()).copy()
    >>> canvas = FrameCanvas(fig)
    >>> canvas.draw()
    >>> canvas.draw()  # this time from the glyphs kept by the first draw
    >>> bool((np.asarray(canvas.buffer_rgba()) == expected).all())
    True
    """

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = GlyphCachingRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def png_bytes(pixels: np.ndarray, level: int = 1) -> bytes:
    """Encode 8-bit RGB or RGBA pixels as PNG: rows unfiltered, zlib at ``level`` (1 is fastest).

    An Agg canvas's own RGBA buffer is encoded as it is: copying its RGB out would cost more
    than compressing the opaque alpha channel does.

    Parameters
    ----------
    pixels : ndarray of uint8, shape (height, width, 3) or (height, width, 4)
        The pixels, top row first, as RGB or RGBA.
    level : int
        zlib's compression level, 0 to 9.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> pixels = np.zeros((2, 3, 3), np.uint8); pixels[1, 2] = (255, 128, 0)
    >>> image = Image.open(io.BytesIO(png_bytes(pixels)))
    >>> image.mode, image.size, image.getpixel((2, 1))
    ('RGB', (3, 2), (255, 128, 0))
    >>> Image.open(io.BytesIO(png_bytes(np.full((1, 1, 4), 9, np.uint8)))).getpixel((0, 0))
    (9, 9, 9, 9)
    """
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(
            "pixels must be uint8 of shape (height, width, 3) or (height, width, 4); got "
            f"{pixels.dtype} {pixels.shape}"
        )
    if 0 in pixels.shape:
        raise ValueError(f"pixels must be at least 1 by 1; got shape {pixels.shape}")
    height, width, channels = pixels.shape
    rows = np.zeros((height, 1 + channels * width), np.uint8)  # each row: filter 0, then pixels
    rows[:, 1:] = pixels.reshape(height, channels * width)
    color_type = {3: 2, 4: 6}[channels]  # 8-bit RGB or RGBA, no interlace
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.data, level)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
