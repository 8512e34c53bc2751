"""The actor facts of an article: the actor table's clusters → :class:`~kg.facts.Actor` records.

Each actor gathers the names, roles, affiliations and evidence of its mentions, and the other
names that the lookups noted ("the foreign minister"); an affiliation points at an actor of the
article (a country named only as an affiliation becomes one). A generic noun ("the group") is
never a name: it is a note of the article's graph. :func:`merge_lines` and :func:`merge_notes`
(for ``kg extract --explain``) say why each mention is its actor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..facts import Actor, ActorRef, Explanation
from .names import org_of, surname
from .resolution import Resolution

if TYPE_CHECKING:
    from .table import ActorTable


def noted(found: Iterable[Resolution], generic: bool = False) -> dict[ActorRef, set[str]]:
    """Each actor's other names (or, with ``generic``, its generic nouns) that ``found`` notes.

    >>> front = ActorRef("Organization", "Karelian Front")
    >>> dict(noted([Resolution((front,), generic=((front, "the group"),))], generic=True))
    {ActorRef(kind='Organization', label='Karelian Front'): {'the group'}}
    """
    out: dict[ActorRef, set[str]] = defaultdict(set)
    for resolution in found:
        for ref, name in resolution.generic if generic else resolution.names:
            out[ref].add(name)
    return out


def actor_facts(
    table: ActorTable, used: set[ActorRef] = frozenset(), resolved: Iterable[Resolution] = ()
) -> tuple[Actor, ...]:
    """The :class:`Actor` facts of ``table``: every named actor, and the groups of ``used`` (those
    some fact names). The other names that the table's own lookups and ``resolved`` (those a
    caller kept) note are aliases too."""
    out: dict[ActorRef, dict] = {}
    for k, m in enumerate(table.mentions):
        ref = table.ref_of_mention(k)
        if ref is None:
            continue
        if ref.kind == "Group" and ref not in used:
            continue
        entry = out.setdefault(
            ref, {"aliases": set(), "roles": [], "affils": [], "evidence": set()}
        )
        entry["aliases"].update(a for a in [m.name, m.surface, *m.aliases] if a)
        if m.kind == "Person" and len(m.name.split()) > 1:
            entry["aliases"].add(surname(m.name))
        entry["roles"].extend(r for r in m.roles if r not in entry["roles"])
        entry["affils"].extend(m.affiliations)
        if m.j > m.i:
            entry["evidence"].add(table.evidence_of(m.par, m.i))
    for ref, extra in noted([*table.found, *resolved]).items():
        if ref in out:
            out[ref]["aliases"].update(extra)
    # affiliations point at actors of this article; a country named only as an affiliation is one
    for entry in list(out.values()):
        for kind, name in entry["affils"]:
            target = resolve_affiliation(table, kind, name, out)
            if target is not None and target not in out:
                known = org_of(name) if kind == "Organization" else None
                affils = [("Country", known.country)] if known is not None and known.country else []
                out[target] = {"aliases": {name}, "roles": [], "affils": affils, "evidence": set()}
    actors = []
    for ref, entry in sorted(out.items()):
        affils = []
        for kind, name in entry["affils"]:
            target = resolve_affiliation(table, kind, name, out)
            if target is not None and target != ref and target not in affils:
                affils.append(target)
        aliases = sorted(a for a in entry["aliases"] if a and a != ref.label)
        actors.append(
            Actor(
                ref,
                tuple(aliases),
                tuple(entry["roles"]),
                tuple(affils),
                tuple(sorted(entry["evidence"])),
            )
        )
    return tuple(actors)


def resolve_affiliation(table: ActorTable, kind: str, name: str, known: dict) -> ActorRef | None:
    """The actor an affiliation (``kind``, ``name``) is: one of ``known``, one the article names so,
    or a new one (a known organization by its canonical name)."""
    if not name:
        return None
    for ref in known:
        if ref.kind == kind and ref.label.lower() == name.lower():
            return ref
    for k, m in enumerate(table.mentions):
        ref = table.ref_of_mention(k)
        names = {m.name.lower(), m.surface.lower()}
        if ref is not None and ref.kind == kind and name.lower() in names:
            return ref
    if kind == "Organization":
        known_org = org_of(name)
        return ActorRef(kind, known_org.name if known_org else name)
    return ActorRef(kind, name)


def generic_notes(
    table: ActorTable, used: set[ActorRef], resolved: Iterable[Resolution] = ()
) -> tuple[tuple[ActorRef, str], ...]:
    """Why a generic noun of this article ("the group") is an actor of ``used``: a note for the
    article's graph, not an alias that could join another article's "the group" to it."""
    generic = noted([*table.found, *resolved], generic=True)
    return tuple(
        (ref, f"{name}: the organization last named before it in this article")
        for ref, names in sorted(generic.items())
        if ref in used
        for name in sorted(names)
    )


def merge_lines(table: ActorTable) -> list[str]:
    """Why the mentions of each actor are that actor: one line per mention, written otherwise
    than the actor's name, that joined an actor another mention began, as
    ``actor (kind): "as written", paragraph N: why``."""
    lines = []
    for ref, k in joined_mentions(table):
        m = table.mentions[k]
        why = table.why_joined[k]
        lines.append(f'{ref.label} ({ref.kind}): "{m.surface}", paragraph {m.par}: {why}')
    return lines


def joined_mentions(table: ActorTable) -> list[tuple[ActorRef, int]]:
    """(actor, mention index) of each mention, written otherwise than the actor's name, that
    joined an actor another mention began."""
    joined = [(ref, k) for k in table.why_joined if (ref := table.ref_of_mention(k)) is not None]
    return [(ref, k) for ref, k in sorted(joined) if table.mentions[k].surface != ref.label]


def merge_notes(table: ActorTable, actors: Iterable[ActorRef]) -> tuple[Explanation, ...]:
    """Why each mention of ``actors`` written otherwise is its actor, as notes on its sentence
    (rule ``identity``) for ``kg extract --explain``."""
    wanted = set(actors)
    notes = []
    for ref, k in joined_mentions(table):
        m = table.mentions[k]
        if ref in wanted:
            said = f"{m.surface!r} is {ref.label} ({table.why_joined[k]})"
            notes.append(Explanation(table.evidence_of(m.par, m.i), "identity", said))
    return tuple(notes)
