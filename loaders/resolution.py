"""Resolving a source's actor name: the user's actors, then the reference, then rules.

Each answer is a :class:`Link` that says what decided it: ``gazetteer`` (the
user's gazetteer or the store knew the name or id), ``alias`` (an entry of
the reference gazetteer), ``code`` (a CAMEO country or known-group code),
``rule`` (a rule built on the dictionaries: a member noun after a known
actor, ACLED's name conventions). Nothing is guessed: a name no rule and no
entry decides stays unresolved, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Actor, ActorKind
from graph.names import normalise
from loaders.gazetteer import Actors, Gazetteer
from loaders.reference import STATE_ROLES, Reference

GENERIC = re.compile(
    r"^(a|an|some|several|many|few|any|each|every|no|other|another|both|all|most|such|"
    r"this|that|these|those|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|"
    r"hundreds?|thousands?|scores|more|fewer|numerous|various|certain|"
    r"its|our|their|his|her|my|your|others?|"
    r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?)\b|^\d[\d,.]*(\s|$)",
    re.IGNORECASE,
)
"""A phrase opening with an indefinite determiner or a number names no one actor."""
UNDERTAKING = re.compile(
    r"\b(project|programme|program|initiative|campaign|plan|conference|summit|meeting)$",
    re.IGNORECASE,
)
"""What a name ending so denotes is something done, not a party to a conflict."""

_ABBREVIATED = re.compile(r"^(?P<short>[^:()]{1,24}):\s*(?P<full>.+)$")
_QUALIFIED = re.compile(r"^(?P<name>.*?\S)\s*\((?P<where>[^()]+)\)$")
_POSSESSIVE = re.compile(r"^(?:the\s+)?(?P<owner>.+?)['\u2019]s\s+(?P<noun>.+)$", re.IGNORECASE)
_OF = re.compile(r"^(?:the\s+)?(?P<noun>.+?)\s+of\s+(?:the\s+)?(?P<owner>.+)$", re.IGNORECASE)


def with_umbrellas(actors: Iterable[Actor], gazetteer: Actors) -> tuple[Actor, ...]:
    """``actors`` and, after them, the reference umbrellas (``member_of``) of their reference ones.

    A reference level a source names (a state's armed forces) rolls up to its
    state only if the state is a node too, so a document carries the chain of
    reference actors above it: stored for roll-up, not claimed (the membership
    is the reference's). The user's own actors above it are theirs to store.
    """
    chosen = {a.id: a for a in actors}
    todo = [a for a in chosen.values() if a.provenance is not None]
    while todo:
        for parent_id in todo.pop().member_of:
            parent = gazetteer.get(parent_id)
            if parent is not None and parent.provenance is not None and parent_id not in chosen:
                chosen[parent_id] = parent
                todo.append(parent)
    return tuple(chosen.values())


@dataclass(frozen=True)
class Link:
    """An actor a name resolved to, and what decided it."""

    actor: Actor
    by: str
    """``gazetteer``, ``alias``, ``code``, ``rule`` or ``unresolved``."""
    detail: str = ""

    def describe(self) -> str:
        return f"{self.by}: {self.detail}" if self.detail else self.by


class Resolution:
    """Names to links over a gazetteer (the user's actors) and the reference beneath it."""

    def __init__(self, gazetteer: Gazetteer, reference: Reference | None) -> None:
        self.gazetteer = gazetteer
        self.reference = reference
        self.why: dict[str, str] = {}  # name key -> why it resolved to nothing
        self._links: dict[str, Link | None] = {}
        self._adopted: dict[str, Actor] = {}

    def resolve(self, name: str) -> Link | None:
        """The link of ``name``, or None (then :attr:`why` says why, when a rule knows)."""
        key = normalise(name)
        if key in self._links:
            return self._links[key]
        link = self._resolve(name, depth=0)
        if link is not None or key in self.why:
            self._links[key] = link
        return link

    def not_an_actor(self, name: str) -> str | None:
        """Why ``name`` names no actor (a determiner phrase, a bare role noun), or None."""
        text = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
        if GENERIC.search(text):
            return "a generic phrase or a quantity, not one actor"
        if not any(w[:1].isupper() or w[:1].isdigit() for w in text.split()):
            return "a common noun phrase (no proper name), not one actor"
        if UNDERTAKING.search(text):
            return "an undertaking (a project, programme, operation...), not a party"
        if self.reference is not None and self.reference.role(text):
            return "a role noun with no country or group"
        return None

    def _resolve(self, name: str, depth: int) -> Link | None:
        upper = self.gazetteer.resolve(name)  # AmbiguousActor: the user's names are never guessed
        if upper is not None and not upper.unresolved:
            if upper.provenance is not None:  # a reference entry met before in this load
                return Link(upper, "alias", upper.provenance.split(":")[0] + f" entry {upper.id}")
            return Link(upper, "gazetteer", "id" if upper.id == name else "")
        ref = self.reference
        if ref is not None:
            ids = ref.find(name)
            if len(ids) == 1:
                actor = self.adopt(ids[0])
                mine = "" if actor.id == ids[0] else f", which is your {actor.id}"
                return Link(actor, "alias", f"reference {ref.version} entry {ids[0]}{mine}")
            if len(ids) > 1:
                self.why[normalise(name)] = (
                    f"a name several reference entries share: {', '.join(sorted(ids))}"
                )
                return None
            if depth < 2:
                ruled = self._rules(name, depth)
                if ruled is not None:
                    return ruled
        if upper is not None:
            return Link(upper, "unresolved", upper.reason or "")
        return None

    def adopt(self, entry_id: str) -> Actor:
        """The actor of a reference entry; the user's own actor for it when they have one.

        The user's actor is the one with the entry's id, else the one answering
        to one of its codes (CAMEO, UCDP), else to its canonical name.
        """
        found = self._adopted.get(entry_id)
        if found is not None:
            return found
        assert self.reference is not None
        entry = self.reference.entry(entry_id)
        mine = self.gazetteer.get(entry_id)
        if mine is None or mine.unresolved:
            mine = None
            for value in (*entry["codes"].values(), entry["name"]):
                ids = self.gazetteer.lookup(value)
                actors = [a for a in (self.gazetteer.get(i) for i in ids) if a is not None]
                if len(actors) == 1 and not actors[0].unresolved:
                    mine = actors[0]
                    break
        if mine is None:
            mine = self.reference.actor(entry_id)
            parents = tuple(self.adopt(p).id for p in entry["member_of"] if p in self.reference)
            if parents != mine.member_of:
                mine = mine.model_copy(update={"member_of": parents})
            self.gazetteer.add(mine)
        self._adopted[entry_id] = mine
        return mine

    def _known(self, name: str, depth: int) -> Link | None:
        link = self._resolve(name, depth + 1)
        return link if link is not None and link.by != "unresolved" else None

    def _rules(self, name: str, depth: int) -> Link | None:
        text = " ".join(name.split())
        abbreviated = _ABBREVIATED.match(text)
        if abbreviated:  # ACLED: "QSD: Syrian Democratic Forces"
            for part in (abbreviated["full"], abbreviated["short"]):
                link = self._known(part, depth)
                if link is not None:
                    return Link(link.actor, "rule", f"ACLED 'ABBR: Full Name' ({link.describe()})")
        qualified = _QUALIFIED.match(text)
        if qualified and self.reference and self.reference.find(qualified["where"]):
            link = self._known(qualified["name"], depth)  # ACLED: "Islamic State (Syria)"
            if link is not None:
                return Link(link.actor, "rule", f"ACLED '(Country)' suffix ({link.describe()})")
        return (
            self._owned(text, depth) or self._titled(text, depth) or self._member_noun(text, depth)
        )

    def _noun_role(self, noun: str) -> tuple[str, str] | None:
        """The role of a noun phrase, or of its last word ("democratically elected government")."""
        assert self.reference is not None
        for candidate in (noun, noun.split()[-1]):
            role = self.reference.role(candidate)
            if role is not None:
                return candidate, role
        return None

    def _owned(self, text: str, depth: int) -> Link | None:
        """A level of a known actor: "Turkey's elected government", "Government of Iraq"."""
        for pattern in (_POSSESSIVE, _OF):
            found = pattern.match(text)
            if not found:
                continue
            role = self._noun_role(found["noun"])
            if role is None:
                continue
            link = self._known(found["owner"], depth)
            if link is not None:
                return self._level_of(link.actor, role[1], role[0])
            if role[1] == "GOV":
                led = self._led(found["owner"], role[0])
                if led is not None:
                    return led
        return None

    def _led(self, surname: str, noun: str) -> Link | None:
        """The government of the one country whose leader bears ``surname`` (CountryInfo)."""
        assert self.reference is not None
        country = self.reference.leader_country(surname)
        level = self.reference.level(country, "GOV") if country else None
        if level is None:
            return None
        why = f"'{noun}' of {country}'s leader {surname!r} (CountryInfo)"
        return Link(self.adopt(level), "rule", why)

    def _titled(self, text: str, depth: int) -> Link | None:
        """ "Prime Minister Haider al-Abadi": a title (an agent noun) before a known person."""
        assert self.reference is not None
        words = text.split()
        for cut in range(min(len(words) - 1, 4), 0, -1):
            if self.reference.role(" ".join(words[:cut])):
                link = self._known(" ".join(words[cut:]), depth)
                if link is not None and link.actor.kind == ActorKind.PERSON:
                    return Link(
                        link.actor, "rule", f"title before a known person ({link.describe()})"
                    )
        return None

    def _member_noun(self, text: str, depth: int) -> Link | None:
        """ "ISIL fighters" -> ISIL; "Syrian government forces" -> Syria's forces."""
        assert self.reference is not None
        words = normalise(text).split()
        for cut in range(1, len(words)):
            noun = " ".join(words[cut:])
            role = self.reference.role(noun)
            if role is None:
                continue
            head = " ".join(words[:cut])
            possessive = bool(re.search(r"['\u2019]s\b", text))
            link = self._known(head, depth)
            if link is None and possessive and head.endswith("s"):
                link = self._known(head[:-1], depth)
                head = head[:-1]
            if link is None:
                return self._led(head, noun) if role == "GOV" else None
            return self._level_of(link.actor, role, noun)
        return None

    def _level_of(self, actor: Actor, role: str, noun: str) -> Link | None:
        assert self.reference is not None
        why = f"member noun '{noun}' ({role}) after {actor.name}"
        if actor.kind in (ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.ARMED_FORCES):
            if role not in STATE_ROLES:
                self.why[normalise(f"{actor.name} {noun}")] = f"{why}: no level of it is an actor"
                return None
            if actor.kind != ActorKind.STATE and STATE_ROLES[role] == actor.kind.value:
                return Link(actor, "rule", why)
            code = actor.country or actor.external_ids.get("cameo", "")[:3]
            level = self.reference.level(code, role) if code else None
            return Link(self.adopt(level), "rule", why) if level else None
        if actor.kind == ActorKind.PERSON:
            level = self.reference.level(actor.country, role) if actor.country else None
            return Link(self.adopt(level), "rule", why) if level and role == "GOV" else None
        return Link(actor, "rule", why)
