"""Lesson 05: the Huffman widget, driven through its controls; numbers the lesson quotes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import kltools
from kltools.coding import average_code_length, huffman_code, kraft_sum
from kltools.lessons.coding_length import (
    CODING_PRESETS,
    CUSTOM_SOURCE,
    EXERCISES,
    huffman_readout,
    huffman_render,
    huffman_widget,
    parse_weights,
)

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "05_coding_length.ipynb"
DIE8 = "8-sided die (1/2, 1/4, 1/8, 1/16, 1/64 ×4)"


def expected_numbers(weights) -> tuple[str, str]:
    p = kltools.normalize(np.asarray(weights, dtype=float))
    code = huffman_code(p)
    average = average_code_length(p, code)
    return f"{average:.4f} bits/symbol", f"{float(kltools.entropy(p)):.4f} bits"


def test_readout_of_bishops_die() -> None:
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
    assert f"L = <b>{average}</b>" in w.readout.value and average == "2.0000 bits/symbol"
    first_image = w.png

    w.controls[0].value = "weather (0.6, 0.25, 0.1, 0.05)"
    average, h = expected_numbers([60, 25, 10, 5])
    assert f"L = <b>{average}</b>" in w.readout.value and average == "1.5500 bits/symbol"
    assert f"H(P) = <b>{h}</b>" in w.readout.value and h == "1.4905 bits"
    assert w.redraws == 2
    second_image = w.png
    assert second_image[:4] == b"\x89PNG" and second_image != first_image

    w.controls[0].value = "fair 6-sided die"
    average, h = expected_numbers([1] * 6)
    assert f"L = <b>{average}</b>" in w.readout.value
    assert f"H(P) = <b>{h}</b>" in w.readout.value and h == f"{np.log2(6):.4f} bits"
    assert w.redraws == 3
    assert w.png != second_image


def test_typing_custom_weights() -> None:
    w = huffman_widget(source=CUSTOM_SOURCE, text="3, 3, 2, 1, 1")
    average, h = expected_numbers([3, 3, 2, 1, 1])
    assert f"L = <b>{average}</b>" in w.readout.value and f"H(P) = <b>{h}</b>" in w.readout.value
    before = w.png

    w.controls[1].value = "8, 4, 2, 1, 1"  # dyadic: the code reaches the entropy
    assert "L − H(P) = <b>0.0000 bits/symbol</b>" in w.readout.value
    assert "L = <b>1.8750 bits/symbol</b>" in w.readout.value
    assert w.redraws == 2 and w.png != before
    before = w.png

    w.controls[1].value = "1, two"  # a typo: a message, no crash
    assert "Cannot build a code" in w.readout.value and "not a number" in w.readout.value
    assert w.redraws == 3 and w.png != before

    w.controls[1].value = "0, 0, 0"
    assert "Cannot build a code" in w.readout.value
    assert w.redraws == 4


def test_text_is_ignored_for_presets() -> None:
    html_a, _, _ = huffman_render(DIE8, "1, two")
    html_b, _, _ = huffman_render(DIE8, "")
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
