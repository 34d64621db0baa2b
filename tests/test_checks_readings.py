"""Every decided finding names the reading that decided it; ambiguous ones carry each reading's value."""

from extractor.checks import check_claim
from extractor.documents import iter_input_files, load_articles
from extractor.models import Claim
from extractor.normalize import dedupe_claims, normalize_candidate


def test_every_decided_seed_finding_names_its_reading(rules, market, seed_dir):
    claims = []
    for path in iter_input_files(seed_dir):
        for article in load_articles(path, root=seed_dir):
            results = (normalize_candidate(c, article) for c in rules.extract(article))
            claims += dedupe_claims([r for r in results if isinstance(r, Claim)])
    findings = [check_claim(c, market) for c in claims]
    decided = [f for f in findings if f.verdict in ("supported", "contradicted", "ambiguous")]
    assert decided
    for finding in decided:
        assert finding.readings and finding.readings[0].label, finding
        if finding.verdict == "ambiguous":
            assert len(finding.readings) >= 2, finding


def test_an_ambiguous_rounding_shows_both_readings(market):
    from datetime import date
    from decimal import Decimal

    quote = "rose 0.7%"
    claim = Claim(id="c", article="a", article_id="a", kind="pct_change", start=0, end=len(quote), quote=quote,
                  sentence=quote, extractor="t", subject="S&P 500", value=Decimal("0.7"), unit="pct", basis="day",
                  as_of=date(2026, 1, 9), time_start=0)
    finding = check_claim(claim, market)
    assert finding.verdict == "ambiguous"
    assert [r.matches for r in finding.readings][:1] == [False] and finding.readings[-1].matches
    assert finding.actual == finding.readings[0].actual == Decimal("0.6476")
