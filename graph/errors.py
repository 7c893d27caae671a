"""Domain exceptions. The API maps each to an HTTP status in one handler."""

from __future__ import annotations


class ActorGraphError(Exception):
    """Base of every error the product raises on purpose."""


class ConfigurationError(ActorGraphError):
    """A setting or configuration file is wrong."""


class UnknownActor(ActorGraphError):
    """A name or id that resolves to no actor; carries the closest suggestions."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown actor {name!r}{hint}")


class AmbiguousActor(ActorGraphError):
    """A name that several distinct actors answer to."""

    def __init__(self, name: str, candidates: tuple[str, ...]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        super().__init__(f"{name!r} is ambiguous: it names {', '.join(self.candidates)}")


class UnknownArticle(ActorGraphError):
    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        super().__init__(f"unknown article {article_id!r}")


class UnknownRelationType(ActorGraphError):
    """A relation type that is not in the vocabulary."""

    def __init__(self, name: str, known: tuple[str, ...] = ()) -> None:
        self.name = name
        self.known = tuple(known)
        listed = ", ".join(self.known[:1]) + ", ..." if len(self.known) > 1 else ", ".join(known)
        super().__init__(f"unknown relation type {name!r}; expected one of {listed}")


class OutOfRange(ActorGraphError):
    """A size parameter (depth, hops, k, limit) outside its allowed range."""

    def __init__(self, name: str, value: int, low: int, high: int) -> None:
        self.name, self.value, self.low, self.high = name, value, low, high
        super().__init__(f"{name}={value} is out of range; allowed {low}..{high}")


class InvalidQuery(ActorGraphError):
    """A query whose arguments contradict each other (e.g. since after until)."""


class QueryTimeout(ActorGraphError):
    """A query ran over its time budget; it changed nothing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the query ran over its time budget of {seconds} s")


class StoreUnavailable(ActorGraphError):
    """The store cannot be reached; the request changed nothing."""


class LoadError(ActorGraphError):
    """Bad input: names the file, the record or line, the field and what was expected."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        record: str | int | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.record, self.field, self.message = file, record, field, message
        where = [file]
        if record is not None:
            where.append(f"record {record}" if isinstance(record, str) else f"line {record}")
        if field:
            where.append(f"field {field}")
        super().__init__(f"{': '.join(where)}: {message}")


class ActorConflict(LoadError):
    """A document that would change an existing actor's identity, or take another's name."""


class WrongFormat(LoadError):
    """The input is not of the format it is read as; the message says what that format expects."""
