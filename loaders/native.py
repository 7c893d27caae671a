"""Read annotated articles in the native format (JSON or YAML) into domain objects.

A file yields a complete :class:`~graph.model.AnnotatedArticle` or a
:class:`~graph.errors.LoadError` naming the file, the record (a JSON path
such as ``claims[3]``), the field and what was expected: never a part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.errors import (
    ActorConflict,
    AmbiguousActor,
    LoadError,
    UnknownActor,
    UnknownRelationType,
    WrongFormat,
)
from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence, Mention, stable_id
from graph.vocabulary import Vocabulary
from loaders.gazetteer import Actors, Gazetteer
from loaders.mapping import Mapping
from loaders.native_format import ClaimIn, EvidenceIn, NativeDocument
from loaders.reading import MAX_TEXT_BYTES, read_data, read_text_file
from loaders.reference import Reference
from loaders.resolution import Resolution, with_umbrellas
from loaders.source import Item, Rejected, Resolver

IDENTITY = ("name", "kind", "aliases", "external_ids", "country", "member_of", "description")
"""The fields of an actor a document may not change once the actor exists."""


def identity_changes(incoming: Actor, known: Actor) -> list[str]:
    """What ``incoming`` would change of the stored ``known`` (the same id), worded.

    An unresolved placeholder never replaces a known actor, so it changes nothing.

    >>> known = Actor(id="iran", name="Iran", aliases=("Islamic Republic of Iran",))
    >>> identity_changes(known.model_copy(), known)
    []
    >>> identity_changes(Actor(id="iran", name="Hijacked", aliases=("PMU",)), known)
    ["name 'Iran' -> 'Hijacked'", "aliases ('Islamic Republic of Iran',) -> ('PMU',)"]
    """
    if incoming.unresolved and not known.unresolved:
        return []
    return [
        f"{field} {getattr(known, field)!r} -> {getattr(incoming, field)!r}"
        for field in (*IDENTITY, "unresolved")
        if getattr(incoming, field) != getattr(known, field)
    ]


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    """The native format as a reader: one document, or the file rejected with where and why."""
    try:
        doc = read_native(
            path, resolver.gazetteer, resolver.vocabulary, max_text_bytes=resolver.max_text_bytes
        )
    except ActorConflict:
        raise  # not a bad record to skip: the whole load stops, as the API answers 409
    except LoadError as exc:
        record = exc.record if exc.record is not None else "file"
        yield Rejected(
            f"line {record}" if isinstance(record, int) else record, exc.message, exc.field
        )
        return
    yield doc
    introduce(doc, resolver.gazetteer)


def introduce(doc: AnnotatedArticle, gazetteer: Gazetteer) -> None:
    """Add the actors ``doc`` carries that ``gazetteer`` lacks: the documents read after it
    may not redefine them either."""
    for actor in doc.actors:
        if actor.id not in gazetteer:
            gazetteer.add(actor)


def read_native(
    path: Path,
    gazetteer: Gazetteer,
    vocabulary: Vocabulary | None = None,
    *,
    max_text_bytes: int = MAX_TEXT_BYTES,
) -> AnnotatedArticle:
    """Read one annotated-article file (and the ``text_file`` it names, beside it).

    Raises
    ------
    LoadError
        On anything malformed, with file, record, field and expectation.
    """
    path = Path(path)
    return parse_native(
        read_data(path, max_bytes=max_text_bytes),
        gazetteer,
        vocabulary,
        source=str(path),
        base_dir=path.parent,
        max_text_bytes=max_text_bytes,
    )


_TAGS = {"str", "int", "float", "bool", "none"}  # pydantic union-member tags


def _where(loc: tuple) -> tuple[str | None, str | None]:
    """``("claims", 3, "confidence")`` -> (``"claims[3]"``, ``"confidence"``)."""
    record = ""
    # pydantic tags union members in the location ("EvidenceIn", "str"): not fields
    parts = [p for p in loc if not (isinstance(p, str) and (p[:1].isupper() or p in _TAGS))]
    loc = tuple(parts)
    while parts and (not record or isinstance(parts[0], int)):
        part = parts.pop(0)
        record += f"[{part}]" if isinstance(part, int) else (("." if record else "") + str(part))
    if not parts and loc and not isinstance(loc[-1], int):
        return (record.rsplit(".", 1)[0] or None, str(loc[-1])) if "." in record else (None, record)
    return record or None, ".".join(str(p) for p in parts if not isinstance(p, int)) or None


def parse_native(
    data: Any,
    gazetteer: Actors,
    vocabulary: Vocabulary | None = None,
    *,
    source: str = "<request>",
    base_dir: Path | None = None,
    max_text_bytes: int = MAX_TEXT_BYTES,
) -> AnnotatedArticle:
    """Validate a native document (already parsed from JSON/YAML) and resolve its actors.

    A ``text_file`` is read from ``base_dir`` (the folder of the document's
    file) by :func:`loaders.reading.read_text_file`; without ``base_dir`` (a
    document that came over HTTP) the text must be inline.

    Names resolve against ``gazetteer`` (a :class:`Gazetteer`, or a store's
    actors as :class:`~loaders.gazetteer.StoredActors`) and the actors the
    document carries.

    Examples
    --------
    >>> from graph.model import Actor
    >>> g = Gazetteer([Actor(id="alpha-front", name="Alpha Front"),
    ...                Actor(id="beta-militia", name="Beta Militia", aliases=("BM",))])
    >>> doc = parse_native({
    ...     "article": {"id": "a1", "title": "T", "published": "2016-02-25",
    ...                 "text": "Alpha Front said it fights BM."},
    ...     "claims": [{"source": "Alpha Front", "target": "BM", "type": "FIGHTS",
    ...                 "evidence": "it fights BM"}]}, g)
    >>> c = doc.claims[0]
    >>> (c.source, c.target, c.type, str(c.date), c.evidence.start)
    ('alpha-front', 'beta-militia', 'FIGHTS', '2016-02-25', 17)
    >>> parse_native({"article": {"id": "a1", "title": "T", "published": "2016-02-30"}}, g)
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: <request>: record article: field published: Input should be ...
    """
    doc = _validated(data, source)
    check_introduced(doc.actors, gazetteer, source)
    vocabulary = vocabulary or Vocabulary.default()
    return _Resolver(doc, gazetteer, vocabulary, source, base_dir, max_text_bytes).build()


def _validated(data: Any, source: str) -> NativeDocument:
    if not isinstance(data, dict):
        raise WrongFormat(source, "expected a mapping with 'article' (and 'claims', 'mentions')")
    try:
        return NativeDocument.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        record, field = _where(tuple(err["loc"]))
        raise LoadError(source, err["msg"], record=record, field=field) from None


def read_unchecked(
    path: Path, gazetteer: Actors, vocabulary: Vocabulary, *, max_text_bytes: int = MAX_TEXT_BYTES
) -> tuple[AnnotatedArticle, tuple[Actor, ...]]:
    """:func:`read_native` but for :func:`check_introduced`, and the actors the file introduces.

    For a reader that makes that check itself, against actors it has and
    ``gazetteer`` has not (:mod:`ingest.read_ahead`): the check runs first in
    :func:`read_native`, so a file refused by both raises what the check raises.
    """
    source = str(path)
    doc = _validated(read_data(path, max_bytes=max_text_bytes), source)
    built = _Resolver(doc, gazetteer, vocabulary, source, path.parent, max_text_bytes).build()
    return built, tuple(doc.actors)


def check_introduced(actors: Iterable[Actor], known: Actors, source: str) -> None:
    """An article may introduce actors, not change existing ones or take their names.

    Raises :class:`~graph.errors.ActorConflict` naming the first actor (``actors[i]``) that does.
    """
    hint = "an article may introduce actors, not change them: use a gazetteer or a merge"
    for i, actor in enumerate(actors):
        record = f"actors[{i}]"
        stored = known.get(actor.id)
        if stored is not None and stored == actor:  # known as it is: the usual case
            continue
        changes = identity_changes(actor, stored) if stored is not None else []
        if changes:
            message = f"actor {actor.id!r} exists; this would change its {'; '.join(changes)}"
            field = changes[0].split(" ", 1)[0]
            raise ActorConflict(source, f"{message} ({hint})", record=record, field=field)
        if stored is not None:
            continue
        for name in actor.names:
            owners = sorted(known.lookup(name) - {actor.id})
            if owners:
                field = "name" if name == actor.name else "aliases"
                message = f"{name!r} already names {', '.join(owners)} ({hint})"
                raise ActorConflict(source, message, record=record, field=field)


class _Resolver:
    def __init__(
        self,
        doc: NativeDocument,
        gazetteer: Actors,
        vocabulary: Vocabulary,
        source: str,
        base_dir: Path | None,
        max_text_bytes: int,
    ) -> None:
        self.doc, self.vocabulary, self.source, self.base_dir = doc, vocabulary, source, base_dir
        self.gazetteer = Gazetteer.over(gazetteer, doc.actors)
        self.text = self._text(max_text_bytes)
        self.adopted: dict[str, Actor] = {}  # reference entries the document names
        self.resolution = Resolution(self.gazetteer, Reference.default())

    def fail(self, message: str, record: str, field: str) -> LoadError:
        return LoadError(self.source, message, record=record, field=field)

    def _text(self, max_bytes: int) -> str | None:
        article = self.doc.article
        if article.text is not None and article.text_file is not None:
            raise self.fail("give text or text_file, not both", "article", "text_file")
        if article.text_file is None:
            return article.text
        return read_text_file(
            self.base_dir,
            article.text_file,
            source=self.source,
            record="article",
            field="text_file",
            max_bytes=max_bytes,
        )

    def actor(self, name: str, record: str, field: str) -> str:
        try:
            return self.gazetteer.require(name).id
        except UnknownActor as exc:
            link = self.resolution.resolve(name)
            if link is None or link.by == "unresolved":
                message = f"{exc}; expected an actor id, name or alias"
                raise self.fail(message, record, field) from None
            if link.actor.provenance is not None:  # the document carries it
                self.adopted[link.actor.id] = link.actor
            return link.actor.id
        except AmbiguousActor as exc:
            raise self.fail(f"{exc}; expected an actor id, name or alias", record, field) from None

    def build(self) -> AnnotatedArticle:
        a = self.doc.article
        article = Article(
            id=a.id,
            title=a.title,
            url=a.url,
            publisher=a.publisher,
            published=a.published,
            text=self.text,
            kind=a.kind,
        )
        mentions = tuple(self.mention(i) for i in range(len(self.doc.mentions)))
        claims = [self.claim(i, c) for i, c in enumerate(self.doc.claims)]
        seen: dict[str, int] = {}
        for i, claim in enumerate(claims):
            if claim.id in seen:
                raise self.fail(f"repeats claims[{seen[claim.id]}]", f"claims[{i}]", "evidence")
            seen[claim.id] = i
        adopted = with_umbrellas((a for _, a in sorted(self.adopted.items())), self.gazetteer)
        own = {a.id for a in self.doc.actors}
        actors = (*self.doc.actors, *(a for a in adopted if a.id not in own))
        return AnnotatedArticle(
            article=article, actors=actors, mentions=mentions, claims=tuple(claims)
        )

    def span(self, quote: str | None, start: int | None, end: int | None, record: str, field: str):
        text = self.text
        if text is None:
            if start is not None or end is not None:
                raise self.fail("a span needs the article text", record, field)
            return quote, None, None
        if start is not None and end is not None:
            if not start < end <= len(text):
                raise self.fail(
                    f"span {start}..{end} is outside the text (0..{len(text)})", record, field
                )
            if quote is not None and text[start:end] != quote:
                raise self.fail(
                    f"span {start}..{end} reads {text[start:end]!r}, expected {quote!r}",
                    record,
                    field,
                )
            return text[start:end], start, end
        if start is not None or end is not None:
            raise self.fail("give both start and end, or neither", record, field)
        if quote is None:
            raise self.fail("expected a quote or a span", record, field)
        found = text.find(quote)
        if found < 0:
            raise self.fail(f"quote {quote!r} does not occur verbatim in the text", record, field)
        return quote, found, found + len(quote)

    def mention(self, i: int) -> Mention:
        m, record = self.doc.mentions[i], f"mentions[{i}]"
        actor = self.actor(m.actor, record, "actor")
        quote = m.text if m.text is not None else (None if m.start is not None else m.actor)
        text, start, end = self.span(quote, m.start, m.end, record, "text")
        if start is None:
            raise self.fail("a mention needs the article text", record, "text")
        return Mention(actor=actor, start=start, end=end, text=text)

    def claim(self, i: int, c: ClaimIn) -> Claim:
        record = f"claims[{i}]"
        if c.type not in self.vocabulary:
            exc = UnknownRelationType(c.type, self.vocabulary.names)
            known = ", ".join(self.vocabulary.names)
            raise self.fail(f"{exc.args[0].split(';')[0]}; expected one of {known}", record, "type")
        source = self.actor(c.source, record, "source")
        target = self.actor(c.target, record, "target")
        if source == target:
            raise self.fail(f"source and target are both {source!r}", record, "target")
        attributed = None
        if c.attributed_to:
            attributed = self.actor(c.attributed_to, record, "attributed_to")
        evidence = None
        if c.evidence is not None:
            ev = c.evidence if isinstance(c.evidence, EvidenceIn) else EvidenceIn(quote=c.evidence)
            quote, start, end = self.span(ev.quote, ev.start, ev.end, record, "evidence")
            evidence = Evidence(quote=quote, start=start, end=end)
        if c.valid_from and c.valid_to and c.valid_to < c.valid_from:
            raise self.fail("valid_to is before valid_from", record, "valid_to")
        claim_id = stable_id(
            self.doc.article.id,
            source,
            target,
            c.type,
            c.modality,
            attributed,
            evidence.start if evidence else None,
            evidence.quote if evidence else None,
            prefix="c-",
        )
        return Claim(
            id=claim_id,
            article=self.doc.article.id,
            source=source,
            target=target,
            type=c.type,
            confidence=c.confidence,
            modality=c.modality,
            attributed_to=attributed,
            evidence=evidence,
            date=c.date or self.doc.article.published,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
            mode=c.mode,
            certainty=c.certainty,
            support_type=c.support_type,
            place=c.place,
        )
