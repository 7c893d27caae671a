"""The timeline of the relation between two actors, and when it flipped sign.

Computed from the pair's evidence (``GraphStore.evidence``), the same on both
backends; the filters (time window, types, polarity, confidence) are applied
by the store before the claims get here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from graph.aggregate import claim_weight, sign
from graph.errors import InvalidQuery
from graph.store import EvidenceItem
from graph.vocabulary import Vocabulary

Period = Literal["month", "quarter", "year"]


class Moment(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: date
    claim: str
    type: str
    signed_weight: float
    quote: str | None
    article: str


class PeriodStance(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: str
    start: date
    net: float
    sign: int
    claims: int


class Flip(BaseModel):
    """The net sign changed in ``period`` (which starts on ``date``); ``first_claim``
    is the date of the period's first claim of the new sign, and ``claim`` its id."""

    model_config = ConfigDict(frozen=True)

    period: str
    date: date
    before: int
    after: int
    first_claim: dt.date | None = None  # `date` is a field above
    claim: str | None = None


class Timeline(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    claims: tuple[Moment, ...]
    periods: tuple[PeriodStance, ...]
    flips: tuple[Flip, ...]
    undated: int = 0


def _period(day: date, period: Period) -> tuple[str, date]:
    if period == "year":
        return str(day.year), date(day.year, 1, 1)
    if period == "quarter":
        q = (day.month - 1) // 3
        return f"{day.year}-Q{q + 1}", date(day.year, 3 * q + 1, 1)
    return f"{day.year}-{day.month:02d}", date(day.year, day.month, 1)


def timeline(
    items: list[EvidenceItem],
    source: str,
    target: str,
    vocabulary: Vocabulary,
    period: Period = "year",
) -> Timeline:
    """Claims by date, the net sign per period, and the dates the stance flipped.

    Parameters
    ----------
    items : list of EvidenceItem
        The claims between the two actors (``GraphStore.evidence``).
    source, target : str
        The two actors' ids.
    vocabulary : Vocabulary
        Gives each relation type its polarity and each modality its factor.
    period : {"month", "quarter", "year"}
        The bucket of the net stance.

    Returns
    -------
    Timeline
        ``claims`` by date with their signed weight and quote; ``periods``
        with the net stance of each; ``flips`` where the sign turned (a
        period of net zero keeps the sign before it); ``undated`` counts the
        claims without a date, which cannot be placed.

    Raises
    ------
    graph.errors.InvalidQuery
        ``period`` is not one of month, quarter, year.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.model import Article, Claim
    >>> art = Article(id="x", title="x", published=date(2016, 1, 1))
    >>> def item(day, kind):
    ...     claim = Claim(id=f"c{day.year}", article="x", source="a", target="b", type=kind,
    ...                   date=day)
    ...     return EvidenceItem(claim=claim, article=art)
    >>> t = timeline([item(date(2016, 3, 1), "ALLIED_WITH"), item(date(2017, 5, 1), "FIGHTS")],
    ...              "a", "b", Vocabulary.default())
    >>> [(p.period, p.sign) for p in t.periods], [(f.period, f.before, f.after) for f in t.flips]
    ([('2016', 1), ('2017', -1)], [('2017', 1, -1)])
    >>> t.flips[0].first_claim
    datetime.date(2017, 5, 1)
    """
    if period not in ("month", "quarter", "year"):
        raise InvalidQuery(f"period {period!r} is not one of month, quarter, year")
    moments = []
    buckets: dict[tuple[date, str], list[float]] = defaultdict(list)
    first: dict[tuple[str, int], tuple[date, str]] = {}
    dated = [(i.claim.date, i.claim.id, i) for i in items if i.claim.date is not None]
    for day, _, item in sorted(dated, key=lambda d: d[:2]):
        claim = item.claim
        polarity = vocabulary[claim.type].polarity
        value = round(polarity * claim_weight(claim, vocabulary), 6)
        moments.append(
            Moment(
                date=day,
                claim=claim.id,
                type=claim.type,
                signed_weight=value,
                quote=claim.evidence.quote if claim.evidence else None,
                article=item.article.id,
            )
        )
        label, start = _period(day, period)
        buckets[(start, label)].append(value)
        first.setdefault((label, sign(value)), (day, claim.id))
    periods = [
        PeriodStance(
            period=label, start=start, net=round(sum(v), 6), sign=sign(sum(v)), claims=len(v)
        )
        for (start, label), v in sorted(buckets.items())
    ]
    flips = []
    previous = 0
    for p in periods:
        if p.sign and previous and p.sign != previous:
            first_day, claim_id = first.get((p.period, p.sign), (None, None))
            flips.append(
                Flip(
                    period=p.period,
                    date=p.start,
                    before=previous,
                    after=p.sign,
                    first_claim=first_day,
                    claim=claim_id,
                )
            )
        previous = p.sign or previous
    return Timeline(
        source=source,
        target=target,
        claims=tuple(moments),
        periods=tuple(periods),
        flips=tuple(flips),
        undated=sum(1 for i in items if i.claim.date is None),
    )
