"""Reading articles: text and HTML, metadata from sidecars and flags, and every kind of bad input."""

from datetime import date

import pytest
from conftest import SEED, write

from kg.errors import InputError
from kg.read.articles import find_articles, read_article

HTML = """<!doctype html><html><head><title>Envoys meet in Doha | Example News</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoys meet in Doha</h1>
<p>Qatari Prime Minister Mohammed bin Abdulrahman Al Thani met Hamas negotiators in Doha on Monday
to discuss a pause in the fighting.</p>
<p>The talks were constructive, a source familiar with the negotiations told Reuters, and will resume next week.</p>
</article><footer>Copyright Example News. Subscribe to our newsletter.</footer></body></html>"""


def test_text_article_has_headline_body_and_sidecar_metadata():
    a = read_article(SEED)
    assert a.title == "Israeli officials says 'gaps remain' after meeting on prisoner swap"
    assert a.published == date(2024, 1, 28)
    assert a.source == "Al Mayadeen English"
    assert a.body.startswith(a.title) and "Channel 12" in a.body
    # from its URL
    assert a.slug == "israeli-officials-says-gaps-remain-after-meeting-on-prison-dcaf4dc763"


def test_flags_override_the_sidecar():
    a = read_article(SEED, published="2024-02-01", source="Reuters", url="https://example.org/x")
    assert (a.published, a.source, a.url) == (date(2024, 2, 1), "Reuters", "https://example.org/x")


def test_html_page_is_reduced_to_its_main_text(tmp_path):
    page = tmp_path / "doha.html"
    page.write_text(HTML, encoding="utf-8")
    a = read_article(page, published="2024-01-29")
    assert "met Hamas negotiators in Doha" in a.body
    assert "Subscribe to our newsletter" not in a.body and "Home" not in a.body.split()
    assert "Envoys meet in Doha" in a.title


def test_a_directory_means_every_article_in_it(tmp_path):
    for name in ("b.txt", "a.html", "a.json", "notes.csv"):
        (tmp_path / name).write_text("x\ny\n")
    assert [p.name for p in find_articles([tmp_path])] == ["a.html", "b.txt"]


@pytest.mark.parametrize(
    "setup, problem",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: write(d / "empty.txt", "  \n"), "the file is empty"),
        (lambda d: write(d / "bin.txt", b"\x89PNG\x00\x00\x01"), "binary"),
        (
            lambda d: write(d / "latin.txt", "Caf\xe9 talks\nThe envoy said.".encode("latin-1")),
            "cannot decode the file as UTF-8",
        ),
        (lambda d: write(d / "bad.txt", "Talks\nThey met.", "{oops"), "malformed JSON at line 1"),
        (
            lambda d: write(d / "feb.txt", "Talks\nThey met.", '{"published": "2023-02-30"}'),
            "is not a real date",
        ),
        (
            lambda d: write(d / "word.txt", "Talks\nThey met.", '{"published": "last Tuesday"}'),
            "is not a date",
        ),
        (
            lambda d: write(d / "list.txt", "Talks\nThey met.", '["2024-01-01"]'),
            "is not a JSON object",
        ),
    ],
)
def test_bad_input_gets_one_clear_message_naming_it(tmp_path, setup, problem):
    path = setup(tmp_path)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert problem in str(err.value)
    assert path.stem in str(err.value)  # the message names the input
    assert err.value.hint  # and says what to do


def test_a_directory_without_articles_is_an_error(tmp_path):
    (tmp_path / "readme.csv").write_text("a,b")
    with pytest.raises(InputError, match="holds no article"):
        find_articles([tmp_path])
