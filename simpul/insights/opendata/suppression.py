"""Small-cell suppression of published counts.

Rules (also in README.md of this package and on the /data/ page):

1. **Primary**: a count of 1–4 IKM is not published (0 is published: it reveals nothing
   about an enterprise).
2. **Secondary**: the published tables hold additive relations — a total and the parts it
   is the sum of (a regency's golongan-pokok subtotal and its size-class cells, a province
   and its regencies, the national total and the provinces). If exactly one entry of a
   relation (a part or the total) is hidden, it can be recomputed from the others; so the
   smallest published non-zero part of that relation is hidden too (ties: the first by
   key), or the total when no such part is left. Repeated until no relation has exactly
   one hidden entry.

The rule closes every single-subtraction recovery; it is not a full linear-programming
audit (a reader combining several relations could still narrow a hidden cell to a range).
Figure sums (workforce, sales, …) follow the count of *reporting* enterprises: they are
hidden where fewer than 5 enterprises reported, with the same secondary rule over the
reporting counts."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

THRESHOLD = 5

Relation = tuple[Hashable, list[Hashable]]  # (total key, part keys)


def suppress(
    values: Mapping[Hashable, int],
    relations: Iterable[Relation],
    *,
    hidden: Iterable[Hashable] = (),
    threshold: int = THRESHOLD,
) -> set[Hashable]:
    """The keys of `values` to hide: primary (0 < value < threshold), `hidden` (decided
    elsewhere, e.g. by a table these totals also appear in) and secondary over
    `relations`. A key missing from `values` counts as 0."""
    out = {k for k, v in values.items() if 0 < v < threshold}
    out.update(hidden)
    relations = [(total, list(parts)) for total, parts in relations]
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            entries = [total, *parts]
            if sum(1 for k in entries if k in out) != 1:
                continue
            candidates = [k for k in parts if k not in out and values.get(k, 0) > 0]
            if candidates:
                out.add(min(candidates, key=lambda k: (values.get(k, 0), str(k))))
            elif total not in out:
                out.add(total)
            else:  # a hidden total whose parts are all 0: nothing left to recover
                continue
            changed = True
    return out
