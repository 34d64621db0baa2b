"""Anchor patterns: bounded reach, trigger windows that find what the whole-doc Matcher finds, token checks."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from extractor import patterns as P
from extractor.settings import SHIPPED_ARTICLES

from .test_properties import finance_text

NUM, YEAR = P.NUM, P.YEAR


@pytest.mark.parametrize("pattern, trigger", [
    ([NUM], ("number", 0, 0)),
    ([{"ORTH": "+"}, NUM, P.PCT], ("number", 1, 1)),
    ([{"LOWER": "since"}, {"LOWER": "the"}, {"IS_DIGIT": False, "OP": "{1,6}"}, {"LOWER": "of"}, YEAR], ("word", 0, 9)),
    ([{"LOWER": "the"}, {"IS_DIGIT": False, "OP": "{1,6}"}, {"LOWER": "of"}, YEAR], ("number", 8, 0)),  # a year is a number
    ([NUM, {"ORTH": "-", "OP": "?"}, NUM], ("number", 0, 2)),  # ties: the first trigger
    ([{"LOWER": "in"}, YEAR, {"LOWER": "x"}, {"LOWER": "y"}, NUM], ("number", 1, 3)),  # the trigger that reaches least
    ([{"ORTH": "("}, P.TICKER, {"ORTH": ")"}], ("word", 0, 2)),
    ([{"LOWER": "triple"}, {"LOWER": "digits"}], ("word", 0, 1)),
])
def test_pattern_trigger(pattern, trigger):
    assert P.pattern_trigger(pattern) == trigger


@pytest.mark.parametrize("pattern, error", [
    ([NUM, {"LOWER": "x", "OP": "*"}], "unbounded"),
    ([{"LOWER": "in"}, {"LOWER": "years", "OP": "+"}, NUM], "unbounded"),
    ([{"LOWER": "after"}, {"LOWER": "records"}], "without a trigger"),
    ([{"LIKE_NUM": True, "OP": "?"}, {"LOWER": "days"}], "without a trigger"),  # an optional number is not a trigger
])
def test_patterns_that_windows_could_not_cover_are_refused(pattern, error):
    with pytest.raises(ValueError, match=error):
        P.pattern_trigger(pattern)


def test_every_shipped_anchor_is_in_one_trigger_group():
    grouped = [(label, p) for _, by_label in P.TRIGGER_GROUPS.values() for label, pats in by_label.items() for p in pats]
    assert sorted(map(str, grouped)) == sorted(str((label, p)) for label, pats in P.ANCHORS.items() for p in pats)
    assert all(max(reach) <= 16 for reach, _ in P.TRIGGER_GROUPS.values())  # windows must stay small to be worth it


@pytest.fixture(scope="module")
def whole_doc_matcher(rules):
    matcher = Matcher(rules.nlp.vocab)
    for label, patterns in P.ANCHORS.items():
        matcher.add(label, patterns)
    return matcher


def whole_doc_anchors(rules, matcher, doc) -> list[tuple[str, int, int]]:
    """The anchors as the plain patterns find them over the whole doc (the reference)."""
    strings = rules.nlp.vocab.strings
    return sorted((strings[m], s, e) for m, s, e in matcher(doc) if rules.passes_checks(doc, strings[m], s, e))


@pytest.mark.parametrize("seed", sorted(p.name for p in SHIPPED_ARTICLES.iterdir()))
def test_windows_find_exactly_what_the_whole_doc_matcher_finds_on_the_seeds(rules, whole_doc_matcher, seed):
    doc = rules.nlp((SHIPPED_ARTICLES / seed).read_text(encoding="utf-8"))
    assert sorted(rules.match_anchors(doc)) == whole_doc_anchors(rules, whole_doc_matcher, doc)
    assert len(rules.match_anchors(doc)) > 20


SIGNED_TEXTS = ["+5% and -3.2% then −0.4% or - 7% and + 2%–+3% or -1-2% and --5% +-4%", "+", "-5%", "5% +"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(finance_text, st.sampled_from(SIGNED_TEXTS),
                 st.lists(st.sampled_from(["+", "-", "−", "5", "%", " ", "–", "percent "]), max_size=20).map("".join)))
def test_windows_find_exactly_what_the_whole_doc_matcher_finds_on_any_text(rules, whole_doc_matcher, text):
    doc = rules.nlp(text)
    assert sorted(rules.match_anchors(doc)) == whole_doc_anchors(rules, whole_doc_matcher, doc)


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
