"""The spaCy pipeline: blank English, a tokenizer tuned for finance text, sentence rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

# Why: "3.50%–3.75%" must split into number, %, dash, number, %; "40%+" keeps its "+";
# "18x" is a multiple; "17-22%" is a range. spaCy's defaults glue some of these.
EXTRA_INFIXES = (
    r"(?<=[0-9])%(?=[–—\-+])",
    r"(?<=%)[–—\-](?=[0-9$])",
    r"(?<=[0-9])[–—](?=[0-9$])",
    r"(?<=\w)\)(?=[—–])",
    r"(?<=\))[—–](?=\w)",
)
EXTRA_SUFFIXES = (r"(?<=%)\+", r"(?<=[0-9])[xX]", r"(?<=[0-9])bps")

# Abbreviations after which a period does not end a sentence.
NON_BREAKING = {"U.S.", "Inc.", "Corp.", "Co.", "Ltd.", "St.", "Mr.", "Ms.", "Dr.", "vs.", "No."}


@Language.component("finance_sentences")
def finance_sentences(doc):
    """Newlines end sentences (headlines, list items); abbreviations like 'U.S.' do not."""
    for i, token in enumerate(doc[:-1]):
        following = doc[i + 1]
        if "\n" in token.text or "\n" in token.whitespace_:
            following.is_sent_start = True
        elif token.text in NON_BREAKING and not following.is_title:
            following.is_sent_start = False
    return doc


def _tune_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    suffixes = list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # Why: single-letter abbreviations ("x.") would swallow the multiple in "27x."
    rules = nlp.tokenizer.rules or {}
    nlp.tokenizer.rules = {k: v for k, v in rules.items() if not (len(k) == 2 and k[1] == ".")}


def build_nlp() -> Language:
    """A fresh blank English pipeline with our tokenizer rules and sentence rules."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("finance_sentences", after="sentencizer")
    nlp.max_length = 30_000_000
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process (building it is the expensive part)."""
    return build_nlp()
