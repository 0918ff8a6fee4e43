"""A published table never shows a count under 5, nor lets one be worked out by subtraction."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tsunagu.core.suppression import HIDDEN, SMALL, TOTAL, suppress_table


def _printed(table, rows):
    body = [[table.cell(r, c) for c in range(len(rows[0]))] for r in range(len(rows))]
    margins = [table.row_total(r) for r in range(len(rows))]
    margins += [table.column_total(c) for c in range(len(rows[0]))] + [table.grand_total()]
    return body, margins


def _rank(vectors):
    matrix = [[Fraction(v) for v in vector] for vector in vectors]
    rank = 0
    for column in range(len(matrix[0]) if matrix else 0):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column]:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def _worked_out(rows, table):
    """The hidden positions a reader can compute exactly from the shown numbers: a position is known
    when adding its unit vector to the system's equations does not raise their rank (checked apart
    from the module's own elimination)."""
    unknown = sorted(set(table.values) - set(table.shown()))
    height, width = len(rows), len(rows[0])
    equations = []
    for r in range(height):
        equations.append({**{(r, c): 1 for c in range(width)}, (r, TOTAL): -1})
    for c in range(width):
        equations.append({**{(r, c): 1 for r in range(height)}, (TOTAL, c): -1})
    equations.append({**{(TOTAL, c): 1 for c in range(width)}, (TOTAL, TOTAL): -1})
    equations.append({**{(r, TOTAL): 1 for r in range(height)}, (TOTAL, TOTAL): -1})
    system = [[equation.get(p, 0) for p in unknown] for equation in equations]
    system = [row for row in system if any(row)]
    base = _rank(system) if system else 0
    return [
        p
        for i, p in enumerate(unknown)
        if _rank([*system, [int(j == i) for j in range(len(unknown))]]) == base
    ]


def test_a_small_count_is_shown_as_under_five_and_the_cells_that_would_give_it_away_are_hidden():
    rows = [[3, 10], [8, 9]]
    table = suppress_table(rows)
    body, margins = _printed(table, rows)
    assert body[0][0] == SMALL
    # 13 − 10 would give the 3 back, and so would 11 − 8: every body cell is hidden, the totals stay.
    assert body == [[SMALL, HIDDEN], [HIDDEN, HIDDEN]]
    assert margins == ["13", "17", "11", "19", "30"]


def test_a_table_with_no_small_count_is_shown_whole():
    table = suppress_table([[12, 1234], [5, 9]])
    assert (table.cell(0, 1), table.row_total(0), table.grand_total()) == ("1,234", "1,246", "1,260")
    assert table.suppressed == set()


def test_zero_is_a_count_under_five():
    table = suppress_table([[0, 20, 30], [7, 8, 9]])
    assert table.cell(0, 0) == SMALL


def test_a_small_total_is_hidden_too():
    table = suppress_table([[1, 2], [40, 50]])
    assert table.row_total(0) == SMALL


def test_a_single_column_with_its_total_hides_a_second_count():
    table = suppress_table([[2], [30], [40]], row_totals=False)
    shown = [table.cell(r, 0) for r in range(3)]
    assert shown == [SMALL, HIDDEN, "40"]
    assert table.column_total(0) == "72"


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 40), min_size=width, max_size=width), min_size=1, max_size=5
        )
    )
)
def test_no_published_table_shows_a_small_count_or_one_that_can_be_worked_out(rows):
    table = suppress_table(rows)
    assert all(value >= 5 for value in table.shown().values())
    assert _worked_out(rows, table) == []
