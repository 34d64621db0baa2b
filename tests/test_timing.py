"""The time stage on whole articles: which session each claim is pinned to, and why (our own sentences)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extractor.documents import build_article, parse_articles
from extractor.models import Claim
from extractor.normalize import normalize_candidate
from extractor.timing import pin_times, publication_time


def pinned(rules, market, text: str, published: date | None, **meta) -> list[Claim]:
    article = build_article("t.txt", "txt", text, published=published, **meta)
    results = [normalize_candidate(c, article) for c in pin_times(rules.extract(article), article, market.calendar, market)]
    return [r for r in results if isinstance(r, Claim)]


def find(claims: list[Claim], kind: str, value: str) -> Claim:
    found = [c for c in claims if c.kind == kind and str(c.value) == value]
    assert found, [(c.kind, str(c.value), c.as_of) for c in claims]
    return found[0]


CASES = [
    # (text, published, kind, value, expected as_of, expected basis)
    ("The S&P 500 rose 0.6% on the day.", date(2026, 1, 24), "pct_change", "0.6", date(2026, 1, 23), "day"),  # a Saturday wrap
    ("The S&P 500 rose 0.6% on the day.", date(2026, 1, 19), "pct_change", "0.6", date(2026, 1, 16), "day"),  # MLK Day
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%. The S&P 500 lost 2.1%.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 20), "day"),  # a stated date carries through its paragraph
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%.\n\nThe S&P 500 lost 2.1%.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 23), "day"),  # … but not into the next paragraph
    ("The S&P 500 climbed 1.1% for the week.", date(2026, 1, 23), "pct_change", "1.1", date(2026, 1, 23), "week"),
    ("The Nasdaq is up 2.4% so far this year.", date(2026, 1, 23), "pct_change", "2.4", date(2026, 1, 23), "ytd"),
    ("Stocks rose last week. Energy (2.3%) led the gains.", date(2025, 12, 29), "pct_change", "2.3", date(2025, 12, 26), "week"),
    ("On Friday, June 9, the Nasdaq climbed 1.1%.", date(2025, 6, 8), "pct_change", "1.1", date(2025, 6, 6), "day"),  # June 9 was a Monday
    ("The S&P 500 fell 1% to its lowest since Jan. 10.", date(2025, 3, 11), "pct_change", "-1", date(2025, 3, 11), "day"),
]


@pytest.mark.parametrize(("text", "published", "kind", "value", "as_of", "basis"), CASES)
def test_claims_are_pinned_to_their_session(rules, market, text, published, kind, value, as_of, basis):
    claim = find(pinned(rules, market, text, published), kind, value)
    assert (claim.as_of, claim.basis) == (as_of, basis)


def test_a_pre_open_dateline_speaks_of_the_previous_session(rules, market):
    text = "Morning update\nJanuary 23, 2026, 9:17 a.m. ET\nThe S&P 500 rose 0.6% in the last session."
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", "0.6")
    assert claim.as_of == date(2026, 1, 22)


def test_stated_closes_pick_the_session_of_a_date_only_wrap(rules, market):
    # 6,875.62 is the S&P 500's close of 2026-01-21 (corpus/data): a piece dated the 22nd reports the 21st.
    claims = pinned(rules, market, "The S&P 500 rose 1.2% to 6,875.62.", date(2026, 1, 22))
    assert find(claims, "pct_change", "1.2").as_of == date(2026, 1, 21)
    assert find(claims, "index_level", "6875.62").as_of == date(2026, 1, 21)


def test_without_a_matching_close_the_clock_decides(rules, market):
    claims = pinned(rules, market, "The S&P 500 rose 1.2% to 6,000.01.", date(2026, 1, 22))
    assert find(claims, "pct_change", "1.2").as_of == date(2026, 1, 22)


def test_the_deciding_words_and_other_readings_are_kept(rules, market):
    text = "The Dow fell 1.8% on Tuesday."
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", "-1.8")
    assert claim.as_of == date(2026, 1, 20)
    assert "Tuesday" in text[claim.time_start:claim.time_end]
    bare = find(pinned(rules, market, "The Dow fell 1.8%.", date(2026, 1, 23)), "pct_change", "-1.8")
    assert bare.time_start is None and bare.time_readings  # publication reading, previous session offered


def test_publication_time_reads_iso_and_24_hour_datelines():
    article = build_article("t.txt", "txt", "Indices 2026-01-02 08:15\nStocks were mixed.", published=date(2026, 1, 2))
    assert publication_time(article).hour == 8


def test_a_url_date_is_the_publication_date_when_the_record_has_none():
    record = {"text": "The Dow rose 1%.", "url": "https://news.example/markets/2026/02/06/dow-rises/"}
    article = parse_articles("a.json", json.dumps(record).encode())[0]
    assert (article.published, article.published_basis) == (date(2026, 2, 6), "url")


def test_a_period_so_far_ends_at_the_publication_and_reads_the_session_before(rules, market):
    # The Dow was down 0.57% year to date at the 2025-03-27 close and 2.26% at the 2025-03-28 close:
    # a piece dated only 2025-03-28 may report either, so the words fix the window's start, not its end.
    from extractor.checks import check_claim

    claim = find(pinned(rules, market, "The Dow was down 0.6% year to date.", date(2025, 3, 28)), "pct_change", "-0.6")
    assert (claim.basis, claim.time_start) == ("ytd", None)
    finding = check_claim(claim, market)
    assert finding.verdict == "supported"
    assert any("the session before" in r.label and r.matches for r in finding.readings)
    dated = find(pinned(rules, market, "On Friday, March 28, 2025, the Dow was down 0.6% year to date.", date(2025, 3, 29)),
                 "pct_change", "-0.6")
    assert check_claim(dated, market).verdict == "contradicted"


def test_an_undated_record_reads_the_session_before(rules, market):
    # 2025-03-10: the S&P 500 fell 2.7%, its largest one-day fall since 2024-12-18; a piece dated
    # 2025-03-11 without a time speaks of that session.
    from extractor.checks import check_claim

    text = "The S&P 500 logged its worst single-session loss since December 18."
    claim = next(c for c in pinned(rules, market, text, date(2025, 3, 11)) if c.kind == "streak_record")
    assert (claim.metric, claim.direction, claim.period_start) == ("day_move", "down", date(2024, 12, 18))
    finding = check_claim(claim, market)
    assert finding.verdict == "supported" and "the session before" in finding.arithmetic


SIGNS = [
    # (text, published, kind, verdict): a move or gap stated only by its direction, on real closes
    ("On Thursday, January 8, 2026, the Nasdaq Composite slipped lower.", date(2026, 1, 9), "pct_change", "supported"),  # −0.44%
    ("On Thursday, January 8, 2026, the Nasdaq Composite closed higher.", date(2026, 1, 9), "pct_change", "contradicted"),
    ("On Friday, January 9, 2026, the Russell 2000 outperformed the S&P 500.", date(2026, 1, 10), "spread", "supported"),  # +0.78% vs +0.65%
]


@pytest.mark.parametrize(("text", "published", "kind", "verdict"), SIGNS)
def test_a_direction_alone_is_checked_by_its_sign(rules, market, text, published, kind, verdict):
    from extractor.checks import check_claim

    claim = next(c for c in pinned(rules, market, text, published) if c.kind == kind and c.value is None)
    assert check_claim(claim, market).verdict == verdict


def test_the_date_of_a_reference_level_is_not_the_claims(rules, market):
    text = "On Monday, March 10, 2025, the Nasdaq sank 4%, ending 13.4% below its record high in December 2024."
    claims = pinned(rules, market, text, date(2025, 3, 11))
    assert find(claims, "pct_change", "-4").as_of == date(2025, 3, 10)


WINDOW_CASES = [
    # (text, claim value, expected basis, expected period_start) — windows the text names without bounds
    ("The Nasdaq jumped nearly 9% in less than three weeks.", "9", "period", None),
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%. Over the same period the S&P 500 lost 2.1%.", "-2.1", "day", date(2026, 1, 20)),
]


@pytest.mark.parametrize(("text", "value", "basis", "start"), WINDOW_CASES)
def test_windows_the_text_leaves_open(rules, market, text, value, basis, start):
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", value)
    assert (claim.basis, claim.period_start) == (basis, start)


def test_a_streak_that_began_on_a_date_is_not_dated_by_it(rules, market):
    text = "The Russell 2000 beat the S&P 500 for 12 sessions in a row. The 12-session streak began in early January."
    claims = [c for c in pinned(rules, market, text, date(2026, 1, 23)) if c.kind == "streak_length"]
    assert claims and all(c.as_of != date(2026, 1, 9) for c in claims)


def test_a_record_figure_of_something_else_is_not_an_index_record(rules, market):
    claims = pinned(rules, market, "In 1980 the ten largest stocks reached a record 26% weight.", date(2026, 1, 23))
    assert not [c for c in claims if c.kind == "index_level" and c.record]
