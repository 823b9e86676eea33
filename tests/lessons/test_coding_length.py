"""Lesson 05: the Huffman widget, driven through its controls; numbers the lesson quotes."""

from __future__ import annotations

import heapq
import json
import math
import re
import warnings
from fractions import Fraction
from html import unescape
from pathlib import Path

import numpy as np
import pytest

import kltools
from kltools.coding import average_code_length, huffman_code, kraft_sum
from kltools.lessons.coding_length import (
    CODING_PRESETS,
    CUSTOM_SOURCE,
    EXERCISES,
    HuffmanScene,
    huffman_readout,
    huffman_widget,
    parse_weights,
)

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "05_coding_length.ipynb"
DIE8 = "8-sided die (1/2, 1/4, 1/8, 1/16, 1/64 ×4)"


def expected_numbers(weights) -> tuple[str, str]:
    """L and H(P) as the readout prints them (in bits/symbol, the unit said once after them)."""
    p = kltools.normalize(np.asarray(weights, dtype=float))
    code = huffman_code(p)
    average = average_code_length(p, code)
    return f"{average:.4f}", f"{float(kltools.entropy(p)):.4f}"


def test_readout_of_the_loaded_8_sided_die() -> None:
    r = huffman_readout(CODING_PRESETS[DIE8])
    assert list(r.code.values()) == [
        "0", "10", "110", "1110", "111100", "111101", "111110", "111111"
    ]  # fmt: skip
    assert r.average_length == pytest.approx(2.0)
    assert r.entropy == pytest.approx(2.0)
    assert r.excess == pytest.approx(0.0)
    assert r.kraft == 1.0
    assert r.lengths == [1, 2, 3, 4, 6, 6, 6, 6]


@pytest.mark.parametrize("name", [n for n, w in CODING_PRESETS.items() if w is not None])
def test_every_preset_obeys_the_source_coding_bound(name: str) -> None:
    r = huffman_readout(CODING_PRESETS[name])
    assert r.entropy - 1e-12 <= r.average_length < r.entropy + 1
    assert r.kraft == pytest.approx(1.0)


def test_parse_weights() -> None:
    assert parse_weights("8, 4 2,1 1") == [8.0, 4.0, 2.0, 1.0, 1.0]
    assert parse_weights("1/2, 1/4, 1/4") == [0.5, 0.25, 0.25]
    for bad in ["1, two", "5", "1/0, 1", " ".join(["1"] * 13)]:
        with pytest.raises(ValueError):
            parse_weights(bad)


def test_choosing_sources_updates_readout_and_picture() -> None:
    w = huffman_widget()
    assert w.redraws == 1
    average, h = expected_numbers(CODING_PRESETS[DIE8])
    assert "</b></span> bits/symbol · " in w.readout.value
    assert f"L = <b>{average}</b>" in w.readout.value and average == "2.0000"
    first_image = w.png

    w.controls[0].value = "weather (0.6, 0.25, 0.1, 0.05)"
    average, h = expected_numbers([60, 25, 10, 5])
    assert f"L = <b>{average}</b>" in w.readout.value and average == "1.5500"
    assert f"H(P) = <b>{h}</b>" in w.readout.value and h == "1.4905"
    assert w.redraws == 2
    second_image = w.png
    assert second_image[:4] == b"\x89PNG" and second_image != first_image

    w.controls[0].value = "fair 6-sided die"
    average, h = expected_numbers([1] * 6)
    assert f"L = <b>{average}</b>" in w.readout.value
    assert f"H(P) = <b>{h}</b>" in w.readout.value and h == f"{np.log2(6):.4f}"
    assert w.redraws == 3
    assert w.png != second_image


def test_typing_custom_weights() -> None:
    w = huffman_widget(source=CUSTOM_SOURCE, text="3, 3, 2, 1, 1")
    average, h = expected_numbers([3, 3, 2, 1, 1])
    assert f"L = <b>{average}</b>" in w.readout.value and f"H(P) = <b>{h}</b>" in w.readout.value
    before = w.png

    w.controls[1].value = "8, 4, 2, 1, 1"  # dyadic: the code reaches the entropy
    assert "L − H(P) = <b>0.0000</b>" in w.readout.value
    assert "L = <b>1.8750</b>" in w.readout.value
    assert w.redraws == 2 and w.png != before
    before = w.png

    w.controls[1].value = "1, two"  # a typo: a message, no crash
    assert "Cannot build a code" in w.readout.value and "not a number" in w.readout.value
    assert w.redraws == 3 and w.png != before

    w.controls[1].value = "0, 0, 0"
    assert "Cannot build a code" in w.readout.value
    assert w.redraws == 4


def test_a_true_zero_and_a_tiny_probability_print_apart() -> None:
    # a weight of 0 prints P(x) = 0 beside ∞; a tiny positive one, 2 significant digits beside
    # its finite surprise (4 decimals would print 0.0000 for both)
    html = HuffmanScene().render(CUSTOM_SOURCE, "0.001, 1000, 7")[0]
    rows, _ = table_and_summary(html)
    assert rows["P(x)"] == ["9.9e-07", "0.9930", "0.0070"]
    assert rows["−log₂ P(x) (bits)"][0] == f"{math.log2(1007.001 / 0.001):.3f}"
    rows, _ = table_and_summary(HuffmanScene().render(CUSTOM_SOURCE, "1, 0")[0])
    assert rows["P(x)"] == ["1.0000", "0"] and rows["−log₂ P(x) (bits)"] == ["0.000", "∞"]


def test_alt_text_when_all_codewords_have_one_length() -> None:
    assert "all codewords 1 bit long," in HuffmanScene().render(CUSTOM_SOURCE, "1, 1")[2]
    assert "all codewords 2 bits long," in HuffmanScene().render(CUSTOM_SOURCE, "1 1 1 1")[2]
    assert "codewords 1 to 2 bits long," in HuffmanScene().render(CUSTOM_SOURCE, "2 1 1")[2]


def test_text_is_ignored_for_presets() -> None:
    html_a, _, _ = HuffmanScene().render(DIE8, "1, two")
    html_b, _, _ = HuffmanScene().render(DIE8, "")
    assert html_a == html_b


def test_widget_text_form_is_one_line() -> None:
    assert "\n" not in repr(huffman_widget())


def test_prose_claims() -> None:
    # the fair 6-sided die mixes lengths 2 and 3
    assert sorted(huffman_readout([1] * 6).lengths) == [2, 2, 3, 3, 3, 3]
    # Kraft sum of Shannon's weather lengths, quoted with five digits
    assert f"{kraft_sum([1, 2, 4, 5]):.5f}" == "0.84375"


# Numbers quoted in the folded solutions (markdown, not printed by a cell): checked here.
def test_solutions_quote_the_checker() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    solutions = "\n".join("".join(c["source"]) for c in cells if "Solution" in "".join(c["source"]))
    assert kraft_sum([1, 2, 2, 3]) == 1.125 and "1.125" in solutions
    assert EXERCISES["05.1"].expected() is False
    assert EXERCISES["05.2"].expected() == pytest.approx(1.8) and "= 1.8$ bits" in solutions
    assert f"{float(kltools.entropy([0.5, 0.2, 0.2, 0.1])):.4f}" == "1.7610"
    assert "1.7610 bits" in solutions
    assert EXERCISES["05.3"].expected() == [4, 5, 1, 2] and "[4, 5, 1, 2]" in solutions
    assert EXERCISES["05.4"].expected() == pytest.approx(1.25) and "1.25 bits" in solutions
    fair8 = np.full(8, 1 / 8)
    die8 = [1 / 2, 1 / 4, 1 / 8, 1 / 16] + [1 / 64] * 4
    assert float(kltools.cross_entropy(fair8, die8)) == pytest.approx(4.25)
    assert float(kltools.kl_divergence(fair8, die8)) == pytest.approx(1.25)
    assert "= 4.25$ bits" in solutions


# --- the widget over its whole range: every number it shows, computed independently ----------

NUMBER = re.compile(r"∞|-?\d+(?:\.\d+)?(?:e[-+]\d+)?")
# Typed weights the widget must turn down, and the plain words that say why.
REFUSED = {
    "": "give between 2 and 8 weights; got 0",
    "abc": "'abc' is not a number",
    "1, two": "'two' is not a number",
    "-1, 2": "a weight cannot be negative; got -1",
    "5": "give between 2 and 8 weights; got 1",
    ", ".join(["1"] * 100): "give between 2 and 8 weights; got 100",
    "0, 0, 0": "give at least one weight a positive value",
    "inf, 1": "'inf' is not a finite number",
    "nan, 1": "'nan' is not a finite number",
    "1/0, 1": "'1/0' is not a number",
}
ACCEPTED = [
    "3, 3, 2, 1, 1",
    "1, 1",
    "0, 1",
    "1, 0, 1",
    "1/2, 1/4, 1/8, 1/8",
    "0.6 0.25 0.1 0.05",
    "8 4 2 1 1",
    "1 2 3 4 5 6 7 8",
    "128 64 32 16 8 4 2 1",
    "1e-9, 1",
    "0.001, 1000, 7",
    "1, 0",
    "1e-300, 1, 0",
    "1e308, 1e308",
    "7, 7, 7",
    "1, 1, 1, 1, 1, 1, 1, 1",
]


def numbers(text: str) -> list[str]:
    """The numbers a reader sees in ``text`` (HTML tags removed), in order; ∞ counts as one."""
    return NUMBER.findall(re.sub(r"<[^>]+>", " ", text))


def plain(text: str) -> str:
    """``text`` as a reader sees it: tags removed, entities decoded, no-break spaces plain."""
    return unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")


# The readout's table, one column per symbol: its row headers, top to bottom.
HEADERS = ["symbol", "P(x)", "−log₂ P(x) (bits)", "codeword", "length (bits)"]
SUMMARY = re.compile(
    r"L = (\S+), H\(P\) = (\S+), L − H\(P\) = (\S+) bits/symbol · Kraft sum = (\S+) "
    r"\(1 for every Huffman code\)"
)
# The names of the summary's four "name = value" pairs, each kept on one line.
PAIRS = ["L", "H(P)", "L − H(P)", "Kraft sum"]
NOWRAP = re.compile(r"<span style='white-space:nowrap'>(.*?)</span>")


def table_and_summary(html: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """The readout's table as {row header: its cells' text} and the summary line's 4 numbers."""
    table, summary = re.fullmatch(r"(<table[^>]*>.*</table>)<p[^>]*>(.*)</p>", html).groups()
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table):
        header, *cells = map(plain, re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
        rows[header] = cells
    match = SUMMARY.fullmatch(plain(summary))
    assert match, summary
    # each name and its value in one no-wrap span, so that a line never breaks inside a pair
    pairs = [plain(pair) for pair in NOWRAP.findall(summary)]
    assert pairs == [
        f"{name} = {value}" for name, value in zip(PAIRS, match.groups(), strict=True)
    ], summary
    return rows, match.groups()


def probability_agrees(shown: str, exact: Fraction) -> bool:
    """Whether ``shown`` is P(x) as the table must print it: 4 decimals, ``0`` for a true 0,
    and 2 significant digits (``9.9e-07``) for a positive value below 0.00005, which 4
    decimals would print as 0.0000.
    """
    if exact == 0:
        return shown == "0"
    if exact < Fraction(5, 100_000):
        match = re.fullmatch(r"([1-9])\.(\d)e-(\d{2,3})", shown)
        if not match:
            return False
        whole, tenth, exponent = (int(g) for g in match.groups())
        # the mantissa, a multiple of 0.1 in [1, 10), within half a unit of its last digit
        # of the exact value: exactly, with fractions
        mantissa = exact * 10**exponent
        return abs(Fraction(10 * whole + tenth, 10) - mantissa) <= Fraction(1, 20)
    return shown != "0.0000" and agrees(shown, float(exact), 4)


def agrees(shown: str, value: float, digits: int) -> bool:
    """Whether ``shown`` is ``value`` to ``digits`` decimals; at an exact tie either neighbour."""
    if shown == f"{round(value, digits) + 0.0:.{digits}f}":
        return True
    return abs(float(shown) - value) <= 0.5 * 10**-digits + 1e-12


def optimal_average_length(p: list[Fraction]) -> Fraction:
    """The least average length of a binary prefix code for ``p``, exactly: a small Huffman.

    Each merge of the two least probable trees adds one bit to every symbol below it, so the
    average length is the sum of the merged probabilities.
    """
    heap = list(p)
    heapq.heapify(heap)
    total = Fraction(0)
    while len(heap) > 1:
        merged = heapq.heappop(heap) + heapq.heappop(heap)
        total += merged
        heapq.heappush(heap, merged)
    return total


def entropy_bits(p: list[Fraction]) -> float:
    return sum(float(x) * math.log2(1 / x) for x in p if x > 0)


def check_shown_numbers(widget, weights: list[Fraction]) -> None:
    total = sum(weights)
    p = [w / total for w in weights]
    n = len(p)
    html = widget.readout.value
    rows, summary = table_and_summary(html)
    assert list(rows) == HEADERS, html
    assert all(len(cells) == n for cells in rows.values()), html
    # every number printed is one of these: the table row by row, then the summary line
    # (whose last number is the 1 of "(1 for every Huffman code)")
    table_numbers = [c for cells in rows.values() for c in cells]
    assert numbers(html) == [*table_numbers, *summary, "1"], html
    l_text, h_text, excess_text, kraft_text = summary
    words = []
    for symbol, s, px, surprise, word, length in zip(range(1, n + 1), *rows.values(), strict=True):
        exact = p[symbol - 1]
        assert s == str(symbol) and probability_agrees(px, exact), (weights, symbol, px)
        if exact == 0:
            assert surprise == "∞"
        else:
            assert agrees(surprise, math.log2(1 / exact), 3), (weights, symbol)
        assert set(word) <= {"0", "1"} and length == str(len(word))
        words.append(word)
    # The code shown is a prefix code, and its lengths are as short on average as can be.
    assert not any(a != b and b.startswith(a) for a in words for b in words), words
    best = optimal_average_length(p)
    assert sum(x * len(word) for x, word in zip(p, words, strict=True)) == best, words
    kraft = sum(Fraction(1, 2 ** len(word)) for word in words)
    assert kraft == 1 and kraft_text == "1.0000"  # Huffman's tree is full: no branch unused
    h = entropy_bits(p)
    assert agrees(l_text, float(best), 4) and agrees(h_text, h, 4), (weights, l_text, h_text)
    assert agrees(excess_text, float(best) - h, 4), (weights, excess_text)
    lengths = [len(word) for word in words]
    alt = numbers(widget.alt)
    if min(lengths) == max(lengths):  # "all codewords N bit(s) long"
        bits = "bit" if lengths[0] == 1 else "bits"
        assert f"all codewords {lengths[0]} {bits} long," in widget.alt, widget.alt
        assert alt[:2] == [str(n), str(lengths[0])], widget.alt
    else:  # "codewords shortest to longest bits long"
        assert f"codewords {min(lengths)} to {max(lengths)} bits long," in widget.alt
        assert alt[:3] == [str(n), str(min(lengths)), str(max(lengths))], widget.alt
    assert len(alt) == 2 + (min(lengths) != max(lengths)) + 2, widget.alt
    assert agrees(alt[-2], h, 3) and agrees(alt[-1], float(best), 3), widget.alt
    tree, bars = widget.fig.axes
    bar_labels = [numbers(t.get_text()) for t in bars.texts]
    assert [len(label) for label in bar_labels] == [1, 1], bar_labels
    assert agrees(bar_labels[0][0], h, 3) and agrees(bar_labels[1][0], float(best), 3)
    assert bars.get_ylabel() == "bits per symbol"  # the bars' unit
    leaves = [t.get_text() for t in tree.texts][2 * (n - 1) :]  # after the 0/1 edge labels
    for symbol, word, probability in zip(leaves[::3], leaves[1::3], leaves[2::3], strict=True):
        assert words[int(symbol) - 1] == word
        assert probability == f"{float(p[int(symbol) - 1]):.3g}"


@pytest.mark.sweep
def test_widget_sweep_shows_the_right_numbers_everywhere() -> None:
    w = huffman_widget()
    source, typed = w.controls
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning anywhere on the way
        for name in [*source.options, DIE8]:  # every source, then back to the first
            source.value = name
            if CODING_PRESETS[name] is not None:
                check_shown_numbers(w, [Fraction(x) for x in CODING_PRESETS[name]])
        assert source.value == DIE8 and w.redraws == 1 + len(source.options)
        source.value = CUSTOM_SOURCE
        for text in ACCEPTED:
            typed.value = text
            check_shown_numbers(w, [Fraction(x) for x in text.replace(",", " ").split()])
        for text, reason in REFUSED.items():
            redraws = w.redraws
            typed.value = text
            assert w.redraws == redraws + 1
            assert w.readout.value == f"<p>Cannot build a code: {reason}.</p>"
            assert len(w.alt.split()) >= 8 and w.png[:4] == b"\x89PNG"
