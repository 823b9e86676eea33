"""Tests for kltools.coding: Huffman codes, Shannon lengths, Kraft sums, encoding and decoding."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kltools import coding

DIE = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 64, 1 / 64, 1 / 64, 1 / 64]
DIE_CODE = ["0", "10", "110", "1110", "111100", "111101", "111110", "111111"]


def entropy_bits(p) -> float:
    """Independent reference: -sum p log2 p over p > 0."""
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


@st.composite
def distributions(draw, min_size=1, max_size=40, positive=False):
    lo = 1e-3 if positive else 0.0
    raw = draw(
        st.lists(
            st.floats(lo, 1.0, allow_nan=False, allow_infinity=False),
            min_size=min_size,
            max_size=max_size,
        )
    )
    # sometimes make some entries very small (skewed, long codewords)
    scale = draw(st.sampled_from([0.0, 1.0, 10.0, 40.0]))
    powers = draw(st.lists(st.floats(0, 1), min_size=len(raw), max_size=len(raw)))
    w = np.array(raw) * np.exp(-scale * np.array(powers))
    if w.sum() == 0.0:
        w = np.ones(len(raw))
    p = w / w.sum()
    return p


# --- the 8-sided die of the lesson ------------------------------------------------------------


def test_die_code_is_the_one_in_the_lesson():
    code = coding.huffman_code(DIE)
    assert code == dict(enumerate(DIE_CODE))
    assert [len(w) for w in code.values()] == [1, 2, 3, 4, 6, 6, 6, 6]


def test_die_average_length_equals_entropy():
    code = coding.huffman_code(DIE)
    assert coding.average_code_length(DIE, code) == 2.0
    assert entropy_bits(DIE) == pytest.approx(2.0, abs=1e-15)


def test_die_average_length_equals_kltools_entropy():
    from kltools.measures import entropy

    assert coding.average_code_length(DIE, coding.huffman_code(DIE)) == pytest.approx(
        float(entropy(DIE)), abs=1e-12
    )


def test_die_shannon_lengths_equal_huffman_lengths():
    assert coding.shannon_code_lengths(DIE).tolist() == [1, 2, 3, 4, 6, 6, 6, 6]
    assert coding.kraft_sum(coding.huffman_code(DIE)) == 1.0


# --- huffman_code and huffman_merges ----------------------------------------------------------


def test_huffman_single_symbol_gets_zero():
    assert coding.huffman_code([1.0]) == {0: "0"}
    assert coding.huffman_code({"only": 1.0}) == {"only": "0"}
    assert coding.huffman_merges([1.0]) == []


def test_huffman_two_symbols_more_probable_gets_zero():
    assert coding.huffman_code([0.3, 0.7]) == {0: "1", 1: "0"}
    assert coding.huffman_code([0.5, 0.5]) == {0: "0", 1: "1"}


def test_huffman_ties_follow_input_order():
    assert coding.huffman_code([0.25] * 4) == {0: "00", 1: "01", 2: "10", 3: "11"}


def test_huffman_with_symbols_and_mapping_agree():
    by_list = coding.huffman_code(DIE, symbols="abcdefgh")
    by_map = coding.huffman_code(dict(zip("abcdefgh", DIE, strict=True)))
    assert by_list == by_map
    assert list(by_list) == list("abcdefgh")
    assert by_list["e"] == "111100"


def test_huffman_is_deterministic_and_accepts_arrays():
    p = np.array([0.1, 0.2, 0.2, 0.2, 0.3])
    assert (
        coding.huffman_code(p) == coding.huffman_code(p.tolist()) == coding.huffman_code(tuple(p))
    )


def test_huffman_certain_outcome_costs_one_bit():
    # H = 0 but every codeword has at least one bit: the bound L < H + 1 is tight here
    for p in ([1.0], [0.0, 1.0, 0.0]):
        assert coding.average_code_length(p, coding.huffman_code(p)) == 1.0


def test_huffman_zero_probability_symbols_get_codewords():
    code = coding.huffman_code([0.5, 0.5, 0.0, 0.0])
    assert set(code) == {0, 1, 2, 3}
    assert coding.is_prefix_free(code)
    assert coding.average_code_length([0.5, 0.5, 0.0, 0.0], code) < 2.0


def test_huffman_merges_records():
    merges = coding.huffman_merges({"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125})
    assert merges == [
        coding.HuffmanMerge(("c",), ("d",), 0.125, 0.125, 0.25),
        coding.HuffmanMerge(("b",), ("c", "d"), 0.25, 0.25, 0.5),
        coding.HuffmanMerge(("a",), ("b", "c", "d"), 0.5, 0.5, 1.0),
    ]


def test_huffman_merges_rebuild_the_code():
    p = [0.05, 0.1, 0.15, 0.3, 0.4]
    code = {s: "" for s in range(len(p))}
    for m in coding.huffman_merges(p):
        for s in m.left:
            code[s] = "0" + code[s]
        for s in m.right:
            code[s] = "1" + code[s]
        assert m.probability == pytest.approx(m.left_probability + m.right_probability)
        assert m.left_probability >= m.right_probability
    assert code == coding.huffman_code(p)


@pytest.mark.parametrize(
    ("probs", "symbols", "match"),
    [
        ([0.5, 0.4], None, "probs must sum to 1"),
        ([1.5, -0.5], None, "probs must not have negative"),
        ([], None, "probs is an empty distribution"),
        ([[0.5, 0.5], [0.5, 0.5]], None, "probs must be 1-D"),
        ([0.5, 0.5], ["a"], "symbols must have one entry per probability"),
        ([0.5, 0.5], ["a", "a"], "symbols must be distinct"),
        ({"a": 0.5, "b": 0.5}, ["a", "b"], "symbols must be None when probs is a mapping"),
        ({"a": 0.5, "b": 0.6}, None, "probs must sum to 1"),
    ],
)
def test_huffman_errors(probs, symbols, match):
    with pytest.raises(ValueError, match=match):
        coding.huffman_code(probs, symbols)
    with pytest.raises(ValueError, match=match):
        coding.huffman_merges(probs, symbols)


# --- shannon_code_lengths ---------------------------------------------------------------------


def test_shannon_lengths_exact_for_every_power_of_two():
    # 2**-k gives k for every k a float64 holds, subnormals (k > 1022) included
    for k in range(2, 1075):
        tiny = math.ldexp(1.0, -k)
        got = coding.shannon_code_lengths([0.5, 0.5 - tiny, tiny])
        assert got[0] == 1
        assert got[2] == k, k
    assert coding.shannon_code_lengths([0.5, 0.5]).dtype == np.int64


def test_shannon_lengths_non_dyadic_and_certain():
    assert coding.shannon_code_lengths([0.4, 0.3, 0.2, 0.1]).tolist() == [2, 2, 3, 4]
    assert coding.shannon_code_lengths([1.0]).tolist() == [0]
    # an entry that rounds to 1.0 beside tiny ones still needs one bit
    assert coding.shannon_code_lengths([1.0, 1e-20]).tolist() == [1, 67]
    assert coding.kraft_sum(coding.shannon_code_lengths([1.0, 1e-20])) <= 1.0
    assert coding.shannon_code_lengths([0.75, 0.25]).tolist() == [1, 2]


def test_shannon_lengths_zero_probability_raises():
    with pytest.raises(ValueError, match=r"probs must be positive.*probs\[1\] is 0"):
        coding.shannon_code_lengths([0.5, 0.0, 0.5])


def test_shannon_lengths_other_errors():
    with pytest.raises(ValueError, match="probs must sum to 1"):
        coding.shannon_code_lengths([0.5, 0.4])
    with pytest.raises(ValueError, match="probs must be 1-D"):
        coding.shannon_code_lengths([[0.5, 0.5]] * 2)
    with pytest.raises(ValueError, match="probs contains NaN"):
        coding.shannon_code_lengths([0.5, float("nan")])


# --- kraft_sum -----------------------------------------------------------------------------------


def test_kraft_sum_values():
    assert coding.kraft_sum([1, 2, 3, 3]) == 1.0
    assert coding.kraft_sum([1, 2, 3]) == 0.875
    assert coding.kraft_sum([1, 1, 1]) == 1.5
    assert coding.kraft_sum(np.array([2, 2, 2, 2], dtype=np.int8)) == 1.0
    assert coding.kraft_sum([]) == 0.0
    assert coding.kraft_sum([0]) == 1.0
    assert coding.kraft_sum([1, 1, 1], arity=3) == 1.0
    assert coding.kraft_sum([1, 2, 2, 2], arity=3) == pytest.approx(2 / 3)
    assert coding.kraft_sum([1.0, 2.0, 2.0]) == 1.0


def test_kraft_sum_accepts_codes():
    assert coding.kraft_sum({"a": "0", "b": "10", "c": "11"}) == 1.0
    assert coding.kraft_sum(["0", "10"]) == 0.75


def test_kraft_sum_exact_for_long_codewords():
    # a skewed Huffman code with lengths up to 100: 1/2 + 1/4 + ... + 2**-99 + 2**-99
    lengths = [*range(1, 100), 99]
    assert coding.kraft_sum(lengths) == 1.0
    assert coding.kraft_sum([1074]) == 2.0**-1074


@pytest.mark.parametrize(
    ("lengths", "kwargs", "match"),
    [
        ([1, -1], {}, "lengths must hold non-negative integer lengths; got -1.0"),
        ([1, 1.5], {}, "lengths must hold non-negative integer lengths; got 1.5"),
        ([[1, 2]], {}, "lengths must be 1-D"),
        ("0110", {}, "lengths must be a sequence"),
        ([1, float("inf")], {}, r"lengths contains \+inf"),
        ([1, 2], {"arity": 1}, "arity must be an integer of at least 2"),
        ([1, 2], {"arity": 2.0}, "arity must be an integer of at least 2"),
        ([1, 2], {"arity": True}, "arity must be an integer of at least 2"),
    ],
)
def test_kraft_sum_errors(lengths, kwargs, match):
    with pytest.raises(ValueError, match=match):
        coding.kraft_sum(lengths, **kwargs)


# --- average_code_length ----------------------------------------------------------------------


def test_average_code_length_forms():
    p = [0.5, 0.25, 0.125, 0.125]
    code = coding.huffman_code(p)
    assert coding.average_code_length(p, code) == 1.75
    assert coding.average_code_length(p, [1, 2, 3, 3]) == 1.75
    assert coding.average_code_length(p, np.array([1, 2, 3, 3])) == 1.75
    assert coding.average_code_length(p, list(code.values())) == 1.75
    mapping = dict(zip("abcd", p, strict=True))
    assert coding.average_code_length(mapping, coding.huffman_code(mapping)) == 1.75
    assert isinstance(coding.average_code_length(p, code), float)


def test_average_code_length_errors():
    p = [0.5, 0.25, 0.25]
    with pytest.raises(ValueError, match="code has no codeword for symbol 2"):
        coding.average_code_length(p, {0: "0", 1: "10"})
    with pytest.raises(ValueError, match="pass probs as a mapping"):
        coding.average_code_length(p, coding.huffman_code(p, symbols="abc"))
    with pytest.raises(ValueError, match="code has no codeword for symbol 'c'"):
        coding.average_code_length({"a": 0.5, "b": 0.25, "c": 0.25}, {"a": "0", "b": "1"})
    with pytest.raises(ValueError, match="code must give one length per probability"):
        coding.average_code_length(p, [1, 2])
    with pytest.raises(ValueError, match="code must hold non-negative integer lengths"):
        coding.average_code_length(p, [1, 2, -2])
    with pytest.raises(ValueError, match="probs must sum to 1"):
        coding.average_code_length([0.5, 0.25], [1, 2])
    with pytest.raises(ValueError, match="probs must be 1-D"):
        coding.average_code_length([[0.5, 0.5]], [1, 1])


# --- is_prefix_free ---------------------------------------------------------------------------


def test_is_prefix_free():
    assert coding.is_prefix_free(DIE_CODE)
    assert coding.is_prefix_free({"a": "0", "b": "10", "c": "11"})
    assert coding.is_prefix_free([])
    assert coding.is_prefix_free(["0"])
    assert not coding.is_prefix_free(["0", "01"])
    assert not coding.is_prefix_free(["10", "0", "1"])
    assert not coding.is_prefix_free(["0", "0"])  # repeated codeword
    assert not coding.is_prefix_free(["110", "0", "11", "10"])
    assert not coding.is_prefix_free(["", "1"])


def test_is_prefix_free_rejects_non_strings():
    with pytest.raises(ValueError, match="code must hold codewords as strings; got 1"):
        coding.is_prefix_free([1, 10])


# --- encode and decode ------------------------------------------------------------------------


def test_encode_decode_die():
    code = coding.huffman_code(DIE)
    message = [0, 1, 7, 4, 0, 2]
    bits = coding.encode(message, code)
    assert bits == "0" + "10" + "111111" + "111100" + "0" + "110"
    assert coding.decode(bits, code) == message
    assert coding.decode("", code) == []
    assert coding.encode([], code) == ""


def test_encode_accepts_strings_arrays_and_generators():
    code = {"a": "0", "b": "10", "c": "11"}
    assert coding.encode("abc", code) == "01011"
    assert coding.encode(iter("abc"), code) == "01011"
    icode = coding.huffman_code([0.5, 0.25, 0.25])
    assert coding.encode(np.array([0, 2, 1]), icode) == coding.encode([0, 2, 1], icode)


def test_encode_unknown_symbol_is_named():
    with pytest.raises(ValueError, match=r"symbol 'z' at position 1 of the message is not in"):
        coding.encode("az", {"a": "0"})
    with pytest.raises(ValueError, match="symbol 9 at position 0"):
        coding.encode([9], coding.huffman_code(DIE))
    with pytest.raises(ValueError, match="code must be a mapping"):
        coding.encode("a", ["0"])


def test_decode_reports_where_it_stopped():
    code = {"a": "0", "b": "10", "c": "110"}  # incomplete: "111" is no codeword
    with pytest.raises(ValueError, match=r"stopped at bit 3 with leftover '11', an incomplete"):
        coding.decode("01011", code)
    with pytest.raises(ValueError, match=r"stopped at bit 1 with leftover '1110'.*does not start"):
        coding.decode("01110", code)
    with pytest.raises(ValueError, match=r"stopped at bit 0 with leftover '2'"):
        coding.decode("2", code)
    long_tail = "0" + "1" * 100
    with pytest.raises(ValueError, match=r"leftover '1{40}\.\.\.'"):
        coding.decode(long_tail, code)


def test_decode_rejects_bad_codes_and_bits():
    with pytest.raises(ValueError, match="code is not prefix-free"):
        coding.decode("01", {"a": "0", "b": "01"})
    with pytest.raises(ValueError, match="code has an empty codeword"):
        coding.decode("", {"a": ""})
    with pytest.raises(ValueError, match="bits must be a string"):
        coding.decode([0, 1], {"a": "0", "b": "1"})
    with pytest.raises(ValueError, match="code must be a mapping"):
        coding.decode("0", ["0", "1"])


def test_encode_decode_100000_symbols_quickly():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(50))
    code = coding.huffman_code(p)
    message = rng.choice(50, size=100_000, p=p).tolist()
    start = time.perf_counter()
    bits = coding.encode(message, code)
    decoded = coding.decode(bits, code)
    elapsed = time.perf_counter() - start
    assert decoded == message
    assert elapsed < 0.5


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(distributions())
def test_huffman_is_optimal_within_one_bit(p):
    code = coding.huffman_code(p)
    avg = coding.average_code_length(p, code)
    h = entropy_bits(p)
    assert h <= avg + 1e-12
    if h > 0:
        assert avg - 1.0 < h  # L < H + 1, without rounding H + 1 to 1 when H is tiny
    else:  # a certain outcome: every codeword has at least one bit, so L = 1 = H + 1
        assert avg == 1.0
    assert coding.is_prefix_free(code)
    if len(p) >= 2:
        assert coding.kraft_sum(code) == 1.0
        assert all(w and set(w) <= {"0", "1"} for w in code.values())
    else:
        assert code == {0: "0"}


@settings(max_examples=100, deadline=None)
@given(distributions(min_size=2, max_size=12, positive=True))
def test_huffman_beats_shannon(p):
    assert (
        coding.average_code_length(p, coding.huffman_code(p))
        <= coding.average_code_length(p, coding.shannon_code_lengths(p)) + 1e-12
    )


@settings(max_examples=100, deadline=None)
@given(distributions(min_size=1, max_size=20), st.data())
def test_encode_decode_round_trip(p, data):
    code = coding.huffman_code(p)
    message = data.draw(st.lists(st.integers(0, len(p) - 1), max_size=200))
    bits = coding.encode(message, code)
    assert len(bits) == sum(len(code[s]) for s in message)
    assert coding.decode(bits, code) == message


@settings(max_examples=150, deadline=None)
@given(distributions(positive=True))
def test_shannon_lengths_within_one_bit_and_satisfy_kraft(p):
    ell = coding.shannon_code_lengths(p)
    info = -np.log2(p)
    # l - 1 < -log2 p <= l (a little slack for the rounding of log2 itself)
    assert np.all((ell - 1 < info + 1e-12) | ((p == 1.0) & (ell == 1)))
    assert np.all(info <= ell + 1e-12)
    assert coding.kraft_sum(ell) <= 1.0 + 1e-12
    h = entropy_bits(p)
    length = coding.average_code_length(p, ell)
    assert h - 1e-12 <= length <= h + 1.0 + 1e-12  # < H + 1 exactly; rounding may tie it


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=5e-324, max_value=1.0, exclude_max=True, allow_subnormal=True))
def test_shannon_length_of_any_probability(x):
    ell = int(coding.shannon_code_lengths([x, 1.0 - x])[0])
    # ceil(-log2 x) = l  <=>  2**-l <= x < 2**-(l-1), checked exactly with ldexp
    assert math.ldexp(1.0, -ell) <= x < math.ldexp(1.0, -(ell - 1))
