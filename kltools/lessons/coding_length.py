"""Lesson 05, coding length: prefix codes, Huffman codes, and entropy as the bound on length.

What only this lesson uses: the sources of the Huffman widget, the widget and its readout, and
the lesson's exercises (the 8-sided die and its code).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from kltools import coding, measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import fixed
from kltools.course.style import P_COLOR
from kltools.course.trees import plot_code_tree
from kltools.course.widget import LessonWidget, new_figure

__all__ = ["CODING_PRESETS", "EXERCISES", "WIDGETS", "check", "huffman_readout", "huffman_widget"]


CUSTOM_SOURCE = "custom: type weights below"
MAX_WEIGHTS = 8  # the most symbols whose tree labels fit the widget's width at 10 pt

CODING_PRESETS: dict[str, tuple[float, ...] | None] = {
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
        If an entry is not a finite number or is negative, if every weight is 0, or if there
        are fewer than 2 or more than ``MAX_WEIGHTS`` (8) entries. The message says which, in
        plain words.

    Examples
    --------
    >>> parse_weights("1/2, 1/4 1/8,0.125")
    [0.5, 0.25, 0.125, 0.125]
    >>> parse_weights("-1, 2")
    Traceback (most recent call last):
    ...
    ValueError: a weight cannot be negative; got -1
    """
    values = []
    for item in text.replace(",", " ").split():
        top, _, bottom = item.partition("/")
        try:
            value = float(top) / float(bottom) if bottom else float(top)
        except (ValueError, ZeroDivisionError, OverflowError):
            raise ValueError(f"{item!r} is not a number") from None
        if not np.isfinite(value):
            raise ValueError(f"{item!r} is not a finite number")
        if value < 0:
            raise ValueError(f"a weight cannot be negative; got {item}")
        values.append(value)
    if not 2 <= len(values) <= MAX_WEIGHTS:
        raise ValueError(f"give between 2 and {MAX_WEIGHTS} weights; got {len(values)}")
    if max(values) == 0:
        raise ValueError("give at least one weight a positive value")
    return values


@dataclass(frozen=True)
class HuffmanReadout:
    """What the Huffman widget shows for a source with symbols 1, 2, …, n.

    Attributes
    ----------
    p : numpy.ndarray
        The source's distribution P.
    code : dict
        The Huffman code, {symbol: codeword}.
    lengths : list of int
        The codeword lengths, in bits, symbol by symbol.
    average_length : float
        L, in bits per symbol.
    entropy : float
        H(P), in bits.
    excess : float
        L − H(P), in bits per symbol.
    kraft : float
        The Kraft sum Σ 2^−l.
    """

    p: np.ndarray
    code: dict[int, str]
    lengths: list[int]
    average_length: float
    entropy: float
    excess: float
    kraft: float


def huffman_readout(weights: ArrayLike) -> HuffmanReadout:
    """The numbers the Huffman widget shows: a code for the normalised weights, in bits.

    The symbols are 1, 2, …, n; the weights become P with :func:`kltools.normalize`.

    Returns
    -------
    HuffmanReadout

    Raises
    ------
    ValueError
        If the weights are negative or all zero.

    Examples
    --------
    >>> r = huffman_readout([32, 16, 8, 4, 1, 1, 1, 1])
    >>> list(r.code.values())
    ['0', '10', '110', '1110', '111100', '111101', '111110', '111111']
    >>> r.average_length, r.entropy, r.kraft
    (2.0, 2.0, 1.0)
    """
    weights = np.asarray(weights, dtype=float)
    if weights.size and np.all(np.isfinite(weights)) and weights.max() > 0:
        weights = weights / weights.max()  # so that huge weights (1e308) cannot overflow the sum
    p = np.asarray(measures.normalize(weights), dtype=float)
    symbols = list(range(1, p.size + 1))
    code = coding.huffman_code(p, symbols=symbols)
    probs = dict(zip(symbols, p.tolist(), strict=True))
    average = coding.average_code_length(probs, code)
    h = float(measures.entropy(p))
    return HuffmanReadout(
        p=p,
        code=code,
        lengths=[len(code[s]) for s in symbols],
        average_length=average,
        entropy=h,
        excess=average - h,
        kraft=coding.kraft_sum(code),
    )


def _surprise_text(px: float) -> str:
    """The surprise −log₂ P(x) in bits, to 3 decimals; ∞ for a symbol that never occurs."""
    return fixed(float(measures.information(px)), 3) if px > 0 else "∞"


def huffman_render(source: str, text: str = "") -> tuple[str, Figure, str]:
    """Readout (HTML) and figure of the Huffman widget: the code table, L, H(P) and the tree.

    ``source`` is a key of ``CODING_PRESETS``; with ``CUSTOM_SOURCE`` the weights come from
    ``text``.

    Examples
    --------
    >>> html, fig, alt = huffman_render("4-sided die model q (1/2, 1/4, 1/8, 1/8)")
    >>> "L = <b>1.7500 bits/symbol</b>" in html and "H(P) = <b>1.7500 bits</b>" in html
    True
    >>> "not a number" in huffman_render(CUSTOM_SOURCE, "1, two")[0]
    True
    """
    fig = new_figure((9.0, 3.8))
    try:
        preset = CODING_PRESETS[source]
        r = huffman_readout(parse_weights(text) if preset is None else preset)
    except ValueError as error:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no code to draw", ha="center", va="center")
        ax.set_axis_off()
        alt = "No code to draw: the weights typed do not make a distribution yet."
        return f"<p>Cannot build a code: {error}.</p>", fig, alt
    # Padded cells, numbers right-aligned under right-aligned headers, codewords left-aligned.
    num = "style='padding:0 0.8em;text-align:right'"
    left = "style='padding:0 0.8em;text-align:left'"
    rows = "".join(
        f"<tr><td {num}>{s}</td><td {num}>{fixed(px, 4)}</td><td {num}>{_surprise_text(px)}</td>"
        f"<td {left}><code>{w}</code></td><td {num}>{len(w)}</td></tr>"
        for (s, w), px in zip(r.code.items(), r.p, strict=True)
    )
    html = (
        f"<table><tr><th {num}>symbol</th><th {num}>P(x)</th><th {num}>−log₂ P(x) (bits)</th>"
        f"<th {left}>codeword</th><th {num}>length (bits)</th></tr>{rows}</table>"
        f"<p>average length L = <b>{fixed(r.average_length, 4)} bits/symbol</b> &nbsp; "
        f"entropy H(P) = <b>{fixed(r.entropy, 4)} bits</b> &nbsp; "
        f"L − H(P) = <b>{fixed(r.excess, 4)} bits/symbol</b> &nbsp; "
        f"Kraft sum = {fixed(r.kraft, 4)}</p>"
    )
    tree_ax, bar_ax = fig.subplots(1, 2, width_ratios=[2.7, 1])
    probs = dict(zip(r.code, r.p.tolist(), strict=True))
    plot_code_tree(tree_ax, r.code, probs, title="Huffman code tree")
    bars = bar_ax.bar([0, 1], [r.entropy, r.average_length], color=[P_COLOR, "0.45"], width=0.6)
    bar_ax.bar_label(
        bars,
        labels=[f"{fixed(r.entropy, 3)} bits", f"{fixed(r.average_length, 3)} bits"],
        padding=2,
        fontsize=10,
    )
    bar_ax.set_xticks([0, 1], ["entropy\nH(P)", "average\nlength L"])
    bar_ax.set_xlim(-0.6, 1.6)
    bar_ax.set_ylabel("bits per symbol")
    bar_ax.set_ylim(0, max(1.0, r.average_length) * 1.25)
    alt = (
        f"The Huffman code tree of {len(r.code)} symbols, codewords {min(r.lengths)} to "
        f"{max(r.lengths)} bits long, and two bars: entropy {fixed(r.entropy, 3)} bits, average "
        f"length {fixed(r.average_length, 3)} bits."
    )
    return html, fig, alt


def huffman_widget(
    source: str = next(iter(CODING_PRESETS)), text: str = "3, 3, 2, 1, 1"
) -> LessonWidget:
    """Pick a source (or type weights) and see its Huffman tree, average length and entropy.

    Examples
    --------
    >>> [control.description for control in huffman_widget().controls]
    ['source', 'custom weights']
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


WIDGETS = (huffman_widget,)

EIGHT_SIDED_DIE = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 64, 1 / 64, 1 / 64, 1 / 64]

EIGHT_SIDED_CODE = coding.huffman_code(EIGHT_SIDED_DIE, symbols=range(1, 9))


def _extra_bits_of_the_wrong_code() -> float:
    """How many bits per symbol the 8-sided die's code wastes on a fair 8-sided die (05.4)."""
    fair8 = [1 / 8] * 8
    wrong = coding.average_code_length(fair8, list(EIGHT_SIDED_CODE.values()))
    best = coding.average_code_length(fair8, coding.huffman_code(fair8))
    return wrong - best


EXERCISES = Exercises(
    {
        "05.1": Exercise(
            lambda: coding.kraft_sum([1, 2, 2, 3]) <= 1,
            "Add up 2**-length over the four codewords and compare the total with 1.",
        ),
        "05.2": Exercise(
            lambda: coding.average_code_length(
                [0.5, 0.2, 0.2, 0.1], coding.huffman_code([0.5, 0.2, 0.2, 0.1])
            ),
            "Merge the two least probable symbols first (0.2 and 0.1), then again, and count how "
            "many merges sit above each symbol: that is its length. Then average the lengths with "
            "P.",
            unit="bits per symbol",
        ),
        "05.3": Exercise(
            lambda: coding.decode("1110111100010", EIGHT_SIDED_CODE),
            "Read from the left and stop as soon as the bits spell a codeword: 0, 10, 110, 1110, "
            "111100, 111101, 111110 or 111111. Answer with the faces as a list, e.g. [1, 2, 3].",
        ),
        "05.4": Exercise(
            _extra_bits_of_the_wrong_code,
            "Each face of a fair 8-sided die comes up 1/8 of the time: average the codeword "
            "lengths 1, 2, 3, 4, 6, 6, 6, 6 with equal weights, then subtract the best code's 3 "
            "bits.",
            unit="bits per symbol",
            swapped=lambda: (
                3.0 - coding.average_code_length(EIGHT_SIDED_DIE, list(EIGHT_SIDED_CODE.values()))
            ),
            swapped_message=(
                "That is the other direction: the loaded die's rolls coded with the fixed 3-bit "
                "code. Here the rolls come from the fair die and are coded with the loaded die's "
                "code."
            ),
        ),
    }
)
check = EXERCISES.check
