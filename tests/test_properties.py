"""Property tests: number and date normalizers, and grounding of every rule claim in arbitrary text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.dates import find_dates
from extractor.documents import build_article
from extractor.normalize import number_written, normalize_candidate, parse_number

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FRAGMENTS = [
    "The Russell 2000", "the S&P 500", "rose", "fell", "nearly", "over", "closed at", "$2,718.77", "9.11%",
    "45 basis points", "10 consecutive sessions", "15-session winning streak", "longest since May 1996",
    "on January 22, 2026", "February 30, 2026", "14 times forward earnings", "(NASDAQ: HBAN)", "3.50%–3.75%",
    "\u200b", "４５", "−0.46%", "\n", ". ", ", ", "between January 2 and January 22", "YTD",
]
finance_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(" ".join)
decimals = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)


def with_commas(value: Decimal) -> str:
    return f"{value:,.2f}"


@FAST
@given(decimals, st.sampled_from(["", "$", "+"]))
def test_parse_number_round_trips_formatted_decimals(value, prefix):
    sign = "-" if value < 0 else "+" if prefix == "+" else ""
    written = sign + ("$" if prefix == "$" else "") + with_commas(abs(value))
    assert parse_number(written) == value


@FAST
@given(decimals)
def test_a_formatted_number_is_written_in_its_own_quote(value):
    assert number_written(with_commas(value), f"closed at {with_commas(value)} on Friday")


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.text(max_size=20))
def test_dates_found_resolve_to_valid_dates(day, noise):
    text = f"{noise} on {day:%B} {day.day}, {day.year} {noise}"
    found = find_dates(text, reference=date(2026, 1, 22))
    assert day in {m.first for m in found}
    assert all(isinstance(m.first, date) and m.first <= m.last for m in found)


@FAST
@given(st.text(max_size=40), st.integers(1, 40), st.integers(1900, 99999))
def test_impossible_dates_never_resolve(noise, day, year):
    text = f"{noise} February {day}, {year} and January {day + 31}, {year} {noise}"
    for m in find_dates(text, reference=date(2026, 1, 22)):
        assert m.first <= m.last and 1 <= m.first.month <= 12


def grounded_claims(rules, text: str):
    article = build_article("p.txt", "txt", text)
    claims = [normalize_candidate(c, article) for c in rules.extract(article)]
    return article.text, [c for c in claims if hasattr(c, "value")]


@FAST
@given(st.text(max_size=200))
def test_every_claim_in_arbitrary_text_is_grounded(rules, text):
    body, claims = grounded_claims(rules, text)
    for c in claims:
        assert body[c.start:c.end] == c.quote
        assert c.unit == "ticker" or number_written(str(abs(c.value)), c.quote) or c.hedge in c.quote


@FAST
@given(finance_text)
def test_every_claim_in_finance_like_text_is_grounded(rules, text):
    body, claims = grounded_claims(rules, text)
    for c in claims:
        assert body[c.start:c.end] == c.quote
        assert c.unit == "ticker" or number_written(str(abs(c.value)), c.quote) or c.hedge in c.quote
