"""A deterministic synthetic corpus of annotated articles about fictional actors.

Actors are drawn with Zipf-distributed involvement (a few actors appear in
many articles, most in few), names and aliases vary in the text, dates span
2012-2020, every vocabulary type occurs, evidence spans match the generated
text and each article carries about ten claims. Actors belong to blocs
(some change bloc in 2017), so the signed graph has structure: positive types
mostly inside a bloc, hostile ones across blocs.

The generator first yields light :class:`RawArticle` tuples (used by the floor
and the peer); :func:`to_annotated` turns one into the domain model.
"""

from __future__ import annotations

import bisect
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from graph.model import (
    Actor,
    ActorKind,
    AnnotatedArticle,
    Article,
    Claim,
    Evidence,
    Mention,
    slugify,
    stable_id,
)
from graph.names import normalise

SEED = 20160225
SIZES: dict[str, tuple[int, int]] = {  # articles, actors
    "quick": (300, 120),
    "1k": (1_000, 400),
    "10k": (10_000, 1_500),
    "100k": (100_000, 5_000),
}
ZIPF_S = 1.1
N_BLOCS = 4
START, END = date(2012, 1, 1), date(2020, 12, 31)

_SYL = [
    "vel", "mar", "ost", "ka", "dran", "iv", "sol", "ter", "qu", "ban", "zor", "el",
    "nad", "ri", "thu", "mek", "aru", "lin", "gos", "ta", "why", "pel", "dor", "yan",
]  # fmt: skip
_FIRST = ["Aram", "Belka", "Corin", "Dasha", "Emric", "Farid", "Goran", "Hesta", "Ilyan", "Jorun"]
_PUBLISHERS = ["The Meridian Post", "Northgate Wire", "Saltmarsh Herald", "Kestrel News"]
_SUPPORT = ("troops", "weapons", "funding", "training", "intelligence", "territory", "political")
_POSITIVE = ("ALLIED_WITH", "COOPERATES_WITH", "SUPPORTS")
_HOSTILE = ("OPPOSES", "THREATENS", "SANCTIONS", "ATTACKS", "FIGHTS")
_STRUCTURAL = ("MEMBER_OF", "FOUNDED", "SPLINTER_OF")
_VERB = {
    "ALLIED_WITH": "{s} announced a formal alliance with {t}",
    "COOPERATES_WITH": "{s} coordinated operations with {t}",
    "SUPPORTS": "{s} supplied {x} support to {t}",
    "NEGOTIATES_WITH": "{s} held ceasefire talks with {t}",
    "OPPOSES": "{s} condemned {t}",
    "THREATENS": "{s} threatened {t} with retaliation",
    "SANCTIONS": "{s} imposed sanctions on {t}",
    "ATTACKS": "{s} shelled positions held by {t}",
    "FIGHTS": "{s} clashed with {t}",
    "LEADS": "{s} leads {t}",
    "MEMBER_OF": "{s} operates as a faction of {t}",
    "FOUNDED": "{s} founded {t}",
    "SPLINTER_OF": "{s} broke away from {t}",
}
_MODALITY = {
    "asserted": "{c}.",
    "reported": "Sources said {c}.",
    "alleged": "It is alleged that {c}.",
    "denied": "Officials denied reports that {c}.",
    "planned": "Plans emerged under which {c}.",
    "conditional": "Observers expect that, if talks fail, {c}.",
}
_MODALITIES = list(_MODALITY)
_MODALITY_W = [50, 25, 10, 5, 5, 5]


class RawArticle(NamedTuple):
    """One article as plain data: cheap to generate, shared by every consumer."""

    id: str
    title: str
    publisher: str
    published: date
    text: str
    mentions: list[tuple[str, int, int]]
    claims: list[tuple]  # see _claim_row for the field order


def size_of(name: str) -> tuple[int, int]:
    """(articles, actors) for a size name; raises KeyError listing the sizes."""
    if name not in SIZES:
        raise KeyError(f"unknown size {name!r}; one of {', '.join(SIZES)}")
    return SIZES[name]


def _root(rng: random.Random, used: set[str]) -> str:
    while True:
        root = "".join(rng.choice(_SYL) for _ in range(rng.choice((2, 3, 3))))
        if root not in used:
            used.add(root)
            return root.capitalize()


def _names(kind: ActorKind, root: str, rng: random.Random) -> tuple[str, list[str]]:
    acro = "".join(w[0] for w in root.split()) + "LF"
    table = {
        ActorKind.STATE: (f"Republic of {root}", [root, f"{root}n state"]),
        ActorKind.GOVERNMENT: (f"Government of {root}", [f"{root} Cabinet"]),
        ActorKind.ARMED_FORCES: (f"{root} Armed Forces", [f"{root} Army", f"{root} armed forces"]),
        ActorKind.ARMED_GROUP: (f"{root} Liberation Front", [f"{root} Front", acro]),
        ActorKind.MILITIA: (f"{root} Brigades", [f"Kata'ib al-{root}", f"Kataib {root}"]),
        ActorKind.POLITICAL_PARTY: (f"{root} People's Party", [f"{root} Peoples Party"]),
        ActorKind.PERSON: (f"{rng.choice(_FIRST)} {root}", [root, f"Abu {root}"]),
        ActorKind.INTERNATIONAL_ORG: (f"{root} Union", [f"Union of {root}"]),
        ActorKind.COMMUNITY: (f"{root} Tribes", [f"{root} tribal elders"]),
        ActorKind.OTHER: (f"{root} Network", [f"{root} Organisation"]),
    }
    return table[kind]


def make_actors(n: int, seed: int = SEED) -> list[Actor]:
    """``n`` fictional actors with unique names and aliases, in Zipf rank order."""
    rng = random.Random(seed)
    kinds = list(ActorKind)
    used_roots: set[str] = set()
    taken: set[str] = set()
    actors = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        name, aliases = _names(kind, _root(rng, used_roots), rng)
        keep = []
        for alias in [name, *aliases]:
            key = normalise(alias)
            if key not in taken:
                taken.add(key)
                keep.append(alias)
        country = "X" + chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        actors.append(
            Actor(
                id=slugify(name),
                name=name,
                kind=kind,
                aliases=tuple(a for a in keep if a != name),
                country=country if kind != ActorKind.INTERNATIONAL_ORG else None,
                external_ids={"bench": f"B{i:06d}"},
            )
        )
    return actors


def zipf_cumulative(n: int, s: float = ZIPF_S) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n (for ``random.choices(cum_weights=...)``)."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out


def _blocs(n: int, seed: int) -> tuple[list[int], list[int]]:
    rng = random.Random(seed + 1)
    before = [rng.randrange(N_BLOCS) for _ in range(n)]
    after = [rng.randrange(N_BLOCS) if rng.random() < 0.1 else b for b in before]
    return before, after


def _pick_type(rng: random.Random, same_bloc: bool, src_kind: ActorKind) -> str:
    roll = rng.random()
    if src_kind == ActorKind.PERSON and roll < 0.1:
        return "LEADS"
    if roll < 0.17:
        return rng.choice(_STRUCTURAL) if roll < 0.08 else "NEGOTIATES_WITH"
    if same_bloc:
        return rng.choice(_POSITIVE) if roll < 0.92 else rng.choice(_HOSTILE)
    return rng.choice(_HOSTILE) if roll < 0.9 else rng.choice(_POSITIVE)


def _claim_row(cid, src, tgt, kind, conf, modality, attr, qs, qe, day, vf, vt, mode, cert, sup):
    """Claim tuple field order (documented by this signature)."""
    return (cid, src, tgt, kind, conf, modality, attr, qs, qe, day, vf, vt, mode, cert, sup)


def iter_raw(n_articles: int, actors: list[Actor], seed: int = SEED) -> Iterator[RawArticle]:
    """Yield ``n_articles`` deterministic raw articles about ``actors``."""
    rng = random.Random(seed + 2)
    n = len(actors)
    cum = zipf_cumulative(n)
    top = cum[-1]
    before, after = _blocs(n, seed)
    span_days = (END - START).days
    for a in range(n_articles):
        published = START + timedelta(days=rng.randrange(span_days + 1))
        k = rng.randint(3, 6)
        cast: list[int] = []
        while len(cast) < k:
            i = bisect.bisect_left(cum, rng.random() * top)
            if i not in cast:
                cast.append(min(i, n - 1))
        blocs = after if published.year >= 2017 else before
        aid = f"bench-a{a:07d}"
        title = f"{actors[cast[0]].name} and {actors[cast[1]].name}: week in review"
        parts = [title, "\n\n"]
        pos = len(title) + 2
        mentions: list[tuple[str, int, int]] = []
        claims: list[tuple] = []
        for c in range(rng.randint(8, 12)):
            si, ti = rng.sample(cast, 2)
            src, tgt = actors[si], actors[ti]
            kind = _pick_type(rng, blocs[si] == blocs[ti], src.kind)
            s_name, t_name = rng.choice(src.names), rng.choice(tgt.names)
            modality = rng.choices(_MODALITIES, _MODALITY_W)[0]
            sup = rng.choice(_SUPPORT) if kind == "SUPPORTS" else None
            core = _VERB[kind].format(s="\0S", t="\0T", x=sup or "")
            sentence = _MODALITY[modality].format(c=core)
            if sentence[0] == "\0":
                s_name = s_name[0].upper() + s_name[1:]
            s_at = sentence.index("\0S")
            sentence = sentence.replace("\0S", s_name)
            t_at = sentence.index("\0T")
            sentence = sentence.replace("\0T", t_name)
            mentions.append((src.id, pos + s_at, pos + s_at + len(s_name)))
            mentions.append((tgt.id, pos + t_at, pos + t_at + len(t_name)))
            day = published - timedelta(days=rng.randrange(8))
            vf = vt = None
            if rng.random() < 0.05:
                vf, vt = day, day + timedelta(days=rng.randint(30, 400))
            attr = (
                actors[cast[-1]].id if modality == "reported" and cast[-1] not in (si, ti) else None
            )
            claims.append(
                _claim_row(
                    stable_id(aid, c, prefix="c-"),
                    src.id,
                    tgt.id,
                    kind,
                    round(rng.uniform(0.4, 1.0), 2),
                    modality,
                    attr,
                    pos,
                    pos + len(sentence),
                    max(day, START),
                    vf,
                    vt,
                    "material" if kind in ("SUPPORTS", "ATTACKS", "FIGHTS") else "verbal",
                    "alleged" if modality == "alleged" else "confirmed",
                    sup,
                )
            )
            parts.append(sentence + " ")
            pos += len(sentence) + 1
        text = "".join(parts).rstrip()
        yield RawArticle(aid, title, rng.choice(_PUBLISHERS), published, text, mentions, claims)


def to_annotated(raw: RawArticle) -> AnnotatedArticle:
    """The validated domain object of one raw article."""
    text = raw.text
    return AnnotatedArticle(
        article=Article(
            id=raw.id,
            title=raw.title,
            publisher=raw.publisher,
            published=raw.published,
            text=text,
            url=f"https://news.example/{raw.id}",
        ),
        mentions=tuple(
            Mention(actor=a, start=s, end=e, text=text[s:e]) for a, s, e in raw.mentions
        ),
        claims=tuple(
            Claim(
                id=c[0],
                article=raw.id,
                source=c[1],
                target=c[2],
                type=c[3],
                confidence=c[4],
                modality=c[5],
                attributed_to=c[6],
                evidence=Evidence(quote=text[c[7] : c[8]], start=c[7], end=c[8]),
                date=c[9],
                valid_from=c[10],
                valid_to=c[11],
                mode=c[12],
                certainty=c[13],
                support_type=c[14],
            )
            for c in raw.claims
        ),
    )


def write_native(folder: Path, n_articles: int, n_actors: int, seed: int = SEED) -> int:
    """Write the corpus as native-format JSON files (one per article) for the CLI path.

    Each file carries the actors it names, so no gazetteer is needed. Returns
    the number of files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    actors = make_actors(n_actors, seed)
    by_id = {a.id: a for a in actors}
    count = 0
    for raw in iter_raw(n_articles, actors, seed):
        data = native_document(to_annotated(raw), by_id)
        (folder / f"{raw.id}.json").write_text(json.dumps(data), encoding="utf-8")
        count += 1
    return count


def native_document(doc: AnnotatedArticle, by_id: dict[str, Actor]) -> dict[str, Any]:
    """``doc`` in the native format (a file's, or ``POST /articles``' body), with the actors
    of ``by_id`` it names."""
    named = {x for c in doc.claims for x in (c.source, c.target, c.attributed_to) if x}
    used = sorted(named | {m.actor for m in doc.mentions})
    return {
        "article": doc.article.model_dump(mode="json", exclude_none=True),
        "actors": [by_id[i].model_dump(mode="json", exclude_defaults=True) for i in used],
        "mentions": [m.model_dump(mode="json") for m in doc.mentions],
        "claims": [
            c.model_dump(mode="json", exclude_none=True, exclude={"id", "article", "attributes"})
            for c in doc.claims
        ],
    }


def posted_documents(n: int, n_actors: int, seed: int = SEED) -> list[dict[str, Any]]:
    """``n`` native documents about the corpus's actors that are not in the corpus: the
    articles drawn with another seed, under ids of their own."""
    actors = make_actors(n_actors, seed)
    by_id = {a.id: a for a in actors}
    documents = []
    for i, raw in enumerate(iter_raw(n, actors, seed + 1)):
        data = native_document(to_annotated(raw), by_id)
        data["article"]["id"] = f"bench-post-{i:05d}"
        documents.append(data)
    return documents
