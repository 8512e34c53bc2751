"""What Oxigraph's SPARQL parser says of a query that does not parse, in words.

Oxigraph answers "error at 5:12: expected one of ..." followed by the tokens and character
classes its parser could have taken there (Unicode ranges over several lines, a sample rather
than what the query needs). Kept: the line and column, the text near them, and the parser's own
sentence when it gave one ("Prefix not found"); the token list is left out.

>>> error = syntax_error("error at 2:8: expected one of FILTER, VALUES, [_]",
...                      "SELECT ?v WHERE {\\n  ?v a }")
>>> error.line, error.column, error.near, error.detail
(2, 8, '?v a }', '')
"""

from __future__ import annotations

import re

from ..errors import QuerySyntaxError
from .values import QUERY_PREFIXES

POSITION = re.compile(r"error at (\d+):(\d+)")
# the parser's own sentences among the tokens it expected: words, the first capitalised
SENTENCE = re.compile(r"\b[A-Z][a-z]+(?: [A-Za-z]+)+")
NEAR = 24  # characters of the line shown before the position, and a few after it
# what holds a colon without being a prefixed name: IRIs, strings, comments (in that order)
NOT_NAMES = re.compile(r"<[^<>\"{}|^`\\\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
# a prefixed name's prefix (empty for ":name"); not a blank node's "_:"
PREFIX_USED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:")
PREFIX_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def near_text(line: str, column: int) -> str:
    """The text of ``line`` around ``column`` (from 1): what the user looks for in the query.

    >>> near_text("SELECT ?v WHERE { ?v a }", 22)
    'SELECT ?v WHERE { ?v a }'
    >>> near_text("  ?pact a nkg:Agreement ; rdfs:label ?label ; nkg:brokeredBy", 55)
    '…?label ; nkg:brokeredBy'
    """
    start = max(0, column - 1 - NEAR)
    text = line[start : column - 1 + 6].strip()
    if start > 0 and " " in text:
        text = "…" + text.split(" ", 1)[1]  # from a whole word
    return text


def undeclared_prefixes(sparql: str) -> list[str]:
    """The prefixes ``sparql`` uses that it neither declares nor finds predeclared, in order.

    >>> undeclared_prefixes('PREFIX ex: <http://x/> SELECT * { ?s ex:p ?o ; pact:q "a:b", <x:y> }')
    ['pact']
    """
    text = NOT_NAMES.sub(" ", sparql)
    declared = {m.group(1) or "" for m in PREFIX_DECLARED.finditer(text)}
    used = (m.group(1) or "" for m in PREFIX_USED.finditer(text))
    return list(dict.fromkeys(p for p in used if p not in declared and p not in QUERY_PREFIXES))


def unknown_prefixes(names: list[str]) -> str:
    """What to say of the prefixes ``names`` (``ex:``) that nothing declares, with the
    predeclared ones.

    >>> unknown_prefixes(["ex:", "pact:"]).split(" (")[0]
    'unknown prefixes ex:, pact:'
    """
    known = ", ".join(f"{p}:" for p in QUERY_PREFIXES)
    said = ", ".join(names)
    return (
        f"unknown prefix{'es' if len(names) > 1 else ''} {said} "
        f"(predeclared: {known}; declare others with PREFIX)"
    )


def detail_of(message: str, line: str, column: int) -> str:
    """What went wrong, when the parser said it in words: an unknown prefix is named, with the
    predeclared ones.

    >>> detail_of("error at 1:19: expected one of Prefix not found, ['%']", "SELECT * { ?s ex:p", 19)[:34]
    'unknown prefix ex: (predeclared: n'
    >>> detail_of("error at 1:9: expected one of DESCRIBE, [_]", "SELEC ?x", 9)
    ''
    """
    said = SENTENCE.findall(message.split("expected", 1)[-1])
    if not said:
        return ""
    if said[0] == "Prefix not found":
        prefix = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", line[: column - 1].rstrip())
        return unknown_prefixes([f"{prefix.group(1) or ''}:" if prefix else "a prefix"])
    return said[0][0].lower() + said[0][1:]


def syntax_error(message: str, sparql: str, subject: str = "query") -> QuerySyntaxError:
    """Oxigraph's ``message`` about ``sparql`` as one error naming the line, the column and the
    text there (the end of the query when it stops short). When the parser does not say what is
    wrong, the prefixes the query uses that nothing declares are named, if any: the parser does
    not see an unknown prefix as one everywhere ("expected OPTIONAL").

    >>> str(syntax_error("error at 1:17: expected one of \\",\\", [_]", "SELECT * { ?s ?p"))
    "query: malformed SPARQL at line 1, column 17, near 'SELECT * { ?s ?p': the query stops \
before it is complete: a term or a closing bracket is missing before the end; fix the query there"
    >>> unknown = syntax_error("error at 1:20: expected OPTIONAL", "SELECT * { ?s ex:p ?o }")
    >>> unknown.detail.split(" (")[0]
    'unknown prefix ex:'
    """
    found = POSITION.search(message)
    if found is None:  # not the form expected: Oxigraph's words, on one line
        return QuerySyntaxError(subject, 1, 1, "", " ".join(message.split()))
    line_no, column = int(found.group(1)), int(found.group(2))
    lines = sparql.splitlines()
    text = [n for n, line in enumerate(lines, 1) if line.strip()]  # the lines with text
    ends = not text or (line_no, column) > (text[-1], len(lines[text[-1] - 1].rstrip()))
    if ends and text:  # past the last of the text: said at its end, not on a blank line
        line_no, column = text[-1], len(lines[text[-1] - 1].rstrip()) + 1
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    detail = detail_of(message, line, column)
    undeclared = [] if detail else undeclared_prefixes(sparql)
    if undeclared:
        detail = unknown_prefixes([f"{p}:" for p in undeclared])
    elif not detail and ends:
        detail = (
            "the query stops before it is complete: a term or a closing bracket is missing "
            "before the end"
        )
    return QuerySyntaxError(subject, line_no, column, near_text(line, column), detail)
