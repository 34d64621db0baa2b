"""Files → Articles: formats, bad input, page chrome and publication dates."""

from __future__ import annotations

import json
from datetime import date

import pytest

import re

from extractor.documents import (CHROME_LINES, build_article, find_boilerplate, is_anchored, iter_lines, load_articles,
                                 might_be_chrome, parse_articles)
from extractor.errors import ArticleError

SEED_DATES = [
    # (seed file prefix, publication date, how it was determined)
    ("000", date(2026, 1, 23), "latest_dated_event"),
    ("001", date(2026, 1, 15), "latest_dated_event"),
    ("002", date(2026, 1, 23), "dateline"),
    ("003", date(2026, 1, 13), "as_of_lead"),
    ("004", date(2026, 1, 12), "as_of_lead"),
]


@pytest.mark.parametrize(("prefix", "published", "basis"), SEED_DATES)
def test_seed_publication_dates(seed_dir, prefix, published, basis):
    path = next(seed_dir.glob(f"{prefix}_*.txt"))
    article = load_articles(path, root=seed_dir)[0]
    assert article.published == published
    assert article.published_basis.startswith(basis)


def test_site_dateline_is_not_the_publication_date(seed_dir):
    article = load_articles(next(seed_dir.glob("004_*.txt")), root=seed_dir)[0]
    assert "September 01, 2020" in article.published_basis and "ignored" in article.published_basis


def test_002_market_date_is_the_day_before_publication(seed_dir):
    article = load_articles(next(seed_dir.glob("002_*.txt")), root=seed_dir)[0]
    assert article.as_of == date(2026, 1, 22)


CHROME = [
    ("Sign In  |  Register  |  About Us", "navigation"),
    ("#small_caps #russell_2000 #market_rotation", "tag cloud"),
    ("This content is intended for informational purposes only and is not financial advice.", "disclaimer"),
    ("Copyright © 2010-2020 Example.com. All rights reserved.", "copyright"),
    ("AMZN\u00a0 246.47", "quote table"),
    ("-0.91 (-0.37%)", "quote table"),
    ("Related Stocks", "widget"),
]


@pytest.mark.parametrize(("line", "reason"), CHROME)
def test_chrome_lines(line, reason):
    text = "The Russell 2000 rose 2% on Monday as small caps extended gains across every sector of the market.\n" + line + "\n"
    spans = find_boilerplate(text)
    assert [(text[s.start:s.end], s.reason) for s in spans] == [(line, reason)]


def test_article_text_is_not_chrome():
    text = "The Anatomy of a Record-Breaking Run\nThe Russell 2000 rose 2% on Monday as small caps extended gains.\n"
    assert find_boilerplate(text) == ()


ANCHORING = [
    # (pattern, does every match start at the line's start)
    (r"^abc", True),
    (r"^a|^b", True),
    (r"^(a|b)c", True),
    (r"(?:^a|^b)", True),  # a non-capturing group is part of its pattern
    (r"^a|b", False),
    (r"a^", False),
    (r"(?m)^a", False),
]


@pytest.mark.parametrize(("pattern", "anchored"), ANCHORING)
def test_is_anchored(pattern, anchored):
    assert is_anchored(re.compile(pattern)) is anchored


# Lines each pattern of CHROME_LINES matches and a few that none matches, plus the sample corpus's lines.
CHROME_PROBES = [line for line, _ in CHROME] + [
    "  you do NOT constitute investment advice", "Terms of Use", "Quotes delayed 15 minutes", "--", "^RUT 2,456.10",
    "- short bullet here", "• up 3 straight sessions", "a | b", "|", "The S&P 500 rose 1.2% on Monday.", "",
    "\u00a9 2024 Example", "COPYRIGHT\u00a9", "ALL RIGHTS RESERVED.", "See our PRIVACY POLICY", "\u017fee our privacy policy",
    "This DOES NOT CONSTITUTE FINANCIAL ADVICE", "it does not constitute advice",
]


def test_chrome_test_is_the_alternation_of_every_pattern(seed_dir):
    """might_be_chrome (anchored patterns matched, the others searched) is the one search of them all it replaced."""
    everything = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in CHROME_LINES), re.I)
    lines = CHROME_PROBES + [line.strip() for path in sorted(seed_dir.iterdir())
                             for _, _, line in iter_lines(path.read_text(encoding="utf-8"))]
    assert [might_be_chrome(line) for line in lines] == [everything.search(line) is not None for line in lines]


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n", "empty file"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 10, "binary data"),
    ("broken.json", b'{"text": "The Russell 2000 rose 2%",', "invalid JSON"),
    ("list.json", b"[1, 2, 3]", "not an article record"),
    ("nokey.json", b'{"title": "no text"}', "not an article record"),
    ("bad.jsonl", b'{"text": "ok"}\nnot json\n', "invalid JSON"),
    ("empty.html", b"<html><body><script>var x=1;</script></body></html>", "no extractable article text"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_files_raise_clear_errors(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=reason):
        load_articles(path, root=tmp_path)


def test_cp1252_file_with_curly_quotes_is_decoded(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("The Russell 2000\u2019s \u201crally\u201d rose 2.5%.".encode("cp1252"))
    article = load_articles(path, root=tmp_path)[0]
    assert "\u2019s \u201crally\u201d" in article.text


def test_json_record_metadata_wins(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "On January 5, 2026 the Russell 2000 rose 2%.", "published": "2026-01-06T10:00:00Z",
                                "url": "https://example.com/a", "title": "A"}))
    article = load_articles(path, root=tmp_path)[0]
    assert (article.published, article.published_basis, article.url) == (date(2026, 1, 6), "metadata", "https://example.com/a")


def test_jsonl_holds_many_articles(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"The Russell 2000 rose {n}% today."}) for n in range(3)))
    assert [a.path for a in load_articles(path, root=tmp_path)] == ["many.jsonl#1", "many.jsonl#2", "many.jsonl#3"]


def test_html_main_text_and_meta_date(tmp_path):
    html = ("<html><head><meta property='article:published_time' content='2026-01-15'></head><body>"
            "<nav>Home | Markets | Sign in</nav><article><h1>Small caps</h1>"
            "<p>The Russell 2000 closed at 2,718.77 on January 22, 2026, its 14th straight gain.</p></article></body></html>")
    path = tmp_path / "a.html"
    path.write_text(html)
    article = load_articles(path, root=tmp_path)[0]
    chrome = [article.text[s.start:s.end] for s in article.boilerplate]
    assert "2,718.77" in article.text and all("Sign in" not in line or line in chrome for line in article.text.splitlines())
    assert article.published == date(2026, 1, 15)


def test_ids_are_content_hashes():
    a = build_article("a.txt", "txt", "The Russell 2000 rose 2%.")
    b = build_article("b.txt", "txt", "The Russell 2000 rose 2%.")
    assert a.id == b.id and a.path != b.path


IMPOSSIBLE_DATES = [
    # (text, publication date) — found by hypothesis: an impossible dateline crashed build_article
    ("February 30, 2026", None),
    ("As of February 30, 2026, the Russell 2000 closed at 2,718.77.", None),
    ("January 22, 2026\nAs of February 30, 2026, the Russell 2000 closed at 2,718.77.", date(2026, 1, 22)),
]


@pytest.mark.parametrize(("text", "published"), IMPOSSIBLE_DATES)
def test_impossible_datelines_are_ignored(text, published):
    assert build_article("a.txt", "txt", text).published == published


def test_impossible_metadata_date_is_ignored():
    record = {"text": "The Russell 2000 closed at 2,718.77.", "published": "February 30, 2026"}
    assert parse_articles("a.json", json.dumps(record).encode())[0].published is None
