"""Average-link agglomeration of the sparse similarity graph."""

from __future__ import annotations

import heapq

MERGE_THRESHOLD = 0.16
"""Minimum average pair similarity for two groups to merge (average link)."""


def agglomerate(
    n: int, edges: dict[tuple[int, int], float], threshold: float = MERGE_THRESHOLD
) -> list[list[int]]:
    """Merge articles into groups by average link over the sparse edge graph.

    The mean similarity between two groups counts every article pair, a missing
    edge as 0; the closest pair of groups merges first, until no pair reaches
    ``threshold``. Returns the groups (index lists, ascending), singletons too,
    ordered by their smallest index.

    A group is named by its smallest index: a heap entry holds the pair
    ``(low, high)`` and ``high``'s group folds into ``low``'s, so the name stays
    the smallest member. Every heap entry is a distinct tuple (a group's
    version changes with each merge), so the pop order does not depend on the
    push order.
    """
    size = [1] * n
    into = list(range(n))
    """The group an index was folded into (itself while it names a group)."""
    links: dict[int, dict[int, float]] = {}
    for (i, j), similarity in edges.items():
        links.setdefault(i, {})[j] = similarity
        links.setdefault(j, {})[i] = similarity
    version = [0] * n
    # A pair below the threshold never merges: it stays out of the heap (its
    # link still counts in later averages).
    heap = [(-s, i, j, 0, 0) for (i, j), s in edges.items() if s >= threshold]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        _, a, b, va, vb = pop(heap)
        if version[a] != va or version[b] != vb or not size[a] or not size[b]:
            continue
        _merge(a, b, links)
        into[b] = a
        size[a] += size[b]
        size[b] = 0
        version[a] += 1
        size_a = size[a]
        for c, total in links.get(a, {}).items():
            avg = total / (size_a * size[c])
            if avg >= threshold:
                low, high = (a, c) if a < c else (c, a)
                push(heap, (-avg, low, high, version[low], version[high]))
    return _groups(into)


def _groups(into: list[int]) -> list[list[int]]:
    """Index lists per group, ascending, in the order of their smallest index."""
    groups: list[list[int]] = []
    slot: list[list[int]] = []
    for i, target in enumerate(into):
        # ``target`` < i was resolved to its group's name earlier in this loop.
        name = into[i] = into[target] if target != i else i
        if name == i:
            members = [i]
            groups.append(members)
            slot.append(members)
        else:
            members = slot[name]
            members.append(i)
            slot.append(members)
    return groups


def _merge(a: int, b: int, links: dict[int, dict[int, float]]) -> None:
    """Fold group ``b``'s links into group ``a``'s, summing their weights."""
    links_a = links.setdefault(a, {})
    links_a.pop(b, None)
    for c, total in links.pop(b, {}).items():
        if c == a:
            continue
        links_c = links[c]
        links_c.pop(b, None)
        links_a[c] = links_a.get(c, 0.0) + total
        links_c[a] = links_a[c]
