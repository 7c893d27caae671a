"""The options commands share, declared once, and the decorator that gives them to a command.

Commands write only their own arguments and options; :func:`query_command` adds
``--store``, ``--format``/``--json``, ``--debug`` and, where asked, the filters
(``--as-of``, ``--since``, ``--until``, ``--type``, ``--polarity``,
``--min-confidence``) and ``--timeout``, and hands them to the command as one
:class:`Common` value. The aliases are importable for commands that declare
their options one by one.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import typer

from cli.output import Output
from graph.filters import BOUNDS, Filters, filters_for
from graph.store import GraphStore

DATE = ["%Y-%m-%d"]

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="ACTORGRAPH_STORE",
        metavar="PATH|URI",
        help="Embedded store file, or a neo4j:// or bolt:// URI (default: data/actorgraph.sqlite).",
    ),
]
OutputOpt = Annotated[
    Output,
    typer.Option(
        "--format",
        metavar="table|json|csv|tsv",
        help="table for people; json, csv or tsv (every row, full text) for pipelines.",
    ),
]


def bounded(flag: str, name: str, help: str) -> Any:
    """An integer option ranged by ``graph.filters.BOUNDS[name]``, as the API's parameter.

    Outside the range it is a usage error naming the range (exit code 2).
    """
    low, high = BOUNDS[name]

    def check(value: int) -> int:
        if not low <= value <= high:
            raise typer.BadParameter(f"{value} is out of range; allowed {low}..{high}")
        return value

    return typer.Option(flag, callback=check, metavar=f"{low}..{high}", help=help)


JsonOpt = Annotated[bool, typer.Option("--json", help="Output JSON, for pipelines.")]
JsonAliasOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
AsOfOpt = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        formats=DATE,
        metavar="YYYY-MM-DD",
        help="Only evidence up to and still valid at this date.",
    ),
]
SinceOpt = Annotated[
    date | None,
    typer.Option(
        "--since", formats=DATE, metavar="YYYY-MM-DD", help="Only evidence dated on or after."
    ),
]
UntilOpt = Annotated[
    date | None,
    typer.Option(
        "--until", formats=DATE, metavar="YYYY-MM-DD", help="Only evidence dated on or before."
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        help="Only relations of this type, e.g. ALLIED_WITH (repeatable).",
    ),
]
PolarityOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--polarity",
        min=-1,
        max=1,
        metavar="-1|0|1",
        help="Only relations of this polarity: 1 cooperative, -1 hostile, 0 other (repeatable).",
    ),
]
ConfOpt = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        metavar="0..1",
        help="Only claims at least this confident.",
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country", metavar="ISO3", help="Only claims acted out in this country, e.g. SYR."
    ),
]
BboxOpt = Annotated[
    str | None,
    typer.Option(
        "--bbox",
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="Only claims acted out inside this box (WGS 84 degrees).",
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.0,
        metavar="SECONDS",
        help="Give up if answering takes longer (default: no limit).",
    ),
]
ActorArg = Annotated[str, typer.Argument(metavar="ACTOR", help="Actor id, name or alias.")]
SourceArg = Annotated[str, typer.Argument(metavar="SOURCE", help="Actor id, name or alias.")]
TargetArg = Annotated[str, typer.Argument(metavar="TARGET", help="Actor id, name or alias.")]


@dataclass(frozen=True)
class Common:
    """What every query command was given besides its own arguments."""

    store: str | None = None
    output: Output = Output.TABLE
    debug: bool = False
    as_of: date | None = None
    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    polarity: tuple[int, ...] = ()
    min_confidence: float = 0.0
    country: str | None = None
    bbox: str | None = None
    timeout: float | None = None

    def filters(self, store: GraphStore) -> Filters:
        """The filters, checked as the API checks them (types against the vocabulary)."""
        return filters_for(
            store.vocabulary,
            as_of=self.as_of,
            since=self.since,
            until=self.until,
            types=self.types,
            polarity=self.polarity,
            min_confidence=self.min_confidence,
            country=self.country,
            bbox=self.bbox,
        )


_BASE = {"store": StoreOpt, "output": OutputOpt, "json": JsonAliasOpt, "debug": DebugOpt}
_FILTERS = {
    "as_of": AsOfOpt,
    "since": SinceOpt,
    "until": UntilOpt,
    "types": TypeOpt,
    "polarity": PolarityOpt,
    "min_confidence": ConfOpt,
    "country": CountryOpt,
    "bbox": BboxOpt,
}
_DEFAULTS = {"output": Output.TABLE, "json": False, "debug": False, "min_confidence": 0.0}


def query_command(
    *, filters: bool = True, timeout: bool = False, types: bool = True, output: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command the shared options; it takes them as its one ``common: Common`` parameter.

    ``filters`` adds the filter options (``types`` the ``--type`` among them),
    ``timeout`` the ``--timeout`` option, and ``output`` the ``--format`` and
    ``--json`` options (a command writing its own formats has neither).
    """
    shared = {k: v for k, v in _BASE.items() if output or k not in ("output", "json")}
    if filters:
        shared |= {k: v for k, v in _FILTERS.items() if types or k != "types"}
    if timeout:
        shared["timeout"] = TimeoutOpt

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "common"]
        extra = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=alias, default=_DEFAULTS.get(name)
            )
            for name, alias in shared.items()
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in shared}
            asked, json = given.pop("output", Output.TABLE), given.pop("json", False)
            output = Output.JSON if json else asked
            given["types"] = tuple(given.get("types") or ())
            given["polarity"] = tuple(given.get("polarity") or ())
            return command(*args, common=Common(output=output, **given), **kwargs)

        params = [*own, *extra]
        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]  # Typer reads it
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return decorate
