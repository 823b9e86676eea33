"""Prefix codes: Huffman codes, Shannon code lengths, the Kraft sum, encoding and decoding.

A prefix code gives every symbol a codeword, a string of ``'0'`` and ``'1'``,
such that no codeword starts another one; a stream of codewords then decodes
without separators. Source coding ties code lengths to information: an
optimal code spends about ``-log2 p`` bits on a symbol of probability ``p``,
and its average length ``L`` satisfies ``H(p) <= L < H(p) + 1`` bits per
symbol.

Codes are plain dictionaries ``{symbol: codeword}``.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, NamedTuple, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from kltools._checks import as_array, as_distribution

__all__ = [
    "HuffmanMerge",
    "average_code_length",
    "decode",
    "encode",
    "huffman_code",
    "huffman_merges",
    "is_prefix_free",
    "kraft_sum",
    "shannon_code_lengths",
]


# A code {symbol: codeword}; a distribution as an array or {symbol: probability}; code lengths
# as numbers, as codewords, or as a code. Symbols are any hashable values; a mapping's key type
# is invariant, so it is Any there, for a dict[int, str] or dict[str, float] to fit.
_Code: TypeAlias = "Mapping[Any, str]"
_Probs: TypeAlias = "ArrayLike | Mapping[Any, float]"
_Lengths: TypeAlias = "ArrayLike | Sequence[str] | Mapping[Any, str]"


class HuffmanMerge(NamedTuple):
    """One step of Huffman's algorithm: two subtrees joined under a new node.

    Attributes
    ----------
    left : tuple
        The symbols of the subtree reached by ``'0'``, in codeword order.
    right : tuple
        The symbols of the subtree reached by ``'1'``, in codeword order.
    left_probability : float
        The total probability of ``left``.
    right_probability : float
        The total probability of ``right``.
    probability : float
        The probability of the new node, ``left_probability + right_probability``.
        The new node's symbols are ``left + right``.

    Examples
    --------
    >>> m = huffman_merges([0.5, 0.3, 0.2], symbols="abc")[0]
    >>> m.left, m.right, round(m.probability, 4)
    (('b',), ('c',), 0.5)
    """

    left: tuple[Hashable, ...]
    right: tuple[Hashable, ...]
    left_probability: float
    right_probability: float
    probability: float


# --- Huffman's algorithm --------------------------------------------------------------------


def _distribution_1d(probs: ArrayLike) -> np.ndarray:
    """``probs`` as a 1-D float64 distribution."""
    p = as_distribution(probs, "probs")
    if p.ndim != 1:
        raise ValueError(f"probs must be 1-D; got an array of shape {p.shape}")
    return p


def _symbols_and_probs(
    probs: _Probs, symbols: Iterable[Hashable] | None
) -> tuple[list[Any], np.ndarray]:
    """Validate ``probs`` (array or mapping) and ``symbols``; return both as parallel lists.

    Without ``symbols`` the symbols are the keys of a mapping, else ``0 .. n-1``.
    """
    if isinstance(probs, Mapping):
        if symbols is not None:
            raise ValueError(
                "symbols must be None when probs is a mapping: its keys are the symbols"
            )
        symbols = list(probs.keys())
        p = as_distribution(list(probs.values()), "probs")
    else:
        p = _distribution_1d(probs)
        if symbols is None:
            symbols = list(range(p.size))
        else:
            if isinstance(symbols, str):
                symbols = list(symbols)
            symbols = list(symbols)
            if len(symbols) != p.size:
                raise ValueError(
                    f"symbols must have one entry per probability: got {len(symbols)} "
                    f"symbols for {p.size} probabilities"
                )
            seen: set[Hashable] = set()
            for s in symbols:
                if s in seen:
                    raise ValueError(f"symbols must be distinct; {s!r} appears twice")
                seen.add(s)
    return symbols, p


def _huffman(p: np.ndarray) -> tuple[list[tuple[int, int]], list[float]]:
    """Run Huffman's algorithm on the probabilities ``p``.

    Nodes are numbered: the symbols are ``0 .. n-1`` in input order and the
    ``k``-th merge creates node ``n + k``. A heap keyed on ``(probability, node
    number)`` gives the two least probable nodes; ``'0'`` goes to the more
    probable of the two, or to the lower-numbered one when they are equally
    probable.

    Returns the merges as ``(zero_child, one_child)`` pairs in order and the
    probability of every node (length ``2n - 1``).
    """
    node_p = [float(v) for v in p]
    heap = [(v, i) for i, v in enumerate(node_p)]
    heapq.heapify(heap)
    merges: list[tuple[int, int]] = []
    while len(heap) > 1:
        pa, a = heapq.heappop(heap)
        pb, b = heapq.heappop(heap)  # (pa, a) < (pb, b): pb > pa, or pb == pa and b > a
        merges.append((b, a) if pb > pa else (a, b))
        new = len(node_p)
        node_p.append(pa + pb)
        heapq.heappush(heap, (pa + pb, new))
    return merges, node_p


def huffman_merges(probs: _Probs, symbols: Iterable[Hashable] | None = None) -> list[HuffmanMerge]:
    """List the merges Huffman's algorithm makes, step by step.

    At every step the two least probable subtrees are joined under a new node.
    Reading the merges backwards from the last one (the root) and appending
    ``'0'`` on the ``left`` branch and ``'1'`` on the ``right`` branch gives
    :func:`huffman_code`.

    Parameters
    ----------
    probs : array_like or Mapping
        A 1-D probability distribution (non-negative, summing to 1), or a
        mapping ``{symbol: probability}``.
    symbols : sequence, optional
        Distinct names for the entries of an array ``probs``; default
        ``0, 1, ..., n-1``. Must be None when ``probs`` is a mapping.

    Returns
    -------
    list of HuffmanMerge
        ``n - 1`` records ``(left, right, left_probability, right_probability,
        probability)`` in the order the merges happen; ``left`` and ``right``
        are tuples of symbols. Empty for a single symbol.

    Raises
    ------
    ValueError
        If ``probs`` is not a 1-D distribution, or ``symbols`` has the wrong
        length, repeats a symbol, or is given together with a mapping.

    Notes
    -----
    Ties are broken deterministically. A heap keyed on ``(probability, node
    number)`` picks the two least probable nodes, where the symbols are
    numbered ``0 .. n-1`` in input order and every merged node gets the next
    number when it is created (so on equal probability a symbol is picked
    before a merged node, and earlier nodes before later ones). Of the two
    picked nodes, ``'0'`` (``left``) goes to the more probable one and, when
    both are equally probable, to the lower-numbered one.

    Building the symbol tuples costs time proportional to ``n`` per merge;
    this function is meant for showing the algorithm on small alphabets.

    Examples
    --------
    >>> for m in huffman_merges({"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125}):
    ...     print(m.left, m.right, m.probability)
    ('c',) ('d',) 0.25
    ('b',) ('c', 'd') 0.5
    ('a',) ('b', 'c', 'd') 1.0
    """
    symbols, p = _symbols_and_probs(probs, symbols)
    merges, node_p = _huffman(p)
    members: list[tuple[Hashable, ...]] = [(s,) for s in symbols]
    out = []
    for zero, one in merges:
        members.append(members[zero] + members[one])
        out.append(
            HuffmanMerge(
                members[zero], members[one], node_p[zero], node_p[one], node_p[zero] + node_p[one]
            )
        )
    return out


def huffman_code(probs: _Probs, symbols: Iterable[Hashable] | None = None) -> dict[Any, str]:
    """Build an optimal binary prefix code with Huffman's algorithm.

    Parameters
    ----------
    probs : array_like or Mapping
        A 1-D probability distribution (non-negative, summing to 1 within
        1e-8), or a mapping ``{symbol: probability}``.
    symbols : sequence, optional
        Distinct names for the entries of an array ``probs``; default
        ``0, 1, ..., n-1``. Must be None when ``probs`` is a mapping.

    Returns
    -------
    dict
        ``{symbol: codeword}`` in the order of the symbols, each codeword a
        string of ``'0'`` and ``'1'``. No other prefix code has a smaller
        average length. A single symbol gets the codeword ``"0"``.

    Raises
    ------
    ValueError
        If ``probs`` is not a 1-D distribution, or ``symbols`` has the wrong
        length, repeats a symbol, or is given together with a mapping.

    Notes
    -----
    The code is built from :func:`huffman_merges` and is the same for the
    same input. At each merge ``'0'`` goes to the more probable subtree; on
    equal probability it goes to the subtree created first, where the
    symbols count as created in input order, before any merged node.

    With this rule the 8-sided die ``(1/2, 1/4, 1/8, 1/16, 1/64, 1/64, 1/64,
    1/64)`` gets the code ``0, 10, 110, 1110, 111100, 111101, 111110,
    111111``. Symbols of probability 0 still get (the longest) codewords, so
    every symbol can be encoded.

    The average length ``L`` satisfies ``H(p) <= L < H(p) + 1`` bits, except
    when one outcome is certain: then ``H(p) = 0`` and ``L = 1``, since every
    codeword has at least one bit.

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.125, 0.0625, 1/64, 1/64, 1/64, 1/64])
    {0: '0', 1: '10', 2: '110', 3: '1110', 4: '111100', 5: '111101', 6: '111110', 7: '111111'}
    >>> huffman_code([0.2, 0.8], symbols="ab")
    {'a': '1', 'b': '0'}
    >>> huffman_code({"x": 1.0})
    {'x': '0'}
    """
    symbols, p = _symbols_and_probs(probs, symbols)
    if len(symbols) == 1:
        return {symbols[0]: "0"}
    merges, _ = _huffman(p)
    words = [""] * (2 * len(symbols) - 1)  # the last node is the root: ""
    for k in range(len(merges) - 1, -1, -1):
        zero, one = merges[k]
        parent = words[len(symbols) + k]
        words[zero] = parent + "0"
        words[one] = parent + "1"
    return dict(zip(symbols, words, strict=False))


# --- code lengths ---------------------------------------------------------------------------


def shannon_code_lengths(probs: ArrayLike) -> np.ndarray:
    """Return the Shannon code lengths ``ceil(-log2 p)``.

    Parameters
    ----------
    probs : array_like
        A 1-D probability distribution with every entry positive.

    Returns
    -------
    numpy.ndarray of int64
        ``ceil(-log2 p)`` for every entry; exact, so ``2**-k`` gives ``k``
        for every ``k`` a float64 can hold (subnormals included). A single
        symbol of probability 1 gets length 0; with two or more symbols every
        length is at least 1 (an entry can round to 1.0 next to tiny ones).

    Raises
    ------
    ValueError
        If ``probs`` is not a 1-D distribution or has an entry equal to 0.

    Notes
    -----
    The lengths come from the binary exponent of ``p`` (:func:`numpy.frexp`
    writes ``p = m * 2**e`` with ``0.5 <= m < 1``, and ``ceil(-log2 p) =
    1 - e``), never from a rounded logarithm. They satisfy ``l - 1 <
    -log2 p <= l`` and the Kraft inequality ``sum(2**-l) <= sum(p)``, so a
    prefix code with these lengths exists; its average length is below
    ``H(p) + 1`` bits. (Entries accepted as summing to 1 may exceed 1 by
    rounding, up to 1e-8; the Kraft sum can then exceed 1 by as little.)

    A symbol of probability 0 needs no codeword and ``-log2 0`` is infinite,
    so a zero entry is an error: drop such symbols first.

    Examples
    --------
    >>> shannon_code_lengths([0.5, 0.25, 0.125, 0.125])
    array([1, 2, 3, 3])
    >>> shannon_code_lengths([0.4, 0.3, 0.2, 0.1])
    array([2, 2, 3, 4])
    >>> shannon_code_lengths([0.5, 0.5, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: probs must be positive for a Shannon code; probs[2] is 0
    """
    p = _distribution_1d(probs)
    zeros = np.flatnonzero(p == 0.0)
    if zeros.size:
        raise ValueError(f"probs must be positive for a Shannon code; probs[{int(zeros[0])}] is 0")
    _, exponent = np.frexp(p)
    # a prefix code with two or more codewords has no empty one
    return np.maximum(1 - exponent.astype(np.int64), 0 if p.size == 1 else 1)


def _code_lengths(code: _Lengths, name: str) -> np.ndarray:
    """Lengths from a mapping of codewords, a sequence of codewords, or a sequence of lengths."""
    if isinstance(code, Mapping):
        code = list(code.values())
    if isinstance(code, str):
        raise ValueError(f"{name} must be a sequence of codewords or lengths, not one string")
    if isinstance(code, Sequence) and len(code):
        words = [w for w in code if isinstance(w, str)]
        if len(words) == len(code):
            return np.array([len(w) for w in words], dtype=np.int64)
    lengths = as_array(code, name)
    if lengths.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got an array of shape {lengths.shape}")
    if lengths.size and not (lengths.min() >= 0 and np.all(lengths == np.round(lengths))):
        bad = lengths[(lengths < 0) | (lengths != np.round(lengths))][0]
        raise ValueError(f"{name} must hold non-negative integer lengths; got {float(bad)!r}")
    return lengths.astype(np.int64)


def kraft_sum(lengths: _Lengths, *, arity: int = 2) -> float:
    """Return the Kraft sum ``sum(arity ** -l)`` of a list of code lengths.

    A prefix code with these lengths exists if and only if the sum is at
    most 1. A complete code such as a Huffman code with two or more symbols
    has sum exactly 1.

    Parameters
    ----------
    lengths : array_like or Mapping
        Non-negative integer codeword lengths, a sequence of codewords, or a
        code ``{symbol: codeword}``.
    arity : int, optional
        The size of the code alphabet. Default 2 (binary codes).

    Returns
    -------
    float
        The Kraft sum, correctly rounded (the terms are added with
        :func:`math.fsum`; for ``arity=2`` they are exact powers of two).

    Raises
    ------
    ValueError
        If a length is negative or not an integer, or ``arity`` is not an
        integer of at least 2.

    Examples
    --------
    >>> kraft_sum([1, 2, 3, 3])
    1.0
    >>> kraft_sum([1, 2, 3])
    0.875
    >>> kraft_sum({"a": "0", "b": "10", "c": "11"})
    1.0
    >>> kraft_sum([1, 1, 1], arity=3)
    1.0
    """
    if isinstance(arity, (bool, np.bool_)) or not isinstance(arity, (int, np.integer)):
        raise ValueError(f"arity must be an integer of at least 2; got {arity!r}")
    if arity < 2:
        raise ValueError(f"arity must be an integer of at least 2; got {arity!r}")
    ell = _code_lengths(lengths, "lengths")
    if arity == 2:
        terms = np.ldexp(1.0, -ell)
    else:
        with np.errstate(under="ignore"):
            terms = np.power(float(arity), -ell.astype(np.float64))
    return math.fsum(terms.tolist())


def average_code_length(probs: _Probs, code: _Lengths) -> float:
    """Return the average codeword length ``sum(p * l)`` in code letters (bits) per symbol.

    Parameters
    ----------
    probs : array_like or Mapping
        A 1-D probability distribution, or a mapping ``{symbol: probability}``.
    code : Mapping or sequence
        A code ``{symbol: codeword}`` such as :func:`huffman_code` returns,
        or a sequence of codeword lengths (or codewords) in the order of
        ``probs``. With an array ``probs`` a mapping must have the keys ``0 ..
        n-1``; with a mapping ``probs`` it must have a codeword for each of
        its keys.

    Returns
    -------
    float
        The expected number of code letters per symbol: bits per symbol for
        a binary code.

    Raises
    ------
    ValueError
        If ``probs`` is not a distribution, a symbol has no codeword, or the
        lengths do not match ``probs``.

    Examples
    --------
    >>> p = [0.5, 0.25, 0.125, 0.125]
    >>> average_code_length(p, huffman_code(p))
    1.75
    >>> average_code_length(p, [2, 2, 2, 2])
    2.0
    >>> average_code_length({"a": 0.5, "b": 0.5}, {"a": "0", "b": "1"})
    1.0
    """
    keys, p = _symbols_and_probs(probs, None)
    if isinstance(code, Mapping):
        missing = [k for k in keys if k not in code]
        if missing:
            hint = (
                ""
                if isinstance(probs, Mapping)
                else "; with symbols other than 0 .. n-1 pass probs as a mapping"
                " {symbol: probability}"
            )
            raise ValueError(f"code has no codeword for symbol {missing[0]!r}{hint}")
        ell = _code_lengths([code[k] for k in keys], "code")
    else:
        ell = _code_lengths(code, "code")
        if ell.size != p.size:
            raise ValueError(
                f"code must give one length per probability: got {ell.size} lengths "
                f"for {p.size} probabilities"
            )
    return float(np.dot(p, ell))


# --- prefix-freeness, encoding and decoding -------------------------------------------------


def _codewords(code: _Code | Iterable[str], name: str = "code") -> list[str]:
    words = list(code.values()) if isinstance(code, Mapping) else list(code)
    for w in words:
        if not isinstance(w, str):
            raise ValueError(f"{name} must hold codewords as strings; got {w!r}")
    return words


def is_prefix_free(code: _Code | Iterable[str]) -> bool:
    """Tell whether no codeword is a prefix of another (repeated codewords count as prefixes).

    Parameters
    ----------
    code : Mapping or sequence of str
        A code ``{symbol: codeword}`` or a sequence of codewords.

    Returns
    -------
    bool
        True if no codeword is a prefix of a different entry.

    Raises
    ------
    ValueError
        If a codeword is not a string.

    Notes
    -----
    After sorting, a codeword that is a prefix of another is also a prefix of
    its successor, so comparing neighbours suffices: ``O(n log n)``
    comparisons.

    Examples
    --------
    >>> is_prefix_free(["0", "10", "11"])
    True
    >>> is_prefix_free({"a": "0", "b": "01"})
    False
    """
    words = sorted(_codewords(code))
    return not any(b.startswith(a) for a, b in pairwise(words))


def encode(message: Iterable[Hashable], code: _Code) -> str:
    """Encode a message by joining the codewords of its symbols.

    Parameters
    ----------
    message : iterable
        The symbols, e.g. a list, an array or a string (one symbol per
        character).
    code : Mapping
        ``{symbol: codeword}``, e.g. from :func:`huffman_code`.

    Returns
    -------
    str
        The concatenated codewords.

    Raises
    ------
    ValueError
        If a symbol of ``message`` has no codeword; the message names it and
        its position.

    Examples
    --------
    >>> code = {"a": "0", "b": "10", "c": "11"}
    >>> encode("abca", code)
    '010110'
    >>> encode("abd", code)
    Traceback (most recent call last):
    ...
    ValueError: symbol 'd' at position 2 of the message is not in the code
    """
    if not isinstance(code, Mapping):
        raise ValueError(f"code must be a mapping {{symbol: codeword}}; got {type(code).__name__}")
    message = message if isinstance(message, (str, list, tuple)) else list(message)
    try:
        return "".join([code[s] for s in message])
    except KeyError:
        for i, s in enumerate(message):
            if s not in code:
                raise ValueError(
                    f"symbol {s!r} at position {i} of the message is not in the code"
                ) from None
        raise  # pragma: no cover


def decode(bits: str, code: _Code) -> list[Any]:
    """Decode a string of codewords back into the list of symbols.

    Parameters
    ----------
    bits : str
        Concatenated codewords, e.g. from :func:`encode`.
    code : Mapping
        A prefix-free code ``{symbol: codeword}`` with non-empty codewords.

    Returns
    -------
    list
        The symbols, so ``decode(encode(m, code), code) == list(m)``.

    Raises
    ------
    ValueError
        If the code is not prefix-free or has an empty codeword, or if
        ``bits`` does not decode: the message gives the bit index where
        decoding stopped and the leftover bits.

    Notes
    -----
    At each position the candidate prefixes, one per distinct codeword
    length, are looked up in a dictionary of codewords; a prefix code makes
    the first hit the only one. The cost is linear in the number of bits.

    Examples
    --------
    >>> code = {"a": "0", "b": "10", "c": "11"}
    >>> decode("010110", code)
    ['a', 'b', 'c', 'a']
    >>> decode("0101", code)
    Traceback (most recent call last):
    ...
    ValueError: bits do not decode: stopped at bit 3 with leftover '1', an incomplete codeword
    """
    if not isinstance(code, Mapping):
        raise ValueError(f"code must be a mapping {{symbol: codeword}}; got {type(code).__name__}")
    if not isinstance(bits, str):
        raise ValueError(f"bits must be a string of code letters; got {type(bits).__name__}")
    words = _codewords(code)
    if any(w == "" for w in words):
        raise ValueError("code has an empty codeword; it cannot be decoded")
    if not is_prefix_free(words):
        raise ValueError("code is not prefix-free; a stream of its codewords is ambiguous")
    lookup: dict[str, Any] = {w: s for s, w in code.items()}
    sizes = sorted({len(w) for w in words})
    n = len(bits)
    out: list[Any] = []
    append = out.append
    i = 0
    while i < n:
        for size in sizes:
            j = i + size
            if j > n:
                break
            w = bits[i:j]
            if w in lookup:
                append(lookup[w])
                i = j
                break
        else:
            j = n + 1
        if j > n:
            rest = bits[i:]
            shown = rest if len(rest) <= 40 else rest[:40] + "..."
            what = (
                "an incomplete codeword"
                if any(w.startswith(rest) for w in words)
                else "which does not start with a codeword"
            )
            raise ValueError(
                f"bits do not decode: stopped at bit {i} with leftover {shown!r}, {what}"
            )
    return out
