"""Lesson 05, coding length: prefix codes, Huffman codes, and entropy as the bound on length.

What only this lesson uses: the sources of the Huffman widget, the widget and its readout, and
the lesson's exercises (the 8-sided die and its code).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from kltools import coding, measures
from kltools.course.checker import Exercise, Exercises
from kltools.course.formatting import fixed
from kltools.course.style import P_COLOR
from kltools.course.trees import plot_code_tree
from kltools.course.widget import LessonWidget, Scene

__all__ = [
    "CODING_PRESETS",
    "EXERCISES",
    "WIDGETS",
    "HuffmanScene",
    "check",
    "huffman_readout",
    "huffman_widget",
]


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


def _probability_text(px: float) -> str:
    """P(x) for the table: 4 decimals; a true 0 as ``0``; below 0.00005, 2 significant digits.

    So a symbol that never occurs and a very rare one never print alike.

    Examples
    --------
    >>> _probability_text(0.25), _probability_text(0.0), _probability_text(9.87e-7)
    ('0.2500', '0', '9.9e-07')
    """
    if px == 0:
        return "0"
    return f"{px:.1e}" if px < 0.00005 else fixed(px, 4)


def _pair(name: str, value: str) -> str:
    """``name = value`` kept on one line: the readout may wrap between pairs, never inside one."""
    return f"<span style='white-space:nowrap'>{name} = {value}</span>"


def _surprise_text(px: float) -> str:
    """The surprise −log₂ P(x) in bits, to 3 decimals; ∞ for a symbol that never occurs."""
    return fixed(float(measures.information(px)), 3) if px > 0 else "∞"


# The readout's table: one column per symbol, one line per row; headers left, numbers right.
_TABLE = "style='line-height:1.3;border-collapse:collapse'"
_HEAD = "style='padding:0 0.6em 0 0;text-align:left;white-space:nowrap'"
_CELL = "style='padding:0 0 0 0.9em;text-align:right'"
# Room under the deepest leaf for its three labels (symbol, codeword, probability), in points:
# plot_code_tree sets them 8 pt below the leaf, 1.3 lines of 11 pt apart, the last 10 pt tall.
_LEAF_LABELS_PT = 8 + 2 * 1.3 * 11 + 12


def _table_row(header: str, cells: list[str]) -> str:
    return f"<tr><th {_HEAD}>{header}</th>{''.join(f'<td {_CELL}>{c}</td>' for c in cells)}</tr>"


class HuffmanScene(Scene):
    """The Huffman widget's figure and readout: the code table, L, H(P) and the code tree.

    ``source`` is a key of ``CODING_PRESETS``; with ``CUSTOM_SOURCE`` the weights come from
    ``text``. The tree changes shape with the weights, so every frame is a whole draw.

    Examples
    --------
    >>> html, fig, alt = HuffmanScene().render("4-sided die model q (1/2, 1/4, 1/8, 1/8)")
    >>> "L = <b>1.7500</b>" in html and "H(P) = <b>1.7500</b>" in html
    True
    >>> "not a number" in HuffmanScene().render(CUSTOM_SOURCE, "1, two")[0]
    True
    """

    figsize = (8.4, 2.6)
    layout_values = (next(iter(CODING_PRESETS)), "")
    redraw_all = True

    def draw(self, fig: Figure) -> None:
        # Two subfigures, so that the tree's axes reach below the bars' two-line tick labels.
        tree_fig, bar_fig = cast(np.ndarray, fig.subfigures(1, 2, width_ratios=[2.9, 1]))
        self.tree_ax, self.bar_ax = tree_fig.subplots(), bar_fig.subplots()

    def draw_live(self, source: str, text: str = "") -> tuple[str, str]:
        tree_ax, bar_ax = self.tree_ax, self.bar_ax
        try:
            preset = CODING_PRESETS[source]
            r = huffman_readout(parse_weights(text) if preset is None else preset)
        except ValueError as error:
            tree_ax.set_title("")
            tree_ax.set_axis_off()
            tree_ax.set_xlim(0, 1)
            tree_ax.set_ylim(0, 1)
            tree_ax.text(0.5, 0.5, "no code to draw", ha="center", va="center")
            bar_ax.set_visible(False)
            alt = "No code to draw: the weights typed do not make a distribution yet."
            return f"<p>Cannot build a code: {error}.</p>", alt
        words = list(r.code.values())
        html = (
            f"<table {_TABLE}>"
            + _table_row("symbol", [str(s) for s in r.code])
            + _table_row("P(x)", [_probability_text(px) for px in r.p])
            + _table_row("−log₂ P(x) (bits)", [_surprise_text(px) for px in r.p])
            + _table_row("codeword", [f"<code style='font-size:1em'>{w}</code>" for w in words])
            + _table_row("length (bits)", [str(len(w)) for w in words])
            + "</table>"
            "<p style='margin-top:0.25em'>"
            f"{_pair('L', f'<b>{fixed(r.average_length, 4)}</b>')}, "
            f"{_pair('H(P)', f'<b>{fixed(r.entropy, 4)}</b>')}, "
            f"{_pair('L − H(P)', f'<b>{fixed(r.excess, 4)}</b>')} bits/symbol · "
            f"{_pair('Kraft sum', fixed(r.kraft, 4))} (1 for every Huffman code)</p>"
        )
        tree_ax.set_axis_on()
        probs = dict(zip(r.code, r.p.tolist(), strict=True))
        plot_code_tree(tree_ax, r.code, probs, title="Huffman code tree")
        # Room under the deepest leaves for their labels, however deep the tree: the levels
        # 0..depth and the labels' points share the axes' height.
        depth = max(r.lengths)
        height = tree_ax.get_position().height * self.fig.get_figheight() * 72
        below = _LEAF_LABELS_PT * (depth + 0.5) / (height - _LEAF_LABELS_PT)
        tree_ax.set_ylim(-depth - below, 0.5)
        bar_ax.set_visible(True)
        bars = bar_ax.bar([0, 1], [r.entropy, r.average_length], color=[P_COLOR, "0.45"], width=0.6)
        bar_ax.bar_label(
            bars,
            labels=[fixed(r.entropy, 3), fixed(r.average_length, 3)],  # the axis gives the unit
            padding=2,
            fontsize=10,
        )
        bar_ax.set_xticks([0, 1], ["entropy\nH(P)", "average\nlength L"])
        bar_ax.set_xlim(-0.6, 1.6)
        bar_ax.set_ylabel("bits per symbol")
        bar_ax.set_ylim(0, max(1.0, r.average_length) * 1.25)
        shortest, longest = min(r.lengths), max(r.lengths)
        if shortest == longest:
            lengths = f"all codewords {shortest} bit{'' if shortest == 1 else 's'} long"
        else:
            lengths = f"codewords {shortest} to {longest} bits long"
        alt = (
            f"The Huffman code tree of {len(r.code)} symbols, {lengths}, and two bars: entropy "
            f"{fixed(r.entropy, 3)} bits, average length {fixed(r.average_length, 3)} bits."
        )
        return html, alt


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
        HuffmanScene(),
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
