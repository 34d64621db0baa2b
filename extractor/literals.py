"""The words a regex cannot match without: a fast pre-test before running many patterns over a text.

The time patterns (extractor/timeframe.py) are some forty regexes run over each claim's
sentence; most find nothing there, and a case-insensitive pattern that finds nothing still
tries every position. Each pattern's needs are read from its parse tree: sets of literal
strings such that every match contains one string of each set ("last week" needs one of
{last, previous, prior} and {week}). One scan of a window tells which strings it holds;
a pattern that needs a string the window lacks cannot match there and is not run. The pre-test
only ever skips patterns that would have found nothing, so results are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

try:  # the regex parser (what re.compile itself uses)
    from re import _constants as sre_constants, _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

Needs = tuple[frozenset[str], ...]  # every set must be met: some string of it occurs in the match
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Why: the non-ASCII characters an ignore-case pattern matches to an ASCII letter (İ ı ſ and the
# Kelvin sign; tests/test_literals.py checks this against every code point). In a window holding
# one, a pattern's ASCII literal may match what lower-casing ASCII does not show: every pattern runs.
ASCII_FOLDING = re.compile("[\u0130\u0131\u017f\u212a]")
REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))


def pattern_needs(pattern: re.Pattern) -> Needs:
    """The literal strings (lower-case ASCII) every match of pattern contains: one of each set."""
    return tuple(sequence_needs(sre_parse.parse(pattern.pattern, pattern.flags).data))


def sequence_needs(items) -> list[frozenset[str]]:
    """What a sequence of parsed items needs: each run of literal characters, and what its groups need."""
    needs: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in list(items) + [(None, None)]:
        if op is sre_constants.LITERAL and arg < 128:  # a literal character, consumed by the match
            run.append(chr(arg).lower())
            continue
        if run:
            needs.append(frozenset(["".join(run)]))
            run = []
        if op is sre_constants.SUBPATTERN:
            needs += sequence_needs(arg[3].data)
        elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
            needs += sequence_needs(arg.data)
        elif op in REPEATS and arg[0] >= 1:
            needs += sequence_needs(arg[2].data)
        elif op is sre_constants.BRANCH:
            options = [best_need(sequence_needs(branch.data)) for branch in arg[1]]
            if all(options):  # one branch that needs nothing known: the alternation needs nothing
                needs.append(frozenset().union(*options))
        # anything else (a class, a lookaround, \b, an optional part) needs nothing known
    return [shortest_only(need) for need in needs]


def best_need(needs: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: its shortest string longest, then the fewest strings."""
    return max(needs, key=lambda need: (min(map(len, need)), -len(need)), default=None)


def shortest_only(need: frozenset[str]) -> frozenset[str]:
    """Without strings that contain another of the set (where 'april' occurs, 'apr' does)."""
    return frozenset(s for s in need if not any(other != s and other in s for other in need))


class LiteralGate:
    """Which of a list of patterns can match within text[lo:hi], by the literal strings each needs."""

    def __init__(self, patterns: Sequence[re.Pattern]):
        self.needs = [pattern_needs(p) for p in patterns]
        strings = sorted({s for needs in self.needs for need in needs for s in need}, key=lambda s: (-len(s), s))
        # Why a lookahead: every position is tested, overlapping strings included; at each the
        # longest string that starts there is reported, and the shorter ones are its prefixes.
        self.finder = re.compile(f"(?=({trie(strings)}))") if strings else None
        self.within = {s: frozenset(other for other in strings if other in s) for s in strings}

    def possible(self, text: str, lo: int, hi: int) -> list[bool]:
        """For each pattern: might it match within text[lo:hi]? (False only when it cannot.)"""
        if self.finder is None or ASCII_FOLDING.search(text, lo, hi):
            return [True] * len(self.needs)
        present: set[str] = set()
        for m in self.finder.finditer(lowered(text), lo, hi):
            present |= self.within[m.group(1)]
        return [all(not present.isdisjoint(need) for need in needs) for needs in self.needs]


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """The text with its ASCII letters lower-cased (same length, so offsets carry over)."""
    return text.translate(ASCII_LOWER)


def trie(strings: list[str]) -> str:
    """A regex for any of the strings, as a trie (one branch per first character; longer strings first)."""
    by_first: dict[str, list[str]] = {}
    for s in strings:
        by_first.setdefault(s[0], []).append(s[1:])
    options = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            options.append(re.escape(first))
        else:
            options.append(re.escape(first) + f"(?:{trie(longer)})" + ("?" if "" in rests else ""))
    return "|".join(options)
