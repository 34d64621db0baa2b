"""The sentence rules: one pass over token ids, the same starts as spaCy's Sentencizer followed by our two rules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extractor.nlp import NON_BREAKING, _tune_tokenizer, build_nlp
from extractor.settings import SHIPPED_ARTICLES

from .test_properties import finance_text


def sentence_rule(text: str) -> str | None:
    if "\n" in text:
        return "newline"
    return "abbreviation" if text in NON_BREAKING else None


@Language.component("reference_finance_rules")
def reference_finance_rules(doc):
    """The two rules as first written, token by token, after spaCy's Sentencizer."""
    for token in doc[:-1]:
        rule = sentence_rule(token.text)
        if rule == "newline":
            doc[token.i + 1].is_sent_start = True
        elif rule == "abbreviation" and not doc[token.i + 1].is_title:
            doc[token.i + 1].is_sent_start = False
    return doc


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    reference = spacy.blank("en")
    _tune_tokenizer(reference)
    reference.add_pipe("sentencizer")
    reference.add_pipe("reference_finance_rules")
    return build_nlp(), reference


def starts(doc) -> list[bool | None]:
    return [t.is_sent_start for t in doc]


@pytest.mark.parametrize("text, sentences", [
    ("The U.S. economy grew. Stocks rose!", ["The U.S. economy grew.", "Stocks rose!"]),
    ("Small caps led\nLarge caps lagged", ["Small caps led\n", "Large caps lagged"]),
    ("Wait... what? Yes.", ["Wait... what?", "Yes."]),
    ("He said (really!) no.", ["He said (really!)", "no."]),
    ("Shares of Acme Inc. rose 5%.", ["Shares of Acme Inc. rose 5%."]),
    ("It rose in the U.S. Then it fell.", ["It rose in the U.S. Then it fell."]),  # "U.S." keeps its period: no break
    ("One", ["One"]),
    ("Up 5%\t\nDown 2%\u00a0today", ["Up 5%\t\n", "Down 2%\u00a0today"]),  # a newline inside other whitespace
])
def test_sentences(pipelines, text, sentences):
    nlp, reference = pipelines
    assert [s.text_with_ws.rstrip(" ") for s in nlp(text).sents] == sentences
    assert starts(nlp(text)) == starts(reference(text))


def test_empty_text_has_no_sentences(pipelines):
    assert list(pipelines[0]("").sents) == []


@pytest.mark.parametrize("seed", sorted(p.name for p in SHIPPED_ARTICLES.iterdir()))
def test_seed_sentences_match_the_sentencizer_and_rules(pipelines, seed):
    text = (SHIPPED_ARTICLES / seed).read_text(encoding="utf-8")
    nlp, reference = pipelines
    assert starts(nlp(text)) == starts(reference(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(finance_text, st.text(alphabet=st.sampled_from(list("ab. !?\n()U.S.Inc…")), max_size=40)))
def test_any_text_sentences_match_the_sentencizer_and_rules(pipelines, text):
    nlp, reference = pipelines
    assert starts(nlp(text)) == starts(reference(text))


# The tokenizer patterns as first written (lookbehind first): the reordered ones must split the same.
PLAIN_INFIXES = (r"(?<=[0-9])%(?=[–—\-+])", r"(?<=%)[–—\-](?=[0-9$])", r"(?<=[0-9])[–—](?=[0-9$])",
                 r"(?<=\w)\)(?=[—–])", r"(?<=\))[—–](?=\w)")
PLAIN_SUFFIXES = (r"(?<=%)\+", r"(?<=[0-9])[xX]", r"(?<=[0-9])bps")


@pytest.fixture(scope="module")
def plain_tokenizer():
    import spacy
    from spacy.util import compile_infix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(PLAIN_INFIXES)).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + list(PLAIN_SUFFIXES)).search
    return nlp


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("0123456789%–—-+xXbps$()a .")), max_size=30))
def test_reordered_tokenizer_patterns_split_like_the_plain_ones(pipelines, plain_tokenizer, text):
    assert [t.text for t in pipelines[0].make_doc(text)] == [t.text for t in plain_tokenizer.make_doc(text)]
