"""Help as people write it: ``ACTOR``, ``YYYY-MM-DD``, ``N``; nothing after a flag.

Typer labels a flag ``<bool>``, a repeatable option ``<list[str]>``, an argument's
type ``<str>`` and a required argument ``{actor}``; this gives every parameter of
every command a plain metavar instead, whichever module declared it.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption


def tidy(command: Any) -> None:
    """Plain metavars for ``command`` and, for a group, every command under it."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            _plain_argument(param)
        elif isinstance(param, TyperOption):
            if param.is_flag:
                param.metavar = ""
            elif param.metavar is None:
                param.metavar = (param.name or "value").upper()
    _plain_help_option(command)
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            tidy(sub)


def _plain_argument(param: TyperArgument) -> None:
    name = param.metavar or (param.name or "value").upper()
    param.metavar = name
    shown = name if param.required else f"[{name.strip('[]')}]"
    if param.nargs != 1 and not shown.endswith("..."):
        shown += "..."
    param.get_usage_pieces = lambda ctx: [shown]  # type: ignore[method-assign]  # this one's
    param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]  # no <str>


def _plain_help_option(command: Any) -> None:
    """``--help`` is made anew for each use: plain once made."""
    make = command.get_help_option

    def plain(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = plain
