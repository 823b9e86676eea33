"""Each lesson's interactive widget, built on a plain function that computes what it shows.

A widget here is a :class:`LessonWidget`: controls, a readout (HTML) and a figure shown
as a PNG image. The numbers come from a plain function (``*_readout``) that tests call
directly, and every control change re-renders the readout and the figure, so tests can
set a control's value and see both change. Where widgets do not render (GitHub, a PDF),
the widget prints a one-line description instead of a wall of state.

Importing this module imports matplotlib and ipywidgets; ``import kltools`` alone does not.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from html import escape
from itertools import pairwise

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure

from kltools import coding, continuous, measures
from kltools.plots import (
    COURSE_STYLE,
    P_COLOR,
    Q_COLOR,
    lesson01_plot_surprise,
    lesson02_plot_binary_entropy,
    plot_bce_curves,
    plot_code_tree,
    plot_cross_entropy_bars,
    plot_density_kl,
    plot_distribution,
    plot_gaussian_fits,
    plot_kl_bars,
    plot_two_distributions,
)

__all__ = ["LessonWidget", "figure_png", "new_figure"]


def new_figure(figsize: tuple[float, float] = (6.4, 3.2)) -> Figure:
    """Create a figure in the course style, outside pyplot (so none leaks into a notebook).

    Examples
    --------
    >>> new_figure().get_dpi()
    100.0
    """
    with matplotlib.rc_context(COURSE_STYLE):
        return Figure(figsize=figsize, layout="constrained")


def figure_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes at the course's 100 dpi.

    Examples
    --------
    >>> fig = Figure()
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


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
        ``render(*values) -> (html, fig)``: the readout as HTML and a figure made with
        :func:`new_figure` (not pyplot, so no figure leaks into the notebook). It runs in
        the course style, so every widget looks alike wherever it is shown.

    Attributes
    ----------
    readout : widgets.HTML
        The numbers the widget shows.
    image : widgets.Image
        The figure, as PNG.
    redraws : int
        How many times the widget has drawn itself (1 after construction).

    Examples
    --------
    >>> slider = widgets.FloatSlider(value=0.5, min=0, max=1)
    >>> def render(p):
    ...     return f"p = {p:.2f}", new_figure((2, 1))
    >>> w = LessonWidget("demo", [slider], render)
    >>> w.readout.value
    'p = 0.50'
    >>> slider.value = 0.25
    >>> w.readout.value, w.redraws
    ('p = 0.25', 2)
    >>> w
    Interactive widget: demo. Run the notebook in JupyterLab to use it.
    """

    def __init__(
        self,
        title: str,
        controls: Sequence[widgets.ValueWidget],
        render: Callable[..., tuple[str, Figure]],
    ) -> None:
        self.title = title
        self.controls = list(controls)
        self._render = render
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png")
        self.redraws = 0
        super().__init__(
            [widgets.HTML(f"<b>{title}</b>"), *self.controls, self.readout, self.image]
        )
        for control in self.controls:
            control.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        with matplotlib.rc_context(COURSE_STYLE):
            html, fig = self._render(*(control.value for control in self.controls))
            self.image.value = figure_png(fig)
        self.readout.value = html
        self.redraws += 1

    def __repr__(self) -> str:
        return f"Interactive widget: {self.title}. Run the notebook in JupyterLab to use it."


def _quantity(value: float, unit: str, digits: int = 3) -> str:
    """``"0.322 bits"``, or ``"∞ bits"`` for an infinite value."""
    return f"∞ {unit}" if value == float("inf") else f"{value:.{digits}f} {unit}"


def _slider(
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


# --- Lesson 01: information content ---------------------------------------------------------------

SURPRISE_UNITS = ("bits", "nats", "dits")


def surprise_readout(p: float) -> dict[str, float]:
    """The numbers the lesson-01 widget shows: an event's surprise in bits, nats and dits.

    Parameters
    ----------
    p : float
        The probability of the event, in (0, 1].

    Returns
    -------
    dict
        ``p``, ``one_in`` (1/p: "one chance in ...") and the surprise ``bits``,
        ``nats`` and ``dits``.

    Examples
    --------
    >>> r = surprise_readout(0.125)
    >>> round(r["bits"], 6), round(r["one_in"], 6)
    (3.0, 8.0)
    """
    readout = {"p": float(p), "one_in": 1.0 / float(p)}
    for unit in SURPRISE_UNITS:
        readout[unit] = float(measures.information(p, base=unit))
    return readout


def surprise_render(p: float) -> tuple[str, Figure]:
    """Readout HTML and figure of the lesson-01 widget for probability ``p``."""
    r = surprise_readout(p)
    html = (
        f"P(event) = {r['p']:.3f}, one chance in {r['one_in']:.1f}<br>"
        f"surprise = <b>{r['bits']:.3f} bits</b> = {r['nats']:.3f} nats = {r['dits']:.3f} dits"
        f"<br>as surprising as {r['bits']:.2f} fair coins all landing heads"
    )
    fig = new_figure((6.4, 3.4))
    lesson01_plot_surprise(p, ax=fig.add_subplot())
    return html, fig


def surprise_widget(p: float = 0.25) -> LessonWidget:
    """A probability slider showing the event's surprise in bits, nats and dits.

    Examples
    --------
    >>> w = surprise_widget(0.5)
    >>> "1.000 bits" in w.readout.value
    True
    """
    slider = _slider("P(event)", p, 0.001, 1.0, 0.001, ".3f")
    return LessonWidget("Surprise in bits, nats and dits", [slider], surprise_render)


# --- Lesson 02: entropy ---------------------------------------------------------------------------


def coin_entropy_readout(p_heads: float) -> dict[str, float]:
    """The numbers the lesson-02 widget shows for a coin with P(heads) = ``p_heads``, in bits.

    Parameters
    ----------
    p_heads : float
        The probability of heads, in [0, 1].

    Returns
    -------
    dict
        ``p_heads``, the surprise of each side (``surprise_heads``, ``surprise_tails``;
        ∞ for a side that never comes up) and the ``entropy``, their average.

    Examples
    --------
    >>> r = coin_entropy_readout(0.5)
    >>> r["surprise_heads"], r["entropy"]
    (1.0, 1.0)
    """
    p = float(p_heads)
    return {
        "p_heads": p,
        "surprise_heads": float(measures.information(p)),
        "surprise_tails": float(measures.information(1.0 - p)),
        "entropy": float(measures.binary_entropy(p)),
    }


def coin_entropy_render(p_heads: float) -> tuple[str, Figure]:
    """Readout HTML and figure of the lesson-02 widget for a coin with P(heads) = ``p_heads``."""
    r = coin_entropy_readout(p_heads)

    html = (
        f"P(heads) = {r['p_heads']:.2f}, P(tails) = {1 - r['p_heads']:.2f}<br>"
        f"surprise of heads = {_quantity(r['surprise_heads'], 'bits')}, "
        f"of tails = {_quantity(r['surprise_tails'], 'bits')}<br>"
        f"entropy (average surprise) = <b>{r['entropy']:.3f} bits</b>"
    )
    fig = new_figure((7.2, 3.2))
    coin_ax, curve_ax = fig.subplots(1, 2, width_ratios=[1, 2])
    plot_distribution(
        [r["p_heads"], 1 - r["p_heads"]],
        ["heads", "tails"],
        ax=coin_ax,
        color=P_COLOR,
        label_fontsize=10,
    )
    coin_ax.set_ylim(0, 1.15)
    coin_ax.set_title("the coin")
    lesson02_plot_binary_entropy(r["p_heads"], ax=curve_ax)
    return html, fig


def coin_entropy_widget(p_heads: float = 0.5) -> LessonWidget:
    """A coin-bias slider moving a point along the binary entropy curve.

    Examples
    --------
    >>> w = coin_entropy_widget(0.5)
    >>> "1.000 bits" in w.readout.value
    True
    """
    slider = _slider("P(heads)", p_heads, 0.0, 1.0, 0.01, ".2f")
    return LessonWidget("Entropy of a biased coin", [slider], coin_entropy_render)


# --- Lesson 03: binary cross-entropy --------------------------------------------------------


def bce_readout(y: int, y_hat: float) -> dict:
    """The numbers the binary cross-entropy widget shows for target ``y`` and prediction ``y_hat``.

    Returns
    -------
    dict
        ``y``, ``y_hat``; ``p_true``, the probability the model gave the label that
        happened (ŷ when y = 1, 1 − ŷ when y = 0); the loss in ``bits`` and ``nats``
        (``inf`` when the model was certain and wrong); and ``certain_and_wrong``.

    Examples
    --------
    >>> r = bce_readout(1, 0.5)
    >>> r["p_true"], r["bits"], round(r["nats"], 4)
    (0.5, 1.0, 0.6931)
    >>> bce_readout(0, 1.0)["bits"]
    inf
    """
    y, y_hat = int(y), float(y_hat)
    bits = float(measures.binary_cross_entropy(y, y_hat, base="bits"))
    nats = float(measures.binary_cross_entropy(y, y_hat, base="nats"))
    return {
        "y": y,
        "y_hat": y_hat,
        "p_true": y_hat if y == 1 else 1.0 - y_hat,
        "bits": bits,
        "nats": nats,
        "certain_and_wrong": bits == float("inf"),
    }


def bce_render(y: int, y_hat: float) -> tuple[str, Figure]:
    """Readout (HTML) and figure of the binary cross-entropy widget.

    Examples
    --------
    >>> html, fig = bce_render(1, 0.8)
    >>> "0.322 bits" in html and "0.223 nats" in html
    True
    """
    r = bce_readout(y, y_hat)
    log_term = "−log₂ ŷ" if r["y"] == 1 else "−log₂(1 − ŷ)"
    html = (
        f"<p>Target <b>y = {r['y']}</b>, prediction <b>ŷ = {r['y_hat']:.2f}</b>: the model gave "
        f"the label that happened probability {r['p_true']:.2f}.</p>"
        f"<p>BCE = {log_term} = −log₂ {r['p_true']:.2f} = <b>{_quantity(r['bits'], 'bits')}"
        f"</b> = <b>{_quantity(r['nats'], 'nats')}</b>"
    )
    if r["certain_and_wrong"]:
        html += ": the model was certain and wrong, so it is infinitely surprised.</p>"
    else:
        html += ".</p>"
    fig = new_figure((6.4, 3.4))
    ax = fig.add_subplot()
    plot_bce_curves(r["y"], r["y_hat"], ax=ax, unit="bits")
    return html, fig


def bce_widget(y: int = 1, y_hat: float = 0.8) -> LessonWidget:
    """A target toggle (y = 0 / 1) and a prediction slider (ŷ) with the loss on its curve.

    Examples
    --------
    >>> w = bce_widget()
    >>> w.controls[1].value = 0.5
    >>> "1.000 bits" in w.readout.value, w.redraws
    (True, 2)
    """
    target = widgets.ToggleButtons(
        options=[("y = 0", 0), ("y = 1", 1)], value=int(y), description="target"
    )
    prediction = _slider("ŷ", y_hat, 0.0, 1.0, 0.01, ".2f")
    return LessonWidget(
        "Binary cross-entropy of a prediction",
        [target, prediction],
        bce_render,
    )


# --- Lesson 04: cross-entropy with dice ----------------------------------------------------


FAIR_DIE = (1 / 6,) * 6
CROSS_ENTROPY_PROBABILITY_TOP = 1.2  # Q(x) reaches 1, plus room for its label
CROSS_ENTROPY_BITS_TOP = 4.5


def cross_entropy_readout(q_weights, p=FAIR_DIE) -> dict:
    """The numbers the cross-entropy widget shows: Q from weights, against a fixed P, in bits.

    The weights become a distribution with :func:`kltools.normalize`: Q(x) = weight(x) / total.

    Parameters
    ----------
    q_weights : sequence of float
        One non-negative weight per outcome; at least one must be positive.
    p : sequence of float
        The true distribution P (a fair die by default).

    Returns
    -------
    dict
        ``weights``, ``p``, ``q`` (NumPy arrays); ``entropy`` H(P), ``cross_entropy``
        H_P(Q) and ``gap`` H_P(Q) − H(P), all in bits (``inf`` when Q gives probability 0
        to an outcome P can produce).

    Raises
    ------
    ValueError
        If the weights are negative or all zero (no distribution to normalise to).

    Examples
    --------
    >>> r = cross_entropy_readout([5, 1, 1, 1, 1, 1])
    >>> r["q"].round(2).tolist()
    [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
    >>> round(r["entropy"], 4), round(r["cross_entropy"], 4), round(r["gap"], 4)
    (2.585, 2.9349, 0.35)
    """
    weights = np.asarray(q_weights, dtype=float)
    q = np.asarray(measures.normalize(weights), dtype=float)
    p = np.asarray(p, dtype=float)
    h_p = float(measures.entropy(p))
    h_pq = float(measures.cross_entropy(p, q))
    return {
        "weights": weights,
        "p": p,
        "q": q,
        "entropy": h_p,
        "cross_entropy": h_pq,
        "gap": h_pq - h_p,
    }


def cross_entropy_render(*q_weights: float, p=FAIR_DIE) -> tuple[str, Figure]:
    """Readout (HTML) and figure of the cross-entropy widget: P and Q as bars, then the bits.

    Examples
    --------
    >>> html, fig = cross_entropy_render(1, 1, 1, 1, 1, 1)
    >>> "H_P(Q) = <b>2.5850 bits</b>" in html and "gap = <b>0.0000 bits</b>" in html
    True
    >>> "at least one weight" in cross_entropy_render(0, 0, 0, 0, 0, 0)[0]
    True
    """
    fig = new_figure((9.0, 3.6))
    try:
        r = cross_entropy_readout(q_weights, p)
    except ValueError:
        html = "<p>Q is undefined: give at least one weight a positive value.</p>"
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "Q is undefined: all weights are 0", ha="center", va="center")
        ax.set_axis_off()
        return html, fig
    total = float(r["weights"].sum())
    cells = "".join(
        f"<td style='padding:0 6px'>{w:g}/{total:g} = {qx:.4f}</td>"
        for w, qx in zip(r["weights"], r["q"], strict=True)
    )
    faces = "".join(f"<th style='padding:0 6px'>{i}</th>" for i in range(1, r["q"].size + 1))
    html = (
        "<p>Q(x) = weight(x) / total weight, normalised with <code>kltools.normalize</code>:</p>"
        f"<table><tr><th>x</th>{faces}</tr><tr><th>Q(x)</th>{cells}</tr></table>"
        f"<p>H(P) = <b>{_quantity(r['entropy'], 'bits', 4)}</b> &nbsp; "
        f"H_P(Q) = <b>{_quantity(r['cross_entropy'], 'bits', 4)}</b> &nbsp; "
        f"gap = <b>{_quantity(r['gap'], 'bits', 4)}</b></p>"
    )
    if r["cross_entropy"] == float("inf"):
        html += (
            "<p>Q gives probability 0 to an outcome that P produces: that roll would be "
            "infinitely surprising, so the cross-entropy is ∞ bits.</p>"
        )
    left, right = fig.subplots(1, 2, width_ratios=[1.1, 1])
    # Fixed axes (Q(x) ≤ 1; H_P(Q) stays under 4.1 bits for weights 0.5 to 10) and a
    # legend above the bars: moving a slider changes the bars, never the frame.
    plot_two_distributions(
        r["p"],
        r["q"],
        ax=left,
        xlabel="face",
        p_label="P (the world)",
        q_label="Q (model)",
        ymax=CROSS_ENTROPY_PROBABILITY_TOP,
        legend_above=True,
    )
    left.set_yticks(np.linspace(0, 1, 6))
    left.spines["left"].set_bounds(0, 1)
    plot_cross_entropy_bars(r["p"], r["q"], ax=right, ymax=CROSS_ENTROPY_BITS_TOP)
    return html, fig


def cross_entropy_widget(q_weights=(5.0, 1.0, 1.0, 1.0, 1.0, 1.0), p=FAIR_DIE) -> LessonWidget:
    """One weight slider per face of Q against a fixed P (a fair die), with H(P), H_P(Q), gap.

    Examples
    --------
    >>> w = cross_entropy_widget()
    >>> w.controls[0].value = 1.0
    >>> "gap = <b>0.0000 bits</b>" in w.readout.value, w.redraws
    (True, 2)
    """
    sliders = [
        _slider(f"weight {i}", v, 0.0, 10.0, 0.5, ".1f") for i, v in enumerate(q_weights, start=1)
    ]

    def render(*values: float) -> tuple[str, Figure]:
        return cross_entropy_render(*values, p=p)

    return LessonWidget(
        "Cross-entropy: model Q, world P",
        sliders,
        render,
    )


# --- Lesson 05: coding length ---------------------------------------------------------------------


CUSTOM_SOURCE = "custom: type weights below"

CODING_PRESETS = {
    "8-sided die (1/2, 1/4, 1/8, 1/16, 1/64 ×4)": (32, 16, 8, 4, 1, 1, 1, 1),
    "4-sided die model q (1/2, 1/4, 1/8, 1/8)": (4, 2, 1, 1),
    "weather (0.6, 0.25, 0.1, 0.05)": (60, 25, 10, 5),
    "fair 6-sided die": (1, 1, 1, 1, 1, 1),
    "loaded die (1/2, 1/10 ×5)": (5, 1, 1, 1, 1, 1),
    "coin (0.9, 0.1)": (9, 1),
    CUSTOM_SOURCE: None,
}


def parse_weights(text: str) -> list[float]:
    """Read weights typed as numbers separated by commas or spaces; fractions like 1/8 allowed.

    Raises
    ------
    ValueError
        If an entry is not a number, or there are fewer than 2 or more than 12 entries.

    Examples
    --------
    >>> parse_weights("1/2, 1/4 1/8,0.125")
    [0.5, 0.25, 0.125, 0.125]
    """
    values = []
    for item in text.replace(",", " ").split():
        top, _, bottom = item.partition("/")
        try:
            values.append(float(top) / float(bottom) if bottom else float(top))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{item!r} is not a number") from None
    if not 2 <= len(values) <= 12:
        raise ValueError(f"give between 2 and 12 weights; got {len(values)}")
    return values


def huffman_readout(weights) -> dict:
    """The numbers the Huffman widget shows: a code for the normalised weights, in bits.

    The symbols are 1, 2, …, n; the weights become P with :func:`kltools.normalize`.

    Returns
    -------
    dict
        ``p`` (NumPy array), ``code`` {symbol: codeword}, ``lengths`` (list), ``average_length``
        L (bits per symbol), ``entropy`` H(P) (bits), ``excess`` L − H (bits per symbol) and
        ``kraft`` Σ 2^−l.

    Raises
    ------
    ValueError
        If the weights are negative or all zero.

    Examples
    --------
    >>> r = huffman_readout([32, 16, 8, 4, 1, 1, 1, 1])
    >>> list(r["code"].values())
    ['0', '10', '110', '1110', '111100', '111101', '111110', '111111']
    >>> r["average_length"], r["entropy"], r["kraft"]
    (2.0, 2.0, 1.0)
    """
    p = np.asarray(measures.normalize(np.asarray(weights, dtype=float)), dtype=float)
    symbols = list(range(1, p.size + 1))
    code = coding.huffman_code(p, symbols=symbols)
    probs = dict(zip(symbols, p.tolist(), strict=True))
    average = coding.average_code_length(probs, code)
    h = float(measures.entropy(p))
    return {
        "p": p,
        "code": code,
        "lengths": [len(code[s]) for s in symbols],
        "average_length": average,
        "entropy": h,
        "excess": average - h,
        "kraft": coding.kraft_sum(code),
    }


def _surprise_text05(px: float) -> str:
    return f"{-np.log2(px):.3f}" if px > 0 else "∞"


def huffman_render(source: str, text: str = "") -> tuple[str, Figure]:
    """Readout (HTML) and figure of the Huffman widget: the code table, L, H(P) and the tree.

    ``source`` is a key of ``CODING_PRESETS``; with ``CUSTOM_SOURCE`` the weights come from
    ``text``.

    Examples
    --------
    >>> html, fig = huffman_render("4-sided die model q (1/2, 1/4, 1/8, 1/8)")
    >>> "L = <b>1.7500 bits/symbol</b>" in html and "H(P) = <b>1.7500 bits</b>" in html
    True
    >>> "not a number" in huffman_render(CUSTOM_SOURCE, "1, two")[0]
    True
    """
    fig = new_figure((9.0, 3.8))
    try:
        weights = CODING_PRESETS[source]
        if weights is None:
            weights = parse_weights(text)
        r = huffman_readout(weights)
    except ValueError as error:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no code to draw", ha="center", va="center")
        ax.set_axis_off()
        return f"<p>Cannot build a code: {error}.</p>", fig
    # Padded cells, numbers right-aligned under right-aligned headers, codewords left-aligned.
    num = "style='padding:0 0.8em;text-align:right'"
    left = "style='padding:0 0.8em;text-align:left'"
    rows = "".join(
        f"<tr><td {num}>{s}</td><td {num}>{px:.4f}</td><td {num}>{_surprise_text05(px)}</td>"
        f"<td {left}><code>{w}</code></td><td {num}>{len(w)}</td></tr>"
        for (s, w), px in zip(r["code"].items(), r["p"], strict=True)
    )
    html = (
        f"<table><tr><th {num}>symbol</th><th {num}>P(x)</th><th {num}>−log₂ P(x) (bits)</th>"
        f"<th {left}>codeword</th><th {num}>length (bits)</th></tr>{rows}</table>"
        f"<p>average length L = <b>{r['average_length']:.4f} bits/symbol</b> &nbsp; "
        f"entropy H(P) = <b>{r['entropy']:.4f} bits</b> &nbsp; "
        f"L − H(P) = <b>{r['excess']:.4f} bits/symbol</b> &nbsp; "
        f"Kraft sum = {r['kraft']:.4f}</p>"
    )
    tree_ax, bar_ax = fig.subplots(1, 2, width_ratios=[2.7, 1])
    probs = dict(zip(r["code"], r["p"].tolist(), strict=True))
    plot_code_tree(r["code"], probs, ax=tree_ax, title="Huffman code tree")
    bars = bar_ax.bar(
        [0, 1], [r["entropy"], r["average_length"]], color=[P_COLOR, "0.45"], width=0.6
    )
    bar_ax.bar_label(
        bars,
        labels=[f"{r['entropy']:.3f} bits", f"{r['average_length']:.3f} bits"],
        padding=2,
        fontsize=10,
    )
    bar_ax.set_xticks([0, 1], ["entropy\nH(P)", "average\nlength L"])
    bar_ax.set_xlim(-0.6, 1.6)
    bar_ax.set_ylabel("bits per symbol")
    bar_ax.set_ylim(0, max(1.0, r["average_length"]) * 1.25)
    return html, fig


def huffman_widget(
    source: str = next(iter(CODING_PRESETS)), text: str = "3, 3, 2, 1, 1"
) -> LessonWidget:
    """Pick a source (or type weights) and see its Huffman tree, average length and entropy.

    Examples
    --------
    >>> w = huffman_widget()
    >>> w.controls[0].value = "coin (0.9, 0.1)"
    >>> "L = <b>1.0000 bits/symbol</b>" in w.readout.value, w.redraws
    (True, 2)
    """
    chooser = widgets.Dropdown(
        options=list(CODING_PRESETS),
        value=source,
        description="source",
        style={"description_width": "110px"},
        layout=widgets.Layout(width="440px"),
    )
    typed = widgets.Text(  # read only when the source is custom; the label says so
        value=text,
        description="custom weights",
        tooltip="used only when the source is custom",
        continuous_update=False,
        placeholder="e.g. 3, 3, 2, 1, 1 (used only when the source is custom)",
        style={"description_width": "110px"},
        layout=widgets.Layout(width="440px"),
    )
    return LessonWidget(
        "Huffman code: tree, length, entropy",
        [chooser, typed],
        huffman_render,
    )


# --- Lesson 06: KL divergence ---------------------------------------------------------------------


KL_DIRECTIONS = {"D(P‖Q)": "forward", "D(Q‖P)": "reverse"}


def loaded_die(q1: float) -> np.ndarray:
    """A die that shows 1 with probability ``q1``; the other five faces share the rest equally.

    Examples
    --------
    >>> loaded_die(0.5).round(2).tolist()
    [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
    """
    q1 = float(q1)
    if not 0.0 <= q1 <= 1.0:
        raise ValueError(f"q1 must lie in [0, 1]; got {q1!r}")
    return np.array([q1] + [(1.0 - q1) / 5.0] * 5)


def kl_dice_readout(q1: float, direction: str = "forward") -> dict:
    """The numbers the dice KL widget shows: a fair die P against a loaded die Q.

    Parameters
    ----------
    q1 : float
        Q's probability of face 1; faces 2 to 6 get (1 − q1)/5 each.
    direction : {"forward", "reverse"}
        ``"forward"``: D_KL(P‖Q), terms P log(P/Q). ``"reverse"``: D_KL(Q‖P), terms
        Q log(Q/P).

    Returns
    -------
    dict
        ``p``, ``q``, ``terms`` (bits, one per face); ``kl_bits`` and ``kl_nats`` from
        :func:`kltools.kl_divergence`; ``positive_bits`` and ``negative_bits``, the sums of
        the positive and of the negative terms.

    Examples
    --------
    >>> r = kl_dice_readout(0.5)
    >>> round(r["kl_bits"], 4), round(r["kl_nats"], 4)
    (0.35, 0.2426)
    >>> round(r["negative_bits"], 4), round(r["positive_bits"], 4)
    (-0.2642, 0.6141)
    >>> round(kl_dice_readout(0.5, "reverse")["kl_bits"], 4)
    0.424
    """
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse'; got {direction!r}")
    p = np.full(6, 1 / 6)
    q = loaded_die(q1)
    first, second = (p, q) if direction == "forward" else (q, p)
    terms = continuous.kl_integrand(first, second)
    terms[np.abs(terms) < 1e-12] = 0.0  # rounding noise when Q = P, e.g. -1e-17
    return {
        "p": p,
        "q": q,
        "direction": direction,
        "terms": terms,
        "kl_bits": float(measures.kl_divergence(first, second)),
        "kl_nats": float(measures.kl_divergence(first, second, base=np.e)),
        "positive_bits": float(terms[terms > 0].sum()),
        "negative_bits": float(terms[terms < 0].sum()),
    }


def kl_dice_render(q1: float, direction: str = "forward") -> tuple[str, Figure]:
    """Readout (HTML) and figure of the dice KL widget: bars of P and Q, then the terms.

    Examples
    --------
    >>> html, fig = kl_dice_render(0.5)
    >>> "D(P‖Q) = <b>0.3500 bits</b> = <b>0.2426 nats</b>" in html
    True
    >>> "D(Q‖P) = <b>0.4240 bits</b>" in kl_dice_render(0.5, "reverse")[0]
    True
    """
    r = kl_dice_readout(q1, direction)
    name, term = ("D(P‖Q)", "P·log₂(P/Q)") if direction == "forward" else ("D(Q‖P)", "Q·log₂(Q/P)")
    faces = "".join(f"<th style='padding:0 6px'>{i}</th>" for i in range(1, 7))
    q_cells = "".join(f"<td style='padding:0 6px'>{v:.4f}</td>" for v in r["q"])
    t_cells = "".join(f"<td style='padding:0 6px'>{v:+.4f}</td>" for v in r["terms"])
    html = (
        f"<table><tr><th>face</th>{faces}</tr><tr><th>Q(face)</th>{q_cells}</tr>"
        f"<tr><th>{term} (bits)</th>{t_cells}</tr></table>"
        f"<p>positive terms {r['positive_bits']:+.4f} bits, negative terms "
        f"{r['negative_bits']:+.4f} bits</p>"
        f"<p>{name} = <b>{r['kl_bits']:.4f} bits</b> = <b>{r['kl_nats']:.4f} nats</b></p>"
    )
    fig = new_figure((6.4, 4.6))
    top, bottom = fig.subplots(2, 1, sharex=True)
    plot_kl_bars(
        r["p"],
        r["q"],
        r["terms"],
        axes=(top, bottom),
        term_label=term,
        title=f"fair die P, loaded die Q with Q(1) = {float(q1):.2f}",
        label_probabilities=False,  # the table lists Q(face); close bars' labels would touch
    )
    bottom.set_xlabel("face")
    return html, fig


def kl_dice_widget(q1: float = 0.5, direction: str = "forward") -> LessonWidget:
    """A slider for Q(1) of a loaded die and a direction toggle, against a fair die P.

    Examples
    --------
    >>> w = kl_dice_widget()
    >>> w.controls[0].value = 0.3
    >>> "D(P‖Q) = <b>0.0683 bits</b>" in w.readout.value, w.redraws
    (True, 2)
    """
    slider = _slider("Q(1)", q1, 0.01, 0.95, 0.01, ".2f")
    toggle = widgets.ToggleButtons(options=list(KL_DIRECTIONS.items()), value=direction)
    return LessonWidget("KL divergence of a loaded die", [slider, toggle], kl_dice_render)


KL_GAUSS_GRID = np.linspace(-10.0, 10.0, 200)


def _crossings06(mu: float, sigma: float) -> list[float]:
    """Where N(0, 1) and N(mu, sigma²) have equal density, sorted.

    ln p(x) = ln q(x) becomes, after multiplying by 2σ²,
    (1 − σ²) x² − 2 μ x + μ² + 2 σ² ln σ = 0.
    """
    a = 1.0 - sigma * sigma
    b = -2.0 * mu
    c = mu * mu + 2.0 * sigma * sigma * float(np.log(sigma))
    if abs(a) < 1e-12:
        return [] if abs(b) < 1e-12 else [-c / b]
    disc = b * b - 4.0 * a * c
    if disc < 0:
        return []
    root = np.sqrt(disc)
    return sorted([float((-b - root) / (2 * a)), float((-b + root) / (2 * a))])


def _below_zero_text06(mu: float, sigma: float, crossings: list[float]) -> str:
    """Say where q > p, i.e. where the integrand p·log(p/q) is negative: "x < -1.00"."""
    edges = [-np.inf, *crossings, np.inf]
    parts = []
    for lo, hi in pairwise(edges):
        # one point inside (lo, hi); p - q keeps its sign between crossings
        both = np.isfinite(lo) and np.isfinite(hi)
        probe = (lo + hi) / 2 if both else min(max(0.0, lo + 1.0), hi - 1.0)
        log_ratio = -0.5 * probe**2 + 0.5 * ((probe - mu) / sigma) ** 2 + np.log(sigma)
        if log_ratio >= 0:  # p ≥ q here
            continue
        if not np.isfinite(lo):
            parts.append(f"x < {hi:.2f}")
        elif not np.isfinite(hi):
            parts.append(f"x > {lo:.2f}")
        else:
            parts.append(f"{lo:.2f} < x < {hi:.2f}")
    return " and ".join(parts) if parts else "nowhere (P = Q)"


def kl_gauss_readout(mu: float, sigma: float = 1.0, *, x=KL_GAUSS_GRID) -> dict:
    """The numbers the Gaussian KL widget shows: P = N(0, 1) against Q = N(mu, sigma²).

    The area under the integrand p·ln(p/q) is computed on the grid ``x`` as the sum of
    the integrand's values times the grid step Δx, and compared with the closed form.

    Parameters
    ----------
    mu, sigma : float
        Mean and standard deviation of Q.
    x : array_like
        An evenly spaced grid; default 200 points over [−10, 10].

    Returns
    -------
    dict
        ``x``, ``p``, ``q``, ``integrand`` (nats per unit of x); ``dx``; ``area_nats`` and
        ``area_bits`` (Σ integrand · Δx, by :func:`kltools.continuous.density_kl`);
        ``exact_nats`` and ``exact_bits`` (:func:`kltools.continuous.gaussian_kl`);
        ``sum_without_dx`` (Σ integrand, the classic slip, in no unit at all);
        ``positive_nats`` and ``negative_nats`` (the green area above and below zero);
        ``below_zero`` (where q > p, in words).

    Examples
    --------
    >>> r = kl_gauss_readout(-2.0, 1.0)
    >>> round(r["area_nats"], 4), round(r["exact_nats"], 4), round(r["exact_bits"], 4)
    (2.0, 2.0, 2.8854)
    >>> round(r["dx"], 4), round(r["sum_without_dx"], 2)
    (0.1005, 19.9)
    >>> r["below_zero"]
    'x < -1.00'
    """
    x = np.asarray(x, dtype=float)
    p = continuous.gaussian_pdf(x, 0.0, 1.0)
    q = continuous.gaussian_pdf(x, mu, sigma)
    integrand = continuous.kl_integrand(p, q, base=np.e)
    dx = (float(x[-1]) - float(x[0])) / (x.size - 1)
    crossings = _crossings06(float(mu), float(sigma))
    area = continuous.density_kl(p, q, x, base=np.e)
    exact = float(continuous.gaussian_kl(0.0, 1.0, mu, sigma, base=np.e))
    return {
        "x": x,
        "p": p,
        "q": q,
        "integrand": integrand,
        "dx": dx,
        "area_nats": area,
        "area_bits": float(area / np.log(2.0)),
        "exact_nats": exact,
        "exact_bits": float(exact / np.log(2.0)),
        "sum_without_dx": float(integrand.sum()),
        "positive_nats": float(integrand[integrand > 0].sum() * dx),
        "negative_nats": float(integrand[integrand < 0].sum() * dx),
        "crossings": crossings,
        "below_zero": _below_zero_text06(float(mu), float(sigma), crossings),
    }


def kl_gauss_render(mu: float, sigma: float = 1.0) -> tuple[str, Figure]:
    """Readout (HTML) and figure of the Gaussian KL widget: P blue, Q red, p·ln(p/q) green.

    Examples
    --------
    >>> html, fig = kl_gauss_render(-2.0, 1.0)
    >>> "<b>2.0000 nats</b> = <b>2.8854 bits</b>" in html
    True
    >>> "19.90" in html
    True
    """
    r = kl_gauss_readout(mu, sigma)
    html = (
        "<p>D(P‖Q) = green area = Σ p·ln(p/q)·Δx = "
        f"<b>{r['area_nats']:.4f} nats</b> = <b>{r['area_bits']:.4f} bits</b><br>"
        f"closed form, <code>gaussian_kl</code>: {r['exact_nats']:.4f} nats = "
        f"{r['exact_bits']:.4f} bits<br>"
        f"Δx = {r['dx']:.4f}; the sum without Δx would print {r['sum_without_dx']:.2f}: "
        f"{1 / r['dx']:.2f} times too much<br>"
        f"green area above zero {r['positive_nats']:+.4f} nats, below zero "
        f"{r['negative_nats']:+.4f} nats (where q &gt; p: {escape(r['below_zero'])})</p>"
    )
    fig = new_figure((6.4, 3.4))
    ax = fig.add_subplot()
    plot_density_kl(
        r["x"],
        r["p"],
        r["q"],
        r["integrand"],
        ax=ax,
        p_label="P = N(0, 1)",
        q_label=f"Q = N({float(mu):.1f}, {float(sigma):.1f}²)",
        title=f"D(P‖Q) = {r['area_nats']:.3f} nats = {r['area_bits']:.3f} bits",
    )
    return html, fig


def kl_gauss_widget(mu: float = -2.0, sigma: float = 1.0) -> LessonWidget:
    """Sliders for the mean and the width of Q = N(mu, sigma²) against P = N(0, 1).

    Examples
    --------
    >>> w = kl_gauss_widget()
    >>> w.controls[0].value = 1.0
    >>> "<b>0.5000 nats</b>" in w.readout.value, w.redraws
    (True, 2)
    """
    mu_slider = _slider("μ of Q", mu, -3.0, 3.0, 0.1, ".1f")
    sigma_slider = _slider("σ of Q", sigma, 0.5, 3.0, 0.1, ".1f")
    return LessonWidget(
        "KL divergence of two Gaussians",
        [mu_slider, sigma_slider],
        kl_gauss_render,
    )


# --- Lesson 08: forward versus reverse KL ---------------------------------------------------------


FIT_GRID = np.linspace(-12.0, 12.0, 3001)
PEAK_SIGMA = 0.5
_LN2_08 = float(np.log(2.0))


def two_peaks(separation: float, *, x=FIT_GRID) -> np.ndarray:
    """The density ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)`` on ``x``, with ``d = separation``.

    Examples
    --------
    >>> p = two_peaks(4.0)
    >>> round(float(p.sum() * (FIT_GRID[1] - FIT_GRID[0])), 6)
    1.0
    >>> round(float(p[FIT_GRID.size // 2]), 6)  # between the peaks, at x = 0
    0.000268
    """
    d = float(separation)
    if not (np.isfinite(d) and d >= 0.0):
        raise ValueError(f"separation must be a finite number ≥ 0; got {separation!r}")
    return continuous.mixture_pdf(x, [0.5, 0.5], [-d / 2, d / 2], [PEAK_SIGMA, PEAK_SIGMA])


def _objectives08(p, mu: float, sigma: float, x) -> dict:
    """Both divergences between ``p`` and ``N(mu, sigma²)`` on the grid, in nats and bits."""
    q = continuous.gaussian_pdf(x, mu, sigma)
    forward = continuous.density_kl(p, q, x, base=np.e)
    reverse = continuous.density_kl(q, p, x, base=np.e)
    return {
        "mu": float(mu),
        "sigma": float(sigma),
        "forward_nats": forward,
        "forward_bits": forward / _LN2_08,
        "reverse_nats": reverse,
        "reverse_bits": reverse / _LN2_08,
    }


def forward_reverse_readout(separation: float, *, x=FIT_GRID) -> dict:
    """The numbers the forward/reverse widget shows: one Gaussian fitted to two peaks, three ways.

    Parameters
    ----------
    separation : float
        The distance ``d`` between the peaks of ``p = ½·N(−d/2, 0.5²) + ½·N(d/2, 0.5²)``.
    x : array_like
        An evenly spaced grid; default 3001 points over [−12, 12].

    Returns
    -------
    dict
        ``x``, ``p``, ``separation``, and three fits, each a dict with ``mu``, ``sigma``,
        ``forward_nats``/``forward_bits`` (D_KL(p‖q)) and ``reverse_nats``/``reverse_bits``
        (D_KL(q‖p)) on the grid:

        - ``"forward"``: ``fit_gaussian(p, x)``, the minimiser of D_KL(p‖q);
        - ``"reverse_peak"``: the reverse search started at the right peak, (d/2, 0.5);
        - ``"reverse_middle"``: the reverse search started at the forward fit.

        ``best_reverse`` names the reverse fit with the lower D_KL(q‖p) (the peak start on a
        tie), and ``same_reverse`` says whether both searches ended at the same Gaussian.

    Examples
    --------
    >>> r = forward_reverse_readout(4.0)
    >>> f = r["forward"]
    >>> round(f["mu"], 3) + 0.0, round(f["sigma"], 3), round(f["forward_nats"], 3)
    (0.0, 2.062, 0.724)
    >>> peak, middle = r["reverse_peak"], r["reverse_middle"]
    >>> round(peak["mu"], 2), round(peak["sigma"], 2), round(peak["reverse_nats"], 3)
    (2.0, 0.5, 0.693)
    >>> round(middle["mu"], 3) + 0.0, round(middle["sigma"], 2), round(middle["reverse_nats"], 3)
    (0.0, 1.74, 1.871)
    >>> r["best_reverse"], r["same_reverse"]
    ('reverse_peak', False)
    """
    d = float(separation)
    x = np.asarray(x, dtype=float)
    p = two_peaks(d, x=x)
    mu_f, sigma_f = continuous.fit_gaussian(p, x)
    mu_r, sigma_r = continuous.fit_gaussian(p, x, direction="reverse", init=(d / 2, PEAK_SIGMA))
    mu_m, sigma_m = continuous.fit_gaussian(p, x, direction="reverse", init=(mu_f, sigma_f))
    fits = {
        "forward": _objectives08(p, mu_f, sigma_f, x),
        "reverse_peak": _objectives08(p, mu_r, sigma_r, x),
        "reverse_middle": _objectives08(p, mu_m, sigma_m, x),
    }
    peak, middle = fits["reverse_peak"], fits["reverse_middle"]
    same = abs(peak["mu"] - middle["mu"]) < 1e-3 and abs(peak["sigma"] - middle["sigma"]) < 1e-3
    lower = middle["reverse_nats"] < peak["reverse_nats"] - 1e-9
    best = "reverse_middle" if lower else "reverse_peak"
    return {"x": x, "p": p, "separation": d, **fits, "best_reverse": best, "same_reverse": same}


def _num08(value: float, digits: int, sign: bool = False) -> str:
    """Fixed digits, with no "-0.000" from rounding."""
    spec = f"+.{digits}f" if sign else f".{digits}f"
    return format(round(float(value), digits) + 0.0, spec)


def _units08(nats: float, bits: float, *, bold: bool = False) -> str:
    """``"0.6931 nats = 1.0000 bits"``, the nats in bold if asked."""
    text = f"{_num08(nats, 4)} nats"
    return f"{'<b>' + text + '</b>' if bold else text} = {_num08(bits, 4)} bits"


# label, line style and colour of each fit: the model is red, and the reverse search from the
# middle is a darker red, so it stands apart from the dashed forward fit
FIT_ROWS08 = {
    "forward": ("forward fit, argmin D(p‖q)", "--", Q_COLOR),
    "reverse_peak": ("reverse fit, search from the right peak", "-", Q_COLOR),
    "reverse_middle": ("reverse fit, search from the forward fit", ":", "#7f0000"),
}


def forward_reverse_fits(r: dict) -> list[tuple[float, float, str, str, str]]:
    """The fits of a readout as ``(mu, sigma, label, linestyle, color)`` for
    :func:`plot_gaussian_fits`.

    When both reverse searches end at the same Gaussian, it is drawn once.

    Examples
    --------
    >>> [label for _, _, label, *_ in forward_reverse_fits(forward_reverse_readout(1.0))]
    ['forward fit, argmin D(p‖q)', 'reverse fit, both starts']
    """
    fits = []
    for key, (label, style, color) in FIT_ROWS08.items():
        if key == "reverse_middle" and r["same_reverse"]:
            continue
        if key == "reverse_peak" and r["same_reverse"]:
            label = "reverse fit, both starts"
        fits.append((r[key]["mu"], r[key]["sigma"], label, style, color))
    return fits


# space between the readout's columns, so "0.2481 bits" and "0.2478 nats" do not run together
TABLE_SPACING08 = "style='border-collapse:separate;border-spacing:1.2em 0.15em'"


def forward_reverse_render(separation: float) -> tuple[str, Figure]:
    """Readout (HTML) and figure of the forward/reverse widget: p blue, the fits red.

    Examples
    --------
    >>> html, fig = forward_reverse_render(4.0)
    >>> "<b>0.6931 nats</b> = 0.9999 bits" in html, "1.8712 nats" in html
    (True, True)
    >>> len(fig.axes)
    1
    """
    r = forward_reverse_readout(separation)
    head = (
        "<tr><th style='text-align:left'>Gaussian q</th><th>μ</th><th>σ</th>"
        "<th>forward D(p‖q)</th><th>reverse D(q‖p)</th></tr>"
    )
    rows = []
    for key, (label, *_) in FIT_ROWS08.items():
        f = r[key]
        fwd = _units08(f["forward_nats"], f["forward_bits"], bold=key == "forward")
        rev = _units08(f["reverse_nats"], f["reverse_bits"], bold=key == r["best_reverse"])
        rows.append(
            f"<tr><td>{label}</td><td>{_num08(f['mu'], 3, sign=True)}</td>"
            f"<td>{_num08(f['sigma'], 3)}</td><td>{fwd}</td><td>{rev}</td></tr>"
        )
    peak, middle = r["reverse_peak"], r["reverse_middle"]
    if r["same_reverse"]:
        note = "Both reverse searches end at the same Gaussian."
    else:
        winner = "the right peak" if r["best_reverse"] == "reverse_peak" else "the forward fit"
        gap = abs(peak["reverse_nats"] - middle["reverse_nats"])
        note = (
            "The two reverse searches end at different Gaussians: two local minima. "
            f"The one from {winner} is lower, by {_num08(gap, 4)} nats."
        )
    html = (
        f"<p>p = ½·N(−{r['separation'] / 2:.2f}, 0.5²) + ½·N({r['separation'] / 2:.2f}, 0.5²): "
        f"peaks {r['separation']:.1f} apart. μ and σ in units of x; "
        "each fit's own objective in bold.</p>"
        f"<table {TABLE_SPACING08}>{head}{''.join(rows)}</table><p>{note}</p>"
    )
    fig = new_figure((6.4, 3.4))
    ax = fig.add_subplot()
    plot_gaussian_fits(
        r["x"],
        r["p"],
        forward_reverse_fits(r),
        ax=ax,
        p_label="p, two peaks",
        xlim=(-7.0, 7.0),
        title=f"one Gaussian fitted to two peaks {r['separation']:.1f} apart",
        legend_loc="upper left",
    )
    ax.set_ylim(0.0, 1.3)  # room above the peaks (at most 0.8) for the legend
    return html, fig


def forward_reverse_widget(separation: float = 4.0) -> LessonWidget:
    """A slider for the distance between the two peaks of ``p``; both fits follow.

    Examples
    --------
    >>> w = forward_reverse_widget()
    >>> w.controls[0].value = 6.0
    >>> "+3.000" in w.readout.value, w.redraws
    (True, 2)
    """
    slider = _slider("separation", separation, 0.0, 8.0, 0.5, ".1f")
    return LessonWidget("Forward and reverse KL on two peaks", [slider], forward_reverse_render)
