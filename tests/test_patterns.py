"""Anchor patterns: bounded reach, trigger windows that find what the whole-doc Matcher finds, token checks."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import patterns as P
from extractor.settings import SHIPPED_ARTICLES

from .test_properties import finance_text

NUM, YEAR = P.NUM, P.YEAR


@pytest.mark.parametrize("pattern, reach", [
    ([NUM], (0, 0)),
    ([{"ORTH": "+"}, NUM, P.PCT], (1, 1)),
    ([{"LOWER": "since"}, {"LOWER": "the"}, {"IS_DIGIT": False, "OP": "{1,6}"}, {"LOWER": "of"}, YEAR], (9, 0)),
    ([NUM, {"ORTH": "-", "OP": "?"}, NUM], (0, 2)),  # the first trigger reaches least
    ([{"ORTH": "("}, P.TICKER, {"ORTH": ")"}], (0, 2)),
    ([{"LOWER": "triple"}, {"LOWER": "digits"}], (0, 1)),
])
def test_pattern_reach(pattern, reach):
    assert P.pattern_reach(pattern) == reach


@pytest.mark.parametrize("pattern, error", [
    ([NUM, {"LOWER": "x", "OP": "*"}], "unbounded"),
    ([{"LOWER": "in"}, {"LOWER": "years", "OP": "+"}, NUM], "unbounded"),
    ([{"LOWER": "since"}, {"LOWER": "records"}], "without a trigger"),
    ([{"LIKE_NUM": True, "OP": "?"}, {"LOWER": "days"}], "without a trigger"),  # an optional number is not a trigger
])
def test_patterns_that_windows_could_not_cover_are_refused(pattern, error):
    with pytest.raises(ValueError, match=error):
        P.pattern_reach(pattern)


def test_every_shipped_anchor_is_bounded_and_holds_a_trigger():
    assert P.anchor_reach(P.ANCHORS) == P.REACH
    assert max(P.REACH) <= 16  # windows must stay much smaller than a text to be worth it


@pytest.mark.parametrize("seed", sorted(p.name for p in SHIPPED_ARTICLES.iterdir()))
def test_windows_find_exactly_what_the_whole_doc_matcher_finds_on_the_seeds(rules, seed):
    doc = rules.nlp((SHIPPED_ARTICLES / seed).read_text(encoding="utf-8"))
    assert sorted(rules.match_windows(doc)) == sorted(rules.anchors(doc))
    assert len(rules.match_windows(doc)) > 20


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(finance_text)
def test_windows_find_exactly_what_the_whole_doc_matcher_finds_on_any_text(rules, text):
    doc = rules.nlp(text)
    assert sorted(rules.match_windows(doc)) == sorted(rules.anchors(doc))


@pytest.mark.parametrize("text, label, quote", [
    ("It rose +5.2% on Friday.", "PCT", "+5.2%"),
    ("It fell −0.46% on Friday.", "PCT", "−0.46%"),  # U+2212 minus splits off as a sign
    ("It fell -0.46% on Friday.", "PCT", "-0.46%"),
    ("A range of 3.50%–3.75% now.", "PCT_RANGE", "3.50%–3.75%"),
    ("It closed at $2,718.77 today.", "LEVEL", "$2,718.77"),
    ("It closed at 2718.77 today.", "LEVEL", "2718.77"),
    ("It stood near 2650 then.", "LEVEL", "2650"),
    ("Its 1996 16-session streak ended.", "HISTORIC_STREAK", "1996 16-session streak"),
    ("He saw double-digit gains.", "DIGIT_WORD", "double-digit"),
    ("In comparison to the peak in May 1996, it is small.", "COMPARISON", "comparison to the peak in May 1996"),
])
def test_anchor_is_matched(rules, text, label, quote):
    doc = rules.nlp(text)
    assert quote in [doc[s:e].text for found, s, e in rules.match_anchors(doc) if found == label]


@pytest.mark.parametrize("text, label", [
    ("Its 2345 16-session streak ended.", "HISTORIC_STREAK"),  # a number, not a year
    ("Its 1696 16-session streak ended.", "HISTORIC_STREAK"),
    ("It gained 12 points.", "LEVEL"),  # two digits are not a level
    ("It gained 12,34 points.", "LEVEL"),
    ("Fifteen sessions of gains.", "LEVEL"),
])
def test_token_checks_refuse(rules, text, label):
    doc = rules.nlp(text)
    assert label not in [found for found, _, _ in rules.match_anchors(doc)]
