"""Argument types of the ``kg`` command: values argparse refuses with exit 2 and one line saying why.

>>> counting(1)("3"), counting(1, 65535)("443"), seconds("2.5"), iso_date("2024-01-28"), probability("0.4")
(3, 443, 2.5, '2024-01-28', 0.4)
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable

from .errors import KGError

HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])"  # name, IPv4, [IPv6]
    r"(?::[0-9]{1,5})?"
)


def iso_date(text: str) -> str:
    """An argparse type: a real date written YYYY-MM-DD ("20240101" and "2024-W01" are refused, not ignored)."""
    from .read.articles import parse_date

    try:
        return parse_date(text, "date").isoformat()
    except KGError as e:
        raise argparse.ArgumentTypeError(f"{e.problem}; write it as YYYY-MM-DD") from None


# some 115 days: more than any wait is meant to be, and what the clocks below can count
MAX_SECONDS = 10_000_000


def seconds(text: str) -> float:
    """An argparse type: a finite number of seconds, 0 or more (at most :data:`MAX_SECONDS`)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a finite number of seconds, 0 or more")
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give at most {MAX_SECONDS:,} seconds, or 0 for no limit"
        )
    return value


def counting(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``low`` (and at most ``high``, if given)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"{value}: give {bounds}")
        return value

    return parse


def probability(text: str) -> float:
    """An argparse type: a number from 0 to 1 (a minimum confidence)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number from 0 to 1")
    return value


def host_name(text: str) -> str:
    """An argparse type: a host name or address, with an optional port (``example.org:8890``).

    >>> host_name("Query.Wikidata.org"), host_name("[::1]:7000")
    ('query.wikidata.org', '[::1]:7000')
    """
    if not HOST.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a host name (write it as host or host:port, no URL)"
        )
    return text.lower()
