"""The widget framework: a lesson widget is controls, a readout and a figure that redraw together.

A widget is a :class:`LessonWidget`. The numbers come from a plain function of the lesson
(its ``*_readout``) that tests call directly, and every control change re-renders the readout
and the figure, so tests can set a control's value and see both change. Where widgets do not
render (GitHub, a PDF), the widget prints a one-line description instead of a wall of state.

Importing this module imports matplotlib and ipywidgets; ``import kltools`` alone does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from kltools.course.frames import FrameCanvas, png_bytes
from kltools.course.images import image_html
from kltools.course.style import COURSE_STYLE

__all__ = ["LessonWidget", "Scene", "slider", "toggle"]


def new_figure(figsize: tuple[float, float] = (6.4, 3.2)) -> Figure:
    """Create a figure in the course style, outside pyplot (so none leaks into a notebook).

    Examples
    --------
    >>> new_figure().get_dpi()
    100.0
    """
    with matplotlib.rc_context(COURSE_STYLE):
        return Figure(figsize=figsize, layout="constrained")


class Scene:
    """A widget's figure: drawn in full once, then only its moving part redrawn at each change.

    A lesson subclasses it with two methods. :meth:`draw` draws what never moves: the axes, their
    limits and labels, reference curves. :meth:`draw_live` draws what the controls move, onto
    those axes, and returns the readout and the alt text. The layout is computed once, for
    :attr:`layout_values`, and the still part is rendered once into a background; each change
    then restores that background and draws only the artists :meth:`draw_live` made and the
    axes titles (which :meth:`draw_live` may set), then lays the legends of :meth:`draw` over
    them, so a frame costs milliseconds, not a whole figure. A frame depends only on the values
    it shows, never on the values shown before it.

    :meth:`draw_live` may add artists and set titles, but not change what :meth:`draw` made:
    axes limits and axis labels that move raise a ``RuntimeError`` (the background would show
    stale ticks). A figure whose axes must change with the values (a code tree that grows) sets
    :attr:`redraw_all`; each frame is then a whole draw, which suits a control that is clicked
    or typed into rather than dragged.

    Attributes
    ----------
    figsize : (float, float)
        The figure's size in inches (at the course's 100 dpi).
    layout_values : tuple
        Control values to lay the figure out for, usually the widget's defaults.
    redraw_all : bool
        Draw the whole figure at each change (the layout still stays as computed once).
    css : str
        CSS rules the readout needs (a table's alignment, say), given to the page once, with
        the widget. A ``<style>`` inside the readout would be replaced at every change, and the
        browser would then recompute the style of the whole page each time.
    fig : Figure
        The figure.
    """

    figsize: tuple[float, float] = (6.4, 3.4)
    layout_values: tuple[Any, ...] = ()
    redraw_all: bool = False
    css: str = ""

    def __init__(self) -> None:
        with matplotlib.rc_context(COURSE_STYLE):
            self.fig = new_figure(self.figsize)
            self.canvas = FrameCanvas(self.fig)
            self.draw(self.fig)
            for ax in self.fig.axes:
                ax.set_autoscale_on(False)
            self._live: list[Artist] = []
            self._frame = self._axes_state()
            self._add_live(*self.layout_values)
            self.canvas.draw()  # constrained layout, once, then fixed
            self.fig.set_layout_engine("none")
            self._remove_live()
            self._legends = [
                *self.fig.legends,
                *filter(None, (a.get_legend() for a in self.fig.axes)),
            ]
            hidden = [*self._legends, *(ax.title for ax in self.fig.axes)]
            for artist in hidden:
                artist.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            for artist in hidden:
                artist.set_visible(True)
            self._legend_layer = self._pixels_of(self._legends)
            self._frame = self._axes_state()

    def draw(self, fig: Figure) -> None:
        """Draw what never moves (axes, limits, labels) onto ``fig``."""
        raise NotImplementedError

    def draw_live(self, *values: Any) -> tuple[str, str]:
        """Draw what ``values`` move; return the readout (HTML) and the figure's alt text."""
        raise NotImplementedError

    def render(self, *values: Any) -> tuple[str, Figure, str]:
        """The readout, the figure and its alt text for ``values``, e.g. for a test.

        The figure holds every artist, so ``savefig`` or :func:`figure_png` draws it whole.
        """
        html, _, alt = self.show(*values)
        return html, self.fig, alt

    def show(self, *values: Any) -> tuple[str, bytes, str]:
        """Redraw the moving part for ``values``: the readout, the figure as PNG, its alt text."""
        with matplotlib.rc_context(COURSE_STYLE):
            self._remove_live()
            html, alt = self._add_live(*values)
            if not self.redraw_all:
                self._draw_moving_part()
            else:
                self.canvas.draw()
            return html, png_bytes(np.asarray(self.canvas.buffer_rgba())), alt

    def _draw_moving_part(self) -> None:
        """Onto the still background: the artists of :meth:`draw_live`, titles, then legends."""
        moved = self._axes_state()
        if moved != self._frame:
            raise RuntimeError(
                f"{type(self).__name__}.draw_live changed axes limits or labels "
                f"({self._frame} -> {moved}); set them in draw"
            )
        self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        titles: list[Artist] = [ax.title for ax in self.fig.axes]
        for artist in sorted(self._live + titles, key=lambda a: a.get_zorder()):
            artist.draw(renderer)
        rgb = np.asarray(self.canvas.buffer_rgba())[..., :3]  # the canvas's own pixels
        for (rows, columns), color, alpha in self._legend_layer:
            under = rgb[rows, columns].astype(np.float32)
            rgb[rows, columns] = (under + (color - under) * alpha + 0.5).astype(np.uint8)

    def _add_live(self, *values: Any) -> tuple[str, str]:
        owners = [self.fig, *self.fig.axes]
        before = [set(owner.get_children()) for owner in owners]
        containers = [list(ax.containers) for ax in self.fig.axes]
        html, alt = self.draw_live(*values)
        for owner, children in zip(owners, before, strict=True):
            self._live += [a for a in owner.get_children() if a not in children]
        for ax, kept in zip(self.fig.axes, containers, strict=True):
            ax.containers[:] = kept  # the bars stay, as live artists; their groups go
        return html, alt

    def _pixels_of(
        self, artists: Sequence[Artist]
    ) -> list[tuple[tuple[slice, slice], np.ndarray, np.ndarray]]:
        """Each artist drawn alone on a clear canvas: its box, its colours and their opacity.

        Legends do not move, but must stay on top of what does; drawing one costs more than a
        frame should (a text per entry), so each frame lays these pixels over instead.
        """
        renderer = self.canvas.get_renderer()
        height = renderer.height
        layers = []
        for artist in artists:
            renderer.clear()
            artist.draw(renderer)
            box = artist.get_window_extent(renderer).padded(2)
            rows = slice(max(0, int(height - box.y1)), min(height, int(height - box.y0) + 1))
            columns = slice(max(0, int(box.x0)), min(renderer.width, int(box.x1) + 1))
            rgba = np.asarray(renderer.buffer_rgba())[rows, columns].astype(np.float32)
            layers.append(((rows, columns), rgba[..., :3], rgba[..., 3:] / 255))
        self.canvas.draw()
        return layers

    def _remove_live(self) -> None:
        for artist in self._live:
            artist.remove()
        self._live = []

    def _axes_state(self) -> list[tuple[object, ...]]:
        return [
            (ax.get_xlim(), ax.get_ylim(), ax.get_xlabel(), ax.get_ylabel()) for ax in self.fig.axes
        ]


# The widget's look, scoped to its class: text at 16 px, or the prose size where that is larger
# (JupyterLab's Presentation Mode makes prose 17 px); controls in rows beside the readout;
# the figure never wider than its column.
WIDGET_CSS = """
.kl-widget { --jp-widgets-font-size: max(16px, var(--jp-content-font-size1, 14px));
  --jp-widgets-inline-height: 32px; font-size: var(--jp-widgets-font-size); max-width: 100%; }
.kl-widget .kl-title { font-weight: bold; }
.kl-widget .kl-panel { flex-flow: row wrap; align-items: flex-start; column-gap: 16px; }
.kl-widget .kl-controls { flex: 0 0 auto; }
.kl-widget .kl-readout { flex: 1 1 268px; }
.kl-widget .kl-readout .widget-html-content { line-height: 1.3; }
.kl-widget .kl-readout p { margin: 0 0 0.3em 0; }
.kl-widget .kl-readout td, .kl-widget .kl-readout th { padding: 0 0.5em; }
.kl-widget .kl-figure img { display: block; max-width: 100%; height: auto; }
"""


class LessonWidget(widgets.VBox):
    """Controls, a readout and a figure that redraw together whenever a control moves.

    Parameters
    ----------
    title : str
        What the widget shows; also its plain-text form where widgets cannot render. Keep
        it short: that form, ``Interactive widget: <title>. Run ...``, must fit a printed
        line of 100 characters.
    controls : sequence of widgets.ValueWidget
        Sliders, toggles, ...; each change redraws the scene for the values of all of them.
    scene : Scene
        The figure and readout: ``scene.show(*values)`` gives the readout, the PNG and the
        alt text for the controls' values, in their order.

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
        The figure itself.
    redraws : int
        How many times the widget has drawn itself (1 after construction).

    Notes
    -----
    Sliders send their value while dragged. ipywidgets keeps at most one change of a control
    in flight to the kernel and merges the ones that arrive meanwhile, so when the kernel is
    slower than the hand, intermediate values are dropped and the last one always wins.

    Examples
    --------
    >>> class Demo(Scene):
    ...     figsize, layout_values = (2, 1), (0.5,)
    ...     def draw(self, fig):
    ...         self.ax = fig.add_subplot(xlim=(0, 1), ylim=(0, 1))
    ...     def draw_live(self, p):
    ...         self.ax.axvline(p)
    ...         return f"p = {p:.2f}", f"A line at p = {p:.2f}."
    >>> slider = widgets.FloatSlider(value=0.5, min=0, max=1)
    >>> w = LessonWidget("demo", [slider], Demo())
    >>> w.readout.value
    'p = 0.50'
    >>> slider.value = 0.25
    >>> w.readout.value, w.redraws, w.alt
    ('p = 0.25', 2, 'A line at p = 0.25.')
    >>> w
    Interactive widget: demo. Run the notebook in JupyterLab to use it.
    """

    def __init__(self, title: str, controls: Sequence[widgets.ValueWidget], scene: Scene) -> None:
        self.title = title
        self.controls = list(controls)
        self.scene = scene
        self.fig = scene.fig
        self.readout = widgets.HTML()
        self.readout.add_class("kl-readout")
        self.figure = widgets.HTML()
        self.figure.add_class("kl-figure")
        self.png, self.alt = b"", ""
        self.redraws = 0
        heading = widgets.HTML(f"<style>{WIDGET_CSS}{scene.css}</style>{title}")
        heading.add_class("kl-title")
        for control in self.controls:
            control.add_class("kl-control")
        panel = widgets.HBox([widgets.VBox(self.controls), self.readout])
        panel.add_class("kl-panel")
        panel.children[0].add_class("kl-controls")
        super().__init__([heading, panel, self.figure])
        self.add_class("kl-widget")
        for control in self.controls:
            control.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        html, self.png, self.alt = self.scene.show(*(control.value for control in self.controls))
        self.figure.value = image_html(self.png, self.alt)
        self.readout.value = html
        self.redraws += 1

    def __repr__(self) -> str:
        return f"Interactive widget: {self.title}. Run the notebook in JupyterLab to use it."


def slider(
    description: str, value: float, low: float, high: float, step: float, readout_format: str
) -> widgets.FloatSlider:
    """A slider that redraws its widget while it is dragged, with a track of 300 px or more.

    Examples
    --------
    >>> slider("P(heads)", 0.5, 0.0, 1.0, 0.01, ".2f").continuous_update
    True
    """
    return widgets.FloatSlider(
        value=float(value),
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=readout_format,
        continuous_update=True,
        layout=widgets.Layout(width="510px"),
        style={"description_width": "100px"},
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
