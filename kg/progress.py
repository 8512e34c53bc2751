"""Progress of a long ingest: a live bar on a terminal, plain log lines otherwise, nothing with ``--quiet``.

The bar (rich) shows articles done of all, articles per second, time left, and
running counts of facts and failures; in a log (not a terminal) one line per
batch says the same.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def summary_text(report) -> str:
    c = report.counts
    copies = f"{len(report.republished)} republished, " if report.republished else ""
    return (
        f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, {copies}{len(report.failed)} failed; "
        f"{c['events']} events, {c['proposals']} proposals, {c['positions']} positions"
    )


@contextmanager
def ingest_progress(total: int, quiet: bool = False, stream=None) -> Iterator[Callable | None]:
    """A ``progress(report, done)`` callback for :func:`kg.ingest`, fitting where the output goes.

    >>> import io
    >>> from kg.ingestion import IngestReport
    >>> out = io.StringIO()
    >>> with ingest_progress(10, stream=out) as progress:
    ...     progress(IngestReport(ingested=["a"] * 4), 4)
    >>> out.getvalue().startswith("kg: 4/10 articles")
    True
    """
    stream = stream or sys.stderr
    if quiet:
        yield None
        return
    if not stream.isatty():
        start = time.monotonic()

        def log(report, done: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-9)
            done += len(report.unchanged) + len(report.republished)  # skipped, not in any batch
            print(
                f"kg: {done}/{total} articles ({rate:.1f}/s): {summary_text(report)}",
                file=stream,
                flush=True,
            )

        yield log
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} art/s"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[facts]}"),
    )
    start = time.monotonic()
    with Progress(*columns, console=Console(file=stream), transient=False) as bar:
        task = bar.add_task("ingest", total=total, facts="", rate="-")
        moved = [0]  # articles extracted, counted as they are: the bar moves within a batch

        def show(**fields) -> None:
            rate = f"{moved[0] / max(time.monotonic() - start, 1e-9):.1f}"
            bar.update(task, completed=min(moved[0], total), rate=rate, **fields)

        def update(report, done: int) -> None:
            moved[0] = max(moved[0], done + len(report.unchanged) + len(report.republished))
            show(facts=summary_text(report))

        def extracted(n: int) -> None:
            moved[0] += n
            show()

        update.extracted = extracted
        yield update
