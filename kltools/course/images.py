"""Figures as images with alt text, in a notebook and in a widget.

JupyterLab draws a figure's ``image/png`` output as an ``<img>`` without alt text, so a screen
reader announces nothing. :func:`show` displays a figure as HTML instead, an ``<img>`` whose
``alt`` says what the figure shows, with the alt text as the output's plain-text form (what a
text-only renderer prints); the lesson widgets draw their figures the same way. The PNG is
stored once, inside the ``<img>``, which keeps a notebook's file small.

Importing this module imports matplotlib and IPython; ``import kltools`` alone does not.
"""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib.pyplot as plt
from IPython.display import display
from matplotlib.figure import Figure

__all__ = ["figure_png", "image_html", "show"]


def figure_png(fig: Figure, *, tight: bool = False) -> bytes:
    """Render a figure to PNG bytes at its own resolution (the course's 100 dpi).

    ``tight=True`` trims the blank margin, as the notebook's inline figures are trimmed.

    Examples
    --------
    >>> figure_png(Figure())[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=fig.dpi,
        facecolor=fig.get_facecolor(),
        edgecolor=fig.get_edgecolor(),
        bbox_inches="tight" if tight else None,
    )
    return buffer.getvalue()


def image_html(png: bytes, alt: str) -> str:
    """An ``<img>`` that carries a PNG and its alt text.

    Examples
    --------
    >>> image_html(b"png", 'P and "Q"')
    '<img src="data:image/png;base64,cG5n" alt="P and &quot;Q&quot;">'
    """
    if not alt.strip():
        raise ValueError("alt must say what the figure shows; got an empty text")
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}">'


def show(alt: str, fig: Figure | None = None) -> None:
    """Show a figure in the notebook with its alt text, then close it.

    Use it where a cell would end with ``plt.show()``.

    Parameters
    ----------
    alt : str
        One or two sentences: what the figure shows and what to notice.
    fig : Figure, optional
        The figure; pyplot's current figure by default.
    """
    figure = plt.gcf() if fig is None else fig
    png = figure_png(figure, tight=True)
    display({"text/html": image_html(png, alt), "text/plain": alt}, raw=True)
    plt.close(figure)
