"""The LLM tier inside an audit, against a mock endpoint: chrome is never sent, chrome quotes are rejected."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

from extractor.documents import build_article
from extractor.llm import LLMClient, LLMConfig, MemoryCache
from extractor.llm_assist import (LLMAssist, figures_in, number_spans, numbered_sentences, route_sentences, rule_value_check,
                                  uncovered_sentences)
from extractor.models import Claim, Rejection

TEXT = ("The Russell 2000 rose 2.5% on Monday, and utilities slipped 1.1% while banks added 3.2%.\n"
        "Recent Quotes\nAAPL\u00a0 260.25\n+0.88 (0.34%)\n")


def answer(claims: list[dict]) -> httpx.MockTransport:
    body = {"choices": [{"message": {"content": json.dumps({"claims": claims})}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
    return httpx.MockTransport(lambda request: httpx.Response(200, json=body))


def claim(quote: str, value: float) -> dict:
    return {"sentence": 1, "kind": "pct_change", "quote": quote, "subject": "x", "value": value, "unit": "pct", "hedge": None}


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
    (("pct_change", "surged nearly 8.2%", "8.2"), ("pct_change", 9.2), "the LLM reads pct_change 9.2, the rule normalizer reads 8.2"),
    (("other_numeric", "26%", "26"), ("pct_change", 26), "the LLM reads pct_change 26.0, the rules read this figure as other_numeric"),
    (("pct_change", "1.8% pullback", "-1.8"), ("pct_change", 1.8), "the LLM reads pct_change 1.8, the rule normalizer reads -1.8"),
    (("rate", "3.50%", "3.50"), ("earnings_growth", 7), True),
]


@pytest.mark.parametrize(("rule", "llm", "verdict"), RULE_AGREEMENT)
def test_rule_value_check(rule, llm, verdict):
    check = rule_value_check([rule_claim(*rule)], rule[1])
    assert check(rule[1], proposal(*llm)) == verdict


def test_values_sent_as_strings_are_checked_too():
    check = rule_value_check([rule_claim("other_numeric", "26%", "26")], "26% concentration")
    assert check("26% concentration", proposal("pct_change", "26")) == "the LLM reads pct_change 26, the rules read this figure as other_numeric"


def test_overlapping_spans_count_as_the_same_words():
    text = "Approximately 69% of S&P 500 stocks now trade above their 50-day averages."
    rule = Claim(id="r", article="a.txt", article_id="a", kind="count", start=0, end=17, quote=text[:17], sentence=text,
                 extractor="rule:T@1", value=Decimal("69"), unit="pct")
    check = rule_value_check([rule], text)
    assert check(text[14:60], proposal("pct_change", 69)) == "the LLM reads pct_change 69.0, the rules read this figure as count"


# --- routing: what the rules could not read (invented sentences) ----------------------------

NUMBERS = [
    # (text, the numbers a reader sees; dates, clock times, citation marks and index names aside)
    ("for the 11th straight session", ["11th"]),
    ("three rate cuts and twenty-five banks", ["three", "twenty-five"]),
    ("a $4 trillion valuation, up 2.5%", ["$4 trillion", "2.5%"]),
    ("On Jan. 15, 2026, at 10:30, the S&P 500 and the Russell 2000 [4]", []),
    ("the best run since May 1996", ["1996"]),
    ("one of the first gains in the second half", []),
]


@pytest.mark.parametrize(("text", "numbers"), NUMBERS)
def test_number_spans(text, numbers):
    assert [text[s:e] for s, e in number_spans(text)] == numbers


ROUTES = [
    # (sentence, reasons it is sent for, the words marked for the model); () : not sent
    ("The Nasdaq Composite rose 1.2% on Tuesday.", (), []),
    ("The S&P 500 and the Russell 2000 ended mixed.", (), []),
    ("On Jan. 15, 2026, the exchange was closed.", (), []),
    ("The Dow slipped 0.3% while the Nasdaq 100 held steady.", (), []),
    ("The chipmaker is now worth $4 trillion.", ("uncovered_number",), ["$4 trillion"]),
    ("The gauge has trailed large caps over the previous five years [3].", ("uncovered_number",), ["five"]),
    ("It was the index's best month since May 1996.", ("missing_subject",), ["best month since May 1996"]),
    ("The index climbed 0.8%, its fifth gain in a row.", ("uncovered_number", "missing_subject"), ["climbed 0.8%", "fifth"]),
]


def rule_reading(rules, text: str):
    """An article of one invented sentence, its rule claims and rejected rule candidates."""
    article = build_article("a.txt", "txt", "Markets wrap.\n\n" + text + "\n")
    results = [normalize(c, article) for c in rules.extract(article)]
    return article, [r for r in results if isinstance(r, Claim)], [r for r in results if not isinstance(r, Claim)]


@pytest.mark.parametrize(("text", "reasons", "marked"), ROUTES)
def test_routing_sends_what_the_rules_could_not_read(rules, text, reasons, marked):
    article, claims, rejections = rule_reading(rules, text)
    routes = route_sentences(rules.sentences(article), claims, rejections)
    assert [r.reasons for r in routes] == ([reasons] if reasons else [])
    assert [article.text[s:e] for r in routes for s, e in r.marks] == marked


def test_a_rejected_rule_candidate_is_sent_with_its_words_marked():
    text = "Stocks rose for a 12th day."
    rejection = Rejection(article="a.txt", article_id="a", start=18, end=26, quote=text[18:26], extractor="rule:STREAK@1",
                          reason="not a number: '12th'")
    [route] = route_sentences([(0, text)], [], [rejection])
    assert "rejected_candidate" in route.reasons and (18, 26) in route.marks


def test_llm_only_scope_sends_every_sentence_with_a_number(rules):
    text = "Markets wrap.\n\nThe Nasdaq rose 1.2% on Tuesday. Traders cheered. Three banks gained."
    article = build_article("a.txt", "txt", text)
    routes = numbered_sentences(rules.sentences(article))
    assert [r.text.strip() for r in routes] == ["The Nasdaq rose 1.2% on Tuesday.", "Three banks gained."]
    assert all(r.marks == () for r in routes)  # nothing marked: the model reads all of it


# --- what is stored: every call and every proposal ------------------------------------------

WRAP = "Markets wrap.\n\nThe chipmaker is now worth $4 trillion. The index climbed 0.8%, its fifth gain in a row.\n"


def scripted(answers: list[list[dict]], requests: list) -> httpx.MockTransport:
    """An endpoint answering each call with the next list of claims, recording the request bodies."""
    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        body = {"choices": [{"message": {"content": json.dumps({"claims": answers.pop(0)})}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 300, "completion_tokens": 40}}
        return httpx.Response(200, json=body)
    return httpx.MockTransport(handle)


def auditor_with(rules, market, reference, client, scope="uncovered"):
    from extractor.pipeline import Auditor
    return Auditor(rules=rules, market=market, reference=reference, assist=LLMAssist(client, scope=scope, batch_size=6))


def test_calls_and_proposals_are_stored_and_a_rerun_makes_no_call(rules, market, reference):
    from extractor.store import open_store
    answer = [{**claim("its fifth gain in a row", 5), "kind": "streak_length", "unit": "sessions", "subject": "S&P 500"},
              {**claim("worth $4 trillion", 9), "kind": "index_level", "unit": "usd"}]
    requests, cache = [], MemoryCache()
    client = LLMClient(LLMConfig(base_url="http://llm.test/v1", model="m"), cache=cache, transport=scripted([answer], requests))
    audit = auditor_with(rules, market, reference, client).audit(build_article("a.txt", "txt", WRAP))
    store = open_store(None)
    store.save_rows(audit.rows())
    [call] = store.rows("llm_calls")
    assert (call["model"], call["prompt_version"], call["prompt_tokens"], call["completion_tokens"], call["cached"]) == ("m", "claims-v3", 300, 40, 0)
    assert call["routed_because"] == "missing_subject,uncovered_number"
    outcomes = {(p["outcome"], p["quote"], p["reason"]) for p in store.rows("llm_proposals")}
    assert ("added", "its fifth gain in a row", None) in outcomes
    assert ("rejected", "worth $4 trillion", "number_not_in_quote: 9.0 not in quote") in outcomes
    assert "⟦$4 trillion⟧" in requests[0]["messages"][-1]["content"]
    again = auditor_with(rules, market, reference, LLMClient(client.config, cache=cache, transport=scripted([], []))).audit(
        build_article("a.txt", "txt", WRAP))
    assert again.usage.calls == 0 and again.usage.cache_hits == 1
    assert [c["cached"] for c in again.llm_rows["llm_calls"]] == [True]
    assert [c.quote for c in again.claims] == [c.quote for c in audit.claims]


def test_llm_only_scope_keeps_no_rule_claim(rules, market, reference):
    answer = [{**claim("climbed 0.8%", 0.8), "subject": "S&P 500"}]
    client = LLMClient(LLMConfig(base_url="http://llm.test/v1", model="m"), transport=scripted([answer], []))
    audit = auditor_with(rules, market, reference, client, scope="only").audit(build_article("a.txt", "txt", WRAP))
    assert [(c.kind, c.quote, c.extractor) for c in audit.claims] == [("pct_change", "climbed 0.8%", "llm:m@claims-v3")]


def test_a_missing_subject_is_filled_from_an_agreeing_proposal(rules, market, reference):
    text = "Markets wrap.\n\nIt was the index's best month since May 1996.\n"
    answer = [{**claim("best month since May 1996", 1996), "kind": "streak_record", "unit": "year", "subject": "Nasdaq Composite"}]
    client = LLMClient(LLMConfig(base_url="http://llm.test/v1", model="m"), transport=scripted([answer], []))
    audit = auditor_with(rules, market, reference, client).audit(build_article("a.txt", "txt", text))
    [record] = [c for c in audit.claims if c.kind == "streak_record"]
    assert (record.extractor.startswith("rule:"), record.subject) == (True, "Nasdaq Composite")
    assert [p["outcome"] for p in audit.llm_rows["llm_proposals"]] == ["same_as_rule_claim", "filled"]


def test_a_proposal_identical_to_a_rule_claim_is_recorded_as_such(rules, market, reference):
    text = "Markets wrap.\n\nThe Nasdaq Composite rose 1.2% on Tuesday, its fifth gain in a row.\n"
    answer = [{**claim("rose 1.2%", 1.2), "subject": "Nasdaq Composite"}]
    client = LLMClient(LLMConfig(base_url="http://llm.test/v1", model="m"), transport=scripted([answer], []))
    audit = auditor_with(rules, market, reference, client).audit(build_article("a.txt", "txt", text))
    assert [c.extractor for c in audit.claims if c.quote == "rose 1.2%"] == ["rule:PCT@2"]
    assert [p["outcome"] for p in audit.llm_rows["llm_proposals"] if p["quote"] == "rose 1.2%"] == ["same_as_rule_claim"]
