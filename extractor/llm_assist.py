"""The LLM tier inside an audit: pick the sentences the rules did not fully read, ground, merge."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .llm import LLMClient
from .llm_extract import LLMClaim, Usage, as_decimal, extract_llm_candidates, merge_claims
from .models import Article, Claim, Rejection
from .normalize import normalize_candidate

# One match per figure: "$2,718.77" is one figure, not a dollar sign and a decimal.
FIGURE = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:%|percent|basis points|bps|x\b|times)|\b\d[\d,]*\.\d+\b"
)


def figures_in(text: str) -> int:
    """How many checkable-looking figures a sentence holds (%, $, bps, multiples, decimals)."""
    return len(FIGURE.findall(text))


def uncovered_sentences(sentences: Sequence[tuple[int, str]], claims: Sequence[Claim]) -> list[tuple[int, str]]:
    """Sentences holding more figures than the rules turned into claims."""
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
    """Our own normalizer must agree: where the rules read the same words, kind and value must match."""
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
        if same_kind:
            return f"rule normalizer reads {', '.join(str(c.value) for c in same_kind)}"
        kinds = sorted({c.kind for c in numeric if abs(c.value) == abs(value)})
        return f"the rules read this figure as {', '.join(kinds)}, not {proposal.kind}" if kinds else True
    return check


class LLMAssist:
    """Adds grounded LLM claims to the rule claims of one article.

    scope "uncovered" sends only sentences with more figures than rule claims; "all" sends every
    sentence with a figure (a second reading of the whole article, at many more calls).
    """

    def __init__(self, client: LLMClient, *, scope: str = "uncovered"):
        self.client = client
        self.scope = scope

    def extend(self, article: Article, rule_claims: list[Claim], sentences: Sequence[tuple[int, str]]) -> tuple[list[Claim], list[Rejection], Usage]:
        if self.scope == "all":
            chosen = [(start, text) for start, text in sentences if figures_in(text)]
        else:
            chosen = uncovered_sentences(sentences, rule_claims)
        if not chosen:
            return rule_claims, [], Usage()
        result = extract_llm_candidates(article, chosen, client=self.client, value_check=rule_value_check(rule_claims, article.text))
        claims, rejections = [], list(result.rejections)
        for candidate in result.candidates:
            if any(candidate.start < b.end and b.start < candidate.end for b in article.boilerplate):
                rejections.append(Rejection(article=article.path, article_id=article.id, start=candidate.start, end=candidate.end,
                                            quote=article.text[candidate.start:candidate.end], extractor=candidate.extractor,
                                            reason="in_page_chrome"))
                continue
            normalized = normalize_candidate(candidate, article)
            (claims if isinstance(normalized, Claim) else rejections).append(normalized)
        return merge_claims(rule_claims, claims), rejections, result.usage
