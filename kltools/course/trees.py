"""Figure builder for a binary prefix code drawn as a tree.

The builder takes the axes first and the code (and, optionally, the symbols' probabilities) to
draw, and computes nothing itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes

from kltools.course.style import P_COLOR

__all__ = ["plot_code_tree"]


def plot_code_tree(
    ax: Axes,
    code: dict,
    probs: dict | None = None,
    *,
    title: str | None = None,
) -> Axes:
    """Draw a binary prefix code as a tree: left edges are 0, right edges are 1.

    Each codeword is the path from the root to a leaf, read edge by edge. Under each leaf:
    the symbol (bold), its codeword and, when ``probs`` (symbol → probability) is given, its
    probability (dark grey). These labels are 11 pt (the probability 10 pt), smaller (down
    to 7 pt) only when so many leaves share the width that neighbouring labels would touch.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> code, probs = {"a": "0", "b": "10", "c": "11"}, {"a": 0.5, "b": 0.25, "c": 0.25}
    >>> ax = plot_code_tree(Figure().add_subplot(), code, probs)
    >>> [t.get_text() for t in ax.texts][-3:]
    ['c', '11', '0.25']
    >>> len(ax.texts)  # 4 edge labels, 3 texts under each of 3 leaves
    13
    """
    if not code:
        raise ValueError("code must have at least one codeword")
    leaves = sorted(code.items(), key=lambda item: item[1])
    x: dict[str, float] = {}
    for i, (_, word) in enumerate(leaves):
        x[word] = float(i)
    prefixes = sorted(
        {word[:k] for word in code.values() for k in range(len(word))}, key=len, reverse=True
    )
    for node in prefixes:  # deepest first, so both children are placed already
        kids = [x[node + bit] for bit in "01" if node + bit in x]
        x[node] = sum(kids) / len(kids)
    depth = max(len(word) for word in code.values())
    # leaf labels: 11 pt (probabilities 10 pt), or smaller when the room per leaf, in points,
    # is too narrow for the widest label (a character is about 0.6 em wide), never below 7 pt
    figure = ax.get_figure(root=True)
    assert figure is not None, "draw on axes that belong to a figure"
    inches = ax.get_position().width * figure.get_figwidth()
    room = inches * 72 / (len(leaves) + 0.6) - 2
    widest = max(len(str(s)) for s in [*code, *code.values()])
    size = float(np.clip(room / (0.6 * widest), 10, 11))
    if probs is not None:
        p_size = 10.0
    for node in prefixes:
        for bit in "01":
            child = node + bit
            if child in x:
                ax.plot([x[node], x[child]], [-len(node), -len(child)], color="0.4", lw=1.2)
                mx = (x[node] + x[child]) / 2
                my = -(len(node) + len(child)) / 2
                side = "right" if bit == "0" else "left"
                ax.text(mx, my, bit, ha=side, va="bottom", color="0.2", fontsize=11)
    ax.plot([x[n] for n in prefixes], [-len(n) for n in prefixes], "o", color="0.3", ms=5)
    for symbol, word in leaves:
        point = (x[word], -len(word))
        ax.plot(*point, "s", color=P_COLOR, ms=9)
        lines: list[tuple[str, dict[str, Any]]] = [
            (str(symbol), {"fontweight": "bold", "fontsize": size})
        ]
        lines.append((word, {"family": "monospace", "fontsize": size}))
        if probs is not None:
            lines.append((f"{probs[symbol]:.3g}", {"fontsize": p_size}))
        for row, (text, style) in enumerate(lines):
            ax.annotate(
                text,
                point,
                xytext=(0, -8 - 1.3 * size * row),
                textcoords="offset points",
                ha="center",
                va="top",
                **style,
            )
    ax.set_xlim(-0.8, len(leaves) - 0.2)
    ax.set_ylim(-depth - 1.6, 0.5)
    ax.spines["left"].set_bounds(-depth, 0)
    ax.set_yticks(range(0, -depth - 1, -1), [str(d) for d in range(depth + 1)])
    ax.set_ylabel("codeword length (bits)")
    ax.set_xticks([])
    ax.grid(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    if title:
        ax.set_title(title)
    return ax
