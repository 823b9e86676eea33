"""The widget framework: a lesson widget is controls, a readout and a figure that redraw together.

A widget is a :class:`LessonWidget`. The numbers come from a plain function of the lesson
(its ``*_readout``) that tests call directly, and every control change re-renders the readout
and the figure, so tests can set a control's value and see both change. Where widgets do not
render (GitHub, a PDF), the widget prints a one-line description instead of a wall of state.

Importing this module imports matplotlib and ipywidgets; ``import kltools`` alone does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets
import matplotlib
from matplotlib.figure import Figure

from kltools.course.images import figure_png, image_html
from kltools.course.style import COURSE_STYLE

__all__ = ["LessonWidget", "new_figure", "slider", "toggle"]


def new_figure(figsize: tuple[float, float] = (6.4, 3.2)) -> Figure:
    """Create a figure in the course style, outside pyplot (so none leaks into a notebook).

    Examples
    --------
    >>> new_figure().get_dpi()
    100.0
    """
    with matplotlib.rc_context(COURSE_STYLE):
        return Figure(figsize=figsize, layout="constrained")


class LessonWidget(widgets.VBox):
    """Controls, a readout and a figure that redraw together whenever a control moves.

    Parameters
    ----------
    title : str
        What the widget shows; also its plain-text form where widgets cannot render. Keep
        it short: that form, ``Interactive widget: <title>. Run ...``, must fit a printed
        line of 100 characters.
    controls : sequence of widgets.ValueWidget
        Sliders, toggles, ...; each change calls ``render``.
    render : callable
        ``render(*values) -> (html, fig, alt)``: the readout as HTML, a figure made with
        :func:`new_figure` (not pyplot, so no figure leaks into the notebook) and its alt
        text, which says what the figure shows now. It runs in the course style, so every
        widget looks alike wherever it is shown.

    Attributes
    ----------
    readout : widgets.HTML
        The numbers the widget shows.
    figure : widgets.HTML
        The figure, an ``<img>`` with its alt text.
    png : bytes
        The figure as PNG.
    alt : str
        The figure's alt text.
    fig : Figure
        The figure itself, as last drawn.
    redraws : int
        How many times the widget has drawn itself (1 after construction).

    Examples
    --------
    >>> slider = widgets.FloatSlider(value=0.5, min=0, max=1)
    >>> def render(p):
    ...     return f"p = {p:.2f}", new_figure((2, 1)), f"An empty figure for p = {p:.2f}."
    >>> w = LessonWidget("demo", [slider], render)
    >>> w.readout.value
    'p = 0.50'
    >>> slider.value = 0.25
    >>> w.readout.value, w.redraws, w.alt
    ('p = 0.25', 2, 'An empty figure for p = 0.25.')
    >>> w
    Interactive widget: demo. Run the notebook in JupyterLab to use it.
    """

    def __init__(
        self,
        title: str,
        controls: Sequence[widgets.ValueWidget],
        render: Callable[..., tuple[str, Figure, str]],
    ) -> None:
        self.title = title
        self.controls = list(controls)
        self._render = render
        self.readout = widgets.HTML()
        self.figure = widgets.HTML()
        self.figure.add_class("kl-figure")
        self.png, self.alt = b"", ""
        self.redraws = 0
        super().__init__(
            [widgets.HTML(f"<b>{title}</b>"), *self.controls, self.readout, self.figure]
        )
        for control in self.controls:
            control.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        with matplotlib.rc_context(COURSE_STYLE):
            html, fig, alt = self._render(*(control.value for control in self.controls))
            self.png, self.alt, self.fig = figure_png(fig), alt, fig
        self.figure.value = image_html(self.png, alt)
        self.readout.value = html
        self.redraws += 1

    def __repr__(self) -> str:
        return f"Interactive widget: {self.title}. Run the notebook in JupyterLab to use it."


def slider(
    description: str, value: float, low: float, high: float, step: float, readout_format: str
) -> widgets.FloatSlider:
    """A slider that redraws its widget once, when let go, not at every step of a drag."""
    return widgets.FloatSlider(
        value=float(value),
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=readout_format,
        continuous_update=False,
    )


def toggle(
    options: Sequence[tuple[str, object]], value: object, description: str = ""
) -> widgets.ToggleButtons:
    """Buttons for a choice between a few ``(label, value)`` options, one pressed at a time.

    Examples
    --------
    >>> toggle([("y = 0", 0), ("y = 1", 1)], 1, "target").value
    1
    """
    return widgets.ToggleButtons(options=list(options), value=value, description=description)
