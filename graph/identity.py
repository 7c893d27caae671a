"""Actor identity fixed by hand: merges, their log, and what is canonical.

Backend-neutral rules every store follows; the stores keep the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime

from graph.aggregate import pair_key
from graph.errors import InvalidQuery, UnknownActor
from graph.model import Actor, Claim, Merge
from graph.vocabulary import Vocabulary


def canonical_ids(merges: Iterable[Merge]) -> dict[str, str]:
    """Each merged-away actor id -> the id it now counts as (chains followed).

    >>> at = datetime(2026, 1, 1, tzinfo=UTC)
    >>> canonical_ids([Merge(seq=1, source="a", target="b", at=at),
    ...                Merge(seq=2, source="b", target="c", at=at),
    ...                Merge(seq=3, source="x", target="y", at=at, undone_at=at)])
    {'a': 'c', 'b': 'c'}
    """
    into = {m.source: m.target for m in merges if m.active}
    canon = {}
    for source in into:
        target, seen = into[source], {source}
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        canon[source] = target
    return canon


def plan_merge(
    actors: Mapping[str, Actor], canon: Mapping[str, str], source: str, target: str, note: str
) -> Merge:
    """The merge of ``source`` into ``target``, checked; its ``seq`` is set when stored.

    Raises
    ------
    UnknownActor
        If either id is not an actor's.
    InvalidQuery
        If ``source`` is already merged, or both are (already) one actor.
    """
    for actor_id in (source, target):
        if actor_id not in actors:
            raise UnknownActor(actor_id)
    if source in canon:
        raise InvalidQuery(f"{source!r} is already merged into {canon[source]!r}; unmerge it first")
    final = canon.get(target, target)
    if final == source:
        raise InvalidQuery(f"{source!r} and {target!r} are already one actor")
    return Merge(seq=0, source=source, target=final, at=datetime.now(UTC), note=note)


def plan_unmerge(merges: Iterable[Merge], source: str) -> Merge:
    """The active merge of ``source``, marked undone.

    Raises
    ------
    InvalidQuery
        If ``source`` is not merged into another actor.
    """
    for merge in merges:
        if merge.active and merge.source == source:
            return merge.model_copy(update={"undone_at": datetime.now(UTC)})
    raise InvalidQuery(f"{source!r} is not merged into another actor")


def canonical_claims(claims: Iterable[Claim], canon: Mapping[str, str]) -> Iterator[Claim]:
    """``claims`` between canonical actors; a claim merged into a self-loop is left out."""
    for claim in claims:
        source = canon.get(claim.source, claim.source)
        target = canon.get(claim.target, claim.target)
        if source == target:
            continue
        if source is claim.source and target is claim.target:
            yield claim
        else:
            yield claim.model_copy(update={"source": source, "target": target})


def canonical_key(
    claim: Claim, canon: Mapping[str, str], vocabulary: Vocabulary
) -> tuple[str, str, str] | None:
    """The relation ``claim`` counts towards between canonical actors; None when merged away."""
    return canonical_pair_key(claim.source, claim.target, claim.type, canon, vocabulary)


def canonical_pair_key(
    source: str, target: str, kind: str, canon: Mapping[str, str], vocabulary: Vocabulary
) -> tuple[str, str, str] | None:
    """:func:`canonical_key` of a claim given by its ends and type (a stored row).

    >>> canonical_pair_key("b", "a", "FIGHTS", {"b": "c"}, Vocabulary.default())
    ('a', 'c', 'FIGHTS')
    >>> canonical_pair_key("b", "c", "FIGHTS", {"b": "c"}, Vocabulary.default()) is None
    True
    """
    source = canon.get(source, source)
    target = canon.get(target, target)
    if source == target:
        return None
    return pair_key(source, target, kind, vocabulary)


def with_merged(ids: Iterable[str], canon: Mapping[str, str]) -> list[str]:
    """``ids`` and every id merged into one of them, sorted.

    >>> with_merged(["c"], {"a": "c", "b": "c", "x": "y"})
    ['a', 'b', 'c']
    """
    wanted = set(ids)
    return sorted(wanted | {source for source, target in canon.items() if target in wanted})
