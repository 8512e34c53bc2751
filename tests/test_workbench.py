"""The analyst's papercuts: each one a user met in the README walk-through, each fixed and held
here."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, write
from conftest import kg_main as run_in_process  # this file's kg_main takes capsys

import kg
from kg.cli import main


def kg_main(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


# ---------------------------------------------------------------- the store named once


def test_kg_store_names_the_store_for_every_command(seed_store_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no store/ here: only the variable can lead to the seed's
    monkeypatch.setenv("KG_STORE", str(seed_store_path))
    code, out, _ = kg_main(capsys, "query", "meetings")
    assert code == 0 and "Abbas Kamel" in out
    assert kg.open().sparql("SELECT (COUNT(*) AS ?n) WHERE { ?m a nkg:Meeting }")[0]["n"] > 0


def test_a_kg_toml_in_the_working_directory_names_the_store(
    seed_store_path, tmp_path, monkeypatch, capsys
):
    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kg.toml").write_text(f'store = "{seed_store_path}"\n')
    code, out, _ = kg_main(capsys, "timeline")
    assert code == 0 and "Meeting" in out
    (tmp_path / "kg.toml").write_text("store = [unclosed\n")
    code, _, err = kg_main(capsys, "timeline")
    assert code == 2 and "kg.toml: not a valid TOML file" in err and "Traceback" not in err


# ---------------------------------------------------------------- clean CSV and JSON


def kamel_meetings(capsys, store, fmt: str) -> tuple[int, str]:
    code, out, _ = kg_main(
        capsys, "query", "meetings", "--store", store, "--actor", "Kamel", "--format", fmt
    )
    return code, out


def test_csv_and_json_do_not_repeat_the_parameters_on_every_row(seed_store_path, capsys):
    code, out = kamel_meetings(capsys, seed_store_path, "csv")
    header = next(csv.reader(io.StringIO(out)))
    assert code == 0 and "participants" in header and not {"actor", "from", "to"} & set(header)
    code, out = kamel_meetings(capsys, seed_store_path, "json")
    result = json.loads(out)
    assert result["head"]["vars"] and "actor" not in result["head"]["vars"]
    assert result["results"]["bindings"] and all(
        "actor" not in b for b in result["results"]["bindings"]
    )


def test_timeline_json_gives_participants_and_articles_as_lists(seed_store_path, capsys):
    code, out, _ = kg_main(capsys, "timeline", "--store", seed_store_path, "--format", "json")
    rows = json.loads(out)
    meeting = next(r for r in rows if "Abbas Kamel" in r["participants"])
    assert isinstance(meeting["participants"], list) and len(meeting["participants"]) >= 4
    assert isinstance(meeting["article"], list) and meeting["article"][0].startswith("https://")


def test_the_timeline_table_says_which_events_are_planned(tmp_path, capsys):
    write(
        tmp_path / "a.txt",
        "Talks\nQatari envoys met Hamas leaders in Doha on Monday. Qatar said the envoys "
        "will meet Israeli officials in Cairo next week.\n",
        sidecar='{"published": "2024-01-28"}',
    )
    store = tmp_path / "store"
    assert kg_main(capsys, "ingest", tmp_path / "a.txt", "--store", store, "-q")[0] == 0
    code, out, _ = kg_main(capsys, "timeline", "--store", store)
    head, *lines = out.splitlines()
    assert "status" in head.split()
    assert any("Planned" in line for line in lines) and any("Occurred" in line for line in lines)


# ---------------------------------------------------------------- errors that speak


def test_an_unreachable_service_is_one_line_and_exit_4(seed_store_path):
    query = (
        "SELECT ?n ?p WHERE { ?x a nkg:Country ; rdfs:label ?n "
        "SERVICE <http://127.0.0.1:9/sparql> { ?x <http://example.org/p> ?p } }"
    )
    result = run_in_process("query", query, "--store", seed_store_path)
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "could not be reached" in result.stderr


def test_a_misspelt_named_query_gets_did_you_mean_in_python_and_on_the_command_line(
    seed_store_path, capsys
):
    with pytest.raises(kg.KGError, match="no named query 'meetingz'; did you mean meetings"):
        kg.open(seed_store_path).sparql("meetingz")
    code, _, err = kg_main(capsys, "query", "meetingz", "--store", seed_store_path)
    assert code == 2 and "did you mean meetings?" in err


def test_path_between_unconnected_actors_is_empty(seed_store_path):
    from kg.views.network import path

    G = kg.open(seed_store_path).to_networkx()
    G.add_node("person/nobody-here", label="Nobody Here", kind="Person")
    assert path(G, "Kamel", "Nobody Here") == []
    assert path(G, "Kamel", "Burns")  # connected ones still are


# ---------------------------------------------------------------- honest output


def test_kg_viz_counts_what_it_drew(seed_store_path, tmp_path, capsys):
    whole = kg.open(seed_store_path).to_networkx()
    code, _, err = kg_main(
        capsys, "viz", "--store", seed_store_path, "-o", tmp_path / "o.html", "--overview"
    )
    actors = int(err.split("overview: ")[1].split(" actors")[0])
    assert (
        code == 0
        and actors < whole.number_of_nodes()
        and f"of {whole.number_of_nodes()} nodes" in err
    )
    page = (tmp_path / "o.html").read_text()
    assert page.count('"shape"') == actors  # vis-network nodes drawn: as many as said


def test_build_quiet_prints_nothing(project):
    result = run_in_process("build", "-q", "-j", "1", cwd=project)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_the_progress_bar_moves_within_a_batch(tmp_path):
    from kg.ingestion import ingest
    from kg.store import GraphStore

    for n, who in enumerate(("Qatar", "Egypt", "Norway")):
        write(tmp_path / f"{n}.txt", f"T{n}\nEnvoys met in Doha on Monday, {who} said.\n")
    moves, batches = [], []
    ingest(
        [tmp_path],
        GraphStore(),
        progress=lambda r, done: batches.append(done),
        extracted=moves.append,
        published="2024-01-28",
    )
    assert batches == [3] and moves == [
        1,
        1,
        1,
    ]  # one batch of 64 at most, yet the bar moved three times


def test_make_score_without_the_evaluation_material_says_what_it_needs(tmp_path):
    result = subprocess.run(
        ["make", "-s", "score", f"SHARED={tmp_path / 'none'}", "STAMP="],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "make score needs the evaluation material" in result.stderr


# ---------------------------------------------------------------- workers from a script


def test_ingest_with_two_workers_from_an_unguarded_script_runs_once_and_clean(tmp_path):
    write(tmp_path / "a.txt", "Talks\nQatari envoys met Hamas leaders in Doha on Monday.\n")
    script = tmp_path / "my_ingest.py"
    script.write_text(
        textwrap.dedent(f"""\
        import kg
        from kg.store import GraphStore
        print("script ran")
        with GraphStore({str(tmp_path / "store")!r}) as store:
            report = kg.ingest([{str(tmp_path / "a.txt")!r}], store, workers=2,
                               published="2024-01-28")
        print(len(report.ingested), "ingested")
        """)
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("script ran") == 1 and "1 ingested" in result.stdout
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- an organization speaks through
# its people


@pytest.fixture(scope="module")
def affiliated_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("affiliated")
    write(
        folder / "a.txt",
        "Truce plan\nA senior Hamas official, Yusuf Tamimi, said on Tuesday that the movement "
        "rejects any temporary truce. Hamas said it would study the proposal. Qatari envoys met "
        "Yusuf Tamimi in "
        "Doha on Monday.\n",
        sidecar='{"published": "2024-03-06"}',
    )
    kg.ingest([folder / "a.txt"], folder / "store")
    return folder / "store"


def test_an_organization_includes_what_its_named_people_did_marked_as_theirs(affiliated_store):
    g = kg.open(affiliated_store)
    rows = g.sparql("timeline", actor="Hamas")
    meeting = [r for r in rows if r["type"] == "Meeting"]
    assert (
        meeting
        and meeting[0]["via"] == "Yusuf Tamimi"
        and "Yusuf Tamimi" in meeting[0]["participants"]
    )
    assert [r["type"] for r in g.sparql("timeline", actor="Hamas", only=True)] == ["Statement"]
    assert all(not r["via"] for r in g.sparql("timeline", actor="Hamas", only=True))


def test_the_commands_take_only_and_show_via(affiliated_store, capsys):
    code, out, _ = kg_main(capsys, "timeline", "--store", affiliated_store, "--actor", "Hamas")
    assert code == 0 and "via" in out.splitlines()[0] and "Meeting" in out
    code, out, _ = kg_main(
        capsys, "timeline", "--store", affiliated_store, "--actor", "Hamas", "--only"
    )
    assert code == 0 and "Meeting" not in out
    code, out, _ = kg_main(
        capsys,
        "query",
        "meetings",
        "--store",
        affiliated_store,
        "--actor",
        "Hamas",
        "--format",
        "csv",
    )
    assert "Yusuf Tamimi" in out and out.splitlines()[0].split(",")[-1] == "via"


def test_an_unknown_actor_gets_did_you_mean_from_the_stores_names(affiliated_store, capsys):
    code, _, err = kg_main(capsys, "positions", "--store", affiliated_store, "--actor", "Tamimy")
    assert code == 2 and "no actor called 'Tamimy'" in err and "did you mean Yusuf Tamimi?" in err
    with pytest.raises(kg.KGError, match="did you mean Yusuf Tamimi"):
        kg.open(affiliated_store).sparql("positions", actor="Yusef Tamimi")
