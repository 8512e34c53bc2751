"""Load on ``kg serve``: innocent clients of the named queries beside attackers, on loopback.

Starts ``kg serve`` on a store (the seed's, built here, unless --store is
given) and, for --seconds, runs at once:

- innocent clients sending the named queries of kg/queries/ (--clients), and a
  crowd of 200 more arriving together, each sending two (--crowd);
- attackers, each in a loop: 3,000 nested ``{`` (aborted Oxigraph's server),
  ``SERVICE`` to a port of this script (a request forger if it gets through),
  a sorted triple cross join re-spelled each time (exhausts the memory; its
  refusal must not depend on the spelling), a two-pattern cross join whose
  result is hundreds of MB (must stream, not be held), malformed requests (a
  Content-Length that is not a number, invalid UTF-8, a body that never comes);
- slow clients (--slow) holding connections open, a header byte every 2 s.

Then it prints, for the innocents: requests, success %, p50 and p99 latency;
for each attacker what the endpoint did; and for the server: whether it is
alive, its restarts, the peak memory of the guard and of its SPARQL process.
All traffic goes to 127.0.0.1, bounded in count and time.

    python benchmarks/serve_load.py [--seconds 20] [--clients 16] [--crowd 200] [--slow 500]
                                    [--memory-limit 1024] [--store DIR] [--kg COMMAND] [--innocent-only]

``--kg`` runs another installation's ``kg`` (e.g. an older checkout's
``.venv/bin/kg``) to compare before and after.
"""

from __future__ import annotations

import argparse
import http.client
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# the watchdog's own reading of a process's memory
from kg.serve import free_port, resident_mb  # noqa: E402

KILLER = "SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} ORDER BY ?a ?d ?g # spelling {n}"
BIG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
NESTED = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
MALFORMED = [
    b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Content-Length: 7\r\n\r\nASK {\xff}",
    b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Content-Length: 100\r\n\r\nASK",
    b"GET /query?query=ASK%7B%FF%7D HTTP/1.1\r\nHost: x\r\n\r\n",
]


def named_queries() -> list[str]:
    """The named queries as a client sends them (parameters unbound: every row)."""
    return [
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "kg" / "queries").glob("*.rq"))
    ]


def sparql_pids(store: Path) -> list[int]:
    out = subprocess.run(
        ["pgrep", "-f", f"serve-read-only --location {store}"], capture_output=True, text=True
    )
    return [int(p) for p in out.stdout.split()]


def ask(url: str, query: str, timeout: float = 60) -> tuple[bool, int, str]:
    """(answered 200 and read whole, status, why not) for one POSTed query."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            while response.read(1 << 16):
                pass
            return response.status == 200, response.status, ""
    except urllib.error.HTTPError as e:
        return False, e.code, e.read().decode(errors="replace")[:100]
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        return False, 0, f"{type(e).__name__}: {e}"[:100]


def client(
    kind: str, url: str, make_query, until: float, results: list, count: int | None = None
) -> None:
    """Send queries in a loop (or ``count`` of them), recording (kind, ok, status, seconds, why)."""
    n = 0
    while (count is None and time.monotonic() < until) or (count is not None and n < count):
        query = make_query(n)
        n += 1
        began = time.monotonic()
        ok, status, why = ask(url, query)
        results.append((kind, ok, status, time.monotonic() - began, why))


def crowd(
    url: str, queries: list[str], size: int, start: float, until: float, results: list
) -> None:
    """``size`` clients arriving together, ``start`` seconds in, two named queries each."""
    time.sleep(start)
    gate = threading.Barrier(size)

    def one(k: int) -> None:
        gate.wait()
        client("crowd", url, lambda n: queries[(k + n) % len(queries)], until, results, count=2)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def malformed(port: int, data: bytes, until: float, results: list) -> None:
    """One malformed request in a loop; ok when each gets a 4xx within 30 s."""
    while time.monotonic() < until:
        began = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(data)
                answer = s.recv(64)
            status = int(answer.split()[1]) if answer.startswith(b"HTTP/1.") else 0
            results.append(
                (
                    "malformed",
                    400 <= status < 500,
                    status,
                    time.monotonic() - began,
                    "" if status else "closed without an answer",
                )
            )
        except OSError as e:
            results.append(
                ("malformed", False, 0, time.monotonic() - began, f"no answer ({type(e).__name__})")
            )


def slow_clients(port: int, count: int, until: float, dropped: list) -> None:
    """``count`` connections sending a header byte every 2 s and never ending; count the dropped."""
    conns = []
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\n")
            conns.append(s)
        except OSError:
            dropped.append("refused")
    while conns and time.monotonic() < until:
        readable, _, _ = select.select(conns, [], [], 2)
        for s in (
            readable
        ):  # readable means closed by the server (or an answer to an unfinished request)
            conns.remove(s)
            s.close()
            dropped.append("dropped")
        for s in list(conns):
            try:
                s.sendall(b"X")
            except OSError:
                conns.remove(s)
                dropped.append("dropped")
    for s in conns:
        s.close()


class Listener:
    """A port of this script standing for a remote host: counts the requests SERVICE makes to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.calls = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.calls += 1
            conn.close()


def percentile(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else 0.0


def report(
    results: list, dropped: list, calls: int, args, alive: bool, log: str, peaks: dict
) -> None:
    by_kind = defaultdict(list)
    for row in results:
        by_kind[row[0]].append(row)
    innocent = by_kind["named"] + by_kind["crowd"]
    times = sorted(r[3] for r in innocent)
    ok = sum(r[1] for r in innocent)
    attackers = (
        "no attackers"
        if args.innocent_only
        else (
            f"a crowd of {args.crowd}, {args.slow} slow clients, "
            "attackers: nesting, SERVICE, memory killer, big result, malformed"
        )
    )
    print(f"{args.seconds:.0f} s: {args.clients} innocent clients, {attackers}")
    print(
        f"innocent: {len(innocent)} requests, {100 * ok / max(1, len(innocent)):.1f}% success, "
        f"p50 {percentile(times, 0.5):.0f} ms, p99 {percentile(times, 0.99):.0f} ms "
        f"(crowd alone: {sum(r[1] for r in by_kind['crowd'])}/{len(by_kind['crowd'])} answered)"
    )
    for why, n in Counter(r[4] for r in innocent if not r[1]).most_common(3):
        print(f"  innocent failure x{n}: {why}")
    for kind in () if args.innocent_only else ("nesting", "service", "killer", "big", "malformed"):
        rows = by_kind[kind]
        statuses = Counter(
            r[2] or ("cut mid-reply" if "IncompleteRead" in r[4] else r[4][:40]) for r in rows
        )
        print(
            f"{kind:10} {len(rows):>5} requests; answers: "
            + ", ".join(f"{s} x{n}" for s, n in statuses.most_common(4))
        )
    if not args.innocent_only:
        print(f"SERVICE requests that reached the other host: {calls}")
        refused = dropped.count("refused")
        print(
            f"slow connections dropped by the server: {dropped.count('dropped')} of {args.slow}"
            f"{f' (refused at connect: {refused})' if refused else ''}"
        )
    print(
        f"server alive at the end: {'yes' if alive else 'no'}; "
        f"restarts: {log.count('restarting')}; "
        f"tracebacks: {log.count('Traceback')}; peak memory: guard {peaks['guard']:.0f} MB, "
        f"SPARQL process {peaks['sparql']:.0f} MB (limit {args.memory_limit} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--crowd", type=int, default=200)
    parser.add_argument("--slow", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--memory-limit", type=int, default=1024, help="MB for the SPARQL server (default 1024)"
    )
    parser.add_argument(
        "--timeout", type=int, default=5, help="query timeout in seconds (default 5)"
    )
    parser.add_argument(
        "--store", type=Path, help="a store to serve (default: the seed, built here)"
    )
    parser.add_argument("--kg", help="the kg command to run (default: this checkout's)")
    parser.add_argument("--innocent-only", action="store_true", help="no attackers (a baseline)")
    args = parser.parse_args()
    kg = [args.kg] if args.kg else [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            subprocess.run(
                [*kg, "ingest", str(ROOT / "seeds"), "--store", str(store), "-q"],
                check=True,
                capture_output=True,
            )
        port, other = free_port(), Listener()
        server = subprocess.Popen(
            [
                *kg,
                "serve",
                "--store",
                str(store),
                "--port",
                str(port),
                "--timeout",
                str(args.timeout),
                "--memory-limit",
                str(args.memory_limit),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        results, dropped, queries = [], [], named_queries()
        until = time.monotonic() + args.seconds
        service = (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{other.port}/sparql> {{ ?s ?p ?o }} }}"
        )
        jobs = [
            (client, ("named", url, lambda n, k=k: queries[(k + n) % len(queries)], until, results))
            for k in range(args.clients)
        ]
        jobs += (
            []
            if args.innocent_only
            else [
                (client, ("nesting", url, lambda n: NESTED, until, results)),
                (client, ("service", url, lambda n: service, until, results)),
                (client, ("killer", url, lambda n: KILLER.format(n=n), until, results)),
                (client, ("big", url, lambda n: BIG, until, results)),
                *[(malformed, (port, data, until, results)) for data in MALFORMED],
                (slow_clients, (port, args.slow, until, dropped)),
                (crowd, (url, queries, args.crowd, args.seconds / 3, until, results)),
            ]
        )
        threads = [
            threading.Thread(target=job, args=job_args, daemon=True) for job, job_args in jobs
        ]
        for t in threads:
            t.start()
        peaks = {"guard": 0.0, "sparql": 0.0}
        while any(t.is_alive() for t in threads) and time.monotonic() < until + 90:
            peaks["guard"] = max(peaks["guard"], resident_mb(server.pid))
            peaks["sparql"] = max(
                [peaks["sparql"]] + [resident_mb(pid) for pid in sparql_pids(store)]
            )
            time.sleep(0.05)
        alive = server.poll() is None
        server.terminate()
        try:
            _, log = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, log = server.communicate()
    report(results, dropped, other.calls, args, alive, log, peaks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
