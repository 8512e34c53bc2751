"""Reading never pays for writing: opening a store and the commands that read it load no NLP stack.

Each case runs in a fresh interpreter (what a user starts), runs a read command or opens the store,
then lists which of the writing side's libraries it loaded: spaCy (parsing), trafilatura (web
pages), pyshacl (validation), vaderSentiment (stance words). A module of the read side that
imported one of them, directly or through ``kg.extract``, fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import run_kg

import kg

WRITING_SIDE = ("spacy", "trafilatura", "pyshacl", "vaderSentiment")

# runs ``kg ARGS...`` as the console script does, then prints the writing side's modules it loaded
COMMAND = f"""
import json, sys
from kg.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({{"code": code, "loaded": [m for m in {WRITING_SIDE!r} if m in sys.modules]}}))
"""

API = f"""
import json, sys
import kg, kg.api
with kg.open(sys.argv[1]) as graph:
    rows = graph.sparql("meetings")
    nodes = graph.to_networkx().number_of_nodes()
loaded = [m for m in {WRITING_SIDE!r} if m in sys.modules]
print(json.dumps({{"rows": len(rows), "nodes": nodes, "loaded": loaded}}))
"""


def run_python(code: str, *args: str, cwd=None) -> dict:
    """Run ``code`` in a fresh interpreter; its last line of output, read as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


READ_COMMANDS = {
    "query": ["query", "meetings"],
    "query --list": ["query", "--list"],
    "timeline": ["timeline"],
    "deals": ["deals"],
    "proposals": ["proposals"],
    "positions": ["positions"],
    "viz": ["viz", "-o", "{tmp}/graph.html"],
    "export": ["export", "-o", "{tmp}/exports"],
}


@pytest.mark.parametrize("name", READ_COMMANDS)
def test_a_read_command_loads_no_nlp_library(name, seed_store_path, tmp_path):
    args = [a.format(tmp=tmp_path) for a in READ_COMMANDS[name]] + ["--store", str(seed_store_path)]
    if name == "query --list":
        args = args[:-2]
    result = run_python(COMMAND, *args, cwd=tmp_path)
    assert result["code"] == 0
    assert result["loaded"] == []


def test_serve_loads_no_nlp_library_before_it_looks_for_the_store(tmp_path):
    # a missing store stops `kg serve` once its library is imported, before a server would start
    result = run_python(COMMAND, "serve", "--store", tmp_path / "no-store", cwd=tmp_path)
    assert result["code"] == 3
    assert result["loaded"] == []


def test_opening_a_store_from_python_loads_no_nlp_library(seed_store_path, tmp_path):
    result = run_python(API, seed_store_path, cwd=tmp_path)
    assert result["rows"] > 0 and result["nodes"] > 0  # the store was read
    assert result["loaded"] == []


# as if the writing side's libraries were not installed: importing one of them fails
WITHOUT_WRITING_SIDE = f"""
import importlib.abc, sys
class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {WRITING_SIDE!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}")
sys.meta_path.insert(0, NotInstalled())
"""


def test_a_store_is_read_where_spacy_is_not_installed(seed_store_path, tmp_path):
    result = run_python(WITHOUT_WRITING_SIDE + API, seed_store_path, cwd=tmp_path)
    assert result["rows"] > 0 and result["nodes"] > 0


def test_version_prints_the_version(tmp_path):
    done = run_kg("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"kg {kg.__version__}"


def test_version_loads_no_nlp_library(tmp_path):
    result = run_python(COMMAND, "--version", cwd=tmp_path)
    assert result["code"] == 0
    assert result["loaded"] == []
