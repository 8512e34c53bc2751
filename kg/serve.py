"""Serving the store over the SPARQL 1.1 Protocol: Oxigraph's own server behind a small guard.

Oxigraph's server (``oxigraph serve-read-only``, the ``oxigraph`` package)
evaluates the queries: GET and POST, JSON/XML/CSV/TSV/Turtle by content
negotiation, its YASGUI page at ``/``, the union of the article graphs as
default graph. It runs on a private port, under a memory limit, and dies with
this process. In front of it, a guard (an asyncio server reading requests,
a bounded pool of threads relaying them) makes the endpoint behave as clients
expect, and keeps it up whatever a client sends:

- each query is read before the server sees it (``kg/query_guard.py``): too
  long, too many tokens or brackets nested too deep gets a 400, ``SERVICE`` or
  ``LOAD`` to a host not given with ``--allow-service`` a 403;
- requests are read whole on the event loop, within limits and deadlines
  (``kg/serve_requests.py``): slow or malformed clients cost no worker and get a
  clean 4xx or are dropped; 1,024 connections can wait to be accepted;
- a query that runs out of time gets HTTP 503 with a JSON error, never a
  truncated 200 body, and no later than the timeout plus two seconds;
- a query missing the prefixes ``kg query`` predeclares (``nkg:``, ``schema:``
  ...) gets them, so the named queries of ``queries/`` run as they are;
- if the server dies (a query exhausting the memory limit), it is restarted and
  the failure reported; the queries that were in flight are retried one at a
  time on a second server, so only the query that exhausts the memory fails,
  and it is refused for ten minutes, in any spelling of the same query;
- a reply longer than 1 MB streams through in 64 KB chunks: the guard's own
  memory stays bounded whatever the result;
- the store's changes are picked up by restarting the server when the store
  directory changes.

>>> server_command("store", 7999, 30)[1:]
['serve-read-only', '--location', 'store', '--bind', '127.0.0.1:7999', '--union-default-graph', '--timeout-s', '30']
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import hashlib
import http.client
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import astuple, dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from .errors import StoreError
from .query_guard import Refusal, check_query, normal_form
from .serve_requests import (
    MAX_HEAD_BYTES,
    Malformed,
    Request,
    body_length,
    error_response,
    read_body,
    read_head,
    response_head,
)
from .store import QUERY_PREFIXES, is_store_directory

CANCELLED = b"The SPARQL operation has been cancelled"
HOP_HEADERS = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
    "content-length",
    "host",
    "expect",
}
DEFAULT_MEMORY_MB = 4096


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (the PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError(
            "oxigraph", "the Oxigraph server is not installed", "run: pip install oxigraph"
        )
    return found


def server_command(store: str, port: int, timeout: int, writable: bool = False) -> list[str]:
    """The command line of the private Oxigraph server: read-only unless ``writable``."""
    return [
        oxigraph_binary(),
        "serve" if writable else "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]


def examples_page() -> str:
    """The page of example queries at ``/examples``: every named query of ``kg query --list``.

    >>> "meetings" in examples_page()
    True
    """
    from .query import named_queries
    from .views.templating import template

    return template("endpoint-examples.html").render(
        queries=named_queries().values(), prefixes=", ".join(f"{p}:" for p in QUERY_PREFIXES)
    )


def with_prefixes(query: str) -> str:
    """``query`` with the project's prefixes declared before it, unless it declares them itself.

    >>> with_prefixes("SELECT ?m WHERE { ?m a nkg:Meeting }").splitlines()[0].startswith("PREFIX")
    True
    """
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in query.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    head = "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in QUERY_PREFIXES.items() if p not in declared
    )
    return head + query


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tie_to_parent() -> None:
    """A ``preexec_fn``: have the kernel kill the child when this process dies, so no server outlives ``kg serve``."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


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
        self.store, self.timeout, self.writable, self.memory_mb, self.log = (
            store,
            timeout,
            writable,
            memory_mb,
            log,
        )
        self.lock = threading.Lock()
        # held by whoever runs a query alone on this server (the quarantine)
        self.one_at_a_time = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.stamp = self.looked = 0.0
        self.restarts = 0
        self.killed_for_memory = False
        self.memory_kills = 0

    def start(self) -> None:
        self.port = free_port()
        self.stamp = store_stamp(self.store)
        command = server_command(str(self.store), self.port, self.timeout, self.writable)
        self.proc = spawn(
            lambda: subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=tie_to_parent
            )
        )
        # a memory watchdog rather than an address-space rlimit: the server's many threads reserve far more
        # address space than they use, and an rlimit makes thread creation fail long before memory runs out
        threading.Thread(target=self.watch, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise StoreError(
                    self.store,
                    "the SPARQL server did not start "
                    f"({self.proc.stderr.read().decode(errors='replace').strip()[-300:]})",
                    "check the store opens: kg query 'ASK {}'",
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise StoreError(self.store, "the SPARQL server did not answer within 30 s", "try again")

    def watch(self, proc: subprocess.Popen) -> None:
        """Kill ``proc`` when its resident memory nears the limit (90%, checked every 20 ms)."""
        while proc.poll() is None:
            if (
                resident_mb(proc.pid) > 0.9 * self.memory_mb
            ):  # a margin: memory grows between two checks
                self.killed_for_memory = True
                self.memory_kills += 1
                proc.kill()
                proc.wait()
                return
            time.sleep(0.02)

    def ensure_running(self) -> int:
        """The port of a live server on the store's current content, restarting it if needed."""
        if self.proc is not None and self.proc.poll() is None and not self.changed():
            return self.port  # the common case, without the lock: requests do not queue for it
        with self.lock:
            died = self.proc is None or self.proc.poll() is not None
            if died and self.proc is not None:
                code = self.proc.returncode
                self.restarts += 1
                why = (
                    f"a query exceeded the {self.memory_mb} MB memory limit"
                    if self.killed_for_memory
                    else f"exit status {code}"
                )
                self.log(f"kg serve: the SPARQL server stopped ({why}); restarting it")
                self.killed_for_memory = False
            elif not self.writable and store_stamp(self.store) != self.stamp:
                self.log("kg serve: the store changed; restarting the SPARQL server to serve it")
                self.stop()
                died = True
            if died:
                self.start()
            return self.port

    def changed(self) -> bool:
        """Whether the store changed since the server started (looked at every 0.1 s at most)."""
        now = time.monotonic()
        if self.writable or now - self.looked < 0.1:
            return False
        self.looked = now
        return store_stamp(self.store) != self.stamp

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


KILLER_MEMORY_S = 600
WORKERS = 32  # requests relayed to the SPARQL server at once; the others wait their turn
MAX_WAITING = 1024  # requests read whole and waiting for a worker; past it, a 503 at once
MAX_CONNECTIONS = 4096  # open client connections; past it, new ones are closed at once
BACKLOG = (
    1024  # connections the kernel queues until they are accepted (capped by net.core.somaxconn)
)
BODY_BUDGET = 64 << 20  # request bodies held at once, all clients together
# a response up to this size is checked whole (a timeout becomes a 503); longer, it streams
BUFFER_BYTES = 1 << 20
CHUNK_BYTES = 1 << 16
WRITE_SECONDS = 30.0  # a client must take each chunk of its response within this
MEMORY_REFUSAL = Refusal(
    503,
    "this query exceeded the SPARQL server's memory limit a moment ago; it is not run "
    "again for 10 minutes (see kg serve --memory-limit)",
)
SPARQL_TYPES = {"application/sparql-query": "query", "application/sparql-update": "update"}


@dataclass
class Forward:
    """A request as the SPARQL server gets it, and the key of what it asks (its normal form)."""

    method: str
    target: str
    body: bytes
    headers: dict[str, str]
    sparql: str  # the query or update it carries ("" if none)

    @cached_property
    def key(self) -> str:
        """The query's normal form, worked out only when a failure or a refusal needs it."""
        if self.sparql:
            return normal_form(self.sparql)
        return hashlib.sha1(self.target.encode() + self.body).hexdigest()


@dataclass
class Reply:
    """The SPARQL server's answer, its first ``BUFFER_BYTES`` read (``complete``: all of it)."""

    conn: http.client.HTTPConnection
    response: http.client.HTTPResponse
    first: bytes
    started: float

    @property
    def complete(self) -> bool:
        return self.response.isclosed() or len(self.first) < BUFFER_BYTES


def sparql_texts(request: Request) -> tuple[dict, dict, list[tuple[str, str]]]:
    """The request's URL parameters, form fields and the SPARQL it carries as (kind, text).

    Wherever a query or update may travel (URL, form, body) it is found, whatever the path: the
    guard checks what the server would run, not what the path suggests.

    >>> from kg.serve_requests import parsed_head
    >>> sparql_texts(parsed_head(b"GET /query?query=ASK%7B%7D HTTP/1.1\\r\\n\\r\\n"))[2]
    [('query', 'ASK{}')]
    """
    params = parse_qs(urlsplit(request.target).query, keep_blank_values=True, errors="strict")
    form, texts = {}, []
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
    for kind in ("query", "update"):
        texts += [(kind, text) for text in params.get(kind, []) + form.get(kind, [])]
    if request.method == "POST" and request.content_type in SPARQL_TYPES:
        texts.append((SPARQL_TYPES[request.content_type], request.body.decode("utf-8")))
    return params, form, texts


def prepared(request: Request, hosts: frozenset[str]) -> Forward | Refusal:
    """The request as the SPARQL server will get it (prefixes predeclared), or why it is refused."""
    try:
        params, form, texts = sparql_texts(request)
    except (UnicodeDecodeError, ValueError):
        return Refusal(400, "the request is not valid UTF-8 (or its URL encoding is broken)")
    if len(texts) > 1:
        return Refusal(400, "send one query or update per request")
    texts = [(kind, with_prefixes(text) if kind == "query" else text) for kind, text in texts]
    for _, text in texts:
        refusal = check_query(text, hosts)
        if refusal:
            return refusal
    target, body = request.target, request.body
    if "query" in params:
        params["query"] = [text for _, text in texts]
        target = f"{urlsplit(request.target).path}?{urlencode(params, doseq=True)}"
    elif "query" in form:
        form["query"] = [text for _, text in texts]
        body = urlencode(form, doseq=True).encode("utf-8")
    elif request.content_type == "application/sparql-query":
        body = texts[0][1].encode("utf-8")
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
    return Forward(request.method, target, body, headers, texts[0][1] if texts else "")


def chunk(data: bytes) -> bytes:
    """``data`` as one chunk of a chunked HTTP body.

    >>> chunk(b"abc")
    b'3\\r\\nabc\\r\\n'
    """
    return b"%x\r\n%s\r\n" % (len(data), data) if data else b""


class Sink:
    """A client connection written from a worker thread: each write waits, at most
    ``WRITE_SECONDS``, for the client to take it, so a slow reader cannot hold a worker long."""

    def __init__(self, writer: asyncio.StreamWriter, loop: asyncio.AbstractEventLoop) -> None:
        self.writer, self.loop = writer, loop

    def send(self, data: bytes) -> None:
        future = asyncio.run_coroutine_threadsafe(self.flush(data), self.loop)
        try:
            future.result(WRITE_SECONDS)
        except BaseException:
            future.cancel()
            raise

    async def flush(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    def abort(self) -> None:
        """Cut the connection: the client sees an incomplete response, not a short one taken
        for whole."""
        self.loop.call_soon_threadsafe(self.writer.transport.abort)


async def last_word(writer: asyncio.StreamWriter, data: bytes) -> None:
    """Send ``data`` before the connection closes, if the client still takes it."""
    try:
        writer.write(data)
        await asyncio.wait_for(writer.drain(), WRITE_SECONDS)
    except (OSError, TimeoutError):
        pass


class Front:
    """The guard: reads requests on an event loop, checks them, relays them from a bounded pool."""

    def __init__(
        self, upstream: Upstream, quarantine: Upstream, timeout: int, hosts: frozenset[str], log
    ) -> None:
        self.upstream, self.quarantine, self.timeout, self.hosts, self.log = (
            upstream,
            quarantine,
            timeout,
            hosts,
            log,
        )
        self.pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="kg-serve")
        self.killers: dict[str, float] = {}  # key of a query that exhausted memory alone → when
        # keys of queries in flight when a server died, not yet run alone
        self.suspects: set[str] = set()
        self.connections = self.waiting = self.held = 0
        self.page = b""

    # ------------------------------------------------------------------ event loop side

    async def run(self, listener: socket.socket, stop: asyncio.Event | None = None) -> None:
        """Serve on ``listener`` until ``stop`` is set (by default: until SIGINT or SIGTERM)."""
        if stop is None:
            stop = asyncio.Event()
            for sig in (
                signal.SIGINT,
                signal.SIGTERM,
            ):  # set explicitly: a background process ignores SIGINT
                asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        server = await asyncio.start_server(self.connection, sock=listener, limit=MAX_HEAD_BYTES)
        await stop.wait()
        server.close()
        self.pool.shutdown(wait=False, cancel_futures=True)

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer the requests of one client connection, one after the other."""
        if self.connections >= MAX_CONNECTIONS:
            writer.transport.abort()
            return
        self.connections += 1
        try:
            while await self.exchange(reader, writer):
                pass
        except Malformed as e:
            await last_word(writer, error_response(e.status, e.message, close=True))
        except (OSError, TimeoutError, asyncio.CancelledError):
            pass
        except Exception as e:  # a defect of the guard: one line on stderr and a 500, no traceback
            self.log(f"kg serve: a request failed inside the endpoint ({type(e).__name__}: {e})")
            failed = error_response(500, "the endpoint failed on this request", close=True)
            await last_word(writer, failed)
        finally:
            self.connections -= 1
            writer.close()

    async def exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Read one request and answer it; whether the connection may carry another."""
        request = await read_head(reader)
        if request is None:
            return False
        length = body_length(request)
        if self.held + length > BODY_BUDGET or self.waiting >= MAX_WAITING:
            raise Malformed(503, "the endpoint is busy; try again in a moment")
        self.held += length
        self.waiting += 1
        try:
            if not await read_body(reader, writer, request, length):
                return False
            loop = asyncio.get_running_loop()
            keep = await loop.run_in_executor(self.pool, self.answer, request, Sink(writer, loop))
        finally:
            self.held -= length
            self.waiting -= 1
        return keep and request.keep_alive

    # ------------------------------------------------------------------ worker side

    def answer(self, request: Request, sink: Sink) -> bool:
        """Answer one request from a worker; whether the connection is still usable."""
        try:
            if request.method in ("GET", "HEAD") and urlsplit(request.target).path in (
                "/examples",
                "/examples/",
            ):
                sink.send(self.examples(request.method))
                return True
            forward = prepared(request, self.hosts)
            outcome = forward if isinstance(forward, Refusal) else self.relayed(forward)
            if isinstance(outcome, Refusal):
                sink.send(error_response(outcome.status, outcome.message))
                return True
            return self.deliver(outcome, forward, sink)
        except (
            OSError,
            TimeoutError,
            RuntimeError,
        ):  # the client went away, or the server is stopping
            sink.abort()
            return False

    def examples(self, method: str) -> bytes:
        """The named queries as a page: what each answers, its text, links that run it here."""
        if not self.page:
            self.page = examples_page().encode("utf-8")
        head = response_head(
            200,
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(self.page)))],
        )
        return head + (self.page if method != "HEAD" else b"")

    def opened(self, server: Upstream, forward: Forward, started: float) -> Reply:
        """The server's reply to ``forward``, its first part read (errors reach the caller: it
        may retry)."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", server.ensure_running(), timeout=self.timeout + 2
        )
        try:
            conn.request(
                forward.method, forward.target, body=forward.body or None, headers=forward.headers
            )
            response = conn.getresponse()
            return Reply(conn, response, response.read(BUFFER_BYTES), started)
        except BaseException:
            conn.close()
            raise

    def relayed(self, forward: Forward) -> Reply | Refusal:
        """The server's reply, or a refusal (a query that killed a server lately is not rerun)."""
        started = time.monotonic()
        if self.killers and started - self.killers.get(forward.key, -1e9) < KILLER_MEMORY_S:
            return MEMORY_REFUSAL
        try:
            if self.suspects and forward.key in self.suspects:
                raise ConnectionAbortedError("a suspect runs on its own")
            return self.opened(self.upstream, forward, started)
        except TimeoutError:
            self.suspects.add(forward.key)  # it may still be running: next time it runs apart
            return self.timed_out()
        except (http.client.HTTPException, OSError):
            # the server died under some query in flight: this one, until proven innocent, runs
            # alone on a server of its own, so that only the query that exhausts the memory fails
            self.suspects.add(forward.key)
            return self.alone(forward, started)

    def alone(self, forward: Forward, started: float) -> Reply | Refusal:
        """Run a suspect on the quarantine server, one at a time; remember it if it kills that
        server too."""
        with self.quarantine.one_at_a_time:
            if forward.key in self.killers:  # proven while this one waited
                return MEMORY_REFUSAL
            for _ in range(3):
                kills = self.quarantine.memory_kills
                try:
                    reply = self.opened(self.quarantine, forward, started)
                    self.suspects.discard(forward.key)
                    return reply
                except TimeoutError:
                    self.quarantine.stop()  # a runaway on its own: stop it, not run again soon
                    self.convicted(forward.key)
                    return self.timed_out()
                except (http.client.HTTPException, OSError):
                    if self.quarantine.memory_kills > kills:  # it killed a server on its own
                        self.convicted(forward.key)
                        return Refusal(
                            503,
                            "the query exceeded the SPARQL server's memory limit; the server "
                            "was restarted (see kg serve --memory-limit)",
                        )
            return Refusal(503, "the SPARQL server is restarting; try again in a moment")

    def convicted(self, key: str) -> None:
        now = time.monotonic()
        for old in [k for k, when in self.killers.items() if now - when >= KILLER_MEMORY_S]:
            del self.killers[old]
        self.killers[key] = now

    def timed_out(self) -> Refusal:
        return Refusal(503, f"the query ran past the {self.timeout} s timeout and was stopped")

    def deliver(self, reply: Reply, forward: Forward, sink: Sink) -> bool:
        """Send the reply: whole when it fits the buffer, else streamed in chunks."""
        status = reply.response.status
        headers = [(k, v) for k, v in reply.response.getheaders() if k.lower() not in HOP_HEADERS]
        try:
            if not reply.complete:
                return self.stream(reply, forward, headers, sink)
            late = time.monotonic() - reply.started >= self.timeout and status == 200
            if reply.first.endswith(CANCELLED) or late:
                self.suspects.add(forward.key)
                sink.send(error_response(*astuple(self.timed_out())))
                return True
            body = reply.first if forward.method != "HEAD" else b""
            sink.send(response_head(status, headers + [("Content-Length", str(len(body)))]) + body)
            return True
        finally:
            reply.conn.close()

    def stream(
        self, reply: Reply, forward: Forward, headers: list[tuple[str, str]], sink: Sink
    ) -> bool:
        """Relay a long reply chunk by chunk; cut the connection if it ends in an error."""
        # the end is held back: a cancelled query's error text never reaches the client
        keep = len(CANCELLED)
        sink.send(
            response_head(reply.response.status, headers + [("Transfer-Encoding", "chunked")])
            + chunk(reply.first[:-keep])
        )
        tail, deadline = reply.first[-keep:], reply.started + self.timeout + 10
        try:
            while data := reply.response.read(CHUNK_BYTES):
                tail += data
                sink.send(chunk(tail[:-keep]))
                tail = tail[-keep:]
                if time.monotonic() > deadline:
                    raise TimeoutError("the reply outlasted the timeout")
        except (http.client.HTTPException, OSError):
            tail = CANCELLED
        if tail == CANCELLED:
            self.suspects.add(forward.key)
            sink.abort()
            return False
        sink.send(chunk(tail) + b"0\r\n\r\n")
        return True


def listening_socket(host: str, port: int) -> socket.socket:
    """The endpoint's socket, bound and listening with a deep queue; a clear error if it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=BACKLOG)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise StoreError(
                f"{host}:{port}", "the port is already in use", "stop what uses it, or give --port"
            ) from None
        raise StoreError(
            f"{host}:{port}",
            f"cannot listen there ({e.strerror or e})",
            "give another --host or --port",
        ) from None


def raise_open_files_limit() -> None:
    """Allow as many open files as the connections the endpoint accepts (often 1,024 by default)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = (
        MAX_CONNECTIONS + 1024
        if hard == resource.RLIM_INFINITY
        else min(hard, MAX_CONNECTIONS + 1024)
    )
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def serve(
    store: str,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 30,
    writable: bool = False,
    memory_mb: int = DEFAULT_MEMORY_MB,
    allow_service: tuple[str, ...] = (),
) -> int:
    """Run the endpoint in the foreground until Ctrl-C or TERM; return its exit status."""
    store_path = Path(store)
    if not store_path.is_dir() or not is_store_directory(store_path):
        raise StoreError(store, "no store here", "build one first: kg build, or kg ingest FILE")
    log = lambda message: print(message, file=sys.stderr, flush=True)
    upstream = Upstream(store_path, timeout, writable, memory_mb, log)
    quarantine = Upstream(store_path, timeout, False, memory_mb, lambda message: None)
    listener = listening_socket(host, port)
    raise_open_files_limit()
    front = Front(upstream, quarantine, timeout, frozenset(h.lower() for h in allow_service), log)
    try:
        upstream.start()
        remote = f"; SERVICE allowed to {', '.join(allow_service)}" if allow_service else ""
        log(
            f"SPARQL endpoint: http://{host}:{port}/query  (YASGUI page: http://{host}:{port}/, "
            f"example queries: http://{host}:{port}/examples)"
            f"{'' if writable else '  read-only'}; memory limit {memory_mb} MB{remote}; "
            "Ctrl-C to stop"
        )
        asyncio.run(front.run(listener))
    finally:
        listener.close()
        upstream.stop()
        quarantine.stop()
    return 0
