"""The exceptions negotiation-kg raises, each with a message for the user.

Every error names the input it is about and says what to do; the CLI prints
``str(error)`` and exits non-zero, the library lets it propagate.

>>> str(InputError("seeds/a.txt", "the file is empty", "add the article's text"))
"seeds/a.txt: the file is empty; add the article's text"
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: an error about one input, with a hint on what to do."""

    exit_code = 1

    def __init__(self, subject: str, problem: str, hint: str = "") -> None:
        self.subject, self.problem, self.hint = str(subject), problem, hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.subject}: {self.problem}"
        return f"{text}; {self.hint}" if self.hint else text

    def __str__(self) -> str:
        return self.message

    def __reduce__(
        self,
    ):  # so that an error raised in a child process (a timed query) reaches the parent
        return (self.__class__, (self.subject, self.problem, self.hint))


class InputError(KGError):
    """An article, sidecar, date or flag that cannot be used as given."""

    exit_code = 2


class StoreError(KGError):
    """The store cannot be opened, written or read."""

    exit_code = 3


class QueryError(KGError):
    """A malformed or failing SPARQL query."""

    exit_code = 4


class QuerySyntaxError(QueryError):
    """A query that does not parse: where (``line``, ``column``, from 1), the text ``near`` it, and
    what the parser said of it (``detail``, or "")."""

    def __init__(self, subject: str, line: int, column: int, near: str, detail: str = "") -> None:
        self.line, self.column, self.near, self.detail = line, column, near, detail
        where = f"line {line}, column {column}" + (f", near {near!r}" if near else "")
        problem = f"malformed SPARQL at {where}" + (f": {detail}" if detail else "")
        super().__init__(subject, problem, "fix the query there")

    def named(self, subject: str) -> QuerySyntaxError:
        """The same error about the query called ``subject`` (its file, or its name).

        >>> str(QuerySyntaxError("query", 2, 7, "?x a").named("meetings.rq"))
        "meetings.rq: malformed SPARQL at line 2, column 7, near '?x a'; fix the query there"
        """
        return QuerySyntaxError(subject, self.line, self.column, self.near, self.detail)

    def __reduce__(self):
        return (self.__class__, (self.subject, self.line, self.column, self.near, self.detail))


class ValidationError(KGError):
    """A graph that does not conform to ``ontology/shapes.ttl``."""

    exit_code = 5
