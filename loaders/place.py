"""Where an event record says its event took place, as a :class:`~graph.model.Place`.

Event exports give a place in columns of their own (ACLED's ``location``,
``admin1``, ``latitude``...; UCDP GED's ``where_coordinates``...; GDELT's
``ActionGeo_*``; ICEWS's ``City``...``Longitude``): each reader names its
columns and its precision scale (in its mapping table), this module checks the
values. A coordinate out of range is a bad record naming its column; a country
no ISO 3166-1 entry answers to is left out of the place, not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pycountry

from graph.model import Place
from loaders.source import BadRecord

EMPTY = {"", "NA", "NULL", "N/A"}
"""What exports write in a cell that holds nothing."""


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.upper() in EMPTY else value


@lru_cache(maxsize=4096)
def country_code(value: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country given by code, number or name; None if none.

    >>> country_code("Syria"), country_code("SYR"), country_code("760"), country_code("Arland")
    ('SYR', 'SYR', 'SYR', None)
    """
    text = _text(value)
    if text is None:
        return None
    found = None
    if text.isdigit():
        found = pycountry.countries.get(numeric=text.zfill(3))
    else:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    return found.alpha_3 if found is not None else None


def coordinate(value: str | None, field: str, low: float, high: float) -> float | None:
    """A latitude or longitude cell, or None when empty; out of range is a bad record."""
    text = _text(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        raise BadRecord(f"expected a number, got {value!r}", field) from None
    if not low <= number <= high:
        raise BadRecord(f"{number} is out of range; expected {low:g}..{high:g}", field)
    return number


def place(
    *,
    name: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    country: str | None = None,
    latitude: tuple[str | None, str] = (None, "latitude"),
    longitude: tuple[str | None, str] = (None, "longitude"),
    precision: str | None = None,
    scale: Mapping[str, str] | None = None,
) -> Place | None:
    """The place a record's cells give, or None when they give nothing.

    ``latitude`` and ``longitude`` are ``(cell, column name)``; ``precision`` is
    the record's own code, read through ``scale`` (the mapping table's).

    >>> found = place(name="Oldtown", country="Iraq", latitude=("36.3", "y"), longitude=("43", "x"))
    >>> found.country, found.latitude, found.longitude
    ('IRQ', 36.3, 43.0)
    >>> place(latitude=("95", "lat"), longitude=("0", "lon"))
    Traceback (most recent call last):
    ...
    loaders.source.BadRecord: 95.0 is out of range; expected -90..90
    """
    lat = coordinate(latitude[0], latitude[1], -90.0, 90.0)
    lon = coordinate(longitude[0], longitude[1], -180.0, 180.0)
    if (lat is None) != (lon is None):
        missing = latitude[1] if lat is None else longitude[1]
        raise BadRecord("expected both coordinates or neither", missing)
    fields = {
        "name": _text(name),
        "admin1": _text(admin1),
        "admin2": _text(admin2),
        "country": country_code(country),
        "latitude": lat,
        "longitude": lon,
        "precision": (scale or {}).get(_text(precision) or "") if precision else None,
    }
    if all(v is None for v in fields.values()):
        return None
    return Place(**fields)
