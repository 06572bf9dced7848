"""GET /brief/{iso2}?asOf=YYYY-MM-DD: a country's printable one-page brief, with the source of every fact.

Server-rendered HTML with a print stylesheet (A4, one page): it prints the same from any browser, needs no
script, and a link to it can be mailed. Every value is escaped; the analytics are those of queries/.
"""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from api.read_gate import BadParameter, as_of, read
from queries.brief import Brief, country_brief
from queries.coverage import CoverageCell
from queries.gap_kinds import gap_kinds
from queries.gaps import GapKind

__all__ = ["brief_routes", "render_brief"]

_STYLE = """
@page { size: A4; margin: 12mm; }
body { font: 10.5px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f23; max-width: 190mm; margin: 8px auto; }
h1 { font-size: 18px; margin: 0; } h2 { font-size: 12.5px; margin: 10px 0 3px; border-bottom: 1px solid #d5dae0; }
.meta { color: #5a636d; margin: 2px 0 6px; } .hint { color: #5a636d; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 1px 4px; border-bottom: 1px solid #eef0f2; vertical-align: top; }
th { font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 16px; } li { margin: 1px 0; }
.kpi { display: flex; gap: 18px; margin: 4px 0; } .kpi div { border: 1px solid #d5dae0; border-radius: 4px; padding: 3px 8px; }
.kpi strong { font-size: 15px; display: block; }
.sources li, .src { overflow-wrap: anywhere; color: #33506e; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 14px; }
@media print { a { color: inherit; text-decoration: none; } .noprint { display: none; } }
"""


def _src(source: str | None, sources: list[str]) -> str:
    """A footnote mark for `source` (collected into `sources`), or "no source recorded"."""
    if not source:
        return '<span class="hint">no source recorded</span>'
    if source not in sources:
        sources.append(source)
    return f'<sup class="src">[{sources.index(source) + 1}]</sup>'


def _money(cell: CoverageCell) -> str:
    return "; ".join(f"{m.currency or ''} {m.amount:,.0f}".strip() for m in cell.budgets)


def render_brief(brief: Brief) -> str:
    """The brief as one HTML page."""
    sources: list[str] = []
    labels = {info.kind: info.label for info in gap_kinds()}
    cells = sorted(brief.coverage, key=lambda c: (-c.organizations, c.theme_label or c.theme))
    coverage_rows = (
        "".join(
            f"<tr><td>{escape(c.theme_label or c.theme)}</td><td class='n'>{c.projects}</td><td class='n'>{c.organizations}</td>"
            f"<td>{escape(_money(c))}</td></tr>"
            for c in cells
        )
        or "<tr><td colspan='4' class='hint'>No active project on this date.</td></tr>"
    )
    overlaps = (
        "".join(
            f"<li>{escape(o.theme_label or o.theme)}: {escape(o.actor_a.name or o.actor_a.iri)} and "
            f"{escape(o.actor_b.name or o.actor_b.iri)}"
            + (
                " (no shared coordination mechanism)"
                if o.coordination_opportunity
                else " (share a mechanism)"
            )
            + "</li>"
            for o in brief.overlaps
        )
        or "<li class='hint'>No overlap.</li>"
    )
    real_gaps = [g for g in brief.gaps if g.kind is not GapKind.TREATY_STATUS_UNKNOWN]
    unknown = [g for g in brief.gaps if g.kind is GapKind.TREATY_STATUS_UNKNOWN]
    gaps = (
        "".join(
            f"<li data-kind='{escape(g.kind.value)}'><strong>{escape(labels[g.kind])}</strong>: {escape(g.reason)}</li>"
            for g in real_gaps
        )
        or "<li class='hint'>No gap.</li>"
    )
    commitments = (
        "".join(
            f"<tr><td>{escape(k.kind)}</td><td>{escape(k.what)}</td><td>{escape(k.date.isoformat() if k.date else 'unknown')}</td>"
            f"<td>{escape(k.consent or '')}</td><td>{_src(k.source, sources)}{_src(k.instrument_source, sources) if k.instrument_source else ''}</td></tr>"
            for k in brief.commitments
        )
        or "<tr><td colspan='5' class='hint'>No ratification, pledge or action plan recorded.</td></tr>"
    )
    status_lines = "".join(f"<li>{escape(s.sentence)}</li>" for s in brief.treaty_status)
    unknown_lines = "".join(f"<li>{escape(g.reason)}</li>" for g in unknown)
    country_source = _src(brief.source, sources)
    source_list = "".join(f"<li>[{i}] {escape(s)}</li>" for i, s in enumerate(sources, 1)) or (
        "<li class='hint'>No source recorded for these facts.</li>"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(brief.name)}: country brief as of {brief.as_of}</title>
<link rel="icon" href="data:,"><style>{_STYLE}</style></head>
<body data-iso2="{escape(brief.iso2)}" data-as-of="{brief.as_of}">
<h1>{escape(brief.name)} <span class="hint">({escape(brief.iso2)})</span> {country_source}</h1>
<p class="meta">Country brief as of <strong id="as-of">{brief.as_of}</strong>{f" · {escape(brief.region)}" if brief.region else ""} · from the cograph coordination graph · <span class="noprint">print with your browser (Ctrl+P): one A4 page</span></p>
<div class="kpi">
  <div id="kpi-covered"><strong>{brief.covered} of {brief.themes}</strong>themes with an active implementing actor</div>
  <div id="kpi-overlaps"><strong>{len(brief.overlaps)}</strong>overlaps</div>
  <div id="kpi-gaps"><strong>{len(real_gaps)}</strong>gaps</div>
  <div id="kpi-commitments"><strong>{len(brief.commitments)}</strong>commitments recorded</div>
</div>
<section id="coverage"><h2>Coverage (active projects and implementing actors per theme)</h2>
<table><thead><tr><th>Theme</th><th>Projects</th><th>Actors</th><th>Budget for the country</th></tr></thead><tbody>{coverage_rows}</tbody></table></section>
<div class="cols">
<section id="gaps"><h2>Gaps</h2><ul>{gaps}</ul></section>
<section id="overlaps"><h2>Overlaps</h2><ul>{overlaps}</ul></section>
</div>
<section id="commitments"><h2>Commitments and treaty status</h2>
<table><thead><tr><th>Kind</th><th>What</th><th>Date</th><th>Consent</th><th>Source</th></tr></thead><tbody>{commitments}</tbody></table>
{f"<p><strong>Treaty status unknown:</strong></p><ul id='unknown'>{unknown_lines}</ul>" if unknown else ""}
<ul class="hint" id="treaty-status">{status_lines}</ul></section>
<section id="sources"><h2>Sources (dcterms:source)</h2><ol class="sources" style="list-style:none;padding:0">{source_list}</ol></section>
</body></html>"""


async def brief(request: Request) -> Response:
    """The brief of the country in the path."""
    try:
        day = as_of(request)
    except BadParameter as error:
        return PlainTextResponse(str(error), status_code=400)
    iso2 = request.path_params["iso2"]
    found = await read(request, lambda graph: country_brief(graph, iso2, day))
    if isinstance(found, Response):
        return found
    return HTMLResponse(render_brief(found), headers={"Cache-Control": "no-cache"})


def brief_routes() -> list[BaseRoute]:
    return [Route("/brief/{iso2}", brief, name="country-brief")]
