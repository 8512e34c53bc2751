"""Serving the store over the SPARQL 1.1 Protocol: Oxigraph's own server behind a small guard.

Oxigraph's server (``oxigraph serve-read-only``, the ``oxigraph`` package)
evaluates the queries: GET and POST, JSON/XML/CSV/TSV/Turtle by content
negotiation, its YASGUI page at ``/``, the union of the article graphs as
default graph. It runs on a private port, under a memory limit, and dies with
this process. In front of it, a thin proxy (the standard library's
``ThreadingHTTPServer``) makes the endpoint behave as clients expect:

- a query that runs out of time gets HTTP 503 with a JSON error, never a
  truncated 200 body, and no later than the timeout plus two seconds;
- a query missing the prefixes ``kg query`` predeclares (``nkg:``, ``schema:``
  ...) gets them, so the named queries of ``queries/`` run as they are;
- if the server dies (a query exhausting the memory limit), it is restarted and
  the failure reported; the queries that were in flight are retried one at a
  time on a second server, so only the query that exhausts the memory fails;
- the store's changes are picked up by restarting the server when the store
  directory changes.

>>> server_command("store", 7999, 30)[1:]
['serve-read-only', '--location', 'store', '--bind', '127.0.0.1:7999', '--union-default-graph', '--timeout-s', '30']
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import http.client
import json
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from .errors import StoreError
from .store import QUERY_PREFIXES, is_store_directory

CANCELLED = b"The SPARQL operation has been cancelled"
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-authenticate", "content-length", "host"}
DEFAULT_MEMORY_MB = 4096


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (the PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("oxigraph", "the Oxigraph server is not installed", "run: pip install oxigraph")
    return found


def server_command(store: str, port: int, timeout: int, writable: bool = False) -> list[str]:
    """The command line of the private Oxigraph server: read-only unless ``writable``."""
    return [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(store),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(timeout)]


def examples_page() -> str:
    """The page of example queries at ``/examples``: every named query of ``kg query --list``.

    >>> "meetings" in examples_page()
    True
    """
    from .query import named_queries
    from .views.templating import template

    return template("endpoint-examples.html").render(queries=named_queries().values(),
                                                     prefixes=", ".join(f"{p}:" for p in QUERY_PREFIXES))


def with_prefixes(query: str) -> str:
    """``query`` with the project's prefixes declared before it, unless it declares them itself.

    >>> with_prefixes("SELECT ?m WHERE { ?m a nkg:Meeting }").splitlines()[0].startswith("PREFIX")
    True
    """
    declared = {line.split()[1].rstrip(":").lower() for line in query.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in QUERY_PREFIXES.items() if p not in declared)
    return head + query


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tie_to_parent() -> None:
    """A ``preexec_fn``: have the kernel kill the child when this process dies, so no server outlives ``kg serve``."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def resident_mb(pid: int) -> float:
    """The resident memory of process ``pid`` in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def store_stamp(store: Path) -> float:
    """The newest modification time among the store's files (changes when an ingest commits)."""
    return max((p.stat().st_mtime for p in store.iterdir() if p.is_file()), default=0.0)


class Spawner:
    """Starts child processes from one long-lived thread.

    The kernel's parent-death signal fires when the *thread* that started a
    child ends, so a server restarted from a request's thread would be killed
    as soon as that request is answered: every start goes through this thread.
    """

    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        threading.Thread(target=self.run, daemon=True, name="kg-serve-spawner").start()

    def run(self) -> None:
        while True:
            func, done = self.jobs.get()
            try:
                done.set_result(func())
            except BaseException as e:  # handed back to the caller
                done.set_exception(e)

    def call(self, func):
        done: Future = Future()
        self.jobs.put((func, done))
        return done.result()


SPAWNER: Spawner | None = None


def spawn(func):
    global SPAWNER
    if SPAWNER is None:
        SPAWNER = Spawner()
    return SPAWNER.call(func)


class Upstream:
    """The private Oxigraph server: started, watched, restarted when it dies or the store changes."""

    def __init__(self, store: Path, timeout: int, writable: bool, memory_mb: int, log) -> None:
        self.store, self.timeout, self.writable, self.memory_mb, self.log = store, timeout, writable, memory_mb, log
        self.lock = threading.Lock()
        self.one_at_a_time = threading.Lock()  # held by whoever runs a query alone on this server (the quarantine)
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.stamp = 0.0
        self.restarts = 0
        self.killed_for_memory = False
        self.memory_kills = 0

    def start(self) -> None:
        self.port = free_port()
        self.stamp = store_stamp(self.store)
        command = server_command(str(self.store), self.port, self.timeout, self.writable)
        self.proc = spawn(lambda: subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                                   preexec_fn=tie_to_parent))
        # a memory watchdog rather than an address-space rlimit: the server's many threads reserve far more
        # address space than they use, and an rlimit makes thread creation fail long before memory runs out
        threading.Thread(target=self.watch, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise StoreError(self.store, "the SPARQL server did not start "
                                 f"({self.proc.stderr.read().decode(errors='replace').strip()[-300:]})",
                                 "check the store opens: kg query 'ASK {}'")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise StoreError(self.store, "the SPARQL server did not answer within 30 s", "try again")

    def watch(self, proc: subprocess.Popen) -> None:
        """Kill ``proc`` when its resident memory nears the limit (90%, checked every 20 ms)."""
        while proc.poll() is None:
            if resident_mb(proc.pid) > 0.9 * self.memory_mb:  # a margin: memory grows between two checks
                self.killed_for_memory = True
                self.memory_kills += 1
                proc.kill()
                proc.wait()
                return
            time.sleep(0.02)

    def ensure_running(self) -> int:
        """The port of a live server on the store's current content, restarting it if needed."""
        with self.lock:
            died = self.proc is None or self.proc.poll() is not None
            if died and self.proc is not None:
                code = self.proc.returncode
                self.restarts += 1
                why = (f"a query exceeded the {self.memory_mb} MB memory limit" if self.killed_for_memory
                       else f"exit status {code}")
                self.log(f"kg serve: the SPARQL server stopped ({why}); restarting it")
                self.killed_for_memory = False
            elif not self.writable and store_stamp(self.store) != self.stamp:
                self.log("kg serve: the store changed; restarting the SPARQL server to serve it")
                self.stop()
                died = True
            if died:
                self.start()
            return self.port

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


KILLER_MEMORY_S = 600


def make_handler(upstream: Upstream, quarantine: Upstream, timeout: int):
    killers: dict[str, float] = {}  # digest of a query that exhausted the memory alone → when
    suspects: set[str] = set()  # digests of queries in flight when a server died, not yet run alone
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args) -> None:  # one quiet server: errors only, through upstream.log
            pass

        def do_GET(self) -> None:
            if urlsplit(self.path).path in ("/examples", "/examples/"):
                return self.examples()
            self.forward("GET")

        def examples(self) -> None:
            """The named queries as a page: what each answers, its text, links that run it here."""
            page = examples_page().encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def do_POST(self) -> None:
            self.forward("POST")

        def do_HEAD(self) -> None:
            self.forward("HEAD")

        def request_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def rewritten(self, method: str) -> tuple[str, bytes]:
            """The path and body with the project's prefixes added to a query."""
            parts = urlsplit(self.path)
            body = self.request_body()
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if method == "GET" and parts.path.endswith("/query") and parts.query:
                params = parse_qs(parts.query, keep_blank_values=True)
                if "query" in params:
                    params["query"] = [with_prefixes(q) for q in params["query"]]
                return f"{parts.path}?{urlencode(params, doseq=True)}", body
            if method == "POST" and parts.path.endswith("/query"):
                if ctype == "application/sparql-query":
                    return self.path, with_prefixes(body.decode("utf-8")).encode("utf-8")
                if ctype == "application/x-www-form-urlencoded":
                    params = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                    if "query" in params:
                        params["query"] = [with_prefixes(q) for q in params["query"]]
                    return self.path, urlencode(params, doseq=True).encode("utf-8")
            return self.path, body

        def ask(self, server: Upstream, method: str, path: str, body: bytes, headers: dict):
            conn = http.client.HTTPConnection("127.0.0.1", server.ensure_running(), timeout=timeout + 2)
            try:
                conn.request(method, path, body=body or None, headers=headers)
                response = conn.getresponse()
                return response, response.read()
            finally:
                conn.close()

        def forward(self, method: str) -> None:
            path, body = self.rewritten(method)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            started = time.monotonic()
            culprit = hashlib.sha1(path.encode() + body).hexdigest()
            if time.monotonic() - killers.get(culprit, -KILLER_MEMORY_S) < KILLER_MEMORY_S:
                return self.fail(503, "this query exceeded the SPARQL server's memory limit a moment ago; it is "
                                      "not run again for 10 minutes (see kg serve --memory-limit)")
            try:
                if culprit in suspects:
                    raise ConnectionAbortedError("a suspect runs on its own")
                response, data = self.ask(upstream, method, path, body, headers)
            except (TimeoutError, socket.timeout):
                suspects.add(culprit)  # it may still be running: next time it runs apart
                return self.fail(503, f"the query ran past the {timeout} s timeout and was stopped")
            except (http.client.HTTPException, OSError):
                # the server died under some query in flight: this one, until proven innocent, runs alone on
                # a server of its own, so that only the query that exhausts the memory fails
                suspects.add(culprit)
                with quarantine.one_at_a_time:
                    if culprit in killers:  # proven while this one waited
                        return self.fail(503, "this query exceeded the SPARQL server's memory limit a moment ago; "
                                              "it is not run again for 10 minutes (see kg serve --memory-limit)")
                    for _ in range(3):
                        kills = quarantine.memory_kills
                        try:
                            response, data = self.ask(quarantine, method, path, body, headers)
                            suspects.discard(culprit)
                            break
                        except (TimeoutError, socket.timeout):
                            quarantine.stop()  # a runaway on its own: stop it, and do not run it again soon
                            killers[culprit] = time.monotonic()
                            return self.fail(503, f"the query ran past the {timeout} s timeout and was stopped")
                        except (http.client.HTTPException, OSError):
                            if quarantine.memory_kills > kills:  # it killed a server on its own: remember it
                                killers[culprit] = time.monotonic()
                                return self.fail(503, "the query exceeded the SPARQL server's memory limit; the "
                                                      "server was restarted (see kg serve --memory-limit)")
                    else:
                        return self.fail(503, "the SPARQL server is restarting; try again in a moment")
            if data.endswith(CANCELLED) or (time.monotonic() - started >= timeout and response.status == 200):
                suspects.add(culprit)
                return self.fail(503, f"the query ran past the {timeout} s timeout and was stopped")
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(data)

        def fail(self, status: int, message: str) -> None:
            payload = json.dumps({"error": message}).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def serve(store: str, host: str = "127.0.0.1", port: int = 7878, timeout: int = 30, writable: bool = False,
          memory_mb: int = DEFAULT_MEMORY_MB) -> int:
    """Run the endpoint in the foreground until Ctrl-C or TERM; return its exit status."""
    store_path = Path(store)
    if not store_path.is_dir() or not is_store_directory(store_path):
        raise StoreError(store, "no store here", "build one first: kg build, or kg ingest FILE")
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    upstream = Upstream(store_path, timeout, writable, memory_mb, log)
    quarantine = Upstream(store_path, timeout, False, memory_mb, lambda message: None)
    try:
        front = ThreadingHTTPServer((host, port), make_handler(upstream, quarantine, timeout))
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise StoreError(f"{host}:{port}", "the port is already in use", "stop what uses it, or give --port") from None
        raise StoreError(f"{host}:{port}", f"cannot listen there ({e.strerror})", "give another --host or --port") from None
    front.daemon_threads = True
    upstream.start()

    def stop(signum, frame) -> None:  # Ctrl-C or a service manager's TERM: stop serving, then return
        threading.Thread(target=front.shutdown, daemon=True).start()

    for sig in (signal.SIGINT, signal.SIGTERM):  # set explicitly: a background process inherits an ignored SIGINT
        signal.signal(sig, stop)
    log(f"SPARQL endpoint: http://{host}:{port}/query  (YASGUI page: http://{host}:{port}/, "
        f"example queries: http://{host}:{port}/examples)"
        f"{'' if writable else '  read-only'}; memory limit {memory_mb} MB; Ctrl-C to stop")
    try:
        front.serve_forever()
    finally:
        front.server_close()
        upstream.stop()
        quarantine.stop()
    return 0
