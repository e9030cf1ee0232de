/**
 * The page around an HTML report (`decide --report`, `backtest --report`): the doctype and a
 * head that loads nothing and runs nothing, which the Content-Security-Policy says to the
 * browser too.
 *
 * @module
 */
import { type Html, markup } from './html-escape.js';

/** Only inline styles; no script, no fetch of any kind, no form, no base. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * One self-contained page. The title is escaped; the stylesheet is our own constant, so it goes
 * in as it is.
 *
 * @example renderPage('GO: gates.yml (drygate)', REPORT_CSS, markup`<main>${sections}</main>`)
 */
export function renderPage(title: string, css: string, body: Html): string {
  const page = markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="drygate">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${{ html: css }}</style>
</head>
<body>
${body}
</body>
</html>
`;
  return page.html;
}
