"""The learned confidence: features, training on a tiny set of our own, the JSON model, the minimum confidence.

The training set here is a few sentences of our own with labels given by hand
(no scorer needed); one test labels an in-repo article of our own with the
scorer's matching, and skips when the scorer is not beside the project.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import EVAL, needs_shared

DATA = Path(__file__).parent / "data" / "training"
TEXTS = [
    "The Dockers Union and the Port Authority met in Rotterdam on Tuesday. Union leader Maria Janssen said the "
    "talks went well.",
    "The Farmers League and the Grain Board met in Lyon on Monday. Board chair Paul Roux said the offer was late.",
    "The Miners Guild met the Coal Council in Essen on Friday. Guild head Anna Berg said nothing had changed.",
    "The Bakers Union and the Flour Agency met in Porto on Sunday. Agency head Rui Costa said the deal was near.",
]


def unfiltered(text: str, n: int):
    from kg.ingestion import facts_of
    from kg.read.articles import Article

    article = Article(
        path=f"t{n}.txt",
        slug=f"t{n}",
        title="Headline",
        body=f"Headline\n{text}\n",
        published=date(2025, 3, 14),
    )
    return next(iter(facts_of([article], 0.0)))


@pytest.fixture(scope="module")
def examples():
    """Four tiny articles; by hand, meetings are right and statements wrong (a pattern the model must learn)."""
    from kg.training import Example

    out = []
    for n, text in enumerate(TEXTS):
        facts = unfiltered(text, n)
        labels = {
            f.key: int(getattr(f, "kind", "") == "Meeting")
            for f in (*facts.events, *facts.proposals, *facts.positions)
        }
        out.append(Example(Path(f"t{n}.gold.json"), facts, labels))
    return out


def test_the_model_learns_from_labelled_facts_and_scores_unseen_ones(examples):
    from kg.extract.confidence import scored
    from kg.training import fit

    model = fit(examples[:3])
    held_out = scored(examples[3].facts, model)
    score = dict(held_out.confidence)
    meetings = [score[e.key] for e in held_out.events if e.kind == "Meeting"]
    statements = [score[e.key] for e in held_out.events if e.kind == "Statement"]
    assert meetings and statements and min(meetings) > max(statements)


def test_the_model_round_trips_through_json_without_pickle(examples, tmp_path):
    from kg.extract.confidence import Model, fact_features
    from kg.training import fit

    model = fit(examples)
    path = tmp_path / "model.json"
    path.write_text(model.to_json())
    again = Model.from_json(path.read_text())
    fact = examples[0].facts.events[0]
    features = fact_features(fact, examples[0].facts)
    assert again.probability(features) == pytest.approx(model.probability(features))
    assert set(json.loads(path.read_text())) >= {"weights", "intercept", "min_confidence"}


def test_a_minimum_confidence_drops_weak_facts_and_keeps_the_actors(examples):
    from kg.extract.confidence import confident

    facts = examples[0].facts
    weak = facts.events[0].key
    facts = type(facts)(
        **{
            **facts.__dict__,
            "confidence": tuple((k, 0.1 if k == weak else 0.9) for k, _ in facts.confidence),
        }
    )
    kept = confident(facts, 0.5)
    assert weak not in {e.key for e in kept.events} and len(kept.events) == len(facts.events) - 1
    assert kept.actors == facts.actors
    assert confident(facts, 0) == facts


def test_the_shipped_model_scores_every_fact_and_its_default_is_a_probability():
    from kg.extract.confidence import default_min_confidence, shipped_model

    model = shipped_model()
    assert model is not None and 0 <= default_min_confidence() <= 1
    facts = unfiltered(TEXTS[0], 9)
    assert {k for k, _ in facts.confidence} == {
        f.key for f in (*facts.events, *facts.proposals, *facts.positions)
    }
    assert all(0 <= v <= 1 for _, v in facts.confidence)


def test_kg_extract_takes_a_minimum_confidence_and_explains_each_fact(tmp_path, capsys):
    from kg.cli import main

    article = DATA / "harbour-talks.txt"
    assert (
        main(
            [
                "extract",
                str(article),
                "--min-confidence",
                "0",
                "--explain",
                "-o",
                str(tmp_path / "all.ttl"),
            ]
        )
        == 0
    )
    everything = capsys.readouterr().out
    assert (
        "== facts kept (factuality, confidence)" in everything
        and "[Asserted] confidence 0." in everything
    )
    assert (
        main(
            [
                "extract",
                str(article),
                "--min-confidence",
                "1",
                "--explain",
                "-o",
                str(tmp_path / "none.ttl"),
            ]
        )
        == 0
    )
    nothing = capsys.readouterr().out
    assert "confidence 0." not in nothing.split("== facts kept")[1]
    with pytest.raises(SystemExit):
        main(["extract", str(article), "--min-confidence", "1.5"])


@needs_shared(EVAL / "score.py")
def test_training_labels_facts_by_the_scorer_s_matching(tmp_path):
    from kg.training import train

    model = train(
        EVAL / "score.py",
        [DATA / "harbour-talks.gold.json"] * 3,
        tmp_path / "model.json",
        folds=False,
    )
    assert (tmp_path / "model.json").exists() and model.weights
    from kg.training import article_facts, labels_of, load_scorer, score_counts

    scorer = load_scorer(EVAL / "score.py")
    facts = article_facts(DATA / "harbour-talks.gold.json")
    labels = labels_of(facts, score_counts(scorer, DATA / "harbour-talks.gold.json", facts)[1])
    right = {
        getattr(f, "kind", "Proposal") for f in (*facts.events, *facts.proposals) if labels[f.key]
    }
    assert right == {
        "Meeting",
        "Agreement",
        "Proposal",
    }  # one meeting of the two, not the statement
    assert sum(labels[e.key] for e in facts.events if e.kind == "Meeting") == 1


@pytest.fixture(scope="module")
def harbour_store(tmp_path_factory):
    from kg.ingestion import ingest
    from kg.store import GraphStore

    path = tmp_path_factory.mktemp("harbour") / "store"
    with GraphStore(path) as store:
        assert ingest([DATA / "harbour-talks.txt"], store, min_confidence=0).ok
    return path


def test_query_timeline_and_viz_leave_out_facts_under_a_minimum_confidence(
    harbour_store, tmp_path, capsys
):
    import kg
    from kg.cli import main

    everything = [
        "query",
        "SELECT ?e WHERE { ?e a nkg:Event }",
        "--store",
        str(harbour_store),
        "--format",
        "csv",
    ]
    assert main(everything) == 0
    all_rows = capsys.readouterr().out.strip().splitlines()
    assert main(everything + ["--min-confidence", "1"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == ["e"] and len(all_rows) > 1
    assert (
        main(
            ["timeline", "--store", str(harbour_store), "--format", "json", "--min-confidence", "1"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == []
    with kg.open(harbour_store) as g:
        kinds = {k for _, k in g.to_networkx(min_confidence=1).nodes(data="kind")}
        assert (
            "Meeting" in {k for _, k in g.to_networkx().nodes(data="kind")}
            and "Meeting" not in kinds
        )
    assert (
        main(
            [
                "viz",
                "--store",
                str(harbour_store),
                "-o",
                str(tmp_path / "g.html"),
                "--min-confidence",
                "1",
            ]
        )
        == 0
    )
