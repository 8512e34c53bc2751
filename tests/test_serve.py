"""The endpoint under stress: timeouts, memory, a busy port, a store that changes, a killed wrapper,
and attackers: deep nesting, SERVICE, a crowd, slow clients, malformed requests, huge results."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import SEED, kg_main, run_kg

from kg import serve_requests
from kg.cli import main
from kg.serve import Front, Upstream, free_port, listening_socket, resident_mb

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def start(store, *extra):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            return proc, url, port
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read()) from None
            time.sleep(0.1)
    raise AssertionError("the endpoint did not start")


def ask(url, query, accept="application/sparql-results+json", timeout=60):
    request = urllib.request.Request(
        url + "/query",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store"
    assert kg_main("ingest", SEED, "--store", path, "-q").returncode == 0
    return path


def test_a_timed_out_query_gets_503_with_a_json_error_not_a_truncated_200(seed_store_path):
    proc, url, _ = start(seed_store_path, "--timeout", "2")
    try:
        began = time.monotonic()
        status, body = ask(url, CROSS_JOIN)
        assert status == 503 and "timeout" in json.loads(body)["error"]
        assert time.monotonic() - began < 2 + 4  # stopped at the timeout, not long after
        # still serving
        status, body = ask(url, "SELECT (COUNT(*) AS ?n) WHERE { ?m a nkg:Meeting }")
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_prefixes_of_kg_query_are_predeclared(seed_store_path):
    proc, url, _ = start(seed_store_path)
    try:
        query = os.path.dirname(__file__) + "/../kg/queries/actors.rq"
        with open(query, encoding="utf-8") as f:
            text = f.read()
        status, body = ask(url, text)
        assert status == 200 and json.loads(body)["results"]["bindings"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_query_that_exhausts_memory_restarts_the_server_which_stays_up(seed_store_path):
    proc, url, _ = start(seed_store_path, "--memory-limit", "768", "--timeout", "60")
    try:
        began = time.monotonic()
        status, body = ask(url, CROSS_JOIN, timeout=120)  # sorting a triple cross join: gigabytes
        assert status == 503 and "restart" in json.loads(body)["error"]
        assert time.monotonic() - began < 50  # it died of the memory limit, not of the timeout
        status, body = ask(url, "ASK { ?m a nkg:Meeting }")
        assert status == 200 and json.loads(body)["boolean"] is True
        respelled = "# again\nselect * where {?x ?y ?z. ?u ?v ?w .?r ?s ?t} order by ?x ?u ?r # sic"
        status, body = ask(url, respelled, timeout=120)  # the same query: refused, not run again
        assert status == 503 and "a moment ago" in json.loads(body)["error"]
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.stderr.read().count("restarting") == 1  # the respelling never ran


def test_a_busy_port_gets_one_clear_line(seed_store_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run_kg("serve", "--store", seed_store_path, "--port", port)
    assert (
        result.returncode == 3
        and "already in use" in result.stderr
        and "panicked" not in result.stderr
    )


def test_what_is_ingested_while_serving_is_served(store, tmp_path):
    proc, url, _ = start(store)
    try:
        before = json.loads(
            ask(url, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[1]
        )
        other = tmp_path / "other.txt"
        other.write_text("Envoys meet\nQatar said on Monday that envoys met in Doha.\n")
        assert (
            kg_main("ingest", other, "--store", store, "--published", "2024-02-01", "-q").returncode
            == 0
        )
        after = json.loads(
            ask(url, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[1]
        )
        n = lambda r: int(r["results"]["bindings"][0]["n"]["value"])
        assert (n(before), n(after)) == (1, 2)
    finally:
        proc.terminate()
        proc.wait(10)


def test_killing_the_wrapper_frees_the_port(store):
    proc, url, port = start(store)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    for _ in range(50):  # the kernel kills the private server with its parent
        out = subprocess.run(
            ["pgrep", "-f", f"serve-read-only --location {store}"], capture_output=True, text=True
        )
        if not out.stdout.strip():
            break
        time.sleep(0.1)
    assert not out.stdout.strip()
    with pytest.raises(ConnectionRefusedError):  # nothing listens on the public port any more
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


# ------------------------------------------------------- the guard under attack (in-process)


@pytest.fixture(scope="module")
def endpoint(seed_store_path):
    """The guard serving the seed store from a thread of this process: (its URL, the guard)."""
    upstream = Upstream(seed_store_path, 5, False, 2048, lambda message: None)
    quarantine = Upstream(seed_store_path, 5, False, 2048, lambda message: None)
    listener = listening_socket("127.0.0.1", 0)
    front = Front(upstream, quarantine, 5, frozenset(), lambda message: None)
    upstream.start()
    loop, stop = asyncio.new_event_loop(), asyncio.Event()
    thread = threading.Thread(
        target=loop.run_until_complete, args=(front.run(listener, stop),), daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", front
    loop.call_soon_threadsafe(stop.set)
    thread.join(10)
    listener.close()
    upstream.stop()
    quarantine.stop()


def raw(url, data: bytes, timeout=30) -> bytes:
    """What the endpoint answers to bytes sent as they are, until it closes or goes quiet."""
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := s.recv(65536):
            received += chunk
    return received


def status_and_error(response: bytes) -> tuple[int, str]:
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)["error"]


MEETINGS = "SELECT (COUNT(*) AS ?n) WHERE { ?m a nkg:Meeting }"


def meetings_counted(url) -> bool:
    status, body = ask(url, MEETINGS)
    return status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 3000 + "}" * 3000,  # aborted Oxigraph's server every time
        "SELECT * WHERE { ?s ?p " + "[ ?p " * 200 + "1" + " ]" * 200 + " }",  # minutes of parsing
        "SELECT * WHERE { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }",
        "SELECT * WHERE { FILTER(1"
        + "+1" * 3000
        + ") }",  # no brackets: a chain the parser recurses on
        "ASK { ?a <x> ?b FILTER(?a<"
        + "(" * 40
        + "1>2"
        + ")" * 40
        + ") }",  # '<' taken for an IRI's start
    ],
)
def test_queries_that_would_crash_or_stall_the_server_are_refused_before_it(endpoint, query):
    url, front = endpoint
    restarts = front.upstream.restarts
    status, body = ask(url, query)
    assert status in (400, 413) and "protect the SPARQL server" in json.loads(body)["error"]
    assert meetings_counted(url) and front.upstream.restarts == restarts


def test_brackets_in_strings_and_comments_do_not_count(endpoint):
    url, _ = endpoint
    query = 'ASK { ?m a nkg:Meeting FILTER(?m != "' + "{" * 100 + '") } # ' + "{" * 100
    status, body = ask(url, query)
    assert status == 200 and json.loads(body)["boolean"] is True


class OneShotListener:
    """A TCP port that records whether anyone connected (a stand-in for another host's endpoint)."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(15)
        self.port = self.socket.getsockname()[1]
        self.called = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        try:
            conn, _ = self.socket.accept()
        except OSError:
            return
        self.called.set()
        conn.recv(65536)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\n\r\n"
            + body
        )
        conn.close()


@pytest.mark.parametrize(
    "spelling",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}",
        "PREFIX r: <http://127.0.0.1:{port}/> "
        "SELECT * WHERE {{ service silent r:sparql {{ ?x ?p ?o }} }}",
        "BASE <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?x ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1\\u003A{port}/sparql> {{ ?x ?p ?o }} }}",
    ],
)
def test_service_is_refused_unless_its_host_is_allowed(endpoint, spelling):
    url, front = endpoint
    other = OneShotListener()
    query = spelling.format(port=other.port)
    status, body = ask(url, query)
    assert status == 403 and "--allow-service" in json.loads(body)["error"]
    assert not other.called.wait(1)  # the server never called out
    front.hosts = frozenset({f"127.0.0.1:{other.port}"})
    try:
        status, _ = ask(url, query)
    finally:
        front.hosts = frozenset()
    assert other.called.is_set()  # allowed: the query reached the other endpoint


def test_200_concurrent_clients_are_all_answered(endpoint):
    url, _ = endpoint
    gate, statuses = threading.Barrier(200), []

    def client():
        gate.wait()
        statuses.append(ask(url, MEETINGS, timeout=120)[0])

    threads = [threading.Thread(target=client) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 200


def test_slow_clients_are_dropped_and_do_not_hold_up_others(endpoint, monkeypatch):
    url, _ = endpoint
    monkeypatch.setattr(serve_requests, "HEAD_SECONDS", 1.0)
    port = int(url.rsplit(":", 1)[1])
    slow = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(300)]
    for s in slow:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
    try:
        assert meetings_counted(url)
        # each closed by the endpoint, none left hanging
        assert all(s.recv(1024) == b"" for s in slow)
    finally:
        for s in slow:
            s.close()


def test_a_body_that_never_comes_in_full_gets_408_not_a_hang(endpoint, monkeypatch):
    url, _ = endpoint
    monkeypatch.setattr(serve_requests, "BODY_SECONDS", 1.0)
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(
            b"POST /query HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK"
        )
        assert s.recv(65536).startswith(b"HTTP/1.1 408 ")


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"POST /query HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
        (b"POST /query HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400),
        (b"POST /query HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        (b"POST /query HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", 413),
        (b"POST /query HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
        (
            b"POST /query HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 7\r\n\r\nASK {\xff}",
            400,
        ),
        (b"GET /query?query=ASK%7B%FF%7D HTTP/1.1\r\n\r\n", 400),
        (b"GET /query?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\n\r\n", 400),
        (b"HELLO\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70000 + b"\r\n\r\n", 431),
    ],
)
def test_malformed_requests_get_a_clean_4xx_with_a_json_error(endpoint, request_bytes, status):
    url, _ = endpoint
    answered, message = status_and_error(raw(url, request_bytes))
    assert answered == status and message and "Traceback" not in message
    assert meetings_counted(url)


def test_a_long_result_streams_through_in_bounded_memory(endpoint):
    url, _ = endpoint
    base = resident_mb(os.getpid())
    peak, done = [base], threading.Event()

    def watch():
        while not done.is_set():
            peak.append(resident_mb(os.getpid()))
            time.sleep(0.01)

    threading.Thread(target=watch, daemon=True).start()
    request = urllib.request.Request(
        url + "/query",
        data=urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 200000"}
        ).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    size, tail = 0, b""
    with urllib.request.urlopen(request, timeout=60) as response:
        while data := response.read(1 << 16):
            size, tail = size + len(data), (tail + data)[-8:]
    done.set()
    assert size > 100 << 20 and tail.endswith(b"]}}")  # about 130 MB, whole
    assert max(peak) - base < 64  # MB: the guard never held the result


def test_out_of_range_flags_get_a_usage_error_not_a_traceback(capsys):
    for flag, value in [
        ("--port", "65536"),
        ("--port", "0"),
        ("--timeout", "1e308"),
        ("--timeout", "99999999999999999999"),
        ("--allow-service", "http://x.org/"),
    ]:
        with pytest.raises(SystemExit) as exit:
            main(["serve", flag, value])
        assert exit.value.code == 2 and "Traceback" not in capsys.readouterr().err
