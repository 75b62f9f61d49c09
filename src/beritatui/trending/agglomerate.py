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
    ``threshold``. Returns the groups (index lists, ascending), singletons too.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {}
    for (i, j), similarity in edges.items():
        links.setdefault(i, {})[j] = similarity
        links.setdefault(j, {})[i] = similarity
    version = [0] * n
    heap = [(-s, i, j, 0, 0) for (i, j), s in edges.items()]
    heapq.heapify(heap)
    while heap:
        neg_avg, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        if -neg_avg < threshold:
            break
        _merge(a, b, members, links)
        version[a] += 1
        size_a = len(members[a])
        for c, total in sorted(links.get(a, {}).items()):
            avg = total / (size_a * len(members[c]))
            low, high = (a, c) if a < c else (c, a)
            heapq.heappush(heap, (-avg, low, high, version[low], version[high]))
    return [sorted(group) for _, group in sorted(members.items())]


def _merge(
    a: int, b: int, members: dict[int, list[int]], links: dict[int, dict[int, float]]
) -> None:
    """Fold group ``b`` into group ``a``, summing their link weights."""
    members[a].extend(members.pop(b))
    links_a = links.setdefault(a, {})
    links_a.pop(b, None)
    for c, total in links.pop(b, {}).items():
        if c == a:
            continue
        links_c = links[c]
        links_c.pop(b, None)
        links_a[c] = links_a.get(c, 0.0) + total
        links_c[a] = links_a[c]
