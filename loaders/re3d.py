"""re3d, the Dstl Relationship and Entity Extraction Evaluation Dataset.

One input is a folder of three ``mongoexport`` files (one JSON object per
line, the first possibly behind a byte-order mark): ``documents.json``,
``entities.json`` and ``relations.json``. Documents become articles (they
carry no date, so their claims are undated); entities of the mapped types
become actors through the gazetteer; relations map to the vocabulary through
``re3d.mapping.yaml``. ``IsSynonymOf`` makes two names one actor within the
document, unless the gazetteer knows them as two different actors. Entities
and relations are grouped by document in memory: a re3d folder is one
annotated corpus, not an unbounded stream.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.errors import LoadError
from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence, Mention, slugify
from loaders.mapping import Mapping
from loaders.reading import parse_json
from loaders.source import BadRecord, Item, Rejected, Resolver, Skipped, check_type, claim_id

Span = tuple[int, int]


class _Blank(BadRecord):
    """A span of blanks only: an annotation of nothing, skipped rather than refused."""


def _lines(path: Path) -> Iterator[tuple[str, dict[str, Any] | BadRecord]]:
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = f"{path.name} line {n}"
            try:
                value = parse_json(line, str(path), record=record)
            except LoadError as exc:
                yield record, BadRecord(exc.message)
                continue
            if not isinstance(value, dict):
                yield record, BadRecord("expected a JSON object")
                continue
            yield record, value


def _need(value: dict[str, Any], field: str, kind: type | tuple[type, ...]) -> Any:
    if field not in value:
        raise BadRecord(f"missing {field}", field)
    found = value[field]
    if not isinstance(found, kind) or isinstance(found, bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise BadRecord(f"expected {names}, got {found!r}", field)
    return found


def read(folder: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    folder = Path(folder)
    entities: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    relations: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for name, into in (("entities.json", entities), ("relations.json", relations)):
        for record, value in _lines(folder / name):
            try:
                if isinstance(value, BadRecord):
                    raise value
                into[_need(value, "documentId", str)].append((record, value))
            except BadRecord as exc:
                yield Rejected(record, exc.reason, exc.field)
    for record, value in _lines(folder / "documents.json"):
        try:
            if isinstance(value, BadRecord):
                raise value
            doc_id = _need(value, "_id", str)
            yield from _Document(value, resolver, mapping).build(
                record, entities.pop(doc_id, []), relations.pop(doc_id, [])
            )
        except BadRecord as exc:
            yield Rejected(record, exc.reason, exc.field)
    for doc_id, orphans in sorted({**entities, **relations}.items()):
        for record, _ in orphans:
            yield Rejected(record, f"documentId {doc_id!r} is not in documents.json", "documentId")


class _Document:
    def __init__(self, value: dict[str, Any], resolver: Resolver, mapping: Mapping) -> None:
        self.resolver, self.mapping = resolver, mapping
        self.text: str = _need(value, "text", str)
        url = value.get("sourceUrl")
        self.article = Article(
            id=f"re3d-{slugify(_need(value, '_id', str))}",
            title=str(value.get("title") or "").strip() or "(untitled)",
            url=url if isinstance(url, str) and url else None,
            publisher=value.get("sourceName") or None,
            published=None,
            text=self.text,
        )
        self.kinds = {k: v["kind"] for k, v in mapping.section("entities").items()}
        pattern = mapping.section("civilians").get("pattern")
        self.civilians = re.compile(pattern, re.IGNORECASE) if pattern else None

    def _span(self, value: dict, begin: str, end: str) -> Span:
        start, stop = _need(value, begin, int), _need(value, end, int)
        if not 0 <= start < stop <= len(self.text):
            raise BadRecord(
                f"span {start}..{stop} is outside the text (0..{len(self.text)})", begin
            )
        return self._trim(start, stop)

    def _trim(self, start: int, stop: int) -> Span:
        """The span without surrounding blanks (annotators' spans sometimes include them)."""
        while start < stop and self.text[start].isspace():
            start += 1
        while stop > start and self.text[stop - 1].isspace():
            stop -= 1
        if start == stop:
            raise _Blank("the span covers only blanks", "begin")
        return start, stop

    def build(
        self, record: str, entities: list[tuple[str, dict]], relations: list[tuple[str, dict]]
    ) -> Iterator[Item]:
        spans: dict[Span, str] = {}  # actor-naming span -> entity type
        tally = self.resolver.tally
        counted = Counter(tally)  # the names kept are counted below, once each
        for where, e in entities:
            try:
                span = self._span(e, "begin", "end")
                kind = _need(e, "type", str)
            except _Blank as exc:
                yield Skipped(where, f"entity: {exc.reason}")
                continue
            except BadRecord as exc:
                yield Rejected(where, exc.reason, exc.field)
                continue
            if kind not in self.kinds:
                continue
            why = self._no_actor(e, self.text[span[0] : span[1]])
            if why:
                self.resolver.tally["dropped"] += 1
                yield Skipped(where, f"entity: {why}")
                continue
            spans[span] = kind
        parsed = []
        for where, r in relations:
            try:
                parsed.append((where, r, self._relation_spans(r)))
            except _Blank as exc:
                yield Skipped(where, f"relation: {exc.reason}")
            except BadRecord as exc:
                yield Rejected(where, exc.reason, exc.field)
        identity = set(self.mapping.get("identity") or ())
        actors = self._resolve(spans, [p for _, r, p in parsed if r.get("type") in identity])
        claims: dict[str, Claim] = {}
        for where, r, (source, target, evidence) in parsed:
            try:
                made = self._claim(r, source, target, evidence, actors, identity)
            except BadRecord as exc:
                yield Rejected(where, exc.reason, exc.field)
                continue
            if isinstance(made, str):
                yield Skipped(where, made)
            else:
                claims.setdefault(made.id, made)
        claimed = {a for c in claims.values() for a in (c.source, c.target)}
        mentions = tuple(
            Mention(actor=actors[s].id, start=s[0], end=s[1], text=self.text[s[0] : s[1]])
            for s in sorted(spans)
            if s in actors and (actors[s].id in claimed or self._standing(actors[s]))
        )
        used = [m.actor for m in mentions] + [
            a for c in claims.values() for a in (c.source, c.target)
        ]
        dropped = tally["dropped"] - counted["dropped"]
        tally.clear()
        tally.update(counted + Counter(dropped=dropped))
        for m in mentions:
            tally[self.resolver.decision(m.text).partition(":")[0]] += 1
        if not claims and not mentions:
            yield Skipped(record, "no actor named")
            return
        yield AnnotatedArticle(
            article=self.article,
            actors=self.resolver.carried(*used),
            mentions=mentions,
            claims=tuple(claims.values()),
        )

    def _no_actor(self, entity: dict, text: str) -> str | None:
        """Why an annotation names no actor: confidence 0, a pronoun, a quantity, a role noun."""
        confidence = entity.get("confidence", 1)
        number = isinstance(confidence, int | float) and not isinstance(confidence, bool)
        if number and confidence <= 0:
            return "confidence 0: the annotators did not retain it"
        if self.resolver.names_no_actor(text, self.mapping):
            return "a pronoun or a word that names no actor"
        why = self.resolver.not_an_actor(text)
        if why:
            link = self.resolver.link(text)  # unless the user's gazetteer or the reference knows it
            if link is None or link.by == "unresolved":
                return why
        return None

    @staticmethod
    def _standing(actor: Actor) -> bool:
        """An actor that is a node already (the user's), whose mention needs no claim."""
        return not actor.unresolved and actor.provenance is None

    def _relation_spans(self, r: dict) -> tuple[Span, Span, Span]:
        _need(r, "type", str)
        source = self._span(r, "sourceBegin", "sourceEnd")
        target = self._span(r, "targetBegin", "targetEnd")
        begin, end = _need(r, "begin", int), _need(r, "end", int)
        lo, hi = min(begin, *source, *target), max(end, *source, *target)
        if not 0 <= lo < hi <= len(self.text):
            raise BadRecord(f"span {begin}..{end} is outside the text", "begin")
        return source, target, self._trim(lo, hi)

    def _resolve(self, spans: dict[Span, str], synonyms: list[tuple]) -> dict[Span, Actor]:
        """One actor per synonym group of actor-naming spans."""
        parent = {s: s for s in spans}

        def root(s: Span) -> Span:
            while parent[s] != s:
                parent[s] = parent[parent[s]]
                s = parent[s]
            return s

        for a, b, _ in synonyms:
            if a in parent and b in parent:
                parent[root(a)] = root(b)
        groups: dict[Span, list[Span]] = defaultdict(list)
        for s in sorted(spans):
            groups[root(s)].append(s)
        actors: dict[Span, Actor] = {}
        for members in groups.values():
            names = [" ".join(self.text[a:b].split()) for a, b in members]
            known = {}
            for name in names:
                link = self.resolver.link(name)
                if link is not None and link.by != "unresolved":
                    self.resolver.tally[link.by] += 1
                    known[link.actor.id] = link.actor
            if len(known) > 1:  # the gazetteer says these are different actors
                for span, name in zip(members, names, strict=True):
                    actors[span] = self._actor(name, spans[span])
                continue
            if known:
                (actor,) = known.values()
            else:
                best = max(names, key=len)
                aliases = tuple(dict.fromkeys(n for n in names if n != best))
                actor = self._actor(best, spans[members[0]], aliases)
            for span in members:
                actors[span] = actor
        return actors

    def _actor(self, name: str, entity_type: str, aliases: tuple[str, ...] = ()) -> Actor:
        return self.resolver.actor(name, kind=self.kinds[entity_type], aliases=aliases)

    def _claim(
        self,
        r: dict,
        source: Span,
        target: Span,
        evidence: Span,
        actors: dict[Span, Actor],
        identity: set[str],
    ) -> Claim | str:
        kind = r["type"]
        rule = self.mapping.section("relations").get(kind)
        if kind in identity:
            return f"{kind}: names one actor"
        if rule is None:
            if kind in (self.mapping.get("not_stance") or ()):
                return f"{kind} is not a stance edge"
            raise BadRecord(f"relation type {kind!r} is not in the re3d mapping", "type")
        name = rule["type"]
        target_text = self.text[target[0] : target[1]]
        if rule.get("civilian_target") and self.civilians and self.civilians.search(target_text):
            name = rule["civilian_target"]
            civilians = self.mapping.section("civilians").get("name") or "Civilians"
            target_actor = self.resolver.actor(civilians, kind="community")
        elif target in actors:
            target_actor = actors[target]
        else:
            return f"{kind}: the target is not an actor"
        if source not in actors:
            return f"{kind}: the source is not an actor"
        source_actor = actors[source]
        if source_actor.id == target_actor.id:
            return f"{kind}: source and target are one actor"
        confidence = _need(r, "confidence", (int, float))
        if not 0 <= confidence <= 1:
            raise BadRecord(f"expected a confidence in 0..1, got {confidence}", "confidence")
        name = check_type(self.resolver.vocabulary, name)
        quote = self.text[evidence[0] : evidence[1]]
        decided = {
            "source": self.resolver.decision(self.text[source[0] : source[1]]),
            "target": self.resolver.decision(target_text),
        }
        return Claim(
            id=claim_id(self.article.id, source_actor.id, name, target_actor.id, r.get("_id")),
            article=self.article.id,
            source=source_actor.id,
            target=target_actor.id,
            type=name,
            confidence=float(confidence),
            evidence=Evidence(quote=quote, start=evidence[0], end=evidence[1]),
            date=None,
            mode=rule.get("mode"),
            attributes={"re3d_type": kind, "resolution": decided},
        )
