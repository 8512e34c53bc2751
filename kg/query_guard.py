"""What the endpoint lets through to its SPARQL server: a query's size, nesting and remote calls.

Oxigraph's server parses a query recursively: 3,000 nested ``{`` (6 KB) or a
chain of 3,000 ``+`` overflow its stack and abort it, and nested ``[`` take
time exponential in their depth before the query timeout even starts. So the
guard reads each query first, as SPARQL's grammar splits it into tokens
(strings, IRIs, comments and escapes included, so a ``{`` inside a string or a
comment neither counts nor hides), and refuses what is too long, has too many
tokens or nests too deep. ``SERVICE`` (and an update's ``LOAD``) would make the
server send requests anywhere: refused unless the host is allowed.

A query is also reduced to a normal form (comments, spacing, keyword case,
prefix labels and variable names do not change it): the key under which a
query that exhausted the server's memory is refused for a while.

>>> check_query("SELECT * WHERE " + "{" * 3000 + "}" * 3000).status
400
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").status
403
>>> check_query("LOAD <http://example.org/data.ttl>").status
403
>>> check_query("SELECT * WHERE { ?s ?p ?o }") is None
True
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_QUERY_BYTES = 16_384  # the named queries are under 4 KB
MAX_TOKENS = 2_000  # a chain of 3,000 operators overflows Oxigraph's stack; 1,000 does not
MAX_DEPTH = (
    32  # nested [ ] past ~100 take Oxigraph seconds to parse, past 3,000 nested { } abort it
)

NAME = r"[\w\u00B7\u0300-\u036F\u203F\u2040]"
TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<var>[?$]{NAME}+)
  | (?P<pname>(?:{NAME}(?:[\w.\-\u00B7]*{NAME})?)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d*\.?\d+(?:[eE][+-]?\d+)?)
  | (?P<word>(?:{NAME}|\\.)+)
  | (?P<operator>\^\^|\|\||&&|!=|<=|>=)
  | (?P<punct>.)
""",
    re.X | re.S,
)
OPENERS, CLOSERS = "{([", "})]"
UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Refusal:
    """Why a request is not passed on: its HTTP status and one sentence for the client."""

    status: int
    message: str


def tokens(query: str) -> list[tuple[str, str]]:
    """The query's tokens as ``(kind, text)``, spaces and comments left out.

    >>> tokens("ASK { ?s '{' } # {")
    [('word', 'ASK'), ('punct', '{'), ('var', '?s'), ('string', "'{'"), ('punct', '}')]
    """
    return [
        (m.lastgroup, m.group())
        for m in TOKEN.finditer(query)
        if m.lastgroup not in ("space", "comment")
    ]


def iri_text(token: str) -> str:
    """The IRI an ``<...>`` token stands for, its ``\\u`` escapes decoded as Oxigraph decodes them.

    >>> iri_text(r"<http://a\\u002Eorg/>")
    'http://a.org/'
    """
    return UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), token[1:-1])


def nesting_refusal(parts: list[tuple[str, str]]) -> Refusal | None:
    """A refusal when brackets nest deeper than ``MAX_DEPTH`` or do not balance.

    The brackets inside an IRI count too: where an IRI cannot stand, Oxigraph
    reads ``<`` as less-than and what follows as code.

    >>> nesting_refusal(tokens("ASK { FILTER((1)) }")) is None
    True
    >>> nesting_refusal(tokens("ASK { } }")).message
    'the query has a closing bracket without its opening one'
    """
    depth = 0
    for kind, text in parts:
        if kind == "iri":
            inner = deepest(text)
            if depth + inner > MAX_DEPTH:
                return too_deep()
        elif text in OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                return too_deep()
        elif text in CLOSERS:
            depth -= 1
            if depth < 0:
                return Refusal(400, "the query has a closing bracket without its opening one")
    return None


def deepest(text: str) -> int:
    """How deep the brackets of ``text`` nest, read alone.

    >>> deepest("<http://x.org/a_((b))>")
    2
    """
    depth = most = 0
    for char in text:
        depth = depth + 1 if char in OPENERS else depth - 1 if char in CLOSERS else depth
        most = max(most, depth)
    return most


def too_deep() -> Refusal:
    return protective(400, f"the query nests brackets more than {MAX_DEPTH} deep")


def protective(status: int, reason: str) -> Refusal:
    """A refusal of a query past one of the limits that keep the SPARQL server up."""
    return Refusal(status, f"{reason}; the endpoint refuses it to protect the SPARQL server")


def declared_prefixes(parts: list[tuple[str, str]]) -> dict[str, str]:
    """The prefixes the query declares, each label with its IRI (``PREFIX ex: <...>``).

    >>> declared_prefixes(tokens("PREFIX ex: <http://e.org/> ASK {}"))
    {'ex:': 'http://e.org/'}
    """
    return {
        parts[i + 1][1]: iri_text(parts[i + 2][1])
        for i in range(len(parts) - 2)
        if parts[i][1].upper() == "PREFIX"
        and parts[i + 1][0] == "pname"
        and parts[i + 2][0] == "iri"
    }


def remote_targets(parts: list[tuple[str, str]]) -> list[str]:
    """The IRIs a ``SERVICE`` or ``LOAD`` of the query would reach ("?" for a variable or unknown).

    >>> remote_targets(tokens("PREFIX r: <http://r.org/> ASK { SERVICE SILENT r:q {} }"))
    ['http://r.org/q']
    """
    prefixes, base, found = declared_prefixes(parts), "", []
    for i, (kind, text) in enumerate(parts):
        if (
            kind == "word"
            and text.upper() == "BASE"
            and i + 1 < len(parts)
            and parts[i + 1][0] == "iri"
        ):
            base = urljoin(base, iri_text(parts[i + 1][1]))
        if kind != "word" or text.upper() not in ("SERVICE", "LOAD"):
            continue
        rest = parts[i + 1 : i + 3]
        kind, target = (
            rest[1]
            if rest and rest[0][1].upper() == "SILENT" and len(rest) > 1
            else (rest or [("", "")])[0]
        )
        if kind == "iri":
            found.append(urljoin(base, iri_text(target)))
        elif kind == "pname" and target[: target.index(":") + 1] in prefixes:
            prefix = target[: target.index(":") + 1]
            found.append(urljoin(base, prefixes[prefix] + target[len(prefix) :]))
        else:
            found.append("?")
    return found


def allowed(target: str, hosts: frozenset[str]) -> bool:
    """Whether a remote IRI's host (or host:port) is one the operator allowed.

    >>> allowed("https://OK.org:8443/sparql", frozenset({"ok.org"}))
    True
    >>> allowed("http://ok.org@evil.org/sparql", frozenset({"ok.org"}))
    False
    """
    try:
        parts = urlsplit(target)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(host)
        and (host in hosts or f"{host}:{port}" in hosts)
    )


def check_query(query: str, hosts: frozenset[str] = frozenset()) -> Refusal | None:
    """Why the endpoint refuses ``query`` (a query or an update), or None to let it through."""
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        return protective(413, f"the query is longer than {MAX_QUERY_BYTES:,} bytes")
    parts = tokens(query)
    refusal = nesting_refusal(parts)
    if refusal:
        return refusal
    if len(parts) > MAX_TOKENS:
        return protective(400, f"the query has more than {MAX_TOKENS:,} tokens")
    if any(kind == "word" and "\\" in text for kind, text in parts):
        return Refusal(
            400, "the query has a backslash escape outside a string, an IRI or a prefixed name"
        )
    for target in remote_targets(parts):
        if not allowed(target, hosts):
            shown = "a variable" if target == "?" else f"<{target}>"
            return Refusal(
                403,
                f"SERVICE and LOAD may only reach the hosts kg serve allows; {shown} is not "
                "one of them (start it with --allow-service HOST to allow a host)",
            )
    return None


def normal_form(query: str) -> str:
    """A digest of the query, the same whatever its comments, spacing, keyword case, prefix
    labels and variable names.

    >>> a = normal_form("SELECT ?x WHERE { ?x ?p ?o } # first")
    >>> b = normal_form("select   ?y where {?y ?p ?o}")
    >>> a == b == normal_form("SELECT ?x WHERE { ?x ?q ?o }")
    True
    >>> a == normal_form("SELECT ?x WHERE { ?x ?p 1 }")
    False
    """
    parts = tokens(query)
    prefixes = declared_prefixes(parts)
    names: dict[str, str] = {}
    out: list[str] = []
    skip = 0
    for kind, text in parts:
        if skip:
            skip -= 1
        elif kind == "word" and text.upper() == "PREFIX":
            skip = 2  # the declaration itself: its prefix is expanded wherever it is used
        elif kind == "var":
            out.append(names.setdefault(text[1:], f"?v{len(names)}"))
        elif kind == "pname" and text.startswith("_:"):
            out.append(names.setdefault(text, f"_:b{len(names)}"))
        elif kind == "pname" and text[: text.index(":") + 1] in prefixes:
            prefix = text[: text.index(":") + 1]
            out.append(f"<{prefixes[prefix]}{text[len(prefix) :]}>")
        else:
            out.append(text.upper() if kind == "word" else text)
    return hashlib.sha1("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()
