"""The LLM tier inside an audit, against a mock endpoint: chrome is never sent, chrome quotes are rejected."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

from extractor.documents import build_article
from extractor.llm import LLMClient, LLMConfig, MemoryCache
from extractor.llm_assist import LLMAssist, figures_in, rule_value_check, uncovered_sentences
from extractor.models import Claim

TEXT = ("The Russell 2000 rose 2.5% on Monday, and utilities slipped 1.1% while banks added 3.2%.\n"
        "Recent Quotes\nAAPL\u00a0 260.25\n+0.88 (0.34%)\n")


def answer(claims: list[dict]) -> httpx.MockTransport:
    body = {"choices": [{"message": {"content": json.dumps({"claims": claims})}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
    return httpx.MockTransport(lambda request: httpx.Response(200, json=body))


def claim(quote: str, value: float) -> dict:
    return {"sentence": 1, "kind": "pct_change", "quote": quote, "subject": "x", "benchmark": None, "value": value,
            "value_high": None, "unit": "pct", "hedge": None, "as_of": None, "period_start": None, "period_end": None}


def test_figures_in():
    assert figures_in("rose 2.5% to $2,650, 45 basis points, 14x, in 2026") == 4


def test_uncovered_sentences_skip_covered_ones(rules):
    article = build_article("a.txt", "txt", TEXT)
    sentences = rules.sentences(article)
    assert all("AAPL" not in text for _, text in sentences)
    assert uncovered_sentences(sentences, []) == sentences[:1]


def test_llm_claims_are_grounded_merged_and_chrome_is_refused(rules):
    article = build_article("a.txt", "txt", TEXT)
    client = LLMClient(LLMConfig(base_url="http://llm.test/v1", model="m"), cache=MemoryCache(),
                       transport=answer([claim("slipped 1.1%", -1.1), claim("(0.34%)", 0.34), claim("rose 9.9%", 9.9)]))
    rule_claims = [c for c in (normalize(c, article) for c in rules.extract(article)) if isinstance(c, Claim)]
    merged, rejections, usage = LLMAssist(client).extend(article, rule_claims[:1], rules.sentences(article))
    assert [str(c.value) for c in merged if c.extractor.startswith("llm:")] == ["-1.1"]
    assert {r.reason for r in rejections} == {"quote_not_in_text", "in_page_chrome"}
    assert usage.calls == 1
    assert all(article.text[c.start:c.end] == c.quote for c in merged)


def normalize(candidate, article):
    from extractor.normalize import normalize_candidate
    return normalize_candidate(candidate, article)


FIGURES = [
    ("closed at $2,718.77, having reached an intraday high of $2,735.10 [0]", 2),
    ("surged approximately 9.11% from $2,492 to $2,719 between January 2 and January 22", 3),
    ("a range of 3.50%–3.75% in 2025", 2),
    ("The S&P 500 and the Russell 2000 in 2026", 0),
]


@pytest.mark.parametrize(("text", "count"), FIGURES)
def test_each_figure_counts_once(text, count):
    assert figures_in(text) == count


def rule_claim(kind: str, quote: str, value: str) -> Claim:
    return Claim(id=quote, article="a.txt", article_id="a", kind=kind, start=0, end=len(quote), quote=quote,
                 sentence=quote, extractor="rule:T@1", value=Decimal(value), unit="pct")


def proposal(kind: str, value: float):
    from extractor.llm_extract import LLMClaim
    return LLMClaim.model_validate({**claim("x", value), "kind": kind})


RULE_AGREEMENT = [
    # (rule claim on the same words, LLM proposal (kind, value), verdict)
    (("pct_change", "surged nearly 8.2%", "8.2"), ("pct_change", 8.2), True),
    (("pct_change", "surged nearly 8.2%", "8.2"), ("pct_change", 9.2), "rule normalizer reads 8.2"),
    (("other_numeric", "26%", "26"), ("pct_change", 26), "the rules read this figure as other_numeric, not pct_change"),
    (("pct_change", "1.8% pullback", "-1.8"), ("pct_change", 1.8), "rule normalizer reads -1.8"),
    (("rate", "3.50%", "3.50"), ("earnings_growth", 7), True),
]


@pytest.mark.parametrize(("rule", "llm", "verdict"), RULE_AGREEMENT)
def test_rule_value_check(rule, llm, verdict):
    check = rule_value_check([rule_claim(*rule)], rule[1])
    assert check(rule[1], proposal(*llm)) == verdict


def test_values_sent_as_strings_are_checked_too():
    check = rule_value_check([rule_claim("other_numeric", "26%", "26")], "26% concentration")
    assert check("26% concentration", proposal("pct_change", "26")) == "the rules read this figure as other_numeric, not pct_change"


def test_overlapping_spans_count_as_the_same_words():
    text = "Approximately 69% of S&P 500 stocks now trade above their 50-day averages."
    rule = Claim(id="r", article="a.txt", article_id="a", kind="count", start=0, end=17, quote=text[:17], sentence=text,
                 extractor="rule:T@1", value=Decimal("69"), unit="pct")
    check = rule_value_check([rule], text)
    assert check(text[14:60], proposal("pct_change", 69)) == "the rules read this figure as count, not pct_change"
