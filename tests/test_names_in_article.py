"""Names an article gives an actor within itself: a name given "known as", a title in apposition,
a generic noun that refers back, a coalition led by a country. Sentences are the tests' own."""

from __future__ import annotations

from datetime import date

from kg.identity.actors import actor_facts

FRONT = "The Karelian Liberation Front signed a truce with Norway on Monday. "


def actors(table) -> dict[str, object]:
    return {a.label: a for a in actor_facts(table)}


def test_a_name_known_as_joins_the_organization_the_noun_ends():
    text = FRONT + "Ola Berg, who heads the rebel front known as KVL, said the KVL would disarm."
    found = actors(table_of_text(text))
    assert "KVL" not in found
    assert "KVL" in found["Karelian Liberation Front"].aliases


def test_a_name_followed_by_as_the_noun_is_known_joins_it_too():
    found = actors(table_of_text(FRONT + "KVL, as the front is known, said it would disarm."))
    assert "KVL" not in found
    assert "KVL" in found["Karelian Liberation Front"].aliases


def test_a_name_known_as_for_another_kind_of_noun_stays_its_own_actor():
    found = actors(table_of_text(FRONT + "A rebel group known as KVL said it would not disarm."))
    assert {"KVL", "Karelian Liberation Front"} <= set(found)


def test_a_title_in_apposition_with_a_name_is_the_person_not_a_group():
    table = table_of_text("Norway's incoming peace envoy, Kari Dahl, met rebel leaders on Monday.")
    envoy = next(t for t in table.docs[1] if t.lower_ == "envoy")
    assert table.actor_at(1, envoy.i).label == "Kari Dahl"
    assert {"Norway's incoming peace envoy", "incoming peace envoy"} <= set(
        actors(table)["Kari Dahl"].aliases
    )


def test_a_title_without_a_name_beside_it_stays_a_group():
    table = table_of_text("Norway's peace envoy met rebel leaders in Oslo on Monday.")
    envoy = next(t for t in table.docs[1] if t.lower_ == "envoy")
    assert table.actor_at(1, envoy.i).kind == "Group"


def test_a_coalition_led_by_a_country_is_an_organization_of_that_country():
    text = (
        "The Brazilian-led coalition and the Karelian Liberation Front agreed to a truce on "
        "Monday. In a written message on Tuesday, the coalition promised to stop shelling the port."
    )
    table = table_of_text(text)
    coalition = actors(table)["Brazilian-led coalition"]
    assert coalition.kind == "Organization"
    said = next(t for t in table.docs[1] if t.lower_ == "coalition" and t.i > 15)
    assert table.actor_at(1, said.i).label == "Brazilian-led coalition"


def test_a_generic_noun_of_one_kind_finds_no_organization_of_another():
    text = (
        "Norway said the Karelian Liberation Front had accepted. "
        "In a written message on Tuesday, the coalition promised to stop shelling the port."
    )
    table = table_of_text(text)
    said = next(t for t in table.docs[1] if t.lower_ == "coalition")
    assert table.actors_at(1, said.i) == []


def test_a_noun_any_organization_is_still_finds_the_one_named_last():
    table = table_of_text(FRONT + "The group said its fighters would stay put.")
    said = next(t for t in table.docs[1] if t.lower_ == "group")
    assert table.actor_at(1, said.i).label == "Karelian Liberation Front"


_TABLES: dict[str, object] = {}


def table_of_text(text: str):
    """The actor table of a one-paragraph article (built once per text)."""
    if text not in _TABLES:
        from kg.annotate import annotate
        from kg.identity import ActorTable
        from kg.read.articles import Article

        article = Article("a.txt", "a", "Headline", f"Headline\n{text}\n", date(2024, 3, 4))
        _TABLES[text] = ActorTable(next(annotate([article])))
    return _TABLES[text]


def test_the_seat_of_a_government_speaking_is_an_organization_of_its_country():
    found = actors(table_of_text("The Kremlin said on Monday that the truce would hold."))
    assert found["Kremlin"].kind == "Organization"
    assert "Russia" in {a.label for a in found["Kremlin"].affiliations}
