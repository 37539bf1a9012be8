"""Secondary suppression: which further figures to withhold so no withheld one is given away.

``suppression`` withholds every figure below the threshold and asks this module which
more to withhold until every withheld figure is *safe*, as ``suppression`` defines it:
a withheld 0 could be more, a small count could be 0, any other could be more or less.

How safety is decided, exactly
------------------------------
Every figure belongs to exactly two of the table's sums: a cell to its row and its
column, a row total to its row and to the grand total's sum over rows, a column
total likewise, and the grand total to the sum over rows and the sum over columns.
Draw each sum as a point and each figure as an arrow between its two sums, so that
every figure can be raised by one, keeping every sum, exactly by raising (or
lowering) the figures on a closed route of arrows through it: an arrow followed
forwards is raised, one followed backwards is lowered. (Cell (r, c) points from row
r to column c, column total c from column c to the column sum, the grand total from
there to the row sum, and row total r from the row sum to row r.) The published
figures cannot change, and a figure can be lowered only as far as 0; so

- a withheld figure can be larger exactly when a route of withheld figures leads
  from its head back to its tail, following zeros forwards only;
- a withheld count v can be 0 exactly when v units can flow from its tail to its
  head through the other withheld figures, each followed backwards at most as far
  as its own count (a maximum flow, found with at most v augmenting routes).

Both are exact (whole numbers, no rounding): the sums form a network, and on a
network a change that keeps every sum is a sum of such closed routes.

How the further figures are chosen
----------------------------------
1. Withhold every figure (cell or total) below the threshold, zeros included.
2. Take the withheld figures in table order (cells row by row, then row totals,
   column totals, grand total). When one is not safe, close the missing route as
   cheaply as possible: among all routes over other figures, take the one that
   withholds the fewest further figures; among those, prefer cells to totals, then
   the smallest counts. Withhold the published figures on it; they join the queue.
3. Stop when every withheld figure has been found safe.

Withholding more only adds routes, so a figure found safe stays safe and one pass
suffices; if no single route will do, everything is withheld. The choice is greedy:
further figures few, not provably the fewest; 100 by 12 take well under a second.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

# -- the table as figures (arrows) between sums (points) ------------------------------


@dataclass(frozen=True)
class Table:
    """Every figure of the table as an *entry*: an arrow from one sum to another.

    Entries are numbered: cells row by row, then row totals, column totals, and the
    grand total. Sums are numbered: rows, then columns, then the sum over rows, then
    the sum over columns. ``tail[e] -> head[e]`` as the module docstring draws them.
    """

    values: tuple[int, ...]
    tail: tuple[int, ...]
    head: tuple[int, ...]
    is_total: tuple[bool, ...]
    n_sums: int

    @classmethod
    def build(cls, grid: list[list[int]], n_columns: int) -> Table:
        n_rows = len(grid)
        over_rows, over_columns = n_rows + n_columns, n_rows + n_columns + 1
        arrows: list[tuple[int, int, int]] = []
        for i, row in enumerate(grid):
            arrows += [(value, i, n_rows + j) for j, value in enumerate(row)]
        arrows += [(sum(row), over_rows, i) for i, row in enumerate(grid)]
        arrows += [
            (sum(row[j] for row in grid), n_rows + j, over_columns) for j in range(n_columns)
        ]
        arrows.append((sum(map(sum, grid)), over_columns, over_rows))
        n_cells = n_rows * n_columns
        return cls(
            values=tuple(value for value, _, _ in arrows),
            tail=tuple(tail for _, tail, _ in arrows),
            head=tuple(head for _, _, head in arrows),
            is_total=tuple(entry >= n_cells for entry in range(len(arrows))),
            n_sums=n_rows + n_columns + 2,
        )


Step = tuple[int, int, bool]
"""Following an entry from one sum to the next: (entry, the next sum, forwards)."""


class _Withheld:
    """The withheld entries, as the routes along which they can change together."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.entries: set[int] = set()
        self._steps: list[list[Step]] = [[] for _ in range(table.n_sums)]

    def add(self, entry: int) -> None:
        if entry not in self.entries:
            self.entries.add(entry)
            tail, head = self.table.tail[entry], self.table.head[entry]
            self._steps[tail].append((entry, head, True))
            self._steps[head].append((entry, tail, False))

    def safe(self, entry: int, threshold: int) -> bool:
        value = self.table.values[entry]
        tail, head = self.table.tail[entry], self.table.head[entry]
        if value == 0:
            return self._route(head, tail, entry, {}, 1) is not None
        if value < threshold:
            return self._can_fall(entry, value)
        return any(self._route(a, b, entry, {}, 1) is not None for a, b in _ways(self.table, entry))

    def _room(self, entry: int, forwards: bool, flow: Mapping[int, int]) -> int | None:
        """How far ``entry`` can still move that way (``None``: without limit)."""
        if forwards:
            return None
        return self.table.values[entry] + flow.get(entry, 0)

    def _route(
        self, start: int, goal: int, skip: int, flow: Mapping[int, int], need: int
    ) -> list[tuple[int, bool]] | None:
        """A route of withheld entries from ``start`` to ``goal`` with room for ``need``."""
        came: dict[int, tuple[int, int, bool]] = {start: (-1, -1, True)}
        queue = deque([start])
        while queue and goal not in came:
            at = queue.popleft()
            for entry, to, forwards in self._steps[at]:
                room = self._room(entry, forwards, flow)
                if entry != skip and to not in came and (room is None or room >= need):
                    came[to] = (at, entry, forwards)
                    queue.append(to)
        if goal not in came:
            return None
        route: list[tuple[int, bool]] = []
        at = goal
        while at != start:
            at, entry, forwards = came[at]
            route.append((entry, forwards))
        return route

    def _can_fall(self, entry: int, value: int) -> bool:
        """Whether ``value`` units can flow from the entry's tail to its head (it can be 0)."""
        flow: dict[int, int] = {}
        moved = 0
        while moved < value:
            route = self._route(self.table.tail[entry], self.table.head[entry], entry, flow, 1)
            if route is None:
                return False
            rooms = [r for e, f in route if (r := self._room(e, f, flow)) is not None]
            step = min([value - moved, *rooms])
            for e, forwards in route:
                flow[e] = flow.get(e, 0) + (step if forwards else -step)
            moved += step
        return True


# -- choosing what else to withhold ----------------------------------------------------


def withhold(table: Table, threshold: int) -> set[int]:
    """Every entry below the threshold, then routes closed around every unsafe one."""
    withheld = _Withheld(table)
    queue = [entry for entry, value in enumerate(table.values) if value < threshold]
    for entry in queue:
        withheld.add(entry)
    costs = _costs(table)
    checked = 0
    while checked < len(queue):
        entry = queue[checked]
        checked += 1
        if withheld.safe(entry, threshold):
            continue
        route = _cheapest_route(table, withheld, costs, entry, threshold)
        if route is None:
            return set(range(len(table.values)))
        for further in route:
            withheld.add(further)
            queue.append(further)
    return withheld.entries


def _ways(table: Table, entry: int) -> tuple[tuple[int, int], ...]:
    """Where a route must lead for a published figure above the threshold to move: back
    from its head to its tail (it grows) or on from its tail to its head (it shrinks)."""
    tail, head = table.tail[entry], table.head[entry]
    return ((head, tail), (tail, head))


def _costs(table: Table) -> list[int]:
    """The price of withholding each entry, ordered as the module docstring says.

    One number per entry so that route costs simply add up: the weights make the
    number of entries dominate, then totals, then the counts (a route never uses an
    entry twice, so a lower part never spills into a higher one).
    """
    per_count = sum(table.values) + 1
    per_total = per_count * (len(table.values) + 1)
    per_entry = per_total * (len(table.values) + 1)
    return [
        per_entry + is_total * per_total + value
        for value, is_total in zip(table.values, table.is_total, strict=True)
    ]


def _cheapest_route(
    table: Table, withheld: _Withheld, costs: list[int], entry: int, threshold: int
) -> list[int] | None:
    """The published entries of the cheapest route that makes ``entry`` safe on its own.

    Dijkstra's shortest paths over the sums, every entry but ``entry`` a step either
    way (backwards only if its count leaves room); withheld entries cost nothing.
    """
    value = table.values[entry]
    tail, head = table.tail[entry], table.head[entry]
    ways: tuple[tuple[int, int], ...]
    if value == 0:
        ways, need = ((head, tail),), 1
    elif value < threshold:
        ways, need = ((tail, head),), value
    else:
        ways, need = _ways(table, entry), 1
    steps: list[list[tuple[int, int]]] = [[] for _ in range(table.n_sums)]
    for other, (a, b) in enumerate(zip(table.tail, table.head, strict=True)):
        if other != entry:
            steps[a].append((other, b))
            if table.values[other] >= need:
                steps[b].append((other, a))
    found = [
        route
        for start, goal in ways
        if (route := _shortest(steps, costs, withheld.entries, start, goal)) is not None
    ]
    return min(found, key=lambda r: sum(costs[e] for e in r)) if found else None


def _shortest(
    steps: list[list[tuple[int, int]]], costs: list[int], withheld: set[int], start: int, goal: int
) -> list[int] | None:
    best = {start: 0}
    came: dict[int, tuple[int, int]] = {}
    queue = [(0, start)]
    settled: set[int] = set()
    while queue:
        distance, at = heapq.heappop(queue)
        if at == goal:
            break
        if at in settled:
            continue
        settled.add(at)
        for entry, to in steps[at]:
            through = distance + (0 if entry in withheld else costs[entry])
            if to not in best or through < best[to]:
                best[to] = through
                came[to] = (at, entry)
                heapq.heappush(queue, (through, to))
    if goal not in came and goal != start:
        return None
    route: list[int] = []
    at = goal
    while at != start:
        at, entry = came[at]
        if entry not in withheld:
            route.append(entry)
    return route
