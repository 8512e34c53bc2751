"""How a term of a proposal, what changed between two versions of a proposal, and the details of
a deal's lines are worded.

Worded once, here: the RDF stage labels each term with :func:`term_label`
("pause: 60 days"), the lineage of proposals states what changed with
:func:`lineage_change` ("revises: pause 60 days → 42 days; withdrawal added"),
and the pages, tables and queries show those stored words; the deal cards word
the data the ``deals`` query returns with :func:`release_detail` and
:func:`extension_detail`. No spaCy and no RDF here: a kind's name and a term's
attributes in, words out.

>>> term_label("PauseTerm", {"durationDays": 60})
'pause: 60 days'
"""

from __future__ import annotations

from collections.abc import Mapping

# a kind of term as one word
TERM_NAMES = {
    "PauseTerm": "pause",
    "ExchangeRatioTerm": "ratio",
    "ReleaseTerm": "release",
    "WithdrawalTerm": "withdrawal",
    "CeasefireTerm": "ceasefire",
    "ExtensionTerm": "extension",
}
# the attribute that is a term's figure in a change, and its unit; a change goes in this order
FIGURES = {
    "PauseTerm": ("durationDays", " days"),
    "ExchangeRatioTerm": ("ratio", ":1"),
    "ReleaseTerm": ("count", ""),
    "WithdrawalTerm": ("from", ""),
    "CeasefireTerm": ("permanent", ""),
}


def release_label(name: str, a: Mapping) -> str:
    """ "release: 30, in stages, first women": how many, whether in stages, who first.

    >>> release_label("release", {"count": 30, "countQualifier": "up to", "priorityGroup": "women"})
    'release: up to 30, first women'
    """
    parts = [name]
    if "count" in a:
        parts.append(f"{a.get('countQualifier', '')} {a['count']}".strip())
    if a.get("phased"):
        parts.append("in stages")
    if a.get("priorityGroup"):
        parts.append(f"first {a['priorityGroup']}")
    return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else name


def extension_label(name: str, a: Mapping) -> str:
    """ "extension: 1 day per 10 hostages": the days a truce gains per so many released.

    >>> extension_label("extension", {"durationDays": 2, "count": 20, "releasedGroup": "captives"})
    'extension: 2 days per 20 captives'
    """
    days = a.get("durationDays", 1)
    unit = "day" if days == 1 else "days"
    per = f"{a.get('count', '?')} {a.get('releasedGroup', 'released')}"
    return f"{name}: {days} {unit} per {per}"


def term_label(kind: str, a: Mapping) -> str:
    """A term of kind ``kind`` with attributes ``a`` in plain words, e.g. "pause: 60 days" or
    "ratio 100 : 1 Palestinian prisoners per Israeli captive".

    >>> term_label("ReleaseTerm", {"count": 30, "phased": True})
    'release: 30, in stages'
    >>> term_label("WithdrawalTerm", {"from": "the city", "complete": True})
    'complete withdrawal from the city'
    >>> term_label("ExchangeRatioTerm", {"ratio": 3, "givenGroup": "convicts",
    ...                                  "receivedGroup": "crew"})
    'ratio 3 : 1 convicts per crew'
    """
    name = TERM_NAMES.get(kind, kind)
    if kind == "PauseTerm":
        return f"{name}: {a['durationDays']} days" if "durationDays" in a else name
    if kind == "CeasefireTerm":
        return f"permanent {name}" if a.get("permanent") else name
    if kind == "ExchangeRatioTerm":
        given, received = a.get("givenGroup", ""), a.get("receivedGroup", "")
        return f"{name} {a.get('ratio', '?')} : 1 {given} per {received}".strip()
    if kind == "ReleaseTerm":
        return release_label(name, a)
    if kind == "ExtensionTerm":
        return extension_label(name, a)
    if kind == "WithdrawalTerm":
        scope = f"complete {name}" if a.get("complete") else name
        return f"{scope} from {a['from']}" if a.get("from") else scope
    return kind


def figure(kind: str, a: Mapping) -> str:
    """The figure of a term that a change compares: "60 days", "3:1", a count, a place; or "".

    >>> figure("PauseTerm", {"durationDays": 60}), figure("CeasefireTerm", {"permanent": True})
    ('60 days', '')
    """
    name, unit = FIGURES.get(kind, ("", ""))
    value = a.get(name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}{unit}"
    return f"{value}{unit}" if value not in (None, True) else ""


def terms_change(before: Mapping[str, Mapping], after: Mapping[str, Mapping]) -> str:
    """What changed from the terms ``before`` to the terms ``after`` (each: kind → attributes).

    >>> terms_change({"PauseTerm": {"durationDays": 60}},
    ...              {"PauseTerm": {"durationDays": 42}, "WithdrawalTerm": {}})
    'pause 60 days → 42 days; withdrawal added'
    >>> terms_change({"ReleaseTerm": {"count": 9}}, {"ReleaseTerm": {"count": 9}})
    'the same terms'
    """
    parts = []
    for kind in [k for k in FIGURES if k in before or k in after]:
        name = TERM_NAMES[kind]
        if kind not in before:
            parts.append(f"{name} added")
        elif kind not in after:
            parts.append(f"{name} dropped")
        elif figure(kind, before[kind]) != figure(kind, after[kind]):
            old = figure(kind, before[kind]) or "unstated"
            new = figure(kind, after[kind]) or "unstated"
            parts.append(f"{name} {old} → {new}")
    return "; ".join(parts) or "the same terms"


def lineage_change(
    relation: str, before: Mapping[str, Mapping], after: Mapping[str, Mapping]
) -> str:
    """How a proposal stands to an earlier one (``revises`` it, or responds to it) and what changed.

    >>> lineage_change("respondsTo", {"ReleaseTerm": {"count": 50}}, {"ReleaseTerm": {"count": 80}})
    'responds to: release 50 → 80'
    """
    return f"{'revises' if relation == 'revises' else 'responds to'}: {terms_change(before, after)}"


def release_detail(
    released: str | None,
    ratio: float | None = None,
    given: str | None = None,
    received: str | None = None,
) -> str:
    """Whom a release frees, and the ratio its count makes with the count it is traded for (the
    ratio said only beside a released group, and only when both groups are known); or "".

    >>> release_detail("fishermen", 4, "fishermen", "coast guards")
    'frees fishermen, 4 fishermen to 1 of the coast guards'
    >>> release_detail("fishermen", 2.5), release_detail(None, 4, "fishermen", "coast guards")
    ('frees fishermen', '')
    """
    if not released:
        return ""
    if ratio is None or not given or not received:
        return f"frees {released}"
    return f"frees {released}, {ratio:g} {given} to 1 of the {received}"


def extension_detail(days: int | None, condition: str | None = None) -> str:
    """By how many days a truce was extended, and on what condition; or "".

    >>> extension_detail(3, "if the convoys keep moving"), extension_detail(1)
    ('by 3 days if the convoys keep moving', 'by 1 day')
    >>> extension_detail(None, "while talks go on")
    'while talks go on'
    """
    by = f"by {days} day{'' if days == 1 else 's'}" if days is not None else ""
    return " ".join(part for part in (by, (condition or "").strip()) if part)
