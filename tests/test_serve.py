"""The endpoint under stress: timeouts, memory, a busy port, a store that changes, a killed wrapper."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import SEED, run_kg
from kg.serve import free_port

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def start(store, *extra):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            return proc, url, port
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read())
            time.sleep(0.1)
    raise AssertionError("the endpoint did not start")


def ask(url, query, accept="application/sparql-results+json", timeout=60):
    request = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store"
    assert run_kg("ingest", SEED, "--store", path, "-q").returncode == 0
    return path


def test_a_timed_out_query_gets_503_with_a_json_error_not_a_truncated_200(store):
    proc, url, _ = start(store, "--timeout", "2")
    try:
        began = time.monotonic()
        status, body = ask(url, CROSS_JOIN)
        assert status == 503 and "timeout" in json.loads(body)["error"]
        assert time.monotonic() - began < 2 + 4  # stopped at the timeout, not long after
        status, body = ask(url, "SELECT (COUNT(*) AS ?n) WHERE { ?m a nkg:Meeting }")  # still serving
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_prefixes_of_kg_query_are_predeclared(store):
    proc, url, _ = start(store)
    try:
        query = (os.path.dirname(__file__) + "/../kg/queries/actors.rq")
        text = open(query, encoding="utf-8").read()
        status, body = ask(url, text)
        assert status == 200 and json.loads(body)["results"]["bindings"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_query_that_exhausts_memory_restarts_the_server_which_stays_up(store):
    proc, url, _ = start(store, "--memory-limit", "768", "--timeout", "60")
    try:
        began = time.monotonic()
        status, body = ask(url, CROSS_JOIN, timeout=120)  # sorting a triple cross join: gigabytes
        assert status == 503 and "restart" in json.loads(body)["error"]
        assert time.monotonic() - began < 50  # it died of the memory limit, not of the timeout
        status, body = ask(url, "ASK { ?m a nkg:Meeting }")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(10)
    assert "memory limit" in proc.stderr.read()


def test_a_busy_port_gets_one_clear_line(store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run_kg("serve", "--store", store, "--port", port)
    assert result.returncode == 3 and "already in use" in result.stderr and "panicked" not in result.stderr


def test_what_is_ingested_while_serving_is_served(store, tmp_path):
    proc, url, _ = start(store)
    try:
        before = json.loads(ask(url, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[1])
        other = tmp_path / "other.txt"
        other.write_text("Envoys meet\nQatar said on Monday that envoys met in Doha.\n")
        assert run_kg("ingest", other, "--store", store, "--published", "2024-02-01", "-q").returncode == 0
        after = json.loads(ask(url, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[1])
        n = lambda r: int(r["results"]["bindings"][0]["n"]["value"])  # noqa: E731
        assert (n(before), n(after)) == (1, 2)
    finally:
        proc.terminate()
        proc.wait(10)


def test_killing_the_wrapper_frees_the_port(store):
    proc, url, port = start(store)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    for _ in range(50):  # the kernel kills the private server with its parent
        out = subprocess.run(["pgrep", "-f", f"serve-read-only --location {store}"], capture_output=True, text=True)
        if not out.stdout.strip():
            break
        time.sleep(0.1)
    assert not out.stdout.strip()
    with pytest.raises(ConnectionRefusedError):  # nothing listens on the public port any more
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
