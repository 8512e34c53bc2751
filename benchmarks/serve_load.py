"""Load on ``kg serve``: concurrent clients of named queries plus hostile ones, for a fixed time, on loopback.

Starts ``kg serve`` on a store (the seed's, built here, unless --store is
given), runs N client threads for --seconds (most send the named queries of
queries/, every fourth sends a hostile query: a sorted triple cross join),
then prints, side by side for the two kinds: requests, errors, p50 and p99
latency, and for the server: whether it is alive at the end, its restarts, and
the peak resident memory of its SPARQL process against the limit.

    python benchmarks/serve_load.py [--clients 16] [--seconds 30] [--memory-limit 1024] [--store DIR]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from collections import Counter
import urllib.parse
import urllib.request
from pathlib import Path

from kg.serve import free_port, resident_mb  # the watchdog's own reading of a process's memory

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def named_queries() -> list[str]:
    """The named queries as a client sends them (parameters unbound: every row)."""
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "kg" / "queries").glob("*.rq"))]


def sparql_pids(store: Path) -> list[int]:
    out = subprocess.run(["pgrep", "-f", f"serve-read-only --location {store}"], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def client(url: str, queries: list[str], hostile: bool, until: float, results: list) -> None:
    n = 0
    while time.monotonic() < until:
        query = HOSTILE if hostile else queries[n % len(queries)]
        n += 1
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                ok = response.status == 200
        except urllib.error.HTTPError as e:
            ok, why = False, e.read().decode(errors="replace")[:120]
        except (urllib.error.URLError, OSError) as e:
            ok, why = False, str(e)[:120]
        else:
            why = ""
        results.append(("hostile" if hostile else "named", ok, time.monotonic() - began, why))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--memory-limit", type=int, default=1024, help="MB for the SPARQL server (default 1024)")
    parser.add_argument("--timeout", type=int, default=5, help="query timeout in seconds (default 5)")
    parser.add_argument("--store", type=Path, help="a store to serve (default: the seed, built here)")
    parser.add_argument("--hostile-every", type=int, default=4, help="every Nth client is hostile (0: none; default 4)")
    args = parser.parse_args()
    kg = [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            subprocess.run([*kg, "ingest", str(ROOT / "seeds"), "--store", str(store), "-q"], check=True,
                           capture_output=True)
        port = free_port()
        server = subprocess.Popen([*kg, "serve", "--store", str(store), "--port", str(port), "--timeout",
                                   str(args.timeout), "--memory-limit", str(args.memory_limit)],
                                  stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        results: list = []
        peak = 0.0
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(url, named_queries(), bool(args.hostile_every) and k % args.hostile_every == args.hostile_every - 1, until, results))
                   for k in range(args.clients)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak = max([peak] + [resident_mb(pid) for pid in sparql_pids(store)])
            time.sleep(0.05)
        alive = server.poll() is None
        server.terminate()
        _, log = server.communicate(timeout=20)
    print(f"{args.clients} clients for {args.seconds:.0f} s, query timeout {args.timeout} s")
    print(f"{'queries':10} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in ("named", "hostile"):
        rows = [r for r in results if r[0] == kind]
        times = sorted(r[2] * 1000 for r in rows)
        errors = sum(not r[1] for r in rows)
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0.0  # noqa: E731
        print(f"{kind:10} {len(rows):>9} {errors:>7} {p(0.5):>8.0f} {p(0.99):>8.0f}")
    reasons = Counter(r[3] for r in results if r[0] == "named" and not r[1])
    for why, n in reasons.most_common(3):
        print(f"  named-query error x{n}: {why}")
    for line in sorted(set(line for line in log.splitlines() if "restarting" in line))[:3]:
        print(f"  server: {line}")
    print(f"server alive at the end: {'yes' if alive else 'no'}; restarts: {log.count('restarting')}; "
          f"peak memory of the SPARQL process: {peak:.0f} MB (limit {args.memory_limit} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
