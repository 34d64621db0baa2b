"""The literal pre-test: what a regex needs, and that skipping the patterns it rules out changes no result."""

from __future__ import annotations

import re

import pytest

from extractor.literals import ASCII_FOLDING, LiteralGate, pattern_needs, trie
from extractor.timeframe import PATTERN_GATE, PATTERNS

NEEDS = [
    # (pattern, what every match contains: one string of each set)
    (r"abc", [{"abc"}]),
    (r"(?i:Last)\s+week", [{"last"}, {"week"}]),
    (r"(?:last|the\s+prior)\s+week", [{"last", "prior"}, {"week"}]),  # of a branch, its most telling string
    (r"(?:last|\d+)\s+week", [{"week"}]),  # one branch needs nothing known: the alternation needs nothing
    (r"weeks?", [{"week"}]),
    (r"(?:so\s+far\s+)?this\s+week", [{"this"}, {"week"}]),
    (r"(?:ab)+c", [{"ab"}, {"c"}]),
    (r"(?:ab)*c", [{"c"}]),
    (r"(?<=since\s)\d+", []),  # a lookbehind is not part of the match
    (r"\d+(?= points)", []),
    (r"[Qq]\d", []),
    (r"(?:April|Apr)\.?\s+\d", [{"apr"}]),  # where "april" occurs, "apr" does
    (r"caf\u00e9s", [{"caf"}, {"s"}]),  # a non-ASCII character ends a run
]


@pytest.mark.parametrize(("pattern", "needs"), NEEDS)
def test_pattern_needs(pattern, needs):
    assert [set(need) for need in pattern_needs(re.compile(pattern))] == needs


def test_the_folding_characters_are_every_non_ascii_match_of_an_ascii_letter():
    letter = re.compile(r"(?i:[a-z])")
    found = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert found == set("\u0130\u0131\u017f\u212a") == {c for c in found if ASCII_FOLDING.fullmatch(c)}


TRIE = [["since"], ["apr", "april", "aug"], ["19", "20", "/"], ["the", "this", "th"], ["a", "ab", "abc", "abd"]]


@pytest.mark.parametrize("strings", TRIE)
def test_trie_matches_the_longest_string_at_a_position(strings):
    rx = re.compile(trie(sorted(strings, key=lambda s: (-len(s), s))))
    for s in strings:
        assert rx.match(s + "~").group() == s
        assert rx.fullmatch(s)
    assert rx.match("~") is None


# Sentences with and without time words, in the cases a pre-test could get wrong: capitals,
# words inside words, strings at a window's edge, ignore-case characters outside ASCII.
SENTENCES = [
    "The Russell 2000 rose 1.2% last week, its best week since March 2024.",
    "STOCKS FELL ON TUESDAY AS THE S&P 500 SLID 0.8% SO FAR THIS MONTH.",
    "Small caps rallied.", "It was a record.", "", "week", "last week", "LaSt WeEk",
    "In the first half of 2025 the Dow gained 4%; in Q3 it lost 2% and in 1Q26 1%.",
    "From Jan. 2 through Jan. 22, 2026 the index rose 9%.",
    "Shares rose \u212aelvin-style on the ſame day (la\u017ft week) \u0130n 2025 and \u0131n March.",
    "The index is up 12% year-to-date and 3% month-to-date, 1% wtd.",
    "The streak began on 1/2 and ended 01/22/2026 after the prior session's drop.",
]


def ungated(text: str, lo: int, hi: int) -> list[tuple]:
    return [(m.start(), m.end(), kind) for kind, pattern, _ in PATTERNS for m in pattern.finditer(text, lo, hi)]


def gated(text: str, lo: int, hi: int) -> list[tuple]:
    return [(m.start(), m.end(), kind) for (kind, pattern, _), possible in zip(PATTERNS, PATTERN_GATE.possible(text, lo, hi))
            if possible for m in pattern.finditer(text, lo, hi)]


def windows(text: str) -> list[tuple[int, int]]:
    """Every sentence of every line, each line's prefixes up to a sentence, the whole text, and every 40-character slice."""
    out = [(0, len(text))] + [(i, min(len(text), i + 40)) for i in range(0, len(text), 7)]
    for line in re.finditer(r"[^\n]+", text):
        sentences = [m.span() for m in re.finditer(r"[^.!?]+[.!?]*", line.group())]
        out += [(line.start() + s, line.start() + e) for s, e in sentences]
        out += [(line.start(), line.start() + s) for s, _ in sentences]
    return out


@pytest.mark.parametrize("text", SENTENCES)
def test_the_time_patterns_find_the_same_with_the_pre_test(text):
    for variant in (text, text.upper(), text.lower(), "x" + text + "x"):
        assert [gated(variant, lo, hi) for lo, hi in windows(variant)] == [ungated(variant, lo, hi) for lo, hi in windows(variant)]


def test_the_time_patterns_find_the_same_with_the_pre_test_over_the_sample_corpus(seed_dir):
    for path in sorted(seed_dir.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert [gated(text, lo, hi) for lo, hi in windows(text)] == [ungated(text, lo, hi) for lo, hi in windows(text)], path.name


def test_a_pattern_is_ruled_out_only_when_it_cannot_match():
    gate = LiteralGate([re.compile(r"(?i:last)\s+week"), re.compile(r"\d+%"), re.compile(r"(?i:since)")])
    text = "Up 5% last WEEK, the most since..."
    assert gate.possible(text, 0, len(text)) == [True, True, True]
    assert gate.possible(text, 0, 12) == [False, True, False]  # "Up 5% last W": no "week" inside
    assert gate.possible("ſince", 0, 5) == [True, True, True]  # re.I matches ſ to s: everything runs
