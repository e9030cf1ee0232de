/**
 * The HTML report's stylesheet, inlined into the page: light and dark colour schemes, state
 * colours shared by the cards and the charts, and print rules (no cut cards, colours kept).
 *
 * @module
 */

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa;
  --code: #eff2f5; --plot: #fbfcfd; --grid: #e3e8ed;
  --pass: #1a7f37; --fail: #cf222e; --nodata: #9a6700; --error: #8250df;
  --pass-bg: #dafbe1; --fail-bg: #ffebe9; --nodata-bg: #fff8c5; --error-bg: #fbefff;
  --mark: #fff8c5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23;
    --code: #1f2630; --plot: #10151c; --grid: #262c36;
    --pass: #3fb950; --fail: #f85149; --nodata: #d29922; --error: #ab7df8;
    --pass-bg: #12361d; --fail-bg: #42161a; --nodata-bg: #3a2d0b; --error-bg: #2e1d4d;
    --mark: #3a2d0b;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 72rem; padding: 1.5rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--fg);
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.2em 0 0.5em; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--border); padding-bottom: 0.3rem; }
code, pre { font: 0.85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; word-break: break-all; }
pre {
  background: var(--code); padding: 0.75rem; border-radius: 6px; overflow-x: auto;
  white-space: pre-wrap; word-break: break-word; max-height: 30rem; overflow-y: auto;
}
a { color: inherit; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--border); }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); }

.decision {
  border: 2px solid var(--border); border-left-width: 0.6rem; border-radius: 8px;
  padding: 1rem 1.25rem; margin-bottom: 1.5rem; background: var(--card);
}
.decision.d-go { border-color: var(--pass); background: var(--pass-bg); }
.decision.d-nogo { border-color: var(--fail); background: var(--fail-bg); }
.decision.d-inconclusive { border-color: var(--nodata); background: var(--nodata-bg); }
.verdict { display: inline-block; font-size: 2.2rem; font-weight: 800; letter-spacing: 0.02em; margin-right: 0.5rem; }
.d-go .verdict { color: var(--pass); }
.d-nogo .verdict { color: var(--fail); }
.d-inconclusive .verdict { color: var(--nodata); }
.decision .reason { font-size: 1.05rem; margin: 0.25rem 0 0.75rem; overflow-wrap: anywhere; }

.badge {
  display: inline-block; padding: 0.05em 0.5em; border-radius: 1em; font-size: 0.75rem;
  font-weight: 700; border: 1px solid currentColor; vertical-align: middle; white-space: nowrap;
}
.badge.s-pass { color: var(--pass); background: var(--pass-bg); }
.badge.s-fail { color: var(--fail); background: var(--fail-bg); }
.badge.s-nodata { color: var(--nodata); background: var(--nodata-bg); }
.badge.s-error { color: var(--error); background: var(--error-bg); }
.badge.plain { color: var(--muted); font-weight: 500; }
.badge.weakest { color: var(--fg); background: var(--mark); }

.big { font-size: 2rem; font-weight: 800; font-variant-numeric: tabular-nums; }
.prob { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: baseline; }
.prob p { margin: 0; }
tr.weakest td { background: var(--mark); }
meter { width: 5rem; vertical-align: middle; }

.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; color: var(--muted); margin: 0.25rem 0 1rem; padding: 0; list-style: none; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.3em; vertical-align: -0.05em; }
.swatch.s-pass { background: var(--pass); }
.swatch.s-fail { background: var(--fail); }
.swatch.s-nodata { background: var(--nodata); }
.swatch.s-error { background: var(--error); }

.gate {
  border: 1px solid var(--border); border-left: 0.35rem solid var(--border); border-radius: 8px;
  padding: 0.25rem 1rem 0.75rem; margin: 1rem 0; background: var(--bg);
}
.gate.s-pass { border-left-color: var(--pass); }
.gate.s-fail { border-left-color: var(--fail); }
.gate.s-nodata { border-left-color: var(--nodata); }
.gate.s-error { border-left-color: var(--error); }
.gate .gate { background: var(--card); }
.gate-title { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.gate-title .name { overflow-wrap: anywhere; }
.gate .reason { margin: 0.25rem 0 0.5rem; overflow-wrap: anywhere; }
.gate h4, .gate h5, .gate h6 { font-size: 0.95rem; margin: 0.9em 0 0.3em; }
.warnings { color: var(--nodata); }
.value-pass { color: var(--pass); font-weight: 600; }
.value-fail { color: var(--fail); font-weight: 600; }

figure.signal { margin: 0.75rem 0; }
figure.signal figcaption { font-size: 0.85rem; color: var(--muted); }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; }
svg.chart .plot { fill: var(--plot); stroke: var(--border); }
svg.chart .grid { stroke: var(--grid); }
svg.chart .tick, svg.chart .threshold-label { fill: var(--muted); font: 10px system-ui, sans-serif; }
svg.chart .threshold-label { fill: var(--fg); font-weight: 600; }
svg.chart .threshold { stroke: var(--fg); stroke-width: 1; stroke-dasharray: 5 3; opacity: 0.7; }
svg.chart .line { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
svg.chart .line.s-pass { stroke: var(--pass); }
svg.chart .line.s-fail { stroke: var(--fail); }
svg.chart .line.s-nodata { stroke: var(--nodata); }
svg.chart .line.s-error { stroke: var(--error); }
svg.chart .dot.s-pass, svg.chart rect.s-pass { fill: var(--pass); }
svg.chart .dot.s-fail, svg.chart rect.s-fail { fill: var(--fail); }
svg.chart .dot.s-nodata, svg.chart rect.s-nodata { fill: var(--nodata); }
svg.chart .dot.s-error, svg.chart rect.s-error { fill: var(--error); }

footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }

@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .gate, figure.signal, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre { max-height: none; overflow: visible; }
  a { text-decoration: none; }
}
`;
