"""The LLM tier inside an audit: pick the sentences the rules did not fully read, ground, merge."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, NamedTuple

from .llm import LLMClient
from .llm_extract import (DEFAULT_BATCH_SIZE, DEFAULT_PROMPT, LLMClaim, LLMExtraction, Prompt, Sentence, Usage, as_decimal,
                          extract_llm_candidates, merge_claims)
from .models import Article, Candidate, Claim, Rejection
from .normalize import normalize_candidate

# One match per figure: "$2,718.77" is one figure, not a dollar sign and a decimal.
FIGURE = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:%|percent|basis points|bps|x\b|times)|\b\d[\d,]*\.\d+\b"
)
_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
          "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand dozen")
_ORDINALS = ("third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
             "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Any number a reader sees: digits (ordinals, scaled amounts and signs included) and number words.
# Why not "one", "first", "second", "half": they are mostly words ("one of", "first half"), not figures.
NUMBER = re.compile(
    rf"[-+$]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:st|nd|rd|th)?(?:\s?(?:%|percent|bps|basis points|(?:m|b|tr)illion|x\b))?"
    rf"|\b(?:{'|'.join(_WORDS.split())}|{'|'.join(_ORDINALS.split())})(?:[- ](?:{'|'.join(_WORDS.split())}))?\b",
    re.IGNORECASE,
)
# A calendar date alone is time, not a claim ("Jan. 15", "March 3, 2026", "in 2025"), nor is a citation mark ("[4]").
DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?\b|\b{_MONTH}\s+(?:19|20)\d\d\b"
                  rf"|\b(?:19|20)\d\d\b|\b\d{{1,2}}:\d\d\b|\b\d{{4}}-\d\d-\d\d\b|\[\d+\]"
                  # An index's name holds a number that is no figure: "S&P 500", "Russell 2000", "Dow 30".
                  r"|\b(?:S&P|SP|Russell|Nasdaq|Nasdaq-|Dow|Stoxx|STOXX|FTSE|Nikkei|DAX|CAC|MSCI \w+)\s?(?:30|40|50|100|225|400|500|600|1000|1500|2000|3000|5000)\b")
# A number reads as a claim when it carries a unit, a scale or a decimal, is an ordinal, counts
# time ("five years", "43-day") or follows "since": "two terms" or "10 out of 12" alone do not.
CLAIM_LIKE = re.compile(
    r"[%$.]|\d(?:st|nd|rd|th)\b|bps|basis|percent|illion|\dx\b|^(?:" + "|".join(_ORDINALS.split()) + r")\b", re.IGNORECASE)
UNIT_AFTER = re.compile(r"^[- ]?(?:straight |consecutive |trading |more |\w+ )?(?:points?|sessions?|days?|weeks?|months?|years?|quarters?"
                        r"|times|straight|consecutive|in a row)\b", re.IGNORECASE)


# Claim kinds whose check needs a subject (a ticker is its own subject).
NEEDS_SUBJECT = {"streak_length", "streak_record", "index_level", "pct_change", "points_change", "spread",
                 "valuation_multiple", "earnings_growth"}


def figures_in(text: str) -> int:
    """How many checkable-looking figures a sentence holds (%, $, bps, multiples, decimals)."""
    return len(FIGURE.findall(text))


def number_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every number in text that is not part of a calendar date or a clock time."""
    # Why "since" is kept: "best week since May 1996" is a record claim, not a time.
    dates = [m.span() for m in DATE.finditer(text) if not text[: m.start()].rstrip().lower().endswith("since")]
    return [m.span() for m in NUMBER.finditer(text)
            if not any(s <= m.start() and m.end() <= e for s, e in dates)]


def claim_like_spans(text: str) -> list[tuple[int, int]]:
    """The numbers of text that read as claims (see CLAIM_LIKE): the ones worth a model's reading."""
    return [(s, e) for s, e in number_spans(text)
            if CLAIM_LIKE.search(text[s:e]) or UNIT_AFTER.match(text[e:e + 30])
            or text[:s].rstrip().lower().endswith(("since", "in"))]


def has_number(text: str) -> bool:
    """True when the text holds a number of any form (digits, ordinals, number words), dates aside."""
    return bool(number_spans(text))


class Route(NamedTuple):
    """A sentence sent to the LLM, why (route_sentences), and the spans it is asked about (none: all of it)."""

    start: int
    text: str
    reasons: tuple[str, ...]
    marks: tuple[tuple[int, int], ...] = ()


def route_sentences(sentences: Sequence[tuple[int, str]], claims: Sequence[Claim],
                    rejections: Sequence[Rejection] = ()) -> list[Route]:
    """The sentences the rules did not fully read: an uncovered number, a rejected candidate, a claim missing its subject."""
    routes = []
    for start, text in sentences:
        end = start + len(text)
        inside = [c for c in claims if start <= c.start < end]
        found = {
            "uncovered_number": uncovered_numbers(start, text, inside),
            "rejected_candidate": [(max(r.start, start), min(r.end, end)) for r in rejections
                                   if start <= r.start < end and r.extractor.startswith("rule:")],
            "missing_subject": [(c.start, c.end) for c in inside if c.kind in NEEDS_SUBJECT and not c.subject],
        }
        if any(found.values()):
            marks = tuple(sorted(set(merge_spans([m for spans in found.values() for m in spans]))))
            routes.append(Route(start, text, tuple(k for k, v in found.items() if v), marks))
    return routes


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined (so that marks never nest)."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def uncovered_numbers(start: int, text: str, claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """The claim-like numbers of the sentence (article offsets) outside every claim's quote and time words."""
    covered = [(c.start, c.end) for c in claims]
    covered += [(c.time_start, c.time_end) for c in claims if c.time_start is not None and c.time_end is not None]
    return [(start + b, start + e) for b, e in claim_like_spans(text)
            if not any(s < start + e and start + b < t for s, t in covered)]


def numbered_sentences(sentences: Sequence[tuple[int, str]]) -> list[Route]:
    """Every sentence with a number (the LLM-only reading: no rules)."""
    return [Route(start, text, ("has_number",)) for start, text in sentences if has_number(text)]


def uncovered_sentences(sentences: Sequence[tuple[int, str]], claims: Sequence[Claim]) -> list[tuple[int, str]]:
    """Sentences holding more figures than the rules turned into claims (the routing of prompt claims-v2)."""
    chosen = []
    for start, text in sentences:
        inside = [c for c in claims if start <= c.start < start + len(text) and c.kind != "ticker"]
        if figures_in(text) > sum(1 + (c.value_high is not None) for c in inside):
            chosen.append((start, text))
    return chosen


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0 and quote:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def rule_value_check(rule_claims: Sequence[Claim], text: str):
    """Our own normalizer must agree: where the rules read the same words, kind and value must match.

    A disagreement is not settled silently: the reason names both readings (the rule claim stays).
    """
    def check(quote: str, proposal: LLMClaim) -> bool | str:
        spans = occurrences(text, quote)
        same_words = [c for c in rule_claims if any(c.start < e and s < c.end for s, e in spans)]
        numeric = [c for c in same_words if isinstance(c.value, Decimal)]
        value = as_decimal(proposal.value) if proposal.kind != "ticker" else None
        if not numeric or value is None:
            return True
        if any(c.kind == proposal.kind and c.value == value for c in numeric):
            return True
        same_kind = [c for c in numeric if c.kind == proposal.kind]
        reading = f"the LLM reads {proposal.kind} {proposal.value}"
        if same_kind:
            return f"{reading}, the rule normalizer reads {', '.join(str(c.value) for c in same_kind)}"
        kinds = sorted({c.kind for c in numeric if abs(c.value) == abs(value)})
        return f"{reading}, the rules read this figure as {', '.join(kinds)}" if kinds else True
    return check


def with_neighbours(routes: Sequence[Route], sentences: Sequence[tuple[int, str]]) -> list[Sentence]:
    """The routed sentences as Sentences carrying the text of the sentence before and after."""
    index = {start: i for i, (start, _) in enumerate(sentences)}
    chosen = []
    for route in routes:
        i = index[route.start]
        before = sentences[i - 1][1] if i > 0 else ""
        after = sentences[i + 1][1] if i + 1 < len(sentences) else ""
        chosen.append(Sentence(route.start, route.text, before, after, route.marks))
    return chosen


def fill_missing_fields(rule_claims: list[Claim], llm_claims: Sequence[Claim]) -> tuple[list[Claim], list[str]]:
    """Rule claims lacking a subject or benchmark take it from an LLM claim reading the same words the same way."""
    filled, notes = [], []
    for claim in rule_claims:
        same = [c for c in llm_claims if c.kind == claim.kind and c.start < claim.end and claim.start < c.end
                and c.value == claim.value]
        update = {name: getattr(same[0], name) for name in ("subject", "benchmark")
                  if same and getattr(claim, name) is None and getattr(same[0], name) is not None}
        if update:
            notes.append(f"{claim.id}: " + ", ".join(f"{k}={v!r}" for k, v in update.items()))
            claim = claim.model_copy(update=update)
        filled.append(claim)
    return filled, notes


# Our own time reader (timing.pin_times, bound to the calendar): it dates LLM candidates as it dates the rules'.
PinTimes = Callable[[list[Candidate], Article], list[Candidate]]


class LLMAssist:
    """Adds grounded LLM claims to the rule claims of one article.

    scope "uncovered" (the default) sends what the rules could not read (route_sentences); "all"
    sends every sentence with a number, the rules' claims kept; "only" sends every sentence with
    a number and keeps no rule claim (the LLM-only reading, for comparison).
    """

    def __init__(self, client: LLMClient, *, scope: str = "uncovered", prompt: Prompt = DEFAULT_PROMPT,
                 batch_size: int = DEFAULT_BATCH_SIZE, pin_times: PinTimes | None = None):
        self.client = client
        self.pin_times = pin_times
        self.scope = scope
        self.prompt = prompt
        self.batch_size = batch_size

    def choose(self, sentences: Sequence[tuple[int, str]], claims: Sequence[Claim], rejections: Sequence[Rejection]) -> list[Route]:
        """The sentences this scope sends."""
        if self.prompt.version == "claims-v2" and self.scope == "uncovered":
            return [Route(s, t, ("more_figures_than_claims",)) for s, t in uncovered_sentences(sentences, claims)]
        if self.scope == "uncovered":
            return route_sentences(sentences, claims, rejections)
        return numbered_sentences(sentences)

    def extend(self, article: Article, rule_claims: list[Claim], sentences: Sequence[tuple[int, str]],
               rule_rejections: Sequence[Rejection] = ()) -> tuple[list[Claim], list[Rejection], Usage]:
        """Rule claims plus grounded LLM claims (missing subjects filled), the LLM's rejections, and usage."""
        done = self.read(article, rule_claims, sentences, rule_rejections)
        return done.claims, done.rejections, done.usage

    def read(self, article: Article, rule_claims: list[Claim], sentences: Sequence[tuple[int, str]],
             rule_rejections: Sequence[Rejection] = ()) -> AssistResult:
        """As extend, plus the record of every call and proposal (for the store)."""
        routes = self.choose(sentences, rule_claims, rule_rejections)
        if not routes:
            return AssistResult(rule_claims, [], Usage())
        result = extract_llm_candidates(article, with_neighbours(routes, sentences), client=self.client,
                                        value_check=rule_value_check(rule_claims, article.text),
                                        batch_size=self.batch_size, prompt=self.prompt)
        candidates = list(result.candidates)
        if self.pin_times is not None:
            candidates = self.pin_times(candidates, article)
        claims, rejections = normalize_proposals(article, candidates)
        rejections = [*result.rejections, *rejections]
        filled, notes = fill_missing_fields(rule_claims, claims)
        merged = merge_claims(filled, claims)
        return AssistResult(merged, rejections, result.usage, call_rows(article, result, routes),
                            proposal_rows(article, claims, merged, rejections, notes))


def normalize_proposals(article: Article, candidates: Sequence[Candidate]) -> tuple[list[Claim], list[Rejection]]:
    """Grounded LLM candidates through our normalizer; a quote in page chrome is refused."""
    claims, rejections = [], []
    for candidate in candidates:
        if any(candidate.start < b.end and b.start < candidate.end for b in article.boilerplate):
            rejections.append(Rejection(article=article.path, article_id=article.id, start=candidate.start, end=candidate.end,
                                        quote=article.text[candidate.start:candidate.end], extractor=candidate.extractor,
                                        reason="in_page_chrome"))
            continue
        normalized = normalize_candidate(candidate, article)
        (claims if isinstance(normalized, Claim) else rejections).append(normalized)
    return claims, rejections


@dataclass(frozen=True)
class AssistResult:
    """One article after the LLM tier: claims, the LLM's rejections, usage, and store rows of calls and proposals."""

    claims: list[Claim]
    rejections: list[Rejection]
    usage: Usage
    calls: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)


def call_rows(article: Article, result: LLMExtraction, routes: Sequence[Route]) -> list[dict]:
    """One row per LLM call: model, prompt version, the sentences' span and why they were sent, tokens."""
    rows = []
    for call in result.calls:
        reasons = sorted({r for route in routes if call.start <= route.start < call.end for r in route.reasons})
        rows.append({"article_id": article.id, **call.model_dump(), "routed_because": ",".join(reasons)})
    return rows


def proposal_rows(article: Article, llm_claims: Sequence[Claim], merged: Sequence[Claim], rejections: Sequence[Rejection],
                  fills: Sequence[str]) -> list[dict]:
    """One row per LLM proposal and what became of it: added, same_as_rule_claim, filled (a rule claim's field), rejected."""
    # Why with the extractor: an LLM claim reading a rule claim's words exactly has the rule claim's (content) id.
    kept = {(c.id, c.extractor) for c in merged}

    def row(extractor: str, start: int, end: int, quote: str, outcome: str, **extra) -> dict:
        model, _, version = extractor.removeprefix("llm:").rpartition("@")
        return {"article_id": article.id, "model": model, "prompt_version": version, "start": start, "end": end,
                "quote": quote, "outcome": outcome, **extra}

    rows = [row(c.extractor, c.start, c.end, c.quote, "added" if (c.id, c.extractor) in kept else "same_as_rule_claim",
                kind=c.kind, value=str(c.value), subject=c.subject, reason=None) for c in llm_claims]
    rows += [row(r.extractor, r.start, r.end, r.quote, "rejected", kind=None, value=None, subject=None, reason=r.reason)
             for r in rejections]
    model_tag = llm_claims[0].extractor if llm_claims else (rejections[0].extractor if rejections else "llm:?@?")
    rows += [row(model_tag, 0, 0, "", "filled", kind=None, value=None, subject=None, reason=note) for note in fills]
    for n, r in enumerate(rows):
        r["seq"] = n
    return rows
