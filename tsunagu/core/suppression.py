"""Small counts leave the hub hidden: the one way to publish a table of counts.

A count under `SMALL_COUNT` (zero included: "under 5" is the rule as users state it) is shown as "<5"
(primary suppression). A published total lets a reader subtract: a row of 3 and 10 with its total 13
gives the 3 back. So more cells are hidden, shown as "x" (secondary suppression), until no hidden
count can be worked out exactly from what is shown by adding and subtracting rows, columns and
totals. That is checked by linear algebra, not by a rule of thumb: a hidden count is derivable exactly
when its unit vector lies in the row space of the table's sum relations restricted to the hidden
counts. Bounds (a hidden count lies between 0 and a total) are not exact values and stay allowed.

    table = suppress_table([[3, 10], [8, 9]])
    table.cell(0, 0)       # "<5"
    table.row_total(0)     # "13"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

SMALL_COUNT = 5
SMALL = "<5"
HIDDEN = "x"
LEGEND = _("<5: a count under 5. x: hidden so that a count under 5 cannot be worked out from the others.")

TOTAL = -1  # the index of a margin: (r, TOTAL) is row r's total, (TOTAL, TOTAL) the grand total
Position = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    values: dict[Position, int]
    small: frozenset[Position]
    hidden: frozenset[Position]

    def _show(self, position: Position) -> str:
        if position in self.small:
            return SMALL
        if position in self.hidden:
            return HIDDEN
        return f"{self.values[position]:,}"

    def cell(self, row: int, column: int) -> str:
        return self._show((row, column))

    def row_total(self, row: int) -> str:
        return self._show((row, TOTAL))

    def column_total(self, column: int) -> str:
        return self._show((TOTAL, column))

    def grand_total(self) -> str:
        return self._show((TOTAL, TOTAL))

    @property
    def suppressed(self) -> set[Position]:
        """The body cells not shown (small or hidden)."""
        return {p for p in self.small | self.hidden if TOTAL not in p}

    def shown(self) -> dict[Position, int]:
        """What a reader learns: every published value, margins included."""
        return {p: v for p, v in self.values.items() if p not in self.small and p not in self.hidden}


def suppress_table(
    rows: Sequence[Sequence[int]], row_totals: bool = True, column_totals: bool = True
) -> SuppressedTable:
    """Hide the small counts of `rows` and every cell from which one could be derived exactly."""
    values = _members(rows, row_totals, column_totals)
    relations = _relations(rows, row_totals, column_totals)
    small = frozenset(p for p, v in values.items() if v < SMALL_COUNT)
    hidden: set[Position] = set()
    while True:
        derivable = _derivable(small | hidden, relations)
        if not derivable:
            break
        extra = _complement(derivable, small | hidden, relations, values)
        if extra is None:  # nothing left to hide around it (cannot happen with margins; kept safe)
            break
        hidden.add(extra)
    return SuppressedTable(values=values, small=small, hidden=frozenset(hidden))


def _members(rows: Sequence[Sequence[int]], row_totals: bool, column_totals: bool) -> dict[Position, int]:
    values = {(r, c): int(v) for r, row in enumerate(rows) for c, v in enumerate(row)}
    width = max((len(row) for row in rows), default=0)
    if row_totals:
        values |= {(r, TOTAL): sum(row) for r, row in enumerate(rows)}
    if column_totals:
        values |= {(TOTAL, c): sum(row[c] for row in rows if c < len(row)) for c in range(width)}
    if row_totals and column_totals:
        values[(TOTAL, TOTAL)] = sum(sum(row) for row in rows)
    return values


def _relations(rows: Sequence[Sequence[int]], row_totals: bool, column_totals: bool) -> list[list[Position]]:
    """Each relation lists its parts, then the total they add up to."""
    width = max((len(row) for row in rows), default=0)
    relations = []
    if row_totals:
        relations += [[(r, c) for c in range(len(row))] + [(r, TOTAL)] for r, row in enumerate(rows)]
    if column_totals:
        relations += [
            [(r, c) for r, row in enumerate(rows) if c < len(row)] + [(TOTAL, c)] for c in range(width)
        ]
    if row_totals and column_totals:
        relations.append([(TOTAL, c) for c in range(width)] + [(TOTAL, TOTAL)])
        relations.append([(r, TOTAL) for r in range(len(rows))] + [(TOTAL, TOTAL)])
    return relations


def _derivable(
    unknown: frozenset[Position] | set[Position], relations: list[list[Position]]
) -> list[Position]:
    """The unknown positions whose value follows exactly from the relations and the shown values."""
    order = sorted(unknown)
    index = {p: i for i, p in enumerate(order)}
    matrix = []
    for relation in relations:
        row = [Fraction(0)] * len(order)
        for p in relation[:-1]:
            if p in index:
                row[index[p]] += 1
        if relation[-1] in index:
            row[index[relation[-1]]] -= 1
        if any(row):
            matrix.append(row)
    pivots = _reduce(matrix, len(order))
    # A variable is fixed when no free variable reaches it: its reduced row has no other entry.
    fixed = []
    for row_index, column in enumerate(pivots):
        row = matrix[row_index]
        if all(row[j] == 0 for j in range(len(order)) if j != column):
            fixed.append(order[column])
    return fixed


def _reduce(matrix: list[list[Fraction]], width: int) -> list[int]:
    """Reduced row echelon form in place; returns the pivot column of each non-zero row."""
    pivots: list[int] = []
    top = 0
    for column in range(width):
        pivot = next((r for r in range(top, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[top], matrix[pivot] = matrix[pivot], matrix[top]
        lead = matrix[top][column]
        matrix[top] = [v / lead for v in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append(column)
        top += 1
    return pivots


def _complement(
    derivable: list[Position],
    unknown: frozenset[Position] | set[Position],
    relations: list[list[Position]],
    values: dict[Position, int],
) -> Position | None:
    """The shown value to hide next: the smallest one sharing a relation with a derivable count, a body
    cell before a total (totals are what readers most want)."""
    candidates = {
        p for relation in relations if set(relation) & set(derivable) for p in relation if p not in unknown
    }
    if not candidates:
        return None
    return min(candidates, key=lambda p: (TOTAL in p, values[p], p))
