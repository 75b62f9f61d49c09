"""Which columns the feed table shows, and how wide, for the width it has.

Pure layout arithmetic (no widgets): each column is as wide as its widest cell, up
to a cap; capped columns grow back while the detail still leaves room. When they
do not fit, the least important columns go first (last success, items, category,
newest), and the last column (the detail) takes what is left, cut with "…"
(:func:`cut`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

CELL_PADDING = 2
"""Columns a ``DataTable`` cell adds around its text (one each side)."""

DETAIL_MIN = 16
"""The detail column is never narrower than this while any other column can go."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the feed table: its cap and when it is dropped."""

    cap: int
    """At most this many characters wide (0: the last column, takes the rest)."""
    drop: int
    """Dropped in this order when the table is too narrow (0: never)."""


SPEC = (
    Column(cap=12, drop=3),  # category
    Column(cap=24, drop=0),  # source
    Column(cap=14, drop=0),  # status
    Column(cap=14, drop=1),  # last success
    Column(cap=6, drop=2),  # items
    Column(cap=14, drop=4),  # newest
    Column(cap=0, drop=0),  # detail
)


def fit_columns(
    labels: Sequence[str], rows: Sequence[Sequence[str]], width: int
) -> list[tuple[int, int]]:
    """``(index, width)`` of the columns to show in ``width`` cells, in table order.

    ``labels`` and each row follow :data:`SPEC`; widths are the text widths without
    the cell padding.
    """
    natural, widest = [], []
    for index, column in enumerate(SPEC):
        full = max([cell_len(labels[index])] + [cell_len(row[index]) for row in rows])
        widest.append(full)
        natural.append(min(full, column.cap) if column.cap else full)
    shown = list(range(len(SPEC)))
    droppable = sorted((c.drop, i) for i, c in enumerate(SPEC) if c.drop)

    def left() -> int:
        fixed = sum(natural[i] + CELL_PADDING for i in shown if SPEC[i].cap)
        return width - fixed - CELL_PADDING

    while left() < DETAIL_MIN and droppable:
        shown.remove(droppable.pop(0)[1])
    last = len(SPEC) - 1
    # Room to spare once the detail has its whole width: capped columns grow back.
    spare = left() - natural[last]
    for i in shown:
        if spare <= 0:
            break
        grow = min(widest[i] - natural[i], spare)
        if SPEC[i].cap and grow > 0:
            natural[i] += grow
            spare -= grow
    return [(i, max(1, min(natural[i], left())) if i == last else natural[i]) for i in shown]


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in "…" when it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + "…"
