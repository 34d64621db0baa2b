"""The human report: one self-contained HTML page (inline CSS, JS and SVG; no external URLs).

Every string that comes from an article (text, quotes, paths, titles) is hostile input and goes
through html.escape; the page loads nothing from the network.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from extractor.checks import Unverifiable, find_streak_as_of, find_wins
from extractor.errors import DataError
from extractor.models import Article, Claim, ConflictGroup, Finding
from extractor.prices import Market

VERDICTS = ("contradicted", "ambiguous", "supported", "unverifiable", "unchecked")
# Overlapping spans take the colour of the most serious verdict among them.
_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
_MAX_ROWS = 40
_HEDGE_SIGNS = {"approx": "≈", "approx_below": "≲", "approx_above": "≳", "min": "≥", "max": "≤"}


def esc(value: object) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


# ------------------------------------------------------------------ chart data

def streak_chart_series(market: Market, *, subject_symbol: str = "RUT", benchmark_symbol: str = "GSPC",
                        end: date, sessions: int = 40) -> dict:
    """Daily return of subject minus benchmark (bps) over `sessions` sessions around the streak ending at end."""
    subject, benchmark = market.series(subject_symbol), market.series(benchmark_symbol)
    if subject is None or benchmark is None:
        raise DataError(f"no price series for {subject_symbol} or {benchmark_symbol}")
    wins = find_wins(subject, benchmark)
    try:
        run = find_streak_as_of(wins, end)
    except Unverifiable as exc:
        raise DataError(str(exc)) from exc
    last = min(wins.position(end) + sessions // 4, len(wins.sessions) - 1)
    first = max(last - sessions + 1, 1)
    points = [_chart_point(wins.sessions[pos - 1], wins.sessions[pos], subject, benchmark, run)
              for pos in range(first, last + 1)]
    return {"title": f"{subject_symbol} minus {benchmark_symbol} daily return (bps)", "subject": subject_symbol,
            "benchmark": benchmark_symbol, "unit": "bps", "points": points,
            "streak": {"start": run.start, "end": run.end, "length": run.length}}


def _chart_point(prev: date, day: date, subject, benchmark, run) -> dict:
    s0, s1 = subject.bar(prev).close, subject.bar(day).close
    b0, b1 = benchmark.bar(prev).close, benchmark.bar(day).close
    bps = ((s1 / s0) - (b1 / b0)) * 10000
    return {"session": day, "bps": bps.quantize(Decimal("0.1")), "in_streak": run.start <= day <= run.end}


def subject_chart_series(market: Market, *, subject: str, symbol: str, end: date, sessions: int = 40) -> dict:
    """Daily return of one subject (bps) over `sessions` sessions around the session most of its claims are about."""
    series = market.series(symbol)
    at = series.position_on_or_before(end) if series else None
    if series is None or at is None or at < 1:
        return {}
    last = min(at + sessions // 4, len(series.bars) - 1)
    first = max(last - sessions + 1, 1)
    points = [{"session": series.bars[pos].session, "in_streak": series.bars[pos].session == end,
               "bps": ((series.bars[pos].close / series.bars[pos - 1].close - 1) * 10000).quantize(Decimal("0.1"))}
              for pos in range(first, last + 1)]
    return {"title": f"{subject} ({symbol}) daily return (bps)", "subject": symbol, "unit": "bps", "points": points,
            "caption": f"Shaded: {end}, the session most of the claims about {subject} refer to."}


# ------------------------------------------------------------------ the page

def render_html(*, articles: list[Article], claims: list[Claim], findings: dict[str, Finding],
                groups: list[ConflictGroup], series: dict, total_articles: int | None = None,
                subject_charts: list[dict] = ()) -> str:
    """The whole report page: summary, conflict groups, chart, articles with highlighted spans."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    groups_of = _groups_by_claim(groups)
    by_id = {c.id: c for c in claims}
    body = [_render_summary(articles, claims, findings, groups, total_articles or len(articles)),
            render_chart(series) if series.get("points") else ""]
    body += [render_chart(chart, anchor=f"chart-{n}") for n, chart in enumerate(subject_charts, 1) if chart.get("points")]
    body += [_render_groups(groups, by_id)]
    body += [_render_article(a, by_article.get(a.id, []), findings, groups_of) for a in articles]
    return render_page("\n".join(body))


def verdict_of(claim: Claim, findings: dict[str, Finding]) -> str:
    """The claim's verdict: its finding's if there is one."""
    finding = findings.get(claim.id)
    return finding.verdict if finding else claim.verdict


def _groups_by_claim(groups: list[ConflictGroup]) -> dict[str, list[ConflictGroup]]:
    index: dict[str, list[ConflictGroup]] = defaultdict(list)
    for group in groups:
        for member in group.members:
            index[member.claim_id].append(group)
    return index


def _render_summary(articles, claims, findings, groups, total_articles: int) -> str:
    counts = Counter(verdict_of(c, findings) for c in claims)
    badges = "".join(f'<span class="badge v-{v}">{v} <b>{counts.get(v, 0)}</b></span>' for v in VERDICTS)
    conflicting = [g for g in groups if g.status == "conflicting"]
    items = "".join(f'<li><a href="#group-{esc(g.id)}">[{esc(g.scope)}] {esc(g.topic)}</a></li>' for g in conflicting)
    nav = "".join(f'<li><a href="#article-{esc(a.id)}">{esc(a.path)}</a></li>' for a in articles)
    shown = (f"showing {len(articles):,} of {total_articles:,} articles (flagged ones first; all are in audit.db)"
             if total_articles > len(articles) else f"{len(articles)} articles")
    return (f'<header><h1>News-claim audit</h1><p>{shown} · {len(claims)} claims · '
            f'{len(groups)} conflict groups ({len(conflicting)} conflicting)</p><div class="badges">{badges}</div>'
            + _render_contradicted(claims, findings) +
            f'<div class="cols"><div><h3>Conflicting groups</h3><ul>{items or "<li>none</li>"}</ul></div>'
            f'<div><h3>Articles</h3><ul>{nav}</ul></div></div>'
            '<p class="hint">Click a highlighted span to see its finding; spans are coloured by verdict.</p></header>')


CONTRADICTED_AT_TOP = 50


def _render_contradicted(claims: list[Claim], findings: dict[str, Finding]) -> str:
    """The contradicted claims first of all, each linked to its span in its article."""
    bad = [c for c in claims if verdict_of(c, findings) == "contradicted"]
    if not bad:
        return ""
    shown = bad[:CONTRADICTED_AT_TOP]
    note = f" (showing {len(shown)} of {len(bad)})" if len(shown) < len(bad) else ""
    items = "".join(f'<li><a href="#claim-{esc(c.id)}">{esc(c.article)}: “{esc(c.quote)}”</a> → data says '
                    f'{esc(findings[c.id].actual if c.id in findings else c.actual)}</li>' for c in shown)
    return f'<div class="contradicted"><h3>Contradicted by the data{note}</h3><ul>{items}</ul></div>'


def _render_groups(groups: list[ConflictGroup], by_id: dict[str, Claim]) -> str:
    if not groups:
        return ""
    cards = "".join(_render_group(g, by_id) for g in sorted(groups, key=lambda g: (g.status != "conflicting", g.scope, g.topic)))
    return f'<section id="conflicts"><h2>Conflict groups</h2><div class="groups">{cards}</div></section>'


def _render_group(group: ConflictGroup, by_id: dict[str, Claim]) -> str:
    rows = "".join(f'<tr><td>{esc(m.article)}</td><td><a href="#claim-{esc(m.claim_id)}" class="q">“{esc(m.quote)}”</a>'
                   f'</td><td class="num">{esc(_member_value(m, by_id))}</td></tr>' for m in group.members)
    return (f'<article class="group s-{esc(group.status)}" id="group-{esc(group.id)}">'
            f'<h3><span class="status">{esc(group.status)}</span> <span class="scope">{esc(group.scope)}</span> '
            f'{esc(group.topic)}</h3><p class="reason">{esc(group.reason)}</p>'
            f'<table><tr><th>article</th><th>quote</th><th>value</th></tr>{rows}</table></article>')


def _member_value(member, by_id: dict[str, Claim]) -> str:
    claim = by_id.get(member.claim_id)
    if claim is None or claim.value is None:
        return "" if member.value is None else str(member.value)
    high = f"–{claim.value_high}" if claim.value_high is not None else ""
    hedge = _HEDGE_SIGNS.get(claim.hedge_norm or "", "")
    return f"{hedge}{claim.value}{high} {claim.unit or ''}".strip()


def _render_article(article: Article, claims: list[Claim], findings: dict[str, Finding],
                    groups_of: dict[str, list[ConflictGroup]]) -> str:
    meta = f"published {esc(article.published)} ({esc(article.published_basis)})"
    if article.as_of and article.as_of != article.published:
        meta += f" · data as of {esc(article.as_of)}"
    ordered = sorted(claims, key=lambda c: (c.start, c.end, c.id))
    flagged = [c for c in ordered if verdict_of(c, findings) in ("contradicted", "ambiguous")]
    flagged_ids = {c.id for c in flagged}
    rest = [c for c in ordered if c.id not in flagged_ids]
    cards = "".join(_render_card(c, findings.get(c.id), groups_of.get(c.id, []), article.text) for c in flagged)
    others = "".join(_render_card(c, findings.get(c.id), groups_of.get(c.id, []), article.text) for c in rest)
    return (f'<section class="article" id="article-{esc(article.id)}"><h2>{esc(article.title or article.path)}</h2>'
            f'<p class="meta">{esc(article.path)} · {meta}</p>'
            f'<div class="text">{render_spans(article, ordered, findings)}</div>'
            f'<h3>Flagged claims ({len(flagged)})</h3><div class="cards">{cards or "<p>none</p>"}</div>'
            f'<details><summary>All other findings ({len(rest)})</summary><div class="cards">{others}</div></details>'
            '</section>')


def render_spans(article: Article, claims: list[Claim], findings: dict[str, Finding]) -> str:
    """The article text, escaped, split at every span boundary so overlapping spans never break markup.

    One sweep over the cuts keeps the spans open at each cut (asking every span at every cut was
    quadratic: 16,000 claims in one article took minutes).
    """
    text = article.text
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    cuts = sorted({0, len(text)} | {c.start for c in spans} | {c.end for c in spans}
                  | {b.start for b in article.boilerplate} | {b.end for b in article.boilerplate})
    cuts = [cut for cut in cuts if 0 <= cut <= len(text)]
    opening, closing = defaultdict(list), defaultdict(list)
    for n, span in enumerate(spans):
        opening[span.start].append(n)
        closing[span.end].append(n)
    chrome_opening, chrome_closing = defaultdict(int), defaultdict(int)
    for span in article.boilerplate:
        chrome_opening[span.start] += span.start < span.end
        chrome_closing[span.end] += span.start < span.end
    open_spans: dict[int, None] = {}
    parts, chrome = [], 0
    for a, b in zip(cuts, cuts[1:]):
        for n in closing.pop(a, ()):
            del open_spans[n]
        open_spans.update(dict.fromkeys(opening.get(a, ())))
        chrome += chrome_opening.get(a, 0) - chrome_closing.get(a, 0)
        anchors = "".join(f'<a class="anchor" id="claim-{esc(spans[n].id)}"></a>' for n in opening.get(a, ()))
        covering = [spans[n] for n in sorted(open_spans)]
        parts.append(anchors + _segment(text[a:b], covering, findings, chrome > 0))
    return "".join(parts)


def _segment(piece: str, covering: list[Claim], findings: dict[str, Finding], dimmed: bool) -> str:
    inner = esc(piece)
    if covering:
        verdicts = sorted((verdict_of(c, findings) for c in covering), key=lambda v: _RANK.get(v, 9))
        ids = " ".join(c.id for c in covering)
        title = "; ".join(f"{c.kind} {c.value if c.value is not None else ''}: {verdict_of(c, findings)}" for c in covering)
        extra = " overlap" if len(covering) > 1 else ""
        inner = (f'<mark class="claim v-{esc(verdicts[0])}{extra}" data-claims="{esc(ids)}" tabindex="0" '
                 f'title="{esc(title)}">{inner}</mark>')
    return f'<span class="boilerplate">{inner}</span>' if dimmed else inner


def time_text(claim: Claim, text: str = "") -> str:
    """When the claim is about: basis, as-of session, window, the words that decided it, other readings."""
    parts = [claim.basis and f"basis {claim.basis}", claim.as_of and f"as of {claim.as_of}",
             claim.period_start and claim.period_end and f"window {claim.period_start} … {claim.period_end}"]
    if claim.time_start is not None and claim.time_end is not None and text:
        parts.append(f"decided by “{text[claim.time_start:claim.time_end]}”")
    elif claim.as_of or claim.period_end:
        parts.append("decided by the publication date (no time words)")
    if claim.time_readings:
        parts.append("other readings: " + ", ".join(claim.time_readings))
    return " · ".join(p for p in parts if p)


def _render_card(claim: Claim, finding: Finding | None, groups: list[ConflictGroup], text: str = "") -> str:
    verdict = finding.verdict if finding else claim.verdict
    fields = [("kind", claim.kind), ("normalized", normalized_text(claim)), ("time", time_text(claim, text)), ("verdict", verdict)]
    if finding:
        fields += [("check", finding.check), ("actual", finding.actual), ("difference", finding.difference),
                   ("tolerance", finding.tolerance), ("arithmetic", finding.arithmetic), ("missing", finding.missing)]
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in fields if v not in (None, ""))
    links = "".join(f'<li><a href="#group-{esc(g.id)}">{esc(g.status)}: {esc(g.topic)}</a></li>' for g in groups)
    return (f'<div class="card v-{esc(verdict)}" id="finding-{esc(claim.id)}">'
            f'<p><a href="#claim-{esc(claim.id)}" class="q">“{esc(claim.quote)}”</a> '
            f'<span class="badge v-{esc(verdict)}">{esc(verdict)}</span></p><table>{rows}</table>'
            + (_render_readings(finding) + _render_rows(finding) if finding else "")
            + (f'<ul class="ingroups">{links}</ul>' if links else "") + "</div>")


def normalized_text(claim: Claim) -> str:
    """The normalized claim in one line: subject, figure, unit, hedge, field and dates."""
    value = f"{claim.value}" + (f"–{claim.value_high}" if claim.value_high is not None else "")
    parts = [claim.subject and (claim.subject + (f" vs {claim.benchmark}" if claim.benchmark else "")),
             f"{value} {claim.unit or ''}".strip(), claim.hedge_norm and f"hedge {claim.hedge_norm}",
             claim.field or claim.basis or claim.relation or claim.metric or claim.per,
             claim.exchange and f"exchange {claim.exchange}", claim.name and f"name {claim.name}",
             claim.period_start and f"from {claim.period_start}", claim.period_end and f"to {claim.period_end}",
             claim.as_of and f"as of {claim.as_of}", claim.reference and f"ref {claim.reference}"]
    return " · ".join(str(p) for p in parts if p)


def _render_readings(finding: Finding) -> str:
    if not finding.readings:
        return ""
    rows = "".join(f"<tr><td>{esc(r.label)}</td><td class=num>{esc(r.actual)}</td><td>{'✓' if r.matches else '✗'}</td></tr>"
                   for r in finding.readings)
    return f'<table class="readings"><tr><th>reading</th><th>actual</th><th>match</th></tr>{rows}</table>'


def _render_rows(finding: Finding) -> str:
    if not finding.rows:
        return ""
    shown = finding.rows[:_MAX_ROWS]
    rows = "".join(f"<tr><td>{esc(r.symbol)}</td><td>{esc(r.session)}</td><td>{esc(r.field)}</td>"
                   f"<td class=num>{esc(r.value)}</td></tr>" for r in shown)
    more = f"<p class=meta>… {len(finding.rows) - len(shown)} more rows</p>" if len(finding.rows) > len(shown) else ""
    return (f'<details class="rows"><summary>data rows ({len(finding.rows)})</summary><table>'
            f"<tr><th>symbol</th><th>session</th><th>field</th><th>value</th></tr>{rows}</table>{more}</details>")


# ------------------------------------------------------------------ the chart

_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 960, 300, 56, 16, 34, 46


def render_chart(series: dict, *, anchor: str = "chart") -> str:
    """An inline SVG bar chart of the daily relative return with the streak sessions shaded."""
    points = series["points"]
    top = max((abs(p["bps"]) for p in points), default=Decimal(1)) or Decimal(1)
    step = (_W - _LEFT - _RIGHT) / len(points)
    zero = _TOP + (_H - _TOP - _BOTTOM) / 2

    def y(bps: Decimal) -> float:
        return zero - float(bps / top) * (_H - _TOP - _BOTTOM) / 2

    shade = [i for i, p in enumerate(points) if p["in_streak"]]
    parts = [_shade(shade, step)] if shade else []
    parts += [_bar(i, p, step, y, zero) for i, p in enumerate(points)]
    parts += _axes(points, step, top, y, zero)
    streak = series.get("streak", {})
    caption = series.get("caption") or (f"Shaded: {streak.get('length')}-session streak {streak.get('start')}..{streak.get('end')} "
                                        f"({series.get('subject')} beat {series.get('benchmark')} every session).")
    svg = (f'<svg viewBox="0 0 {_W} {_H}" width="100%" role="img" '
           f'aria-label="{esc(series.get("title"))}">{"".join(parts)}</svg>')
    return f'<section id="{anchor}"><h2>{esc(series.get("title"))}</h2>{svg}<p class="meta">{esc(caption)}</p></section>'


def _shade(indexes: list[int], step: float) -> str:
    x = _LEFT + min(indexes) * step
    width = (max(indexes) - min(indexes) + 1) * step
    return f'<rect class="shade" x="{x:.1f}" y="{_TOP}" width="{width:.1f}" height="{_H - _TOP - _BOTTOM}"/>'


def _bar(i: int, point: dict, step: float, y, zero: float) -> str:
    top, bottom = sorted((y(point["bps"]), zero))
    cls = "up" if point["bps"] >= 0 else "down"
    return (f'<rect class="{cls}" x="{_LEFT + i * step + step * 0.15:.1f}" y="{top:.1f}" width="{step * 0.7:.1f}" '
            f'height="{max(bottom - top, 0.5):.1f}"><title>{esc(point["session"])}: {esc(point["bps"])} bps</title></rect>')


def _axes(points: list[dict], step: float, top: Decimal, y, zero: float) -> list[str]:
    right = _W - _RIGHT
    parts = [f'<line class="axis" x1="{_LEFT}" x2="{right}" y1="{zero:.1f}" y2="{zero:.1f}"/>']
    for value in (top, top / 2, -top / 2, -top):
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{right}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                     f'<text class="tick" x="{_LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:.0f}</text>')
    for i in range(0, len(points), 5):
        x = _LEFT + i * step + step / 2
        parts.append(f'<text class="tick" x="{x:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle">'
                     f'{esc(points[i]["session"].strftime("%m-%d"))}</text>')
    parts.append(f'<text class="tick" x="{_LEFT - 6}" y="{zero + 4:.1f}" text-anchor="end">0</text>')
    parts.append(f'<text class="label" x="{_LEFT}" y="{_TOP - 12}">bps</text>')
    return parts


# ------------------------------------------------------------------ page shell

def render_page(body: str) -> str:
    """Wrap the body in the self-contained page (inline CSS and JS)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>News-claim audit</title><style>{_CSS}</style></head><body>{body}"
            f'<div id="popup" hidden></div><script>{_JS}</script></body></html>\n')


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1180px;padding:16px 24px;color:#1d2329;background:#fafbfc}
h1{margin:.2em 0}h2{border-bottom:2px solid #d8dee4;padding-bottom:4px;margin-top:1.6em}h3{margin:.6em 0 .3em}
header{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:12px 18px}
.cols{display:grid;grid-template-columns:2fr 1fr;gap:16px}.cols ul{margin:0;padding-left:18px}
.badges{display:flex;gap:8px;flex-wrap:wrap}.badge{border-radius:12px;padding:1px 10px;font-size:13px;border:1px solid #c9d1d9}
.hint,.meta{color:#57606a;font-size:13px}
.v-supported{background:#d3f5dc;border-color:#3fb950}.v-contradicted{background:#ffd7d5;border-color:#f85149}
.v-ambiguous{background:#fff1c2;border-color:#d4a72c}.v-unverifiable{background:#e7eaee;border-color:#8c959f}
.v-unchecked{background:#fff;border-color:#d0d7de}
.groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(360px,100%),1fr));gap:12px}
.group{background:#fff;border:1px solid #d8dee4;border-left:6px solid #8c959f;border-radius:6px;padding:8px 12px}
.group.s-conflicting{border-left-color:#f85149}.group.s-consistent{border-left-color:#3fb950}
.group h3{font-size:15px}.status{text-transform:uppercase;font-size:12px;font-weight:700}
.s-conflicting .status{color:#cf222e}.s-consistent .status{color:#1a7f37}.scope{font-size:12px;color:#57606a}
.reason{font-size:13px;background:#f6f8fa;padding:6px 8px;border-radius:4px;overflow-wrap:anywhere}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #eaeef2;padding:2px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.group td:first-child{font-size:12px;overflow-wrap:anywhere}
.article{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:4px 18px 12px;margin-top:18px}
.text{white-space:pre-wrap;font:15px/1.7 Georgia,serif;max-height:720px;overflow:auto;border:1px solid #eaeef2;padding:10px;border-radius:4px}
mark.claim{border-bottom:2px solid;border-radius:2px;padding:0 1px;cursor:pointer;color:inherit}
mark.claim mark.claim{padding:0}mark.overlap{border-bottom-style:double}mark.v-unchecked{background:transparent}
.boilerplate{opacity:.45}.anchor{scroll-margin-top:80px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(340px,100%),1fr));gap:8px}
.card{border:1px solid;border-left-width:5px;border-radius:6px;padding:4px 10px;background:#fff !important;overflow-wrap:anywhere}
.card th{width:90px;color:#57606a;font-weight:500}.q{color:#0b4f9c}.ingroups{font-size:13px;margin:4px 0;padding-left:18px}
.card:target,.group:target{box-shadow:0 0 0 3px #0969da}
svg .shade{fill:#fff1c2}svg .up{fill:#2da44e}svg .down{fill:#cf222e}svg .axis{stroke:#57606a}
svg .grid{stroke:#eaeef2}svg .tick,svg .label{font-size:11px;fill:#57606a}
#popup{position:absolute;z-index:10;max-width:520px;background:#fff;border:1px solid #8c959f;border-radius:8px;
box-shadow:0 8px 24px rgba(0,0,0,.2);padding:6px 10px}
#popup .close{float:right;cursor:pointer;border:0;background:none;font-size:18px}
svg{max-width:100%;height:auto}
@media (max-width:700px){body{padding:8px 10px}.cols{grid-template-columns:1fr}#popup{max-width:calc(100vw - 20px)}
.text{max-height:none}.readings,.rows table{display:block;overflow-x:auto}}
"""

_JS = """
(function(){
  var popup=document.getElementById('popup');
  // Read by the browser test: does the page fit its window's width (a phone's, say)?
  document.documentElement.setAttribute('data-fits', String(document.documentElement.scrollWidth <= window.innerWidth + 1));
  function show(mark,x,y){
    var html='<button class="close" aria-label="close">×</button>';
    mark.getAttribute('data-claims').split(' ').forEach(function(id){
      var card=document.getElementById('finding-'+id);
      if(card){html+='<div class="'+card.className+'">'+card.innerHTML+'</div>';}
    });
    popup.innerHTML=html;popup.hidden=false;
    popup.style.left=Math.max(8,Math.min(x,document.body.scrollWidth-540))+'px';popup.style.top=(y+14)+'px';
  }
  document.addEventListener('click',function(e){
    var mark=e.target.closest('mark.claim');
    if(mark){show(mark,e.pageX,e.pageY);e.preventDefault();return;}
    if(e.target.classList.contains('close')||!popup.contains(e.target)){popup.hidden=true;}
  });
  document.addEventListener('keydown',function(e){
    var mark=document.activeElement&&document.activeElement.closest&&document.activeElement.closest('mark.claim');
    if(e.key==='Escape'){popup.hidden=true;}
    else if(e.key==='Enter'&&mark){var r=mark.getBoundingClientRect();show(mark,r.left+window.scrollX,r.bottom+window.scrollY);}
  });
})();
"""
