"""Numbers, hedges and grounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.documents import build_article
from extractor.models import Candidate, Claim, Rejection
from extractor.normalize import NormalizeError, normalize_candidate, normalize_hedge, parse_number

NUMBERS = [
    ("2,718.77", "2718.77"), ("$2,650", "2650"), ("-0.46", "-0.46"), ("\u22120.46", "-0.46"), ("+0.60", "0.60"),
    ("fifteen", "15"), ("Ten", "10"), ("double-digit", "10"), ("\uff14\uff15", "45"), ("4\u200b5", "45"), ("3.50%", "3.50"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "1e400", "9" * 40])
def test_parse_number_refuses(text):
    with pytest.raises(NormalizeError):
        parse_number(text)


HEDGES = [("nearly", "approx_below"), ("approximately", "approx"), ("over", "min"), ("or more", "min"),
          ("less than", "max"), ("+", "min"), ("double-digit", "min"), ("just over", "approx_above"), (None, None)]


@pytest.mark.parametrize(("hedge", "expected"), HEDGES)
def test_normalize_hedge(hedge, expected):
    assert normalize_hedge(hedge) == expected


ARTICLE = build_article("a.txt", "txt", "The Russell 2000 rose 2.5% on Monday.")


def cand(start, end, **fields):
    return Candidate(article_id=ARTICLE.id, kind="pct_change", start=start, end=end, extractor="test", fields=fields)


GROUNDING = [
    # (candidate, expected type, reason fragment)
    (cand(22, 26, value="2.5", unit="pct"), Claim, None),
    (cand(22, 26, value="3.5", unit="pct"), Rejection, "not written in the quote"),
    (cand(500, 510, value="2.5", unit="pct"), Rejection, "outside the article"),
    (cand(22, 26, value="abc", unit="pct"), Rejection, "not a number"),
    (cand(22, 26, value="2.5", unit="parsecs"), Rejection, "does not fit a pct_change claim"),
    (Candidate(article_id=ARTICLE.id, kind="rate", start=22, end=26, extractor="t", fields={"value": "2.5", "unit": "parsecs"}),
     Rejection, "Input should be"),
    (Candidate(article_id=ARTICLE.id, kind="streak_length", start=22, end=26, extractor="llm:m@v", fields={"value": "2.5", "unit": "pct"}),
     Rejection, "does not fit a streak_length claim"),
]


@pytest.mark.parametrize(("candidate", "expected", "reason"), GROUNDING)
def test_grounding(candidate, expected, reason):
    result = normalize_candidate(candidate, ARTICLE)
    assert isinstance(result, expected)
    if isinstance(result, Claim):
        assert ARTICLE.text[result.start:result.end] == result.quote
    else:
        assert reason in result.reason


def test_claim_model_refuses_a_quote_that_is_not_its_span():
    with pytest.raises(ValueError):
        Claim(id="x", article="a", article_id="a", kind="ticker", start=0, end=3, quote="ab", sentence="", extractor="t")
