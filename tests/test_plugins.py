"""The registry of plug-ins: a package installed beside negotiation-kg brings an extraction
component that finds its own actors and an export format, through entry points; the CLI and the
library choose them by name, worker processes (spawned, Dask) find them, and the component's facts
merge with the rules' without duplicates and without shape failures."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from kg import plugins

# a gazetteer of names of our own invention: a person, an organization, a group the parser
# does not know as an entity (lower case), each found by its surface text
GAZETTEER = textwrap.dedent('''
    """A plug-in package: a gazetteer component (invented names, the meetings and rejections they
    take part in), two merge policies, an export format and a store backend."""
    import os

    from kg.extract.pipeline import Extraction
    from kg.facts import ActorSpan, Event
    from kg.store.oxigraph import OxigraphBackend

    NAMES = {"Ilsa Varnholt": "Person", "Kestrel Accord Group": "Organization",
             "marrowfield circle": "Group"}
    VERBS = {" met ": "Meeting", " rejected ": "Statement"}


    def gazetteer(ctx):
        log = os.environ.get("GAZETTEER_PIDS")
        if log:
            with open(log, "a") as f:
                f.write(f"{os.getpid()}\\n")
        events, spans, confidence = [], [], []
        for s in ctx.sentences:
            text, start = s.evidence.text, s.evidence.start
            found = [ActorSpan(kind, name, start + text.find(name), start + text.find(name) + len(name))
                     for name, kind in NAMES.items() if name in text]
            kind = next((k for verb, k in VERBS.items() if verb in text), None)
            if not found or kind is None:
                continue
            key = f"gazetteer-{kind.lower()}-{start}"
            events.append(Event(key, kind, participants=tuple(f.ref for f in found),
                                evidence=(s.evidence,), rule="gazetteer"))
            spans.extend(found)
            confidence.append((key, 0.99 if len(found) > 1 else 0.6))
        return Extraction(events=tuple(events), mentions=tuple(spans), confidence=tuple(confidence))


    def rules_alone(ctx, found):
        """A merge policy: the rules' facts, the other components' left out."""
        from kg import plugins

        return plugins.get("merger", "rules")(ctx, [x for x in found if x.source == "rules"])


    def logged_spans(ctx, found):
        """A merge policy: the default one, saying in which process it ran."""
        from kg import plugins

        with open(os.environ["MERGER_PIDS"], "a") as f:
            f.write(f"{os.getpid()}\\n")
        return plugins.get("merger", "spans")(ctx, found)


    class MemoryBackend(OxigraphBackend):
        """A store in memory, at the location "memory:"."""

        @classmethod
        def handles(cls, location):
            return location == "memory:"

        def __init__(self, location, **options):
            super().__init__(None, **options)


    def actor_count(store, folder):
        path = folder / "actor-count.txt"
        path.write_text(str(store.summary()["actors"]))
        return [path]
''')

ARTICLE = (
    "Envoys meet in Doha\n"
    "Ilsa Varnholt met the Kestrel Accord Group in Doha on Monday, the ministry said.\n"
    "Envoys of the marrowfield circle met Qatari officials in Doha on Tuesday.\n"
    "The marrowfield circle rejected the proposal on Wednesday.\n"
)


@pytest.fixture()
def installed_plugin(tmp_path, monkeypatch):
    """A distribution ``nkg-gazetteer`` on ``sys.path`` (and PYTHONPATH, for worker processes), as
    pip would install it: a module, and a ``*.dist-info`` with its entry points."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "nkg_gazetteer.py").write_text(GAZETTEER)
    info = site / "nkg_gazetteer-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nkg-gazetteer\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[negotiation_kg.components]\ngazetteer = nkg_gazetteer:gazetteer\n\n"
        "[negotiation_kg.mergers]\nrules-alone = nkg_gazetteer:rules_alone\n"
        "logged-spans = nkg_gazetteer:logged_spans\n\n"
        "[negotiation_kg.exports]\nactor-count = nkg_gazetteer:actor_count\n\n"
        "[negotiation_kg.backends]\nmemory = nkg_gazetteer:MemoryBackend\n"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    )
    monkeypatch.setenv("GAZETTEER_PIDS", str(tmp_path / "pids.txt"))
    monkeypatch.setenv("MERGER_PIDS", str(tmp_path / "merger-pids.txt"))
    plugins.refresh()
    yield site
    plugins.refresh()


@pytest.fixture()
def article(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / "envoys.txt"
    path.write_text(ARTICLE)
    path.with_suffix(".json").write_text('{"published": "2024-01-28"}')
    return folder


def worker_pids(tmp_path, log: str = "pids.txt") -> set[int]:
    return {int(line) for line in (tmp_path / log).read_text().split()}


def meetings_in(facts, sentence: str):
    start = ARTICLE.index(sentence)
    return [
        e
        for e in facts.events
        if e.kind == "Meeting" and any(ev.start == start for ev in e.evidence)
    ]


def test_an_entry_point_component_finds_its_own_actors_and_merges_with_the_rules(
    installed_plugin, article
):
    from kg.ingestion import ingest
    from kg.store import GraphStore
    from kg.validate import validate_store

    assert plugins.origin("component", "gazetteer") == "entry point of nkg-gazetteer"
    store = GraphStore()
    facts = ingest([article], store, components="rules,gazetteer", keep_facts=True).facts[0]
    # found by both with the same parties: one meeting, the more confident kept (the gazetteer's);
    # the second sentence's meetings name no party in common (the rules' envoys and officials,
    # the gazetteer's circle): two meetings, neither loses its participants
    first, second = (meetings_in(facts, s) for s in ("Ilsa Varnholt met", "Envoys of the"))
    assert [e.rule for e in first] == ["gazetteer"]
    assert sorted(e.rule for e in second) == ["gazetteer", "meeting-verb:meet"]
    assert dict(facts.contributors)[first[0].key] == ("rules", "gazetteer")
    # the gazetteer's spans: the rules' actor where they overlap, else a new actor
    actors = {a.ref: a for a in facts.actors}
    assert {p.label for p in first[0].participants} == {"Ilsa Varnholt", "Kestrel Accord Group"}
    rejection = next(e for e in facts.events if e.kind == "Statement" and e.rule == "gazetteer")
    circle = rejection.participants[0]
    assert circle.label == "marrowfield circle" and circle.kind == "Group"
    assert [ev.text[:15] for ev in actors[circle].evidence] == [
        "Envoys of the m",
        "The marrowfield",
    ]
    used = {p for e in facts.events for p in (*e.participants, *e.reported_by, *e.mediators)}
    assert used <= set(actors)  # nobody dangling
    assert validate_store(store).conforms


def test_spawned_workers_find_the_component_chosen_on_the_command_line(
    installed_plugin, article, tmp_path, capsys
):
    from kg.cli import main

    store = tmp_path / "store"
    assert (
        main(
            [
                "ingest",
                str(article),
                "--store",
                str(store),
                "--components",
                "rules,gazetteer",
                "--merge-policy",
                "logged-spans",
                "-j",
                "2",
                "-q",
            ]
        )
        == 0
    )
    assert os.getpid() not in worker_pids(tmp_path)  # it ran in a worker, which found it by name
    # and so did the merge policy chosen with it
    assert worker_pids(tmp_path, "merger-pids.txt") and os.getpid() not in worker_pids(
        tmp_path, "merger-pids.txt"
    )
    assert main(["validate", "--store", str(store)]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "SELECT ?l WHERE { ?a a nkg:Actor ; rdfs:label ?l }",
                "--store",
                str(store),
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert "marrowfield circle" in capsys.readouterr().out


def test_dask_workers_find_the_component(installed_plugin, article, tmp_path):
    pytest.importorskip("dask.distributed")
    from kg.ingestion import ingest
    from kg.store import GraphStore

    report = ingest(
        [article],
        GraphStore(),
        components=["rules", "gazetteer"],
        scheduler="local",
        workers=1,
        keep_facts=True,
    )
    assert report.ok, report.failed
    assert os.getpid() not in worker_pids(tmp_path)
    assert len(meetings_in(report.facts[0], "Ilsa Varnholt met")) == 1


def test_explain_says_which_components_found_each_fact(installed_plugin, article, capsys):
    from kg.cli import main

    assert (
        main(
            ["extract", str(article / "envoys.txt"), "--components", "rules,gazetteer", "--explain"]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "found by rules, gazetteer" in err and "'marrowfield circle': a new Group" in err
    assert "merge →" in err and "kept over" in err


def test_the_merge_policy_is_chosen_on_the_command_line(installed_plugin, article, capsys):
    from kg.cli import main

    envoys = str(article / "envoys.txt")
    circle = '"marrowfield circle"'  # the gazetteer's actor, by its label
    assert main(["extract", envoys, "--components", "rules,gazetteer"]) == 0
    assert circle in capsys.readouterr().out  # the default merge keeps the gazetteer's facts
    chosen = ["--components", "rules,gazetteer", "--merge-policy", "rules-alone"]
    assert main(["extract", envoys, *chosen]) == 0
    out = capsys.readouterr().out
    assert circle not in out and '"Ilsa Varnholt"' in out
    assert main(["extract", envoys, *chosen[2:]]) == 0
    assert capsys.readouterr().out == out  # with the rules alone, this policy is the rules' merge


def test_an_entry_point_export_format_is_written_alone(
    installed_plugin, seed_store_path, tmp_path, capsys
):
    from kg.cli import main

    out = tmp_path / "exports"
    out.mkdir()
    (out / "graph.trig").write_text("an earlier export")
    assert (
        main(["export", "--store", str(seed_store_path), "-o", str(out), "--format", "actor-count"])
        == 0
    )
    assert int((out / "actor-count.txt").read_text()) > 0
    assert (out / "graph.trig").read_text() == "an earlier export"  # the other formats' files stay
    assert sorted(p.name for p in out.iterdir()) == ["actor-count.txt", "graph.trig"]


def test_an_entry_point_backend_opens_the_locations_it_handles(installed_plugin, article):
    from kg.ingestion import ingest
    from kg.store import GraphStore

    with GraphStore("memory:") as store:
        assert type(store.backend).__name__ == "MemoryBackend"
        assert ingest([article], store).ok and store.summary()["articles"] == 1
    assert type(GraphStore().backend).__name__ == "OxigraphBackend"  # the others: as before


def test_unknown_names_are_refused_with_the_registered_ones(
    seed_store_path, tmp_path, article, capsys
):
    from kg.cli import main

    assert (
        main(
            [
                "export",
                "--store",
                str(seed_store_path),
                "-o",
                str(tmp_path / "out"),
                "--format",
                "pdf",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "export format 'pdf': not one of those registered (graph-page, graphml, jsonld" in err
    assert not (tmp_path / "out").exists()
    assert main(["extract", str(article), "--components", "rules,ner"]) == 2
    assert (
        "extraction component 'ner': not one of those registered (deal-life, events"
        in capsys.readouterr().err
    )
    store = tmp_path / "store"
    assert main(["ingest", str(article), "--store", str(store), "--merge-policy", "longest"]) == 2
    assert (
        "merge policy 'longest': not one of those registered (rules, spans)"
        in capsys.readouterr().err
    )
    assert not store.exists()  # refused before the store was opened


def test_a_misspelt_merge_policy_gets_the_closest_name_and_an_empty_one_its_own_message(
    article, tmp_path, capsys
):
    from kg.annotate import annotate
    from kg.cli import main
    from kg.extract import extract_facts
    from kg.plugins import UnknownPlugin
    from kg.read.articles import Article

    assert main(["extract", str(article), "--merge-policy", "Spans"]) == 2
    err = capsys.readouterr().err
    assert "merge policy 'Spans': not one of those registered (rules, spans)" in err
    assert 'did you mean "spans"?' in err
    assert main(["extract", str(article), "--merge-policy", "longest"]) == 2
    assert "did you mean" not in capsys.readouterr().err  # nothing registered is like it
    store = tmp_path / "store"
    assert main(["ingest", str(article), "--store", str(store), "--merge-policy", ""]) == 2
    err = capsys.readouterr().err
    assert "merge policy: the name is empty" in err and "default (spans)" in err
    assert not store.exists()
    # a Python caller is told of the policy, not of a command-line flag
    parsed = next(annotate([Article("a.txt", "a", "T", "T\nThe envoys met on Friday.")]))
    with pytest.raises(UnknownPlugin, match="merge policy 'rule': .*did you mean \"rules\"") as e:
        extract_facts(parsed, merge="rule")
    assert "--" not in str(e.value)


def test_a_component_registered_at_run_time_is_refused_for_workers(article, tmp_path):
    from kg.errors import InputError
    from kg.extract.pipeline import Extraction, component
    from kg.ingestion import ingest
    from kg.store import GraphStore

    @component("script-only")
    def script_only(ctx):
        return Extraction()

    try:
        with pytest.raises(InputError, match="script-only registered at run time.*entry point"):
            ingest([article], GraphStore(), components="rules,script-only", workers=2)
        assert ingest([article], GraphStore(), components="rules,script-only", workers=1).ok
    finally:
        plugins.unregister("component", "script-only")


def test_a_merge_policy_registered_at_run_time_is_refused_for_workers(article):
    from kg.errors import InputError
    from kg.extract.pipeline import merger
    from kg.ingestion import ingest
    from kg.store import GraphStore

    @merger("first-only")
    def first_only(ctx, found):
        return plugins.get("merger", "spans")(ctx, found[:1])

    try:
        with pytest.raises(InputError, match="first-only': registered at run time.*mergers"):
            ingest([article], GraphStore(), merge="first-only", workers=2)
        assert ingest([article], GraphStore(), merge="first-only", workers=1).ok
    finally:
        plugins.unregister("merger", "first-only")


def test_keys_two_components_share_are_told_apart():
    from kg.extract.merging import keys_apart
    from kg.extract.pipeline import Extraction
    from kg.facts import Event, Evidence

    said = Evidence("Chad said so.", 0, 13)
    rules = Extraction(
        events=(Event("statement-0", "Statement", evidence=(said,)),), source="rules"
    )
    other = Extraction(
        events=(Event("statement-0", "Statement", evidence=(said,)),),
        orderings=(("statement-0", "x"),),
        source="my model",
    )
    (a, b), source_of = keys_apart([rules, other])
    assert [e.key for e in b.events] == ["statement-0-my-model"] and b.orderings == (
        ("statement-0-my-model", "x"),
    )
    assert source_of == {"statement-0": "rules", "statement-0-my-model": "my model"}


def test_with_the_rules_alone_the_merge_is_the_rules_own():
    from datetime import date

    from kg.annotate import annotate
    from kg.extract import extract_facts
    from kg.read.articles import Article

    annotated = next(
        annotate([Article("a.txt", "a", "Envoys meet in Doha", ARTICLE, date(2024, 1, 28))])
    )
    facts = extract_facts(annotated)
    assert (
        facts == extract_facts(annotated, merge="rules") and facts.events and not facts.contributors
    )
