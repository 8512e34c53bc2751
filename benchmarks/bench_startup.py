"""How long each read command takes to start and answer on a small store, and what it loads.

Runs each command as a user does (``python -m kg ...``, a fresh interpreter each time, in a
scratch folder) ``--runs`` times on ``--store`` and prints, per command, the median wall-clock
seconds, the median CPU seconds (user + system) and whether spaCy was loaded (``python -X
importtime``). The store should be small (the seed's, from ``kg build``), so that the figures are
the start-up cost.

    python benchmarks/bench_startup.py [--store store] [--runs 5]

To compare with another version of the code, run it with that checkout first on the path:
``PYTHONPATH=OTHER_CHECKOUT python benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "kg --version": ["--version"],
    "kg query meetings": ["query", "meetings", "--store", "{store}"],
    "kg timeline": ["timeline", "--store", "{store}"],
    "kg deals": ["deals", "--store", "{store}"],
    "kg proposals": ["proposals", "--store", "{store}"],
    "kg viz": ["viz", "--store", "{store}", "-o", "{tmp}/graph.html"],
    "kg export": ["export", "--store", "{store}", "-o", "{tmp}/exports"],
}
API = "import kg, kg.api, sys; kg.open(sys.argv[1]).close()"


def timed(argv: list[str], cwd: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of ``argv``; a failure stops it all."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def loads_spacy(argv: list[str], cwd: str) -> bool:
    """Does ``argv`` (a Python command line) import spaCy? Read from ``-X importtime``'s report."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], capture_output=True, text=True, cwd=cwd
    )
    return any(line.split("|")[-1].strip() == "spacy" for line in done.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default="store", help="a small store (default: %(default)s)")
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each command (default: %(default)s)"
    )
    args = parser.parse_args()
    if not Path(args.store).is_dir():
        sys.exit(f"{args.store}: no store here; build one first: kg build")
    store = os.path.abspath(args.store)
    print(f"{'command':24} {'wall s':>7} {'CPU s':>7}  spaCy")
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            name: [sys.executable, "-m", "kg", *(a.format(store=store, tmp=tmp) for a in argv)]
            for name, argv in COMMANDS.items()
        }
        cases["kg.open(store)"] = [sys.executable, "-c", API, store]
        for name, argv in cases.items():
            runs = [timed(argv, tmp) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            spacy = "yes" if loads_spacy(argv, tmp) else "no"
            print(f"{name:24} {wall:7.2f} {cpu:7.2f}  {spacy}", flush=True)


if __name__ == "__main__":
    main()
