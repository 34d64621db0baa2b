"""The HTML report: well-formed, escaped, self-contained; every claim has a span; evidence is shown."""

import html
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal as D
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.calendar import load_calendar
from extractor.models import Article, Claim, ConflictGroup, ConflictMember, DataRow, Finding, TextSpan
from extractor.prices import load_market

ROOT = Path(__file__).resolve().parents[1]
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line", "path", "circle"}


class Page(HTMLParser):
    """Collects ids, data-claims and the article text; fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.spans: dict[str, list[str]] = {}
        self.classes: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self.in_text = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for cid in (a.get("data-claims") or "").split():
            self.spans.setdefault(cid, []).append(a.get("class", ""))
        if tag not in VOID:
            self.stack.append(tag)
            self.in_text += 1 if "text" in (a.get("class") or "").split() or self.in_text else 0

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        self.in_text = max(self.in_text - 1, 0)

    def handle_data(self, data):
        if self.in_text:
            self.texts.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def article(text: str, **fields) -> Article:
    return Article(id="art1", path="a.txt", format="txt", text=text, published=date(2026, 1, 23), **fields)


def claim_at(text: str, start: int, end: int, n: int, **fields) -> Claim:
    return Claim(id=f"c{n}", article="a.txt", article_id="art1", kind="other_numeric", start=start, end=end,
                 quote=text[start:end], sentence=text, extractor="test", value=D(n), **fields)


def render(text: str, spans, *, findings=None, groups=(), boilerplate=(), series=None) -> str:
    from extractor.html_report import render_html

    claims = [claim_at(text, s, e, n) for n, (s, e) in enumerate(spans)]
    art = article(text, boilerplate=tuple(TextSpan(start=s, end=e, reason="widget") for s, e in boilerplate))
    return render_html(articles=[art], claims=claims, findings=findings or {}, groups=list(groups), series=series or {})


TEXT = "The index rose 9.11% from 2,492 to 2,719, nearly 15% in three weeks."


@pytest.mark.parametrize(
    "spans",
    [
        [(15, 20)],
        [(15, 20), (15, 20)],                   # identical spans
        [(10, 40), (15, 20), (26, 31)],         # nested
        [(15, 31), (21, 40)],                   # crossing
        [(0, len(TEXT))],                       # whole text
        [(15, 20), (20, 31)],                   # adjacent
    ],
)
def test_spans_keep_markup_and_text(spans):
    page = parse(render(TEXT, spans))
    assert "".join(page.texts) == TEXT
    for n in range(len(spans)):
        assert f"claim-c{n}" in page.ids and page.spans[f"c{n}"]


@pytest.mark.parametrize(
    ("verdicts", "css"),
    [
        (["supported"], "v-supported"),
        (["contradicted"], "v-contradicted"),
        (["ambiguous"], "v-ambiguous"),
        (["unverifiable"], "v-unverifiable"),
        ([None], "v-unchecked"),
        (["supported", "contradicted"], "v-contradicted"),   # the overlap shows the most serious verdict
    ],
)
def test_span_colour_follows_verdict(verdicts, css):
    findings = {f"c{n}": Finding(claim_id=f"c{n}", check="t", verdict=v) for n, v in enumerate(verdicts) if v}
    page = parse(render(TEXT, [(15, 20)] * len(verdicts), findings=findings))
    assert all(css in classes.split() for classes in page.spans["c0"])


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</div></section><h1>x", "&lt;b&gt; & <!--"],
)
def test_article_text_is_escaped(hostile):
    text = f"Stocks rose 5% {hostile} today."
    out = render(text, [(12, 14), (15, 15 + len(hostile))])
    page = parse(out)
    assert "".join(page.texts) == text
    assert out.count("<script>") == 1 and hostile not in out


def test_page_is_self_contained():
    out = render(TEXT, [(15, 20)])
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(|<link""", out, re.I)


def test_boilerplate_is_dimmed():
    page = parse(render(TEXT, [(15, 20)], boilerplate=[(42, len(TEXT))]))
    out = render(TEXT, [(15, 20)], boilerplate=[(42, len(TEXT))])
    assert '<span class="boilerplate">nearly 15% in three weeks.</span>' in out
    assert "".join(page.texts) == TEXT


def test_finding_evidence_and_group_links():
    rows = (DataRow(symbol="RUT", session=date(2026, 1, 22), field="close", value=D("2718.77")),)
    finding = Finding(claim_id="c0", check="pct_change", verdict="contradicted", actual=D("9.03"),
                      difference=D("0.08"), tolerance="printed precision: ±0.005",
                      arithmetic="2718.77 / 2493.61 − 1 = 9.03%", rows=rows)
    member = ConflictMember(claim_id="c0", article="a.txt", start=15, end=20, quote=TEXT[15:20], value=D(0))
    group = ConflictGroup(id="g1", status="conflicting", scope="article", topic="two <figures>", reason="9.11 vs 15",
                          members=(member,))
    out = render(TEXT, [(15, 20)], findings={"c0": finding}, groups=[group])
    page = parse(out)
    assert {"finding-c0", "group-g1", "claim-c0"} <= page.ids
    for evidence in ("2718.77 / 2493.61 − 1 = 9.03%", "9.03", "printed precision: ±0.005", "2026-01-22"):
        assert html.escape(evidence) in out
    assert 'href="#claim-c0"' in out and 'href="#group-g1"' in out and "two &lt;figures&gt;" in out


# ---------------------------------------------------------------- chart and the seed corpus

@pytest.fixture(scope="module")
def market():
    return load_market(ROOT / "corpus" / "data", calendar=load_calendar())


def test_streak_chart_series(market):
    from extractor.html_report import render_chart, streak_chart_series

    series = streak_chart_series(market, end=date(2026, 1, 22), sessions=40)
    points = series["points"]
    assert len(points) == 40 and points[-1]["session"] > date(2026, 1, 22)
    assert series["streak"] == {"start": date(2026, 1, 2), "end": date(2026, 1, 22), "length": 14}
    assert sum(p["in_streak"] for p in points) == 14 and all(p["bps"] > 0 for p in points if p["in_streak"])
    svg = render_chart(series)
    assert svg.count('class="shade"') == 1 and svg.count('class="up"') + svg.count('class="down"') == 40


@pytest.fixture(scope="module")
def seed_page(market, tmp_path_factory):
    from extractor.checks import check_claim
    from extractor.conflicts import check_tickers, find_cross_conflicts, find_internal_conflicts
    from extractor.documents import iter_input_files, load_articles
    from extractor.html_report import render_html, streak_chart_series
    from extractor.nlp import build_nlp
    from extractor.normalize import dedupe_claims, normalize_candidate
    from extractor.reference import load_reference
    from extractor.rules import RuleSet

    root, reference = ROOT / "corpus" / "articles", load_reference(ROOT / "corpus" / "data" / "reference")
    rules, articles, claims = RuleSet(build_nlp(), reference), [], []
    for path in iter_input_files(root):
        for art in load_articles(path, root=root):
            articles.append(art)
            claims += dedupe_claims([r for r in (normalize_candidate(c, art) for c in rules.extract(art))
                                     if isinstance(r, Claim)])
    findings = {c.id: check_claim(c, market) for c in claims} | {f.claim_id: f for f in check_tickers(claims, reference)}
    calendar = market.calendar
    groups = find_internal_conflicts(claims, calendar=calendar) + find_cross_conflicts(claims, calendar=calendar)
    page = render_html(articles=articles, claims=claims, findings=findings, groups=groups,
                       series=streak_chart_series(market, end=date(2026, 1, 22)))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return page, path, claims, findings, groups


def test_seed_page_has_every_claim_and_contradicted_evidence(seed_page):
    page, _, claims, findings, groups = seed_page
    parsed = parse(page)
    assert all(f"claim-{c.id}" in parsed.ids and c.id in parsed.spans for c in claims)
    contradicted = [f for f in findings.values() if f.verdict == "contradicted"]
    assert contradicted
    for finding in contradicted:
        assert f"finding-{finding.claim_id}" in parsed.ids
        assert html.escape(finding.arithmetic) in page
        assert finding.actual is None or str(finding.actual) in page
    assert all(f"group-{g.id}" in parsed.ids for g in groups)


def headless_chromium(tmp_path, window: str) -> list[str]:
    """The command line of a headless Debian chromium (skips the test when it is not installed)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={window}"]


@pytest.mark.slow
def test_seed_page_renders_in_chromium(seed_page, tmp_path):
    _, path, *_ = seed_page
    png = tmp_path / "report.png"
    subprocess.run([*headless_chromium(tmp_path, "1280,2000"), f"--screenshot={png}", path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


@pytest.mark.slow
def test_seed_page_fits_a_phone_screen(seed_page, tmp_path):
    _, path, *_ = seed_page
    flags = headless_chromium(tmp_path, "390,844")
    dom = subprocess.run([*flags, "--virtual-time-budget=3000", "--dump-dom", path.as_uri()],
                         check=True, capture_output=True, timeout=120, text=True).stdout
    assert 'data-fits="true"' in dom  # no horizontal scrolling at a phone's width
    png = tmp_path / "phone.png"
    subprocess.run([*flags, f"--screenshot={png}", path.as_uri()], check=True, capture_output=True, timeout=120)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_contradicted_claims_are_listed_first_with_links_to_their_spans(seed_page):
    seed_page = seed_page[0]
    top = seed_page.split('<div class="contradicted">', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a href="#claim-([0-9a-f]+)">', top)
    assert links and all(f'id="claim-{claim_id}"' in seed_page for claim_id in links)
    assert seed_page.index('<div class="contradicted">') < seed_page.index('<section class="article"')


def test_subject_chart_series_shades_the_session_the_claims_are_about(market):
    from extractor.html_report import subject_chart_series

    series = subject_chart_series(market, subject="S&P 500", symbol="GSPC", end=date(2026, 1, 15))
    assert len(series["points"]) == 40 and [p["session"] for p in series["points"] if p["in_streak"]] == [date(2026, 1, 15)]
    assert subject_chart_series(market, subject="X", symbol="NOPE", end=date(2026, 1, 15)) == {}


def test_the_report_has_a_chart_per_subject_the_folder_talks_about(tmp_path, seed_dir):
    from extractor.pipeline import run_audit
    from extractor.settings import Settings

    run_audit(Settings(input_dir=seed_dir, out_dir=tmp_path))
    page = (tmp_path / "report.html").read_text()
    titles = re.findall(r'<section id="chart-\d+"><h2>([^<]+)</h2>', page)
    assert titles[:3] == ["Russell 2000 (RUT) daily return (bps)", "S&amp;P 500 (GSPC) daily return (bps)",
                          "Nasdaq Composite (IXIC) daily return (bps)"]
    assert '<section id="chart"><h2>RUT minus GSPC daily return (bps)' in page  # the streak chart stays
