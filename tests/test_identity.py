"""The identity stage: which names of an article are one actor; lookups that change nothing."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from conftest import extract_text

from kg.identity.actors import actor_facts, merge_lines


def table_of(text: str):
    """The actor table of a one-paragraph article ``text``."""
    from kg.annotate import annotate
    from kg.identity import ActorTable
    from kg.read.articles import Article

    article = Article("a.txt", "a", "Headline", f"Headline\n{text}\n", date(2024, 3, 4))
    return ActorTable(next(annotate([article])))


def labels_of(table, kind: str) -> set[str]:
    return {a.label for a in actor_facts(table) if a.kind == kind}


MINISTER = (
    "Jane Whitfield, Norway's foreign minister, met rebel envoys on Monday. "
    "Ms. Whitfield said the talks had gone well. The foreign minister then flew home."
)
FRONT = (
    "The Karelian Liberation Front agreed to a pause in the fighting on Monday. "
    "A day later the KLF said it wanted guarantees. "
    "The group said its fighters would stay put."
)
COUNTERPART = (
    "Jane Whitfield, Norway's foreign minister, flew to Helsinki on Monday. On Tuesday, "
    "Finnish Foreign Minister Pekka Laine met his Norwegian counterpart on a truce."
)


def test_a_courtesy_title_and_a_surname_are_the_person_named_in_full():
    table = table_of(MINISTER)
    assert labels_of(table, "Person") == {"Jane Whitfield"}
    whitfield = next(a for a in actor_facts(table) if a.label == "Jane Whitfield")
    assert "Whitfield" in whitfield.aliases


def test_an_acronym_is_the_organization_whose_initials_it_spells():
    table = table_of(FRONT)
    assert labels_of(table, "Organization") == {"Karelian Liberation Front"}
    assert "KLF" in next(a for a in actor_facts(table) if a.kind == "Organization").aliases


def test_an_acronym_without_its_expansion_in_the_article_stays_itself():
    table = table_of("The KLF said on Monday that it wanted guarantees before any pause.")
    assert "Karelian Liberation Front" not in labels_of(table, "Organization")


def test_the_table_says_why_each_shorter_or_other_name_is_the_actor():
    table = table_of(MINISTER + " " + FRONT)
    lines = merge_lines(table)
    shorter = 'Jane Whitfield (Person): "Whitfield", paragraph 1: a shorter form of Jane Whitfield'
    assert shorter in lines
    assert any(
        line.startswith('Karelian Liberation Front (Organization): "KLF"')
        and line.endswith("the initials of Karelian Liberation Front")
        for line in lines
    )
    # a name repeated as written needs no reason
    assert not any('"Jane Whitfield"' in line for line in lines)


def test_two_people_with_one_surname_leave_the_surname_to_neither():
    table = table_of(
        "Jane Whitfield met Tom Whitfield in Oslo on Monday. Whitfield said the talks were useful."
    )
    assert labels_of(table, "Person") >= {"Jane Whitfield", "Tom Whitfield"}
    assert not any('"Whitfield"' in line for line in merge_lines(table))


def test_kg_extract_explain_says_why_a_shorter_name_is_the_actor(tmp_path, capsys):
    from kg.cli import main

    article = tmp_path / "talks.txt"
    article.write_text(f"Talks in Oslo\n{MINISTER}\n{FRONT}\n", encoding="utf-8")
    assert (
        main(
            [
                "extract",
                str(article),
                "--published",
                "2024-03-04",
                "--explain",
                "-o",
                str(tmp_path / "talks.trig"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "identity → 'Whitfield' is Jane Whitfield (a shorter form of Jane Whitfield)" in out
    assert (
        "identity → 'KLF' is Karelian Liberation Front (the initials of Karelian Liberation Front)"
    ) in out


def test_a_generic_noun_is_resolved_in_the_article_but_never_kept_as_a_name():
    facts = extract_text(
        "The Karelian Liberation Front agreed to a pause in the fighting. "
        "On Wednesday the group rejected a proposal from the mediators."
    )
    front = next(a for a in facts.actors if a.label == "Karelian Liberation Front")
    assert not any("group" in alias.lower() for alias in front.aliases)
    rejected = [p for p in facts.positions if "Rejects" in p.stances]
    assert [p.holder for p in rejected] == [front.ref]
    # the graph says why "the group" is this actor, as a note of this article only
    notes = [note.split(":")[0] for ref, note in facts.resolutions if ref == front.ref]
    assert notes == ["the group"]


def test_a_generic_noun_with_nothing_named_before_it_is_no_one():
    table = table_of("The group said on Monday that its fighters would stay in their positions.")
    assert labels_of(table, "Organization") == set()


def every_token(table):
    return [(par, tok.i) for par, doc in enumerate(table.docs) for tok in doc]


def test_looking_up_tokens_changes_nothing_whatever_the_order():
    table = table_of(MINISTER + " " + FRONT)
    before = actor_facts(table)
    forward = [table.resolve(par, i) for par, i in every_token(table)]
    assert actor_facts(table) == before
    backward = [table.resolve(par, i) for par, i in reversed(every_token(table))]
    assert backward[::-1] == forward
    assert actor_facts(table) == before
    firsts = [r.refs[0] if r.refs else None for r in forward]
    assert [table.actor_at(par, i) for par, i in every_token(table)] == firsts


def test_a_counterpart_names_the_person_and_is_an_alias_only_when_its_resolution_is_kept():
    table = table_of(COUNTERPART)
    doc = table.docs[1]
    found = table.resolve(1, next(t.i for t in doc if t.lower_ == "counterpart"))
    assert [r.label for r in found.refs] == ["Jane Whitfield"]
    assert [name for _, name in found.names] == ["Norwegian counterpart"]
    person = lambda actors: next(a for a in actors if a.label == "Jane Whitfield")
    assert "Norwegian counterpart" in person(actor_facts(table, resolved=[found])).aliases
    # the table remembers nothing of the lookup: a caller that did not keep it has no such alias
    assert "Norwegian counterpart" not in person(actor_facts(table)).aliases


def test_a_counterpart_met_in_a_fact_is_the_person_and_keeps_the_phrase_as_another_name():
    facts = extract_text(COUNTERPART)
    met = [e for e in facts.events if e.kind == "Meeting"]
    assert met and {p.label for p in met[0].participants} == {"Pekka Laine", "Jane Whitfield"}
    whitfield = next(a for a in facts.actors if a.label == "Jane Whitfield")
    assert "Norwegian counterpart" in whitfield.aliases


def affiliations_of(text: str, person: str) -> set[str]:
    """The labels of the actors ``person`` acts for in a one-paragraph article ``text``."""
    actors = actor_facts(table_of(text))
    return {a.label for a in next(a for a in actors if a.label == person).affiliations}


@pytest.mark.parametrize(
    ("text", "person", "side"),
    [
        ("Laotian Prime Minister Kham Vongsa said the border would reopen.", "Kham Vongsa", "Laos"),
        (
            "The Peruvian foreign minister, Rosa Quispe, said talks would go on.",
            "Rosa Quispe",
            "Peru",
        ),
        ("Chile's mining minister Ana Rojas met the union on Friday.", "Ana Rojas", "Chile"),
        ("Ugandan negotiator Moses Okello said a deal was close.", "Moses Okello", "Uganda"),
        ("Norway's fisheries spokesman Lars Dahl denied the report.", "Lars Dahl", "Norway"),
    ],
)
def test_a_title_with_a_demonym_or_a_possessive_country_gives_the_holder_that_side(
    text, person, side
):
    assert side in affiliations_of(text, person)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Troops massed on the Laotian border, Kham Vongsa said.", "Kham Vongsa"),
        ("A Peruvian-made drone hit the depot, said Rosa Quispe.", "Rosa Quispe"),
        ("John Mwangi said the Ugandan-brokered deal was signed.", "John Mwangi"),
        ("An Austrian hostage, Lena Gruber, was freed on Monday.", "Lena Gruber"),
        ("Austrian hostage Lena Gruber was freed on Monday.", "Lena Gruber"),
        ("Lena Gruber, an Austrian citizen, was released at the crossing.", "Lena Gruber"),
    ],
)
def test_a_national_who_holds_no_office_is_no_side_s_agent(text, person):
    assert affiliations_of(text, person) == set()


def test_a_demonym_inside_an_organization_name_is_the_organization_not_the_country():
    text = "Turkish Airlines chief Omer Demir said flights to the region would resume."
    assert affiliations_of(text, "Omer Demir") == {"Turkish Airlines"}


def test_the_identity_package_loads_without_spacy_for_names_across_articles_and_labels():
    code = (
        "import sys, kg.identity; from kg.identity import plain, NameIndex, reconcile_labels; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "name",
    ["ActorTable", "Resolution", "MentionCollector", "NameIndex", "full_names", "reconcile_labels"],
)
def test_the_stage_names_its_public_parts(name):
    import kg.identity

    assert name in kg.identity.__all__ and getattr(kg.identity, name).__name__ == name


def test_an_unknown_name_of_the_stage_is_an_attribute_error():
    import kg.identity

    with pytest.raises(AttributeError, match="no attribute 'ActorTables'"):
        kg.identity.ActorTables  # noqa: B018
