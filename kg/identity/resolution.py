"""What a lookup of the actor table answers: the actors a token means, and what its phrase says of them.

A :class:`Resolution` is a value: the table that made it is not changed, and the caller that
keeps it gives it back to :meth:`~kg.identity.table.ActorTable.actors`, so that another name a
phrase gave ("the foreign minister") becomes an alias of the actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..facts import ActorRef


@dataclass(frozen=True)
class Resolution:
    """The actors a token means, and what the phrase it heads says of them.

    ``names``: (actor, another name of it) that a phrase gives ("the foreign minister"), kept
    as the actor's aliases; ``generic``: (actor, generic noun) resolved inside this article only
    ("the group"), a note of the article's graph and never another name of the actor.

    >>> front = ActorRef("Organization", "Karelian Front")
    >>> found = Resolution((front,), generic=((front, "the group"),))
    >>> found.noted, NOTHING.also(found).refs, NOTHING.also(found).generic == found.generic
    (True, (), True)
    """

    refs: tuple[ActorRef, ...] = ()
    names: tuple[tuple[ActorRef, str], ...] = ()
    generic: tuple[tuple[ActorRef, str], ...] = ()

    def also(self, other: Resolution) -> Resolution:
        """These actors, with ``other``'s names and generic nouns beside their own."""
        return Resolution(self.refs, other.names + self.names, other.generic + self.generic)

    @property
    def noted(self) -> bool:
        """Does it say anything of the actors beyond who they are?"""
        return bool(self.names or self.generic)


NOTHING = Resolution()


def of_refs(refs: Iterable[ActorRef | None]) -> Resolution:
    """A resolution to ``refs`` (without repeats or None) that notes nothing."""
    return Resolution(tuple(r for r in dict.fromkeys(refs) if r is not None))
