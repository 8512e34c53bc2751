"""Serving the store over the SPARQL 1.1 Protocol with Oxigraph's own server (the ``oxigraph`` package).

No hand-written HTTP: ``oxigraph serve-read-only`` answers GET and POST queries
with content negotiation (JSON, XML, CSV, TSV, Turtle), refuses updates, serves
its YASGUI page at ``/``, and stops a query at the timeout. The default graph is
the union of the article graphs, as everywhere in negotiation-kg.

>>> server_command("store", "127.0.0.1", 7878, 30)[1:]
['serve-read-only', '--location', 'store', '--bind', '127.0.0.1:7878', '--union-default-graph', '--timeout-s', '30']
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from .errors import StoreError


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (the PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("oxigraph", "the Oxigraph server is not installed", "run: pip install oxigraph")
    return found


def server_command(store: str, host: str, port: int, timeout: int, writable: bool = False) -> list[str]:
    """The command line that serves ``store``: read-only unless ``writable``."""
    return [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(store),
            "--bind", f"{host}:{port}", "--union-default-graph", "--timeout-s", str(timeout)]


def serve(store: str, host: str = "127.0.0.1", port: int = 7878, timeout: int = 30, writable: bool = False) -> int:
    """Run the endpoint in the foreground until Ctrl-C; return its exit status."""
    if not Path(store, "CURRENT").exists():
        raise StoreError(store, "no store here", "build one first: kg build, or kg ingest FILE")
    proc = subprocess.Popen(server_command(store, host, port, timeout, writable))

    def stop(signum, frame) -> None:  # Ctrl-C or a service manager's TERM: stop the server, then return
        proc.terminate()

    # set explicitly: a process started in the background inherits an ignored SIGINT
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    print(f"SPARQL endpoint: http://{host}:{port}/query  (YASGUI page: http://{host}:{port}/)"
          f"{'' if writable else '  read-only'}; Ctrl-C to stop", file=sys.stderr, flush=True)
    code = proc.wait()
    return 0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else code
